package io.buzz.plan.sql;

import static java.util.Objects.requireNonNull;

import io.buzz.plan.physical.ValueType;
import io.buzz.protocol.plan.DataType;

/**
 * A column of a catalog table, as the catalog reports it.
 *
 * @param name the column name SQL uses
 * @param type its Buzz type
 * @param nullable whether it may hold NULLs; declare it truthfully, Calcite simplifies {@code
 *     COUNT(col)} over a non-null column to {@code COUNT(*)}
 * @param partition whether its value is one per file, from the catalog (a Hive-style {@code
 *     key=value} path segment, a Delta table's partition values) instead of the Parquet file; its
 *     text is cast to {@code type} (a Static catalog's partition columns are UTF8); nullable when
 *     some file has no value
 * @param fileColumn for a data column, the Parquet column holding it: the name itself, or the
 *     physical name a Delta table's column mapping gives it; for a partition column, the name
 * @param nullIfMissing for a data column, whether a file without it reads it as NULL (a Delta
 *     table's column added after some files were written) rather than failing the query
 * @param fieldId for a data column, its Parquet field id (column mapping's id mode), 0 when none
 */
public record TableColumn(
    String name,
    ValueType type,
    boolean nullable,
    boolean partition,
    String fileColumn,
    boolean nullIfMissing,
    int fieldId) {
  public TableColumn {
    requireNonNull(name, "name is null");
    requireNonNull(type, "type is null");
    requireNonNull(fileColumn, "fileColumn is null");
    if (partition && !fileColumn.equals(name)) {
      throw new IllegalArgumentException(
          "partition column '" + name + "' is not read from a file column");
    }
  }

  /** A column read from the Parquet files under its own name. */
  public static TableColumn data(String name, ValueType type, boolean nullable) {
    return new TableColumn(name, type, nullable, false, name, false, 0);
  }

  /**
   * A column of a table whose files may predate it (a Delta table): read from the Parquet column
   * {@code fileColumn} (its physical name under column mapping), NULL in a file without it.
   */
  public static TableColumn evolving(
      String name, ValueType type, boolean nullable, String fileColumn) {
    return evolving(name, type, nullable, fileColumn, 0);
  }

  /** The same, read by Parquet field id {@code fieldId} where a file has field ids. */
  public static TableColumn evolving(
      String name, ValueType type, boolean nullable, String fileColumn, int fieldId) {
    return new TableColumn(name, type, nullable, false, fileColumn, true, fieldId);
  }

  /** A column read from the Parquet files, of a type without precision and scale. */
  public static TableColumn data(String name, DataType type, boolean nullable) {
    return data(name, ValueType.of(type), nullable);
  }

  /** A partition column: UTF8, not null, from the file's path. */
  public static TableColumn partition(String name) {
    return partition(name, false);
  }

  /**
   * A partition column: UTF8 from the file's path; {@code nullable} when some file has no value.
   */
  public static TableColumn partition(String name, boolean nullable) {
    return partition(name, ValueType.UTF8, nullable);
  }

  /** A partition column of {@code type}, its text value per file cast to it. */
  public static TableColumn partition(String name, ValueType type, boolean nullable) {
    return new TableColumn(name, type, nullable, true, name, false, 0);
  }
}
