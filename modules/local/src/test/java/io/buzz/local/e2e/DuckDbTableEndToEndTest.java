package io.buzz.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.buzz.fuse.client.QueryClient;
import io.buzz.fuse.client.QueryResult;
import io.buzz.fuse.client.ResultRows;
import io.buzz.local.LocalStack;
import io.buzz.local.LocalStackConfig;
import io.buzz.testing.Await;
import io.buzz.testing.BlockedThreadWatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A base for end-to-end tests of a data type against DuckDB: DuckDB writes one table's Parquet
 * files ({@link #rows}), the whole local stack answers each of the {@link #cases}' two steps over
 * them, and DuckDB runs the same two steps as the oracle ({@link DuckDbOracle}); answers are
 * compared through {@link ResultRows}. A case whose HComb step only passes the HBee step's output
 * on ({@code SELECT * FROM <catalog>_map}) is also run written as one statement, the HBee step's
 * SQL, which must give the same answer. One stack per test class, warmed up before its event loops
 * are watched for blocking.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DuckDbTableEndToEndTest {
  @TempDir static Path temp;

  private final String catalog;
  private Path table;
  private Path resplit;
  private BlockedThreadWatch watch;
  private LocalStack stack;
  private QueryClient client;
  private BufferAllocator allocator;
  private DuckDbOracle oracle;

  /**
   * @param catalog the table's catalog name; the HBee step is named {@code <catalog>_map}
   */
  DuckDbTableEndToEndTest(String catalog) {
    this.catalog = catalog;
  }

  /**
   * The rows of one of the table's three files: a SELECT whose FROM is {@code range} ({@code
   * range(from, to) t(i)}, 4000 rows a file, 12000 in all).
   */
  abstract String rows(String range);

  /** The COPY options of file {@code file} (0 to 2), after {@code FORMAT parquet}. */
  String copyOptions(int file) {
    return "ROW_GROUP_SIZE 1500";
  }

  /**
   * Another split of the same 12,000 rows into files: cut points from 0 to 12,000 (ascending), each
   * file with the row-group size given, or null (the default) to run every case over the three
   * files only. When given, each case's two steps also run over this split, which must give the
   * same answer.
   */
  int[][] anotherSplit() {
    return null;
  }

  /** How many cases DuckDB answered with no row. */
  final java.util.concurrent.atomic.AtomicInteger emptyAnswers =
      new java.util.concurrent.atomic.AtomicInteger();

  /**
   * Whether a case may have an empty answer. By default not, so that no case compares nothing; a
   * generated corpus allows some and bounds how many.
   */
  boolean emptyAnswersAllowed() {
    return false;
  }

  /** The queries {@link #answersLikeDuckDb} runs. */
  abstract Stream<Case> cases();

  /** One query: the HBee step over the table, the HComb step over {@code <catalog>_map}. */
  record Case(String name, String hbeeSql, String hcombSql, boolean ordered) {
    @Override
    public String toString() {
      return name;
    }
  }

  @BeforeAll
  void startStack() throws Exception {
    table = temp.resolve(catalog);
    Files.createDirectories(table);
    try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = duckdb.createStatement()) {
      for (int file = 0; file < 3; file++) {
        String range = "range(" + file * 4000 + ", " + (file + 1) * 4000 + ") t(i)";
        statement.execute(
            "COPY ("
                + rows(range)
                + ") TO '"
                + table.resolve("part-" + file + ".parquet")
                + "' (FORMAT parquet, "
                + copyOptions(file)
                + ")");
      }
    }
    int[][] split = anotherSplit();
    if (split != null) {
      resplit = temp.resolve(catalog + "-resplit");
      Files.createDirectories(resplit);
      try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
          Statement statement = duckdb.createStatement()) {
        for (int file = 0; file < split.length; file++) {
          String range = "range(" + split[file][0] + ", " + split[file][1] + ") t(i)";
          statement.execute(
              "COPY ("
                  + rows(range)
                  + ") TO '"
                  + resplit.resolve("part-" + file + ".parquet")
                  + "' (FORMAT parquet, ROW_GROUP_SIZE "
                  + split[file][2]
                  + ")");
        }
      }
    }
    watch = BlockedThreadWatch.start();
    stack = LocalStack.start(watch.vertx(), LocalStackConfig.defaults());
    client = new QueryClient(stack.vertx(), "127.0.0.1", stack.port());
    allocator = new RootAllocator();
    oracle = new DuckDbOracle();
    WarmUp.run(client, allocator, catalog, table.toUri().toString());
    watch.arm();
  }

  @AfterAll
  void stopStack() throws Exception {
    oracle.close();
    client.close();
    stack.close();
    allocator.close();
    watch.close();
    watch.assertNothingBlocked();
  }

  /** Runs {@code c} on Buzz and on DuckDB and asserts the same rows (sorted first if unordered). */
  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void answersLikeDuckDb(Case c) throws Exception {
    List<List<Object>> expected =
        oracle.answer(
            table,
            catalog,
            catalog + "_map",
            oracleSql(c.hbeeSql()),
            Optional.empty(),
            oracleSql(c.hcombSql()));
    if (expected.isEmpty()) {
      emptyAnswers.incrementAndGet();
      assertThat(emptyAnswersAllowed()).as("%s: DuckDB's answer is empty", c.name()).isTrue();
    }
    try (QueryResult result = run(c.hbeeSql(), c.hcombSql())) {
      assertSameRows(c, expected, result, "two steps");
    }
    if (resplit != null) {
      String json =
          QueryJsonText.twoSteps(
              c.hbeeSql(), null, c.hcombSql(), catalog, resplit.toUri().toString());
      try (QueryResult result =
          Await.result(client.query(json, Duration.ofMinutes(2), allocator))) {
        assertSameRows(c, expected, result, "two steps over another split into files");
      }
    }
    if (c.hcombSql().equalsIgnoreCase("SELECT * FROM " + catalog + "_map")) {
      String json = QueryJsonText.statement(c.hbeeSql(), catalog, table.toUri().toString());
      try (QueryResult result =
          Await.result(client.query(json, Duration.ofMinutes(2), allocator))) {
        assertSameRows(c, expected, result, "one statement");
      }
    }
  }

  private void assertSameRows(
      Case c, List<List<Object>> expected, QueryResult result, String form) {
    List<List<Object>> actual = ResultRows.fromArrow(result.batches());
    String difference =
        c.ordered()
            ? difference(expected, actual)
            : difference(ResultRows.sorted(expected), ResultRows.sorted(actual));
    assertThat(difference).as("%s (%s)", c.name(), form).isNull();
  }

  /** The SQL DuckDB answers in place of Buzz's {@code sql}: the same, unless overridden. */
  String oracleSql(String sql) {
    return sql;
  }

  /** How DuckDB's rows and Buzz's differ, or null: {@link ResultRows}' rules unless overridden. */
  String difference(List<List<Object>> expected, List<List<Object>> actual) {
    return ResultRows.difference(expected, actual);
  }

  /** Runs a two-step query on Buzz; the caller closes the result. */
  QueryResult run(String hbeeSql, String hcombSql) {
    String json =
        QueryJsonText.twoSteps(hbeeSql, null, hcombSql, catalog, table.toUri().toString());
    return Await.result(client.query(json, Duration.ofMinutes(2), allocator));
  }
}
