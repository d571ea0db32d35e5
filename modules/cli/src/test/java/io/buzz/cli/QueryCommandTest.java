package io.buzz.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.buzz.datagen.TaxiDataGenerator;
import io.buzz.datagen.TaxiDataSpec;
import io.buzz.local.LocalStack;
import io.buzz.local.LocalStackConfig;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code buzz query} end to end in this JVM: the embedded stack and {@code --server}, the output
 * formats against DuckDB, exit codes and one-line errors.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueryCommandTest {
  static final TaxiDataSpec DATA = new TaxiDataSpec(3_000, 5, LocalDate.of(2009, 1, 1), 500);

  /** Relative to the working directory of the tests (the module), as users write it. */
  static final String RELATIVE_TABLE = "target/cli-test-data/nyc-taxi";

  static final String HBEE =
      "SELECT payment_type, COUNT(*) AS n, SUM(fare_amount) AS fares FROM nyc_taxi"
          + " GROUP BY payment_type";
  static final String HCOMB =
      "SELECT payment_type, SUM(n) AS trips, SUM(fares) AS fares FROM nyc_taxi_map"
          + " GROUP BY payment_type ORDER BY payment_type";

  @TempDir static Path temp;

  private LocalStack server;

  @BeforeAll
  void setUp() {
    TaxiDataGenerator.generate(Path.of(RELATIVE_TABLE), DATA);
    server = LocalStack.start(LocalStackConfig.defaults());
  }

  @AfterAll
  void tearDown() {
    server.close();
  }

  static String queryJson(String hbeeSql, String hcombSql, String uri) {
    return queryJson("nyc_taxi", hbeeSql, hcombSql, uri);
  }

  /**
   * A query whose HBee step reads catalog {@code table}; its HComb step reads {@code table_map}.
   */
  static String queryJson(String table, String hbeeSql, String hcombSql, String uri) {
    return new JsonObject()
        .put(
            "steps",
            new JsonArray()
                .add(
                    new JsonObject()
                        .put("sql", hbeeSql)
                        .put("name", table + "_map")
                        .put("step_type", "HBee"))
                .add(
                    new JsonObject()
                        .put("sql", hcombSql)
                        .put("name", table + "_reduce")
                        .put("step_type", "HComb")))
        .put("capacity", new JsonObject().put("zones", 1))
        .put(
            "catalogs",
            new JsonArray()
                .add(new JsonObject().put("name", table).put("type", "Static").put("uri", uri)))
        .encodePrettily();
  }

  private static String file(String name, String json) throws Exception {
    Path file = temp.resolve(name);
    Files.writeString(file, json, StandardCharsets.UTF_8);
    return file.toString();
  }

  /** DuckDB's answer, as the strings the CSV must hold (NULL as an empty field). */
  private static List<List<String>> expected() throws Exception {
    List<List<String>> rows = new ArrayList<>();
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = connection.createStatement();
        ResultSet result =
            statement.executeQuery(
                "SELECT payment_type, COUNT(*), SUM(fare_amount) FROM read_parquet('"
                    + Path.of(RELATIVE_TABLE).toAbsolutePath()
                    + "/**/*.parquet') GROUP BY payment_type ORDER BY payment_type NULLS LAST")) {
      while (result.next()) {
        String type = result.getString(1);
        rows.add(
            Arrays.asList(
                type == null ? "" : type,
                Long.toString(result.getLong(2)),
                Double.toString(result.getDouble(3))));
      }
    }
    return rows;
  }

  private static void assertCsvMatchesDuckDb(String csv) throws Exception {
    assertThat(csv).endsWith("\r\n");
    List<String> lines = Arrays.asList(csv.split("\r\n"));
    assertThat(lines.get(0)).isEqualTo("payment_type,trips,fares");
    List<List<String>> expected = expected();
    assertThat(lines).hasSize(expected.size() + 1);
    for (int i = 0; i < expected.size(); i++) {
      String[] fields = lines.get(i + 1).split(",", -1);
      assertThat(fields).hasSize(3);
      assertThat(fields[0]).isEqualTo(expected.get(i).get(0));
      assertThat(fields[1]).isEqualTo(expected.get(i).get(1));
      assertThat(Double.parseDouble(fields[2]))
          .isCloseTo(
              Double.parseDouble(expected.get(i).get(2)),
              org.assertj.core.data.Offset.offset(1e-6));
    }
  }

  @Test
  void csvOnTheEmbeddedStackWithARelativeCatalogUri() throws Exception {
    String query = file("good.json", queryJson(HBEE, HCOMB, "file:" + RELATIVE_TABLE));

    CliRun run = CliRun.of("query", query, "--format", "csv");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertCsvMatchesDuckDb(run.out());
    assertThat(run.err())
        .contains("rows in")
        .contains("files " + DATA.days() + " of " + DATA.days())
        .contains("scanned " + String.format("%,d", DATA.rows()) + " rows");
  }

  @Test
  void jsonFormatQuietly() throws Exception {
    String query = file("json.json", queryJson(HBEE, HCOMB, "file:" + RELATIVE_TABLE));

    CliRun run = CliRun.of("query", query, "--format", "json", "--quiet");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err()).isEmpty();
    JsonArray rows = new JsonArray(run.out());
    List<List<String>> expected = expected();
    assertThat(rows.size()).isEqualTo(expected.size());
    for (int i = 0; i < expected.size(); i++) {
      JsonObject row = rows.getJsonObject(i);
      assertThat(row.fieldNames()).containsExactlyInAnyOrder("payment_type", "trips", "fares");
      String type = expected.get(i).get(0);
      if (type.isEmpty()) {
        assertThat(row.getValue("payment_type")).isNull();
      } else {
        assertThat(row.getString("payment_type")).isEqualTo(type);
      }
      assertThat(row.getLong("trips")).isEqualTo(Long.parseLong(expected.get(i).get(1)));
    }
  }

  @Test
  void aSqlErrorIsExitTwoWithOneLine() throws Exception {
    String query =
        file(
            "bad-sql.json",
            queryJson(
                "SELECT payment_type, COUNT(* AS n FROM nyc_taxi GROUP BY payment_type",
                HCOMB,
                "file:" + RELATIVE_TABLE));

    CliRun run = CliRun.of("query", query);

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.errLine()).startsWith("buzz: ").contains("line 1, column").doesNotContain("\n");
  }

  @Test
  void aMissingQueryFileIsExitTwo() {
    CliRun run = CliRun.of("query", temp.resolve("nope.json").toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.errLine()).startsWith("buzz: ").contains("nope.json").contains("does not exist");
  }

  @Test
  void anUnknownFormatIsExitTwo() throws Exception {
    String query = file("fmt.json", queryJson(HBEE, HCOMB, "file:" + RELATIVE_TABLE));
    CliRun run = CliRun.of("query", query, "--format", "xml");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.errLine()).contains("unknown format 'xml'");
  }

  @Test
  void againstAServerWithARelativeUriResolvedByTheCli() throws Exception {
    String query = file("server.json", queryJson(HBEE, HCOMB, "file:" + RELATIVE_TABLE));

    CliRun run =
        CliRun.of("query", query, "--server", "127.0.0.1:" + server.port(), "--format", "csv");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertCsvMatchesDuckDb(run.out());
    assertThat(run.err()).contains("rows in");
  }

  @Test
  void aServerSideFailureKeepsItsExitCode() throws Exception {
    String query = file("missing-table.json", queryJson(HBEE, HCOMB, "file:target/no-such-dir"));

    CliRun run = CliRun.of("query", query, "--server", "127.0.0.1:" + server.port());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.errLine())
        .startsWith("buzz: ")
        .contains("no-such-dir")
        .contains("does not exist");
  }

  @Test
  void anUnreachableServerIsExitOneWithAClearMessage() throws Exception {
    String query = file("unreachable.json", queryJson(HBEE, HCOMB, "file:" + RELATIVE_TABLE));

    CliRun run = CliRun.of("query", query, "--server", "127.0.0.1:1");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.errLine())
        .startsWith("buzz: ")
        .contains("127.0.0.1:1")
        .containsIgnoringCase("refused")
        .doesNotContain("\n");
  }

  @Test
  void aMalformedServerOptionIsExitTwo() throws Exception {
    String query = file("malformed.json", queryJson(HBEE, HCOMB, "file:" + RELATIVE_TABLE));
    for (String server : new String[] {"localhost", "localhost:port", ":50051", "host:99999"}) {
      CliRun run = CliRun.of("query", query, "--server", server);
      assertThat(run.exitCode()).as(server).isEqualTo(2);
      assertThat(run.errLine()).as(server).contains("--server must be HOST:PORT");
    }
  }
}
