package io.buzz.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** Writes small Parquet files with DuckDB, the way users' tables look. */
public final class ParquetFiles {
  private ParquetFiles() {}

  /**
   * Writes the rows of {@code select} (DuckDB SQL) to {@code file}, creating its folders.
   *
   * @return {@code file}
   */
  public static Path write(Path file, String select) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = connection.createStatement()) {
      statement.execute(
          "COPY ("
              + select
              + ") TO '"
              + file.toAbsolutePath().toString().replace("'", "''")
              + "' (FORMAT PARQUET)");
      return file;
    } catch (SQLException e) {
      throw new IllegalStateException("DuckDB failed to write " + file + ": " + e.getMessage(), e);
    }
  }
}
