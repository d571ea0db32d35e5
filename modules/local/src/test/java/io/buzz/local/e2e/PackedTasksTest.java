package io.buzz.local.e2e;

import static io.buzz.local.e2e.QueryLifecycleTest.failure;
import static org.assertj.core.api.Assertions.assertThat;

import io.buzz.datagen.TaxiDataGenerator;
import io.buzz.datagen.TaxiDataSpec;
import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import io.buzz.fuse.client.QueryResult;
import io.buzz.fuse.client.ResultRows;
import io.buzz.fuse.query.TaskPacking;
import io.buzz.local.e2e.EndToEndTest.Case;
import io.buzz.protocol.query.Statistics;
import io.buzz.protocol.task.HBeeTask;
import io.buzz.protocol.task.TaskMetrics;
import io.buzz.protocol.task.TaskReport;
import io.buzz.testing.ParquetFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Small files packed several to an HBee task ({@link TaskPacking}): each task scans its files one
 * after the other through one pipeline. The answers are DuckDB's, every file is read exactly once
 * over the committed tasks, and an error names the file it happened in, wherever that file is in
 * its task.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PackedTasksTest {
  /** 12 days of trips, one file each, ~3 row groups per file. */
  static final TaxiDataSpec DATA = new TaxiDataSpec(30_000, 12, LocalDate.of(2009, 1, 1), 1000);

  /** 3 tasks of 4 files for the whole table. */
  static final TaskPacking PACKING = new TaskPacking(3, 128L << 20, 4L << 20, 64);

  @TempDir static Path temp;

  private Path taxi;
  private GatedStack fixture;

  @BeforeAll
  void setUp() throws Exception {
    taxi = temp.resolve("nyc-taxi");
    TaxiDataGenerator.generate(taxi, DATA);
    fixture = GatedStack.start(PACKING);
    fixture.warmedUp("nyc_taxi", taxi);
  }

  @AfterEach
  void settle() throws InterruptedException {
    fixture.settle();
  }

  @AfterAll
  void tearDown() throws Exception {
    fixture.close();
  }

  static Stream<Arguments> cases() {
    return EndToEndTest.cases();
  }

  private QueryResult run(String hbee, String filter, String hcomb) {
    return fixture.run("nyc_taxi", taxi, hbee, filter, hcomb);
  }

  private List<HBeeTask> tasksOf(String queryId) {
    return fixture.gate.invocations().stream()
        .filter(task -> task.getQueryId().equals(queryId))
        .toList();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void answersLikeDuckDbWithSeveralFilesPerTask(Case c) throws Exception {
    List<List<Object>> expected = c.expected(fixture.oracle, taxi);
    try (QueryResult result = run(c.hbeeSql(), c.filter(), c.hcombSql())) {
      assertThat(c.difference(expected, ResultRows.fromArrow(result.batches())))
          .as(c.name())
          .isNull();
      Statistics statistics = result.statistics();
      long files = statistics.getFilesSelected();
      assertThat(statistics.getHbeeTasks()).isEqualTo(Math.min(3, files));
      // every selected file is in exactly one task
      List<String> uris =
          tasksOf(statistics.getQueryId()).stream()
              .flatMap(task -> task.getFilesList().stream())
              .map(file -> file.getUri())
              .toList();
      assertThat(uris).hasSize((int) files).doesNotHaveDuplicates();
    }
  }

  @Test
  void eachTaskScansItsFilesAndTheMetricsAddUp() throws Exception {
    Statistics statistics;
    String hbee =
        "SELECT pickup_date, payment_type, COUNT(*) AS n, SUM(fare_amount) AS fares FROM nyc_taxi"
            + " GROUP BY pickup_date, payment_type";
    String hcomb = "SELECT pickup_date, SUM(n) AS n FROM nyc_taxi_map GROUP BY pickup_date";
    try (QueryResult result = run(hbee, null, hcomb)) {
      statistics = result.statistics();
      // one row per day: the partition value of each file, not of its task's first file
      assertThat(ResultRows.fromArrow(result.batches())).hasSize(DATA.days());
    }
    assertThat(statistics.getHbeeTasks()).isEqualTo(3);
    List<HBeeTask> tasks = tasksOf(statistics.getQueryId());
    assertThat(tasks).hasSize(3).allSatisfy(task -> assertThat(task.getFilesCount()).isEqualTo(4));
    List<TaskReport> reports = fixture.reportsOf(statistics.getQueryId(), 3);
    long rows = 0;
    int files = 0;
    int rowGroups = 0;
    for (TaskReport report : reports) {
      assertThat(report.hasError()).isFalse();
      TaskMetrics metrics = report.getMetrics();
      assertThat(metrics.getFiles()).isEqualTo(4);
      rows += metrics.getRowsScanned();
      files += metrics.getFiles();
      rowGroups += metrics.getRowGroups();
    }
    assertThat(files).isEqualTo(DATA.days());
    assertThat(rows).isEqualTo(DATA.rows()).isEqualTo(statistics.getRowsScanned());
    assertThat(rowGroups).isEqualTo(statistics.getRowGroupsRead()).isGreaterThan(DATA.days());
  }

  @Test
  void aLimitStopsATaskBeforeItsOtherFiles() throws Exception {
    String hbee = "SELECT vendor_id, fare_amount FROM nyc_taxi LIMIT 5";
    String hcomb = "SELECT COUNT(*) AS n FROM nyc_taxi_map";
    String queryId;
    try (QueryResult result = run(hbee, null, hcomb)) {
      // the HBee step is one relation: its LIMIT holds over all tasks, applied again by the HComb
      assertThat(ResultRows.fromArrow(result.batches())).containsExactly(List.of(5L));
      queryId = result.statistics().getQueryId();
    }
    // the first file has the 5 rows: no task opens a second one
    assertThat(fixture.reportsOf(queryId, 3))
        .allSatisfy(report -> assertThat(report.getMetrics().getFiles()).isEqualTo(1));
  }

  @Test
  void footersAnswerEachFileOfATask() throws Exception {
    String hbee = "SELECT COUNT(*) AS n, MAX(pickup_datetime) AS last_pickup FROM nyc_taxi";
    String hcomb = "SELECT SUM(n) AS n, MAX(last_pickup) AS last_pickup FROM nyc_taxi_map";
    List<List<Object>> expected =
        fixture.oracle.answer(
            taxi, "nyc_taxi", "nyc_taxi_map", hbee, java.util.Optional.empty(), hcomb);
    try (QueryResult result = run(hbee, null, hcomb)) {
      assertThat(ResultRows.difference(expected, ResultRows.fromArrow(result.batches()))).isNull();
      assertThat(result.statistics().getRowsScanned()).isEqualTo(DATA.rows());
      assertThat(result.statistics().getPagesRead()).isZero();
    }
  }

  @Test
  void aFileChangedAfterListingIsNamedWhereverItIsInItsTask() throws Exception {
    Path table = temp.resolve("changing");
    for (int i = 0; i < 6; i++) {
      ParquetFiles.write(table.resolve("part-" + i + ".parquet"), "SELECT 1 AS x");
    }
    fixture.gate.hold();
    var outcome =
        fixture.client.query(
            QueryJsonText.twoSteps(
                "SELECT SUM(x) AS n FROM changing",
                null,
                "SELECT SUM(n) AS n FROM changing_map",
                "changing",
                table.toUri().toString()),
            Duration.ofMinutes(1),
            fixture.allocator);
    fixture.gate.awaitWaiting(3);
    HBeeTask task = fixture.gate.invocations().get(0);
    assertThat(task.getFilesCount()).isEqualTo(2);
    // the second file of the first task
    Path second = Path.of(java.net.URI.create(task.getFiles(1).getUri()));
    ParquetFiles.write(second, "SELECT x FROM range(5000) t(x)");
    fixture.gate.release();

    BuzzException error = failure(outcome);
    assertThat(error.code()).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(error.getMessage())
        .contains(second.getFileName().toString())
        .contains("changed during the query");
    assertThat(Files.exists(second)).isTrue();
  }
}
