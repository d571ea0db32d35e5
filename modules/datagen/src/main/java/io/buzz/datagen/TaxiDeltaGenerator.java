package io.buzz.datagen;

import static java.util.Objects.requireNonNull;

import io.buzz.datagen.delta.DeletionVectorWriter;
import io.buzz.datagen.delta.DeltaCheckpoints;
import io.buzz.datagen.delta.DeltaLogWriter;
import io.buzz.datagen.delta.DeltaLogWriter.Column;
import io.buzz.datagen.delta.DeltaStats;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The taxi data set as a Delta table partitioned by {@code pickup_date} (a DATE), written the way a
 * table's history usually looks: the first days created in version 0, the last days appended in
 * version 1, and in version 2 a copy-on-write delete of the {@code 'Dispute'} payments of one day
 * (its file removed and a rewritten file added; the removed file stays on disk, as it does until a
 * VACUUM), then a checkpoint of version 2 (written by Delta Kernel), a metadata-only version 3
 * after it, and in version 4 a delete of one day's {@code 'No Charge'} trips with a deletion vector
 * ({@link #deletedByVector}). Commit timestamps are fixed ({@link #COMMIT_0} plus one hour per
 * version), so time travel by timestamp is reproducible.
 */
public final class TaxiDeltaGenerator {
  /** When version 0 was committed; version v was committed v hours later. */
  public static final Instant COMMIT_0 = Instant.parse("2026-01-01T00:00:00Z");

  static final String TABLE_ID = "b0c0a000-0000-4000-8000-000000000001";

  /** The table's columns, as Delta declares them. */
  public static final List<Column> SCHEMA =
      List.of(
          new Column("vendor_id", "string"),
          new Column("pickup_datetime", "timestamp_ntz"),
          new Column("passenger_count", "integer"),
          new Column("trip_distance", "double"),
          new Column("payment_type", "string"),
          new Column("fare_amount", "double"),
          new Column("tip_amount", "double"),
          new Column("total_amount", "double"),
          new Column("pickup_date", "date"));

  private TaxiDeltaGenerator() {}

  /** The marker of the Delta variant of {@code spec}. */
  static String describe(TaxiDataSpec spec) {
    return "delta v6 " + spec.describe();
  }

  /**
   * Generates the table into {@code dir} unless it is already there.
   *
   * @return true when files were written, false when existing ones were reused
   */
  public static boolean generate(Path dir, TaxiDataSpec spec) {
    requireNonNull(dir, "dir is null");
    requireNonNull(spec, "spec is null");
    return StagedDataSet.generate(
        dir,
        describe(spec),
        staging -> {
          TaxiDataGenerator.writeParquet(staging, spec);
          writeLog(staging, spec);
        });
  }

  /** The day whose {@code 'Dispute'} payments version 2 deletes. */
  public static String deletedDay(TaxiDataSpec spec) {
    return spec.firstDay().plusDays(Math.min(2, spec.days() - 1)).toString();
  }

  private static void writeLog(Path root, TaxiDataSpec spec) {
    DeltaLogWriter log = new DeltaLogWriter(root);
    List<Path> files = dataFiles(root);
    int appendedDays = spec.days() >= 4 ? 3 : 0;
    String firstAppended = spec.firstDay().plusDays(spec.days() - appendedDays).toString();
    List<String> created = new ArrayList<>();
    List<String> appended = new ArrayList<>();
    created.add(DeltaLogWriter.protocol(3, 7, List.of("timestampNtz"), List.of("timestampNtz")));
    created.add(
        DeltaLogWriter.metadata(
            TABLE_ID, SCHEMA, List.of("pickup_date"), Map.of(), COMMIT_0.toEpochMilli()));
    for (Path file : files) {
      String day = day(file);
      String add = log.add(file, Map.of("pickup_date", day), stats(file));
      (day.compareTo(firstAppended) >= 0 && appendedDays > 0 ? appended : created).add(add);
    }
    log.commit(0, commitMillis(0), "CREATE TABLE AS SELECT", created);
    log.commit(1, commitMillis(1), "WRITE", appended);

    String deleted = deletedDay(spec);
    List<String> delete = new ArrayList<>();
    for (Path file : files) {
      if (day(file).equals(deleted)) {
        Path rewritten = file.resolveSibling("part-00000-rewritten-v2.parquet");
        copyWithoutDisputes(file, rewritten);
        delete.add(log.remove(file, commitMillis(2)));
        delete.add(log.add(rewritten, Map.of("pickup_date", deleted), stats(rewritten)));
      }
    }
    log.commit(2, commitMillis(2), "DELETE", delete);
    DeltaCheckpoints.write(root, 2);
    // a commit after the checkpoint: readers take the checkpoint and replay this one
    log.commit(
        3,
        commitMillis(3),
        "SET TBLPROPERTIES",
        List.of(
            DeltaLogWriter.metadata(
                TABLE_ID,
                SCHEMA,
                List.of("pickup_date"),
                Map.of("delta.checkpointInterval", "10"),
                COMMIT_0.toEpochMilli())));
    deleteWithVector(root, log, spec, files);
  }

  /** The day whose {@code 'No Charge'} trips version 4 deletes with a deletion vector. */
  public static String vectorDay(TaxiDataSpec spec) {
    return spec.firstDay().plusDays(Math.min(1, spec.days() - 1)).toString();
  }

  /**
   * The rows version 4 deletes, as a SQL condition over the table (for oracles): the {@code 'No
   * Charge'} trips of {@link #vectorDay}.
   */
  public static String deletedByVector(TaxiDataSpec spec) {
    return "pickup_date = DATE '" + vectorDay(spec) + "' AND payment_type = 'No Charge'";
  }

  /**
   * Version 4: deletes a day's {@code 'No Charge'} trips with a deletion vector stored beside the
   * data (the file stays as it is), enabling the table's {@code deletionVectors} feature.
   */
  private static void deleteWithVector(
      Path root, DeltaLogWriter log, TaxiDataSpec spec, List<Path> files) {
    String day = vectorDay(spec);
    Path file = files.stream().filter(f -> day(f).equals(day)).findFirst().orElseThrow();
    long[] rows = positionsOfNoCharge(file);
    String vector = DeletionVectorWriter.stored(root, UUID.nameUUIDFromBytes(day.getBytes()), rows);
    List<String> features = List.of("timestampNtz", "deletionVectors");
    log.commit(
        4,
        commitMillis(4),
        "DELETE",
        List.of(
            DeltaLogWriter.protocol(3, 7, features, features),
            DeltaLogWriter.metadata(
                TABLE_ID,
                SCHEMA,
                List.of("pickup_date"),
                Map.of("delta.checkpointInterval", "10", "delta.enableDeletionVectors", "true"),
                COMMIT_0.toEpochMilli()),
            log.remove(file, commitMillis(4)),
            log.add(file, Map.of("pickup_date", day), stats(file), vector)));
  }

  private static long[] positionsOfNoCharge(Path file) {
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = connection.createStatement();
        ResultSet result =
            statement.executeQuery(
                "SELECT file_row_number FROM read_parquet('"
                    + file.toString().replace("'", "''")
                    + "', file_row_number = true, hive_partitioning = false)"
                    + " WHERE payment_type = 'No Charge' ORDER BY 1")) {
      List<Long> rows = new ArrayList<>();
      while (result.next()) {
        rows.add(result.getLong(1));
      }
      return rows.stream().mapToLong(Long::longValue).toArray();
    } catch (SQLException e) {
      throw new IllegalStateException("DuckDB failed to read " + file + ": " + e.getMessage(), e);
    }
  }

  /** A data file's statistics, as Spark writes them (the partition column is not in the file). */
  private static String stats(Path file) {
    return DeltaStats.of(file, SCHEMA.subList(0, SCHEMA.size() - 1));
  }

  /** When version {@code v} was committed. */
  public static long commitMillis(long v) {
    return COMMIT_0.toEpochMilli() + v * 3_600_000L;
  }

  private static String day(Path file) {
    String directory = file.getParent().getFileName().toString();
    return directory.substring(directory.indexOf('=') + 1);
  }

  private static List<Path> dataFiles(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      return paths.filter(p -> p.toString().endsWith(".parquet")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("listing " + root, e);
    }
  }

  private static void copyWithoutDisputes(Path from, Path to) {
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = connection.createStatement()) {
      statement.execute("SET threads = 1");
      statement.execute(
          "COPY (SELECT * FROM read_parquet('"
              + from.toString().replace("'", "''")
              + "', hive_partitioning = false) WHERE payment_type IS DISTINCT FROM 'Dispute') TO '"
              + to.toString().replace("'", "''")
              + "' (FORMAT PARQUET)");
    } catch (SQLException e) {
      throw new IllegalStateException(
          "DuckDB failed to rewrite " + from + ": " + e.getMessage(), e);
    }
  }
}
