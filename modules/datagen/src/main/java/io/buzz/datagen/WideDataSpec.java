package io.buzz.datagen;

/**
 * What to generate for the wide table: {@code rows} events in {@code files} Parquet files of
 * consecutive ids, at most {@code rowsPerRowGroup} rows per row group. See {@link WideSql} for the
 * columns.
 */
public record WideDataSpec(long rows, int files, int rowsPerRowGroup) {
  /** The bench's default: 2 M rows in 8 files (about 1.5 GB of Parquet: random values). */
  public static final WideDataSpec DEFAULT = new WideDataSpec(2_000_000, 8, 122_880);

  public WideDataSpec {
    if (rows < 1) {
      throw new IllegalArgumentException("rows must be at least 1, got " + rows);
    }
    if (files < 1 || files > rows) {
      throw new IllegalArgumentException("files must be between 1 and rows, got " + files);
    }
    if (rowsPerRowGroup < 1) {
      throw new IllegalArgumentException("rowsPerRowGroup must be at least 1");
    }
  }

  /** The first id of file {@code file}; file {@code f} holds ids {@code [first(f), first(f+1))}. */
  public long firstId(int file) {
    return rows * file / files;
  }

  /** The marker written beside the data, so a later run can tell whether it may reuse them. */
  public String describe() {
    return "wide rows=" + rows + " files=" + files + " row_group=" + rowsPerRowGroup;
  }
}
