package io.buzz.bench;

import io.buzz.fuse.client.ResultRows;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Embedded DuckDB in the bench's own process, with as many threads as Buzz's compute pools, running
 * each suite query as one statement over the same Parquet files.
 */
final class DuckDbPeer implements AutoCloseable {
  private final Connection connection;
  private final String glob;

  DuckDbPeer(Path table, int threads) throws SQLException {
    this.connection = DriverManager.getConnection("jdbc:duckdb:");
    this.glob = table.toAbsolutePath() + "/**/*.parquet";
    try (Statement statement = connection.createStatement()) {
      statement.execute("SET threads = " + threads);
    }
  }

  /** The embedded DuckDB's version, from a connection of its own. */
  static String engineVersion() throws SQLException {
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT version()")) {
      rs.next();
      return rs.getString(1);
    }
  }

  /** One timed run; the time includes fetching and normalizing every row, as Buzz's does. */
  record Run(double millis, List<List<Object>> rows) {}

  Run run(BenchQuery query) throws SQLException {
    String sql = query.duckDbSql(glob);
    long start = System.nanoTime();
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      List<List<Object>> result = ResultRows.fromJdbc(rows);
      return new Run((System.nanoTime() - start) / 1e6, result);
    }
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }
}
