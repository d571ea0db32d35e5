package io.buzz.datagen;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Writes a deterministic, NYC-taxi-like data set as Hive-partitioned Parquet with DuckDB (default
 * Parquet settings: snappy, PLAIN and dictionary encodings, data page v1), the way users' tables
 * typically look.
 *
 * <p>Every value is a pure function of the row number (DuckDB's {@code hash}), so the same spec
 * gives the same files. Columns: {@code vendor_id} VARCHAR, {@code pickup_datetime} TIMESTAMP,
 * {@code passenger_count} INTEGER (about 3% NULL), {@code trip_distance} DOUBLE, {@code
 * payment_type} VARCHAR (about 1% NULL), {@code fare_amount} DOUBLE, {@code tip_amount} DOUBLE
 * (about 10% NULL), {@code total_amount} DOUBLE; the partition column {@code pickup_date} lives in
 * the directory names only.
 *
 * <p>The data set is written to a temporary sibling directory and moved into place, so an
 * interrupted run never leaves a half-written table behind. A marker file records the spec; a later
 * run with the same spec reuses the data.
 */
public final class TaxiDataGenerator {
  private TaxiDataGenerator() {}

  /** True when {@code dir} already holds the data set of {@code spec}. */
  public static boolean isGenerated(Path dir, TaxiDataSpec spec) {
    return StagedDataSet.isGenerated(dir, spec.describe());
  }

  /**
   * Generates the data set into {@code dir} unless it is already there.
   *
   * @return true when files were written, false when existing ones were reused
   */
  public static boolean generate(Path dir, TaxiDataSpec spec) {
    requireNonNull(dir, "dir is null");
    requireNonNull(spec, "spec is null");
    return StagedDataSet.generate(dir, spec.describe(), staging -> writeParquet(staging, spec));
  }

  /** Writes the Hive-partitioned Parquet files of {@code spec} into {@code dir}. */
  static void writeParquet(Path dir, TaxiDataSpec spec) {
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = connection.createStatement()) {
      // One thread: the files' row order and row groups are then the same on every machine.
      statement.execute("SET threads = 1");
      statement.execute(
          "COPY ("
              + TaxiSql.selectTrips(spec)
              + ") TO '"
              + dir.toString().replace("'", "''")
              + "' (FORMAT PARQUET, PARTITION_BY (pickup_date), ROW_GROUP_SIZE "
              + spec.rowsPerRowGroup()
              + ")");
    } catch (SQLException e) {
      throw new IllegalStateException("DuckDB failed to write " + dir + ": " + e.getMessage(), e);
    }
  }
}
