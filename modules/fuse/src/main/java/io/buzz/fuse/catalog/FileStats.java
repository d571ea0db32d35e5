package io.buzz.fuse.catalog;

import static java.util.Objects.requireNonNull;

import io.buzz.exec.StatisticsPruner.ColumnBounds;
import java.util.Map;

/**
 * What a catalog knows of a file's values before it is opened (a Delta table's per-file
 * statistics), for skipping files the HBee step's {@code WHERE} rules out. Bounds may be looser
 * than the data, never tighter.
 *
 * @param rows the file's row count (deleted rows included)
 * @param columns bounds by Parquet column name; a column without an entry is unknown
 */
public record FileStats(long rows, Map<String, ColumnBounds> columns) {
  public FileStats {
    columns = Map.copyOf(requireNonNull(columns, "columns is null"));
  }
}
