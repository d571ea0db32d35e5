package io.buzz.cli.format.parquet;

/**
 * How {@link ParquetStreamWriter} cuts and compresses a file. A row group ends at {@code
 * rowGroupRows} rows or once its pages hold {@code rowGroupBytes} (compressed) bytes, whichever
 * comes first; a data page at {@code pageRows} rows or {@code pageBytes} bytes of values. The
 * writer holds one row group's pages in memory (a column chunk must be contiguous in the file), so
 * {@code rowGroupBytes} bounds its memory, plus one page per column.
 */
public record ParquetOptions(
    int rowGroupRows,
    long rowGroupBytes,
    int pageRows,
    int pageBytes,
    ParquetCompression compression) {
  /** 128 Ki rows or 64 MiB per row group, 20,000 rows or 1 MiB per page, Snappy. */
  public static final ParquetOptions DEFAULTS =
      new ParquetOptions(128 * 1024, 64L << 20, 20_000, 1 << 20, ParquetCompression.SNAPPY);

  public ParquetOptions {
    if (rowGroupRows < 1 || rowGroupBytes < 1 || pageRows < 1 || pageBytes < 1) {
      throw new IllegalArgumentException(
          "row group and page sizes must be at least 1, got rowGroupRows "
              + rowGroupRows
              + ", rowGroupBytes "
              + rowGroupBytes
              + ", pageRows "
              + pageRows
              + ", pageBytes "
              + pageBytes);
    }
    java.util.Objects.requireNonNull(compression, "compression is null");
  }

  public ParquetOptions withRowGroupRows(int rows) {
    return new ParquetOptions(rows, rowGroupBytes, pageRows, pageBytes, compression);
  }

  public ParquetOptions withCompression(ParquetCompression codec) {
    return new ParquetOptions(rowGroupRows, rowGroupBytes, pageRows, pageBytes, codec);
  }

  public ParquetOptions withPageRows(int rows) {
    return new ParquetOptions(rowGroupRows, rowGroupBytes, rows, pageBytes, compression);
  }
}
