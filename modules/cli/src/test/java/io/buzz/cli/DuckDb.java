package io.buzz.cli;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

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
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = connection.createStatement()) {
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
    } catch (SQLException e) {
      throw new IllegalStateException("DuckDB failed on " + sql + ": " + e.getMessage(), e);
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
