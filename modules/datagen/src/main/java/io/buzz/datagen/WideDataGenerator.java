package io.buzz.datagen;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Writes the wide table ({@link WideSql}: 107 columns of mixed types, URL-like and title-like
 * strings) as {@code part-NN.parquet} files with DuckDB's default Parquet settings (Snappy, PLAIN
 * and dictionary encodings), like {@link TaxiDataGenerator} staged and reused by its marker.
 */
public final class WideDataGenerator {
  private WideDataGenerator() {}

  /**
   * Generates the table into {@code dir} unless it is already there.
   *
   * @return true when files were written, false when existing ones were reused
   */
  public static boolean generate(Path dir, WideDataSpec spec) {
    requireNonNull(dir, "dir is null");
    requireNonNull(spec, "spec is null");
    return StagedDataSet.generate(dir, spec.describe(), staging -> write(staging, spec));
  }

  private static void write(Path dir, WideDataSpec spec) {
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = connection.createStatement()) {
      Files.createDirectories(dir);
      // One thread: the files' row order and row groups are then the same on every machine.
      statement.execute("SET threads = 1");
      statement.execute(WideSql.hashMacro());
      for (int file = 0; file < spec.files(); file++) {
        Path target = dir.resolve(String.format("part-%02d.parquet", file));
        statement.execute(
            "COPY ("
                + WideSql.select(spec, file)
                + ") TO '"
                + target.toString().replace("'", "''")
                + "' (FORMAT PARQUET, ROW_GROUP_SIZE "
                + spec.rowsPerRowGroup()
                + ")");
      }
    } catch (SQLException e) {
      throw new IllegalStateException("DuckDB failed to write " + dir + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
