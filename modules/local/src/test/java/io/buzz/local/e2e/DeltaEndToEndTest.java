package io.buzz.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.buzz.datagen.TaxiDataSpec;
import io.buzz.datagen.TaxiDeltaGenerator;
import io.buzz.datagen.delta.DeletionVectorWriter;
import io.buzz.datagen.delta.DeltaLogWriter;
import io.buzz.fuse.client.QueryResult;
import io.buzz.fuse.client.ResultRows;
import io.buzz.local.LocalStackConfig;
import io.buzz.local.e2e.EndToEndTest.Case;
import io.buzz.testing.DeltaLiveFiles;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The end-to-end queries over a Delta table (the taxi data written with a few commits, partitioned
 * by a DATE), at its latest version and travelling back by version and by timestamp, compared with
 * DuckDB over the live files of each version (the log replayed by the test itself).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeltaEndToEndTest {
  /**
   * 30k trips over 10 days: days 1-7 in version 0, 8-10 appended in 1, day 3 rewritten in 2, a
   * checkpoint of 2, a metadata change in 3, a deletion vector on day 2 in 4.
   */
  static final TaxiDataSpec DATA = new TaxiDataSpec(30_000, 10, LocalDate.of(2009, 1, 1), 1000);

  static final Map<String, String> PARTITION_TYPES = Map.of("pickup_date", "DATE");

  @TempDir static Path temp;

  private Path table;
  private E2eStack stack;
  private DuckDbOracle oracle;

  @BeforeAll
  void setUp() throws Exception {
    table = temp.resolve("nyc-taxi-delta");
    TaxiDeltaGenerator.generate(table, DATA);
    stack = E2eStack.start(LocalStackConfig.defaults());
    oracle = new DuckDbOracle();
  }

  @AfterAll
  void tearDown() throws Exception {
    oracle.close();
    stack.close();
  }

  static Stream<Arguments> cases() {
    return EndToEndTest.cases();
  }

  private String query(Case c, String snapshot) {
    return QueryJsonText.twoSteps(
        c.hbeeSql(),
        c.filter(),
        c.hcombSql(),
        "nyc_taxi",
        "DeltaLake",
        table.toUri().toString(),
        snapshot);
  }

  private List<List<Object>> expected(Case c, long version) throws Exception {
    return oracle.answer(
        live(table, DATA, version),
        "nyc_taxi",
        "nyc_taxi_map",
        c.hbeeSql(),
        Optional.ofNullable(c.filter()),
        c.hcombSql());
  }

  private QueryResult run(String json) throws Exception {
    return stack.run(json);
  }

  /**
   * The rows of the generated table at {@code version} (latest when negative): the live files, less
   * the rows version 4 deletes with a deletion vector.
   */
  static String live(Path table, TaxiDataSpec data, long version) throws Exception {
    String files = DeltaLiveFiles.select(table, version, PARTITION_TYPES, Map.of());
    return version >= 0 && version < 4
        ? files
        : "SELECT * FROM ("
            + files
            + ") WHERE ("
            + TaxiDeltaGenerator.deletedByVector(data)
            + ") IS NOT TRUE";
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void answersLikeDuckDbOverTheLiveFiles(Case c) throws Exception {
    try (QueryResult result = run(query(c, ""))) {
      List<List<Object>> actual = ResultRows.fromArrow(result.batches());
      assertThat(c.difference(expected(c, -1), actual)).as(c.name()).isNull();
      // one live file per day: the deleted day's original file is not read
      assertThat(result.statistics().getFilesListed()).isEqualTo(DATA.days());
      assertThat(result.statistics().getTableVersion()).isEqualTo(4);
    }
  }

  @Test
  void travelsToAVersionAndToATimestamp() throws Exception {
    Case seed = (Case) EndToEndTest.cases().findFirst().orElseThrow().get()[0];
    Case everyDay =
        new Case(
            "trips and disputes per day",
            "SELECT pickup_date, COUNT(*) AS n, COUNT(CASE WHEN payment_type = 'Dispute' THEN 1"
                + " END) AS disputes FROM nyc_taxi GROUP BY pickup_date",
            null,
            "SELECT * FROM nyc_taxi_map ORDER BY pickup_date",
            true);
    for (Case c : List.of(seed, everyDay)) {
      // 2 is also checkpointed, 3 is a commit after the checkpoint, 4 a deletion vector
      for (long version = 0; version <= 4; version++) {
        try (QueryResult result = run(query(c, ", \"version\": " + version))) {
          assertThat(result.statistics().getTableVersion()).isEqualTo(version);
          assertThat(c.difference(expected(c, version), ResultRows.fromArrow(result.batches())))
              .as(c.name() + " at version " + version)
              .isNull();
        }
      }
      // half an hour after version 1's commit: version 1
      Instant between = Instant.ofEpochMilli(TaxiDeltaGenerator.commitMillis(1) + 1_800_000);
      try (QueryResult result = run(query(c, ", \"timestamp\": \"" + between + "\""))) {
        assertThat(c.difference(expected(c, 1), ResultRows.fromArrow(result.batches())))
            .as(c.name() + " as of " + between)
            .isNull();
      }
    }
    // the versions differ where the commits say: 7 days, then 10, then one day without disputes
    try (QueryResult v0 = run(query(everyDay, ", \"version\": 0"));
        QueryResult v2 = run(query(everyDay, ""))) {
      assertThat(ResultRows.fromArrow(v0.batches())).hasSize(7);
      List<List<Object>> latest = ResultRows.fromArrow(v2.batches());
      assertThat(latest).hasSize(10);
      // DATE values are days since 1970-01-01
      assertThat(((Number) latest.get(2).get(0)).longValue())
          .isEqualTo(LocalDate.parse(TaxiDeltaGenerator.deletedDay(DATA)).toEpochDay());
      assertThat(((Number) latest.get(2).get(2)).longValue()).isZero();
      assertThat(((Number) latest.get(1).get(2)).longValue()).isPositive();
    }
  }

  @Test
  void thePartitionColumnIsADateInSqlAndInThePartitionFilter() throws Exception {
    Case c =
        new Case(
            "date arithmetic on the partition column",
            "SELECT pickup_date, EXTRACT(DAY FROM pickup_date) AS d, COUNT(*) AS n FROM nyc_taxi"
                + " WHERE pickup_date > DATE '2009-01-04' GROUP BY pickup_date",
            "pickup_date BETWEEN DATE '2009-01-02' AND DATE '2009-01-08'",
            "SELECT * FROM nyc_taxi_map ORDER BY pickup_date",
            true);
    try (QueryResult result = run(query(c, ""))) {
      List<List<Object>> actual = ResultRows.fromArrow(result.batches());
      assertThat(c.difference(expected(c, -1), actual)).isNull();
      assertThat(actual).hasSize(4);
      assertThat(result.statistics().getFilesSelected())
          .as("the partition filter keeps 7 days, the WHERE's condition on the date 4 of them")
          .isEqualTo(4);
    }
  }

  @Test
  void theLatestStateIsCachedUntilTheLogHasANewerCommit() throws Exception {
    Path growing = temp.resolve("growing");
    TaxiDeltaGenerator.generate(growing, DATA);
    String count =
        QueryJsonText.twoSteps(
            "SELECT COUNT(*) AS n FROM t",
            null,
            "SELECT SUM(n) AS n FROM t_map",
            "t",
            "DeltaLake",
            growing.toUri().toString(),
            "");
    double hits = cacheCount("hit");
    double misses = cacheCount("miss");
    double incremental = cacheCount("incremental");
    long before;
    try (QueryResult first = run(count);
        QueryResult second = run(count)) {
      before = first.statistics().getFilesListed();
      assertThat(second.statistics().getFilesListed()).isEqualTo(before);
    }
    assertThat(cacheCount("miss") - misses).isEqualTo(1);
    assertThat(cacheCount("hit") - hits).isEqualTo(1);

    // a new commit removes a file (day 1's), another gives a file (day 4's) a deletion vector:
    // the next query applies just those commits to the kept state
    Path removed = growing.resolve("pickup_date=2009-01-01/data_0.parquet");
    Path trimmed = growing.resolve("pickup_date=2009-01-04/data_0.parquet");
    DeltaLogWriter log = new DeltaLogWriter(growing);
    log.commit(5, TaxiDeltaGenerator.commitMillis(5), "DELETE", List.of(log.remove(removed, 0)));
    log.commit(
        6,
        TaxiDeltaGenerator.commitMillis(6),
        "DELETE",
        List.of(
            log.remove(trimmed, 0),
            log.add(
                trimmed,
                java.util.Map.of("pickup_date", "2009-01-04"),
                null,
                DeletionVectorWriter.inline(0, 1, 2, 3, 4, 5, 6, 7, 8, 9))));
    long rowsBefore = countOf(growing, 4);
    try (QueryResult third = run(count)) {
      assertThat(third.statistics().getFilesListed()).isEqualTo(before - 1);
      assertThat(third.statistics().getTableVersion()).isEqualTo(6);
      long removedRows = countOf(growing, 4) - countOf(growing, 5);
      assertThat(ResultRows.fromArrow(third.batches()))
          .containsExactly(List.of(rowsBefore - removedRows - 10));
    }
    assertThat(cacheCount("incremental") - incremental).isEqualTo(1);
    assertThat(cacheCount("miss") - misses).isEqualTo(1);

    // a metadata change is not applied: the table is read again
    log.commit(
        7,
        TaxiDeltaGenerator.commitMillis(7),
        "SET TBLPROPERTIES",
        List.of(
            DeltaLogWriter.metadata(
                "b0c0a000-0000-4000-8000-000000000001",
                TaxiDeltaGenerator.SCHEMA,
                List.of("pickup_date"),
                java.util.Map.of("delta.enableDeletionVectors", "true"),
                0)));
    try (QueryResult fourth = run(count)) {
      assertThat(fourth.statistics().getTableVersion()).isEqualTo(7);
      assertThat(fourth.statistics().getFilesListed()).isEqualTo(before - 1);
    }
    assertThat(cacheCount("miss") - misses).isEqualTo(2);

    // the table deleted and written again, with fewer versions: read afresh, not the kept state
    try (Stream<Path> paths = java.nio.file.Files.walk(growing)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        java.nio.file.Files.delete(path);
      }
    }
    TaxiDataSpec smaller = new TaxiDataSpec(3_000, 5, LocalDate.of(2009, 1, 1), 1000);
    TaxiDeltaGenerator.generate(growing, smaller);
    try (QueryResult fifth = run(count)) {
      assertThat(fifth.statistics().getTableVersion()).isEqualTo(4);
      assertThat(fifth.statistics().getFilesListed()).isEqualTo(smaller.days());
    }
    assertThat(cacheCount("miss") - misses).isEqualTo(3);
  }

  /** The rows of the table at {@code version}, by DuckDB over its live files. */
  private long countOf(Path table, long version) throws Exception {
    return ((Number)
            oracle
                .answer(
                    live(table, DATA, version),
                    "t",
                    "t_map",
                    "SELECT COUNT(*) AS n FROM t",
                    Optional.empty(),
                    "SELECT SUM(n) AS n FROM t_map")
                .get(0)
                .get(0))
        .longValue();
  }

  private double cacheCount(String result) {
    return stack
        .stack
        .fuseMetrics()
        .registry()
        .get("buzz.fuse.delta.log.cache")
        .tag("result", result)
        .counter()
        .count();
  }

  @Test
  void filesTheLogsStatisticsRuleOutAreNotRead() throws Exception {
    Case later =
        new Case(
            "a WHERE on the pickup time",
            "SELECT COUNT(*) AS n, SUM(fare_amount) AS fares FROM nyc_taxi"
                + " WHERE pickup_datetime >= TIMESTAMP '2009-01-08 00:00:00'",
            null,
            "SELECT SUM(n) AS n, SUM(fares) AS fares FROM nyc_taxi_map",
            false);
    try (QueryResult result = run(query(later, ""))) {
      assertThat(later.difference(expected(later, -1), ResultRows.fromArrow(result.batches())))
          .isNull();
      // each file holds one day: days 1 to 7 end before the 8th
      assertThat(result.statistics().getFilesSkippedByStatistics()).isEqualTo(7);
      assertThat(result.statistics().getFilesSelected()).isEqualTo(3);
    }
    Case nobody =
        new Case(
            "a vendor no file has",
            "SELECT COUNT(*) AS n FROM nyc_taxi WHERE vendor_id = 'ZZZ'",
            null,
            "SELECT SUM(n) AS n FROM nyc_taxi_map",
            false);
    try (QueryResult result = run(query(nobody, ""))) {
      assertThat(nobody.difference(expected(nobody, -1), ResultRows.fromArrow(result.batches())))
          .isNull();
      assertThat(result.statistics().getFilesSkippedByStatistics()).isEqualTo(DATA.days());
    }
  }

  @Test
  void theOraclesLiveFilesAreTheFilesDeltaKernelLists() throws Exception {
    io.delta.kernel.engine.Engine engine =
        io.delta.kernel.defaults.engine.DefaultEngine.create(
            new org.apache.hadoop.conf.Configuration());
    io.delta.kernel.Table kernel =
        io.delta.kernel.Table.forPath(engine, table.toAbsolutePath().toString());
    for (long version = 0; version <= 4; version++) {
      java.util.Set<String> listed = new java.util.TreeSet<>();
      try (var batches =
          kernel
              .getSnapshotAsOfVersion(engine, version)
              .getScanBuilder()
              .build()
              .getScanFiles(engine)) {
        while (batches.hasNext()) {
          try (var rows = batches.next().getRows()) {
            while (rows.hasNext()) {
              listed.add(
                  io.delta.kernel.internal.InternalScanFileUtils.getAddFileStatus(rows.next())
                      .getPath());
            }
          }
        }
      }
      java.util.Set<String> replayed = new java.util.TreeSet<>();
      for (String path : DeltaLiveFiles.at(table, version).keySet()) {
        replayed.add("file:" + table.toAbsolutePath().resolve(path));
      }
      assertThat(replayed).as("version %d", version).isEqualTo(listed);
    }
  }
}
