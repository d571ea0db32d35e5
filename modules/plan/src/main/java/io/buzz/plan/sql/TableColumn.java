package io.buzz.plan.sql;

import static java.util.Objects.requireNonNull;

import io.buzz.plan.physical.ValueType;
import io.buzz.protocol.plan.DataType;

/**
 * A column of a catalog table, as the catalog reports it.
 *
 * @param name the column name (Parquet column name, or partition key)
 * @param type its Buzz type
 * @param nullable whether it may hold NULLs; declare it truthfully, Calcite simplifies {@code
 *     COUNT(col)} over a non-null column to {@code COUNT(*)}
 * @param partition whether its value comes from a Hive-style {@code key=value} path segment instead
 *     of the Parquet file; partition columns are UTF8, and nullable only when some file has no
 *     value for the key (a missing segment or Hive's {@code __HIVE_DEFAULT_PARTITION__})
 */
public record TableColumn(String name, ValueType type, boolean nullable, boolean partition) {
  public TableColumn {
    requireNonNull(name, "name is null");
    requireNonNull(type, "type is null");
    if (partition && type.id() != DataType.UTF8) {
      throw new IllegalArgumentException(
          "partition column '" + name + "' must be UTF8, got " + type);
    }
  }

  /** A column read from the Parquet files. */
  public static TableColumn data(String name, ValueType type, boolean nullable) {
    return new TableColumn(name, type, nullable, false);
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
    return new TableColumn(name, ValueType.UTF8, nullable, true);
  }
}
