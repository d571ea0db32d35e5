package io.buzz.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.c.ArrowArrayStream;
import org.apache.arrow.c.Data;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.duckdb.DuckDBConnection;

/**
 * DuckDB as the oracle: a query's rows as strings (NULL as null), in a fresh in-memory database.
 */
public final class DuckDb {
  private DuckDb() {}

  /**
   * The rows of {@code sql}, each value as JDBC's {@code getString}, after {@code SET
   * TimeZone='UTC'}.
   */
  public static List<List<String>> rows(String sql) {
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:")) {
      return rows(connection, sql);
    } catch (SQLException e) {
      throw new IllegalStateException("DuckDB failed on " + sql + ": " + e.getMessage(), e);
    }
  }

  /**
   * The rows of {@code sql}, where the table {@code arrow} is the Arrow IPC stream in {@code file}
   * scanned by DuckDB itself: the stream goes in through the Arrow C stream interface, since
   * DuckDB's own IPC reader is an extension it would download.
   */
  public static List<List<String>> rowsOverArrow(Path file, String sql) {
    try (BufferAllocator allocator = new RootAllocator();
        ArrowStreamReader reader = new ArrowStreamReader(Files.newInputStream(file), allocator);
        ArrowArrayStream stream = ArrowArrayStream.allocateNew(allocator);
        Connection connection = DriverManager.getConnection("jdbc:duckdb:")) {
      Data.exportArrayStream(allocator, reader, stream);
      connection.unwrap(DuckDBConnection.class).registerArrowStream("arrow", stream);
      return rows(connection, sql);
    } catch (SQLException | IOException e) {
      throw new IllegalStateException("DuckDB failed on " + sql + ": " + e.getMessage(), e);
    }
  }

  private static List<List<String>> rows(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("SET TimeZone = 'UTC'");
      List<List<String>> rows = new ArrayList<>();
      try (ResultSet result = statement.executeQuery(sql)) {
        int columns = result.getMetaData().getColumnCount();
        while (result.next()) {
          List<String> row = new ArrayList<>(columns);
          for (int c = 1; c <= columns; c++) {
            row.add(result.getString(c));
          }
          rows.add(row);
        }
      }
      return rows;
    }
  }

  /** The single value of {@code sql}. */
  public static String value(String sql) {
    List<List<String>> rows = rows(sql);
    if (rows.size() != 1 || rows.get(0).size() != 1) {
      throw new IllegalStateException(sql + " returned " + rows + ", not one value");
    }
    return rows.get(0).get(0);
  }
}
