package io.buzz.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.buzz.datagen.TaxiDataGenerator;
import io.buzz.datagen.TaxiDataSpec;
import io.buzz.datagen.TaxiDeltaGenerator;
import io.buzz.testing.DeltaLiveFiles;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed's example queries in {@code examples/}, run by {@code buzz query} as a user runs them —
 * over small copies of the sample data (the catalog URI pointed at them) — print the answer DuckDB
 * computes over the same rows: over the Delta table's live files, or over the Parquet folder.
 */
class ExampleQueriesTest {
  static final TaxiDataSpec DATA = new TaxiDataSpec(20_000, 8, LocalDate.of(2009, 1, 1), 1000);
  static final Path EXAMPLES = Path.of("../../examples");

  @TempDir static Path temp;

  @Test
  void theSeedQueryOverTheDeltaSample() throws Exception {
    Path table = temp.resolve("nyc-taxi-delta");
    TaxiDeltaGenerator.generate(table, DATA);
    String source =
        "SELECT * FROM ("
            + DeltaLiveFiles.select(table, -1, Map.of("pickup_date", "DATE"), Map.of())
            + ") WHERE ("
            + TaxiDeltaGenerator.deletedByVector(DATA)
            + ") IS NOT TRUE";
    CliRun run = assertExamplePrintsTheOracle("query-delta-taxi.json", table, source);
    assertThat(run.err()).contains("files 5 of 8").contains(", table version 4 |");
  }

  @Test
  void theSeedQueryOverTheParquetSample() throws Exception {
    Path table = parquetSample("nyc-taxi");
    assertExamplePrintsTheOracle("query-static-sample.json", table, parquetSource(table));
  }

  @Test
  void theDistinctAndFilterExampleOverTheParquetSample() throws Exception {
    Path table = parquetSample("nyc-taxi-distinct");
    assertExamplePrintsTheOracle("query-distinct-and-filter.json", table, parquetSource(table));
  }

  @Test
  void theOneStatementExampleOverTheParquetSample() throws Exception {
    Path table = parquetSample("nyc-taxi-statement");
    CliRun run =
        assertExamplePrintsTheOracle("query-one-statement.json", table, parquetSource(table));
    assertThat(run.err()).as("its WHERE prunes days").contains("files 5 of " + DATA.days());
  }

  /** A small copy of the Parquet sample in {@code name}. */
  private static Path parquetSample(String name) throws Exception {
    Path table = temp.resolve(name);
    TaxiDataGenerator.generate(table, DATA);
    return table;
  }

  /** DuckDB's view of a Parquet sample, partition column included. */
  private static String parquetSource(Path table) {
    return "SELECT * FROM read_parquet('"
        + table
        + "/**/*.parquet', hive_partitioning = true, hive_types_autocast = false)";
  }

  private CliRun assertExamplePrintsTheOracle(String example, Path table, String tableSql)
      throws Exception {
    JsonObject query = new JsonObject(Files.readString(EXAMPLES.resolve(example)));
    JsonObject catalog = query.getJsonArray("catalogs").getJsonObject(0);
    catalog.put("uri", table.toUri().toString());
    Path file = temp.resolve(example);
    Files.writeString(file, query.encodePrettily(), StandardCharsets.UTF_8);

    CliRun run = CliRun.of("query", file.toString(), "--format", "csv");

    assertThat(run.exitCode()).as(run.err()).isZero();
    List<String> lines = Arrays.asList(run.out().split("\r\n"));
    List<List<String>> printed = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      printed.add(Arrays.asList(line.split(",", -1)));
    }
    printed.sort((a, b) -> a.toString().compareTo(b.toString()));
    assertThat(printed).isEqualTo(oracle(query, catalog.getString("name"), tableSql));
    return run;
  }

  /**
   * The HBee step over the table (after the partition filter), then the HComb step, by DuckDB; or
   * the query's one statement.
   */
  private static List<List<String>> oracle(JsonObject query, String catalog, String tableSql)
      throws Exception {
    boolean oneStatement = query.containsKey("sql");
    JsonArray steps = oneStatement ? null : query.getJsonArray("steps");
    JsonObject hbee = oneStatement ? new JsonObject() : steps.getJsonObject(0);
    String filter = hbee.getString("partition_filter");
    List<List<String>> rows = new ArrayList<>();
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE VIEW "
              + catalog
              + " AS SELECT * FROM ("
              + tableSql
              + ")"
              + (filter == null ? "" : " WHERE " + filter));
      String last = query.getString("sql");
      if (!oneStatement) {
        statement.execute(
            "CREATE TABLE " + hbee.getString("name") + " AS " + hbee.getString("sql"));
        last = steps.getJsonObject(1).getString("sql");
      }
      try (ResultSet result = statement.executeQuery(last)) {
        int columns = result.getMetaData().getColumnCount();
        while (result.next()) {
          List<String> row = new ArrayList<>();
          for (int c = 1; c <= columns; c++) {
            String value = result.getString(c);
            row.add(value == null ? "" : value);
          }
          rows.add(row);
        }
      }
    }
    rows.sort((a, b) -> a.toString().compareTo(b.toString()));
    return rows;
  }
}
