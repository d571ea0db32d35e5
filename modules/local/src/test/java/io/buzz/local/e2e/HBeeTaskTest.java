package io.buzz.local.e2e;

import static io.buzz.local.e2e.QueryLifecycleTest.eventually;
import static io.buzz.local.e2e.QueryLifecycleTest.failure;
import static org.assertj.core.api.Assertions.assertThat;

import io.buzz.datagen.TaxiDataGenerator;
import io.buzz.datagen.TaxiDataSpec;
import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import io.buzz.fuse.client.QueryClient;
import io.buzz.fuse.client.QueryResult;
import io.buzz.fuse.client.ResultRows;
import io.buzz.fuse.query.TaskPacking;
import io.buzz.local.LocalStack;
import io.buzz.protocol.query.Statistics;
import io.buzz.protocol.task.TaskMetrics;
import io.buzz.protocol.task.TaskReport;
import io.buzz.testing.BlockedThreadWatch;
import io.buzz.testing.PageIndexedParquet;
import io.buzz.testing.ParquetFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The HBee runtime (TaskRun) inside the whole local stack, with a real HComb: files that changed
 * after listing, deadlines, scans without Parquet columns, NULL partitions, row groups and pages
 * skipped on statistics, and the task metrics that end up in the query's statistics.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HBeeTaskTest {
  static final TaxiDataSpec DATA = new TaxiDataSpec(2_000, 4, LocalDate.of(2009, 1, 1), 250);

  @TempDir static Path temp;

  private Path taxi;
  private BlockedThreadWatch watch;
  private HBeeGate gate;
  private LocalStack stack;
  private QueryClient client;
  private BufferAllocator allocator;
  private DuckDbOracle oracle;

  private GatedStack fixture;

  @BeforeAll
  void setUp() throws Exception {
    taxi = temp.resolve("nyc-taxi");
    TaxiDataGenerator.generate(taxi, DATA);
    // one task per file: these tests hold, rewrite and count tasks by file
    fixture = GatedStack.start(TaskPacking.ONE_FILE_PER_TASK);
    watch = fixture.watch;
    gate = fixture.gate;
    stack = fixture.stack;
    client = fixture.client;
    allocator = fixture.allocator;
    oracle = fixture.oracle;
    writePageIndexedTables();
    fixture.warmedUp("nyc_taxi", taxi);
  }

  @AfterEach
  void resetGate() throws InterruptedException {
    fixture.settle();
  }

  @AfterAll
  void tearDown() throws Exception {
    fixture.close();
  }

  private QueryResult run(String catalog, Path table, String hbeeSql, String filter, String hcomb) {
    return fixture.run(catalog, table, hbeeSql, filter, hcomb);
  }

  private BuzzException fails(String catalog, Path table, String hbeeSql, String hcomb) {
    return failure(
        client.query(
            QueryJsonText.twoSteps(hbeeSql, null, hcomb, catalog, table.toUri().toString()),
            Duration.ofMinutes(1),
            allocator));
  }

  private void assertLikeDuckDb(String catalog, Path table, String hbee, String filter, String hc)
      throws Exception {
    List<List<Object>> expected =
        oracle.answer(table, catalog, catalog + "_map", hbee, Optional.ofNullable(filter), hc);
    try (QueryResult result = run(catalog, table, hbee, filter, hc)) {
      List<List<Object>> actual = ResultRows.fromArrow(result.batches());
      assertThat(ResultRows.difference(ResultRows.sorted(expected), ResultRows.sorted(actual)))
          .as(hbee)
          .isNull();
    }
  }

  @Test
  void aFileDeletedAfterListingFailsTheQueryNamingIt() throws Exception {
    BuzzException error = failsAfterListing("doomed", part -> Files.delete(part));

    assertThat(error.code()).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(error.getMessage()).contains("part-1.parquet").contains("does not exist");
  }

  @Test
  void aFileRewrittenAfterListingFailsTheQueryInsteadOfMixingVersions() throws Exception {
    BuzzException error =
        failsAfterListing(
            "rewritten", part -> ParquetFiles.write(part, "SELECT x FROM range(5000) t(x)"));

    assertThat(error.code()).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(error.getMessage()).contains("part-1.parquet").contains("changed during the query");
  }

  private interface FileChange {
    void apply(Path file) throws Exception;
  }

  /**
   * A query over three files whose HBees are held until {@code change} hit part-1 after listing.
   */
  private BuzzException failsAfterListing(String name, FileChange change) throws Exception {
    Path table = temp.resolve(name);
    for (int i = 0; i < 3; i++) {
      ParquetFiles.write(table.resolve("part-" + i + ".parquet"), "SELECT 1 AS x");
    }
    gate.hold();
    var outcome =
        client.query(
            QueryJsonText.twoSteps(
                "SELECT COUNT(*) AS n FROM " + name,
                null,
                "SELECT SUM(n) AS n FROM " + name + "_map",
                name,
                table.toUri().toString()),
            Duration.ofMinutes(1),
            allocator);
    gate.awaitWaiting(3);
    change.apply(table.resolve("part-1.parquet"));
    gate.release();
    return failure(outcome);
  }

  @Test
  void aTaskPastItsDeadlineIsDeadlineExceeded() {
    gate.rewrite(
        task -> task.toBuilder().setDeadlineEpochMillis(System.currentTimeMillis() - 1).build());

    BuzzException error =
        fails("nyc_taxi", taxi, "SELECT COUNT(*) AS n FROM nyc_taxi", "SELECT n FROM nyc_taxi_map");

    assertThat(error.code()).isEqualTo(ErrorCode.DEADLINE_EXCEEDED);
    assertThat(error.getMessage()).contains("passed its deadline").contains(".parquet");
  }

  @Test
  void aColumnOfAnotherTypeThanPlannedIsAClearError() {
    Path table = temp.resolve("mixed");
    ParquetFiles.write(
        table.resolve("a.parquet"), "SELECT CAST(i AS BIGINT) AS x FROM range(5) t(i)");
    ParquetFiles.write(
        table.resolve("b.parquet"), "SELECT CAST(i AS DOUBLE) AS x FROM range(5) t(i)");

    BuzzException error =
        fails("mixed", table, "SELECT SUM(x) AS s FROM mixed", "SELECT s FROM mixed_map");

    assertThat(error.code()).isEqualTo(ErrorCode.BAD_QUERY);
    assertThat(error.getMessage())
        .contains("b.parquet")
        .contains("column 'x'")
        .contains("FLOAT64")
        .contains("INT64");
  }

  @Test
  void aFileNoByteSourceCanReadFailsTheTaskAndLeaksNothing() {
    // No S3 client in this stack: opening the source throws before any I/O.
    gate.rewrite(
        task ->
            task.toBuilder()
                .setFiles(0, task.getFiles(0).toBuilder().setUri("s3://bucket/elsewhere.parquet"))
                .build());

    BuzzException error =
        fails("nyc_taxi", taxi, "SELECT COUNT(*) AS n FROM nyc_taxi", "SELECT n FROM nyc_taxi_map");

    assertThat(error.code()).isEqualTo(ErrorCode.UNSUPPORTED);
    assertThat(error.getMessage()).contains("s3://bucket/elsewhere.parquet");
    assertThat(gate.reports()).isNotEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "SELECT COUNT(*) AS n FROM nyc_taxi",
        "SELECT pickup_date, COUNT(*) AS n FROM nyc_taxi GROUP BY pickup_date",
        "SELECT DISTINCT pickup_date FROM nyc_taxi",
        "SELECT pickup_date AS n FROM nyc_taxi WHERE pickup_date > '2009-01-02'",
      })
  void scansWithoutParquetColumns(String hbeeSql) throws Exception {
    String column = hbeeSql.contains("AS n") ? "n" : "pickup_date";
    assertLikeDuckDb(
        "nyc_taxi",
        taxi,
        hbeeSql,
        null,
        "SELECT " + column + ", COUNT(*) AS c FROM nyc_taxi_map GROUP BY " + column);
  }

  @Test
  void nullPartitionValuesBehaveLikeDuckDb() throws Exception {
    Path table = temp.resolve("nulls");
    String rows = "SELECT i AS id, i * 2 AS v FROM range(%d) t(i)";
    ParquetFiles.write(table.resolve("kind=a/part-0.parquet"), String.format(rows, 3));
    ParquetFiles.write(table.resolve("kind=b%20c/part-0.parquet"), String.format(rows, 4));
    ParquetFiles.write(
        table.resolve("kind=__HIVE_DEFAULT_PARTITION__/part-0.parquet"), String.format(rows, 5));

    assertLikeDuckDb(
        "nulls",
        table,
        "SELECT kind, COUNT(*) AS n, COUNT(kind) AS k, SUM(v) AS s FROM nulls GROUP BY kind",
        null,
        "SELECT kind, SUM(n) AS n, SUM(k) AS k, SUM(s) AS s FROM nulls_map GROUP BY kind");
    assertLikeDuckDb(
        "nulls",
        table,
        "SELECT COUNT(*) AS n FROM nulls WHERE kind IS NULL",
        null,
        "SELECT SUM(n) AS n FROM nulls_map");
    assertLikeDuckDb(
        "nulls",
        table,
        "SELECT COUNT(*) AS n FROM nulls",
        "kind IS NULL OR kind = 'a'",
        "SELECT SUM(n) AS n FROM nulls_map");
  }

  @Test
  void rowGroupsTheFilterRulesOutAreNeitherFetchedNorDecoded() throws Exception {
    Path table = temp.resolve("sorted");
    Files.createDirectories(table);
    try (java.sql.Connection duckdb = java.sql.DriverManager.getConnection("jdbc:duckdb:");
        java.sql.Statement sql = duckdb.createStatement()) {
      sql.execute("SET threads = 1");
      sql.execute(
          "COPY (SELECT i AS id, 'k' || (i % 5) AS k FROM range(20000) t(i)) TO '"
              + table.resolve("part-0.parquet")
              + "' (FORMAT PARQUET, ROW_GROUP_SIZE 2048)");
    }
    String hbee = "SELECT k, COUNT(*) AS n FROM sorted WHERE id >= 18000 OR id < 100 GROUP BY k";
    String hcomb = "SELECT k, SUM(n) AS n FROM sorted_map GROUP BY k";

    assertLikeDuckDb("sorted", table, hbee, null, hcomb);
    try (QueryResult result = run("sorted", table, hbee, null, hcomb)) {
      Statistics statistics = result.statistics();
      assertThat(statistics.getRowGroupsSkipped()).isPositive();
      assertThat(statistics.getRowGroupsRead()).isGreaterThanOrEqualTo(2);
      assertThat(statistics.getRowsScanned()).isLessThan(20_000);
    }

    // COUNT(*) over a table without partition columns reads no page, and a warm HBee has the
    // footer in its cache already: no request at all
    String count = "SELECT COUNT(*) AS n FROM sorted";
    String total = "SELECT SUM(n) AS n FROM sorted_map";
    assertLikeDuckDb("sorted", table, count, null, total);
    try (QueryResult result = run("sorted", table, count, null, total)) {
      assertThat(result.statistics().getRowsScanned()).isEqualTo(20_000);
      assertThat(result.statistics().getIoRequests()).isZero();
    }
  }

  @Test
  void countsAndExtremesTheFooterHoldsAreAnsweredWithoutReadingPages() throws Exception {
    Path table = temp.resolve("extremes");
    Files.createDirectories(table);
    try (java.sql.Connection duckdb = java.sql.DriverManager.getConnection("jdbc:duckdb:");
        java.sql.Statement sql = duckdb.createStatement()) {
      sql.execute("SET threads = 1");
      // the last row group (ids 4096 and up) has only NULLs in maybe
      sql.execute(
          "COPY (SELECT i AS id, CASE WHEN i < 4096 AND i % 7 > 0 THEN i * 3 - 5000 END AS maybe,"
              + " DATE '2020-01-01' + (i % 400)::INTEGER AS visit_day,"
              + " TIMESTAMP '2021-06-01' + to_seconds(i * 61) AS seen_at, i % 5 = 0 AS flag,"
              + " i / 7.0 AS ratio FROM range(5000) t(i)) TO '"
              + table.resolve("part-0.parquet")
              + "' (FORMAT PARQUET, ROW_GROUP_SIZE 2048)");
    }
    String hbee =
        "SELECT COUNT(*) AS n, COUNT(maybe) AS m, MIN(maybe) AS lo, MAX(maybe) AS hi,"
            + " MIN(visit_day) AS first_day, MAX(seen_at) AS last_at, MIN(flag) AS f, MAX(id) AS top"
            + " FROM extremes";
    String hcomb =
        "SELECT SUM(n), SUM(m), MIN(lo), MAX(hi), MIN(first_day), MAX(last_at), MIN(f), MAX(top)"
            + " FROM extremes_map";
    assertLikeDuckDb("extremes", table, hbee, null, hcomb);
    try (QueryResult result = run("extremes", table, hbee, null, hcomb)) {
      // a warm HBee: the footer from its cache, the answer from the footer
      assertThat(result.statistics().getIoRequests()).isZero();
      assertThat(result.statistics().getRowsScanned()).isEqualTo(5000);
    }

    // MIN of a DOUBLE (NaN is not in Parquet's bounds) reads the pages
    String doubles = "SELECT MIN(ratio) AS lo, COUNT(*) AS n FROM extremes";
    String merged = "SELECT MIN(lo), SUM(n) FROM extremes_map";
    assertLikeDuckDb("extremes", table, doubles, null, merged);
    try (QueryResult result = run("extremes", table, doubles, null, merged)) {
      assertThat(result.statistics().getIoRequests()).isPositive();
    }
  }

  @Test
  void warmHBeesReuseFootersOnlyForTheVersionTheQueryListed() throws Exception {
    Path table = temp.resolve("versions");
    Path part = table.resolve("part-0.parquet");
    ParquetFiles.write(part, "SELECT i AS x FROM range(1000) t(i)");
    String hbee = "SELECT SUM(x) AS s, COUNT(*) AS n FROM versions";
    String hcomb = "SELECT SUM(s) AS s, SUM(n) AS n FROM versions_map";
    assertLikeDuckDb("versions", table, hbee, null, hcomb);
    try (QueryResult warm = run("versions", table, hbee, null, hcomb)) {
      // the column chunk only: the footer came from the cache
      assertThat(warm.statistics().getIoRequests()).isEqualTo(1);
    }
    // the same size and a new modification time: another version, read afresh
    ParquetFiles.write(part, "SELECT 999 - i AS x FROM range(1000) t(i)");
    Files.setLastModifiedTime(
        part, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5_000));
    assertLikeDuckDb("versions", table, hbee, null, hcomb);
    try (QueryResult fresh = run("versions", table, hbee, null, hcomb)) {
      assertThat(fresh.statistics().getIoRequests()).isEqualTo(1);
    }
  }

  /**
   * 20k rows in 2 row groups, in pages of different sizes per column: id sorted; n NULL on rows
   * 5000..6999 (pages of only NULLs); amount with NaNs and NULLs; city unsorted with NULLs; name
   * sorted strings. Written with a page index ("indexed"), without ("plain"), and with string
   * bounds truncated to 8 bytes ("cut").
   */
  private void writePageIndexedTables() {
    String rows =
        "SELECT i::BIGINT AS id,"
            + " CASE WHEN i BETWEEN 5000 AND 6999 THEN NULL ELSE (i % 1000)::INTEGER END AS n,"
            + " CASE WHEN i % 97 = 0 THEN 'NaN'::DOUBLE WHEN i % 89 = 0 THEN NULL"
            + " ELSE (i % 500) / 4.0 END AS amount,"
            + " CASE WHEN i % 13 = 0 THEN NULL ELSE 'c' || (i * 7 % 23) END AS city,"
            + " 'name-' || lpad(i::VARCHAR, 6, '0') AS name, i % 3 = 0 AS flag"
            + " FROM range(20000) t(i) ORDER BY i";
    for (String table : List.of("indexed", "plain", "cut")) {
      PageIndexedParquet file =
          PageIndexedParquet.of(rows)
              .rowGroupRows(10_000)
              .pageRows(250)
              .pageRows("n", 400)
              .pageRows("amount", 333)
              .pageRows("city", 600)
              .pageRows("flag", 1000);
      if (table.equals("plain")) {
        file.withoutPageIndex();
      } else if (table.equals("cut")) {
        file.truncateStringBounds(8);
      }
      file.write(temp.resolve(table).resolve("part-0.parquet"));
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "id >= 12345 AND id < 12400",
        "id < 300 OR id >= 19900",
        "id = 777 OR city IS NULL",
        "n IS NULL AND id < 8000",
        "n IS NOT NULL AND id BETWEEN 4900 AND 7100",
        "n = 999 AND id > 15000",
        "amount > 120.0 AND id < 2000",
        "city = 'c7' AND id >= 9990 AND id < 10010",
        "name >= 'name-013000' AND name < 'name-013020'",
        "name = 'name-019999' OR id = 0",
        "flag AND id BETWEEN 9000 AND 11000",
        "id > 20000"
      })
  void pagesSkippedWithThePageIndexLeaveTheAnswerAsDuckDbHasIt(String filter) throws Exception {
    for (String table : List.of("indexed", "plain", "cut")) {
      assertLikeDuckDb(
          table,
          temp.resolve(table),
          "SELECT id, n, amount, city, name, flag FROM " + table + " WHERE " + filter,
          null,
          "SELECT * FROM " + table + "_map");
    }
  }

  @Test
  void aSelectiveFilterOnASortedColumnFetchesFewerBytesWithThePageIndex() throws Exception {
    String filter = "id >= 15000 AND id < 15100";
    // warm HBees: the footers (and the tail bytes holding the page index) come from the cache,
    // so what is read is pages only
    pageStatistics("indexed", filter);
    pageStatistics("plain", filter);
    Statistics indexed = pageStatistics("indexed", filter);
    Statistics plain = pageStatistics("plain", filter);

    assertThat(plain.getRowGroupsSkipped()).isEqualTo(1);
    assertThat(indexed.getRowGroupsSkipped()).isEqualTo(1);
    assertThat(plain.getPagesSkipped()).isZero();
    assertThat(indexed.getPagesSkipped()).isPositive();
    assertThat(indexed.getPagesRead()).isLessThan(plain.getPagesRead() / 5);
    assertThat(indexed.getRowsScanned()).isLessThan(plain.getRowsScanned() / 5);
    assertThat(indexed.getBytesRead()).isPositive().isLessThan(plain.getBytesRead() / 10);
    assertThat(indexed.getIoRequests()).isEqualTo(plain.getIoRequests());
  }

  @Test
  void withoutAFilterThePageIndexCanUseNoPageIsSkipped() {
    for (String filter : List.of("amount > 120.0", "id % 2 = 0")) {
      Statistics indexed = pageStatistics("indexed", filter);
      assertThat(indexed.getPagesSkipped()).as(filter).isZero();
      assertThat(indexed.getRowsScanned()).as(filter).isEqualTo(20_000);
    }
  }

  private Statistics pageStatistics(String table, String filter) {
    try (QueryResult result =
        run(
            table,
            temp.resolve(table),
            "SELECT COUNT(*) AS c, MIN(city) AS m FROM " + table + " WHERE " + filter,
            null,
            "SELECT SUM(c) AS c, MIN(m) AS m FROM " + table + "_map")) {
      return result.statistics();
    }
  }

  @Test
  void taskMetricsReachTheQueryStatistics() throws Exception {
    Statistics statistics;
    try (QueryResult result =
        run(
            "nyc_taxi",
            taxi,
            "SELECT payment_type, SUM(fare_amount) AS fares FROM nyc_taxi GROUP BY payment_type",
            null,
            "SELECT payment_type, SUM(fares) AS fares FROM nyc_taxi_map GROUP BY payment_type")) {
      statistics = result.statistics();
    }
    // The query answers once every task committed; the invocations' reports may come a moment
    // later. The statistics come from the committed attempts, so they match the reports.
    String queryId = statistics.getQueryId();
    eventually("every report arrived", () -> reportsOf(queryId).size() >= DATA.days());
    List<TaskReport> reports = reportsOf(queryId);
    assertThat(reports).hasSize(DATA.days());
    long rows = 0;
    long bytes = 0;
    long requests = 0;
    long decodeMicros = 0;
    for (TaskReport report : reports) {
      TaskMetrics metrics = report.getMetrics();
      assertThat(metrics.getRowsScanned()).isPositive();
      assertThat(metrics.getBytesRead()).isPositive();
      assertThat(metrics.getIoRequests()).isPositive();
      assertThat(metrics.getRowGroups()).isPositive();
      assertThat(metrics.getRowsOut()).isPositive();
      rows += metrics.getRowsScanned();
      bytes += metrics.getBytesRead();
      requests += metrics.getIoRequests();
      decodeMicros += metrics.getDecodeMicros();
    }
    assertThat(rows).isEqualTo(DATA.rows());
    assertThat(statistics.getRowsScanned()).isEqualTo(rows);
    assertThat(statistics.getBytesRead()).isEqualTo(bytes);
    assertThat(statistics.getIoRequests()).isEqualTo(requests);
    assertThat(statistics.getHbeeTasks()).isEqualTo(DATA.days());
    assertThat(statistics.getFilesSelected()).isEqualTo(DATA.days());
    assertThat(statistics.getBytesListed()).isPositive();
    assertThat(statistics.getRowsShuffled()).isPositive();
    assertThat(statistics.getResultRows()).isPositive();
    assertThat(statistics.getHbeeRetries()).isZero();
    assertThat(statistics.getHbeeDecodeMillis()).isEqualTo(decodeMicros / 1000);
    assertThat(statistics.getHbeeFirstByteMedianMicros()).isPositive();
    assertThat(reports.get(0).getMetrics().getRowsScanned())
        .isEqualTo(rowsIn(reports.get(0).getTaskId()));
  }

  private List<TaskReport> reportsOf(String queryId) {
    return gate.reports().stream().filter(r -> r.getQueryId().equals(queryId)).toList();
  }

  /** Rows of the file task {@code taskId} read: the files in path order, as the Fuse lists. */
  private long rowsIn(int taskId) throws Exception {
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT COUNT(*) FROM read_parquet('"
                    + taxi
                    + "/**/*.parquet', filename = true) GROUP BY filename ORDER BY filename"
                    + " LIMIT 1 OFFSET "
                    + taskId)) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
