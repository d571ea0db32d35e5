package io.buzz.storage.parquet;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * DuckDB through JDBC, for tests: writes Parquet files and reads them back as the oracle. Values
 * come back canonical: DATE as epoch days (Integer), TIMESTAMPs as epoch microseconds (Long), FLOAT
 * as Float, TIMEs as microseconds since midnight (Long; WITH TIME ZONE at UTC, TIME_NS
 * floor-divided), so they compare exactly with what the reader decodes.
 */
final class DuckDbOracle implements AutoCloseable {
  private final Connection connection;

  DuckDbOracle() throws SQLException {
    connection = DriverManager.getConnection("jdbc:duckdb:");
    try (Statement statement = connection.createStatement()) {
      statement.execute("SET threads = 1");
      statement.execute("SET TimeZone = 'UTC'");
    }
  }

  void execute(String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  /** Writes {@code query}'s rows to {@code file} with COPY options such as "COMPRESSION zstd". */
  Path write(String query, Path file, String options) throws SQLException {
    String extra = options.isBlank() ? "" : ", " + options;
    execute("COPY (" + query + ") TO '" + file + "' (FORMAT parquet" + extra + ")");
    return file;
  }

  /** Every row of the file as canonical values, in file order, for the given columns. */
  List<List<Object>> rows(Path file, List<String> columns) throws SQLException {
    List<String> projections = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet types =
            statement.executeQuery(
                "SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet('"
                    + file
                    + "'))")) {
      List<String[]> described = new ArrayList<>();
      while (types.next()) {
        described.add(new String[] {types.getString(1), types.getString(2)});
      }
      for (String column : columns) {
        String type = null;
        for (String[] d : described) {
          if (d[0].equals(column)) {
            type = d[1];
          }
        }
        projections.add(canonical(quote(column), type));
      }
    }
    String sql = "SELECT " + String.join(", ", projections) + " FROM read_parquet('" + file + "')";
    List<List<Object>> rows = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      ResultSetMetaData meta = result.getMetaData();
      while (result.next()) {
        Object[] row = new Object[meta.getColumnCount()];
        for (int i = 0; i < row.length; i++) {
          row[i] = result.getObject(i + 1);
        }
        rows.add(Arrays.asList(row));
      }
    }
    return rows;
  }

  long count(String sql) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      result.next();
      return result.getLong(1);
    }
  }

  private static String canonical(String column, String type) {
    if (type == null) {
      throw new IllegalArgumentException("no column " + column);
    }
    if (type.equals("DATE")) {
      return "CAST(" + column + " - DATE '1970-01-01' AS INTEGER)";
    }
    if (type.startsWith("TIMESTAMP")) {
      return "epoch_us(" + column + ")";
    }
    if (type.equals("TIME")) {
      return "epoch_us(" + column + ")";
    }
    if (type.equals("TIME WITH TIME ZONE")) {
      return "epoch_us(CAST(" + column + " AS TIME))"; // the session's time zone is UTC
    }
    if (type.equals("TIME_NS")) {
      return "epoch_ns(" + column + ") // 1000";
    }
    if (type.equals("TINYINT")
        || type.equals("SMALLINT")
        || type.equals("UTINYINT")
        || type.equals("USMALLINT")) {
      return "CAST(" + column + " AS INTEGER)";
    }
    if (type.equals("UUID")) {
      return "CAST(" + column + " AS VARCHAR)";
    }
    if (type.equals("UINTEGER") || type.equals("UBIGINT")) {
      return "CAST(" + column + " AS BIGINT)"; // Buzz reads both as BIGINT
    }
    return column;
  }

  private static String quote(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }
}
