package io.buzz.local.e2e;

import io.buzz.fuse.client.ResultRows;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

/**
 * Computes the answer a two-step query must have, with DuckDB over the same files (a folder's
 * {@code **}{@code /*.parquet}, or one file): the HBee step over the whole table (after the
 * partition filter) into a table named like the step, then the HComb step over it.
 */
final class DuckDbOracle implements AutoCloseable {
  private final Connection connection;

  DuckDbOracle() throws SQLException {
    connection = DriverManager.getConnection("jdbc:duckdb:");
  }

  List<List<Object>> answer(
      Path table,
      String catalog,
      String hbeeName,
      String hbeeSql,
      Optional<String> partitionFilter,
      String hcombSql)
      throws SQLException {
    return answer(
        "SELECT * FROM read_parquet('"
            + (Files.isRegularFile(table) ? table.toString() : table + "/**/*.parquet")
            + "', hive_partitioning = true, hive_types_autocast = false)",
        catalog,
        hbeeName,
        hbeeSql,
        partitionFilter,
        hcombSql);
  }

  /** The same over the rows of {@code tableSql} (a SELECT), e.g. a Delta table's live files. */
  List<List<Object>> answer(
      String tableSql,
      String catalog,
      String hbeeName,
      String hbeeSql,
      Optional<String> partitionFilter,
      String hcombSql)
      throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE OR REPLACE VIEW "
              + catalog
              + " AS SELECT * FROM ("
              + tableSql
              + ")"
              + partitionFilter.map(f -> " WHERE " + f).orElse(""));
      statement.execute("CREATE OR REPLACE TABLE " + hbeeName + " AS " + hbeeSql);
      try (ResultSet rows = statement.executeQuery(hcombSql)) {
        return ResultRows.fromJdbc(rows);
      }
    }
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }
}
