package io.buzz.storage.parquet;

import static java.util.Objects.requireNonNull;

import io.buzz.storage.io.ByteRange;
import io.buzz.storage.parquet.metadata.ParquetCodec;
import io.buzz.storage.parquet.metadata.ParquetEncoding;
import io.buzz.storage.parquet.metadata.PhysicalType;
import java.util.List;
import java.util.Optional;

/**
 * Where one column chunk of a row group lies in the file and what it holds.
 *
 * @param path the column's dotted path in the schema ({@code "a"} for a top-level column)
 * @param physicalType the storage type
 * @param encodings the encodings the writer says it used, in its order (unknown ids dropped)
 * @param codec the page compression
 * @param numValues values in the chunk, nulls included
 * @param totalCompressedSize the chunk's bytes in the file, page headers included
 * @param totalUncompressedSize the chunk's bytes after decompression, page headers included
 * @param dataPageOffset file offset of the first data page
 * @param dictionaryPageOffset file offset of the dictionary page, or -1 when there is none
 * @param statistics decoded statistics, {@link ColumnStatistics#NONE} when absent
 * @param offsetIndex where the chunk's OffsetIndex (its pages' locations) lies, when written
 * @param columnIndex where the chunk's ColumnIndex (its pages' statistics) lies, when written
 */
public record ColumnChunkMetadata(
    String path,
    PhysicalType physicalType,
    List<ParquetEncoding> encodings,
    ParquetCodec codec,
    long numValues,
    long totalCompressedSize,
    long totalUncompressedSize,
    long dataPageOffset,
    long dictionaryPageOffset,
    ColumnStatistics statistics,
    Optional<ByteRange> offsetIndex,
    Optional<ByteRange> columnIndex) {
  public ColumnChunkMetadata {
    requireNonNull(path, "path is null");
    requireNonNull(physicalType, "physicalType is null");
    encodings = List.copyOf(encodings);
    requireNonNull(codec, "codec is null");
    requireNonNull(statistics, "statistics is null");
    requireNonNull(offsetIndex, "offsetIndex is null");
    requireNonNull(columnIndex, "columnIndex is null");
  }

  /**
   * The chunk's bytes: from its dictionary page (when there is one before the first data page) over
   * {@link #totalCompressedSize()} bytes. Some writers record a dictionary offset of 0 or one past
   * the data page; those are ignored.
   */
  public ByteRange byteRange() {
    long start =
        dictionaryPageOffset > 0 && dictionaryPageOffset < dataPageOffset
            ? dictionaryPageOffset
            : dataPageOffset;
    return new ByteRange(start, (int) totalCompressedSize);
  }
}
