package io.buzz.bench;

import io.buzz.datagen.TaxiDataGenerator;
import io.buzz.datagen.TaxiDataSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** The bench's data sets: the taxi table, and the fan-out's table of identical tiny files. */
final class BenchData {
  private static final String FANOUT_MARKER = "_buzz_fanout.txt";

  private BenchData() {}

  /** Files and bytes of a table folder. */
  record TableSize(int files, long bytes) {}

  /**
   * Generates the taxi table of {@code spec} in {@code dir} unless it is already there.
   *
   * @return true when it was written now
   */
  static boolean taxi(Path dir, TaxiDataSpec spec) {
    return TaxiDataGenerator.generate(dir, spec);
  }

  static TableSize size(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      List<Path> files =
          paths.filter(p -> p.getFileName().toString().endsWith(".parquet")).toList();
      long bytes = 0;
      for (Path file : files) {
        bytes += Files.size(file);
      }
      return new TableSize(files.size(), bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("measuring " + dir, e);
    }
  }

  /**
   * A table of {@code files} copies of one 10-row Parquet file written by DuckDB (copies are fast;
   * the fan-out measures dispatch, not data). Reused when a previous run made the same number.
   */
  static void fanOut(Path dir, int files) {
    Path marker = dir.resolve(FANOUT_MARKER);
    String describe = "files=" + files;
    try {
      if (Files.isRegularFile(marker)
          && Files.readString(marker, StandardCharsets.UTF_8).strip().equals(describe)) {
        return;
      }
      deleteRecursively(dir);
      Files.createDirectories(dir);
      Path first = dir.resolve(name(0));
      try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
          Statement statement = connection.createStatement()) {
        statement.execute(
            "COPY (SELECT CAST(range AS BIGINT) AS id, range * 0.5 AS amount FROM range(10)) TO '"
                + first.toString().replace("'", "''")
                + "' (FORMAT PARQUET)");
      }
      for (int i = 1; i < files; i++) {
        Files.copy(first, dir.resolve(name(i)), StandardCopyOption.REPLACE_EXISTING);
      }
      Files.writeString(marker, describe + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("writing the fan-out table " + dir, e);
    } catch (SQLException e) {
      throw new IllegalStateException("DuckDB failed to write the fan-out file: " + e, e);
    }
  }

  private static String name(int i) {
    return String.format("part-%06d.parquet", i);
  }

  static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
