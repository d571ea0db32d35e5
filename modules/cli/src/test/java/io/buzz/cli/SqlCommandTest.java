package io.buzz.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.buzz.datagen.TaxiDataGenerator;
import io.buzz.datagen.TaxiDataSpec;
import io.buzz.datagen.TaxiDeltaGenerator;
import io.buzz.local.LocalStack;
import io.buzz.local.LocalStackConfig;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code buzz sql "SELECT ..." --table NAME=URI}: one statement over tables named on the command
 * line, on the embedded stack and against a server, compared with DuckDB; EXPLAIN; and the one-line
 * errors of a wrong command line or statement.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SqlCommandTest {
  private static final TaxiDataSpec DATA =
      new TaxiDataSpec(3_000, 5, LocalDate.of(2009, 1, 1), 500);

  /** Relative to the working directory of the tests (the module), as users write it. */
  private static final String TABLE = "target/cli-test-data/sql-taxi";

  private static final String BY_PAYMENT =
      "SELECT payment_type, COUNT(*) AS trips, MIN(fare_amount) AS low FROM taxi"
          + " WHERE pickup_date >= '2009-01-04' GROUP BY payment_type"
          + " ORDER BY payment_type NULLS LAST";

  @TempDir static Path temp;

  private LocalStack server;

  @BeforeAll
  void setUp() {
    TaxiDataGenerator.generate(Path.of(TABLE), DATA);
    server = LocalStack.start(LocalStackConfig.defaults());
  }

  @AfterAll
  void tearDown() {
    server.close();
  }

  /** DuckDB's answer to {@code sql} over the table, as CSV lines (NULL as an empty field). */
  private static List<String> duckDb(String sql) throws Exception {
    List<String> lines = new ArrayList<>();
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE VIEW taxi AS SELECT * FROM read_parquet('"
              + Path.of(TABLE).toAbsolutePath()
              + "/**/*.parquet', hive_partitioning = true, hive_types_autocast = false)");
      try (ResultSet rows = statement.executeQuery(sql)) {
        while (rows.next()) {
          String type = rows.getString(1);
          lines.add((type == null ? "" : type) + "," + rows.getLong(2) + "," + rows.getDouble(3));
        }
      }
    }
    return lines;
  }

  private static void assertCsvIs(CliRun run, List<String> expected) {
    assertThat(run.exitCode()).as(run.err()).isZero();
    List<String> lines = List.of(run.out().split("\r\n"));
    assertThat(lines.get(0)).isEqualTo("payment_type,trips,low");
    assertThat(lines.subList(1, lines.size())).isEqualTo(expected);
  }

  @Test
  void aStatementOverALocalDirectoryAnswersLikeDuckDbAndPrunesByItsWhere() throws Exception {
    CliRun run = CliRun.of("sql", BY_PAYMENT, "--table", "taxi=" + TABLE, "--format", "csv");

    assertCsvIs(run, duckDb(BY_PAYMENT));
    assertThat(run.err()).contains("files 2 of " + DATA.days());
  }

  @Test
  void againstAServerWithAFileUri() throws Exception {
    CliRun run =
        CliRun.of(
            "sql",
            BY_PAYMENT,
            "--table",
            "taxi=file:" + TABLE,
            "--server",
            "127.0.0.1:" + server.port(),
            "--format",
            "csv",
            "--quiet");

    assertCsvIs(run, duckDb(BY_PAYMENT));
    assertThat(run.err()).isEmpty();
  }

  @Test
  void aDeltaTable() throws Exception {
    Path delta = temp.resolve("delta-taxi");
    TaxiDeltaGenerator.generate(delta, DATA);
    CliRun run =
        CliRun.of(
            "sql",
            "SELECT COUNT(*) AS n FROM trips",
            "--delta-table",
            "trips=" + delta,
            "--format",
            "csv",
            "--quiet");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).startsWith("n\r\n").doesNotContain("\r\n0\r\n");
  }

  @Test
  void explainPrintsThePlanAsLinesAndRunsNothing() {
    CliRun run = CliRun.of("sql", "EXPLAIN " + BY_PAYMENT, "--table", "taxi=" + TABLE);

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err()).as("no statistics for a query that ran nothing").isEmpty();
    List<String> lines = List.of(run.out().split("\n"));
    assertThat(lines.get(0)).isEqualTo("files: 2 of " + DATA.days() + " selected, in 2 HBee tasks");
    assertThat(lines)
        .contains(
            "partition filter: (pickup_date >= '2009-01-04')",
            "HBee (per file):",
            "HComb (per query):",
            "  sort: payment_type ASC NULLS LAST");

    CliRun csv =
        CliRun.of("sql", "EXPLAIN " + BY_PAYMENT, "--table", "taxi=" + TABLE, "--format", "csv");
    assertThat(csv.out()).startsWith("plan\r\n\"files: 2 of ");
  }

  @Test
  void textFormatIsTabSeparatedLinesWithoutHeader() throws Exception {
    CliRun run =
        CliRun.of("sql", BY_PAYMENT, "--table", "taxi=" + TABLE, "--format", "text", "--quiet");

    assertThat(run.exitCode()).as(run.err()).isZero();
    List<String> expected = duckDb(BY_PAYMENT).stream().map(l -> l.replace(',', '\t')).toList();
    assertThat(List.of(run.out().split("\n"))).isEqualTo(expected);
  }

  @Test
  void wrongCommandLinesAndStatementsAreExitTwoWithOneLine() {
    String[][] cases = {
      {"sql", "SELECT COUNT(*) FROM taxi"},
      {"sql", "SELECT COUNT(*) FROM taxi", "--table", "taxi"},
      {"sql", "SELECT COUNT(*) FROM taxi", "--table", "1taxi=" + TABLE},
      {"sql", "SELECT COUNT(*) FROM taxis", "--table", "taxi=" + TABLE},
      {"sql", "SELECT COUNT(* FROM taxi", "--table", "taxi=" + TABLE},
      {"sql", " ", "--table", "taxi=" + TABLE},
    };
    String[] mentions = {
      "name the tables the statement reads: --table NAME=URI",
      "--table 'taxi' is not NAME=URI",
      "--table '1taxi=",
      "sql: table 'taxis' (line 1, column 22) is not a catalog of this query; available"
          + " catalogs: taxi",
      "sql: SQL syntax error at line 1, column",
      "the SQL statement is empty",
    };
    for (int i = 0; i < cases.length; i++) {
      CliRun run = CliRun.of(cases[i]);
      assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
      assertThat(run.out()).isEmpty();
      assertThat(run.errLine()).startsWith("buzz: ").contains(mentions[i]).doesNotContain("\n");
    }
  }
}
