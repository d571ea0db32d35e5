package io.buzz.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.buzz.datagen.TaxiDataSpec;
import io.buzz.datagen.TaxiDeltaGenerator;
import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import io.buzz.fuse.client.QueryResult;
import io.buzz.fuse.client.ResultRows;
import io.buzz.local.LocalStackConfig;
import io.buzz.local.e2e.EndToEndTest.Case;
import io.buzz.testing.EmbeddedS3;
import java.nio.file.Path;
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
 * The Delta table read from {@code s3://}: its log listed and read by Delta Kernel through the
 * Fuse's S3 client, its files read by the HBees, against the embedded S3-compatible server; the
 * answers compared with DuckDB over the local copy's live files.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeltaS3EndToEndTest {
  static final TaxiDataSpec DATA = new TaxiDataSpec(12_000, 6, LocalDate.of(2009, 1, 1), 1000);
  static final String URI = "s3://lake/tables/trips";

  @TempDir static Path temp;

  private Path local;
  private EmbeddedS3 s3;
  private E2eStack stack;
  private DuckDbOracle oracle;

  @BeforeAll
  void setUp() throws Exception {
    local = temp.resolve("trips");
    TaxiDeltaGenerator.generate(local, DATA);
    s3 = new EmbeddedS3();
    s3.createBucket("lake");
    s3.upload(local, "lake", "tables/trips/");
    stack = E2eStack.start(LocalStackConfig.defaults().withS3(s3.config()));
    oracle = new DuckDbOracle();
  }

  @AfterAll
  void tearDown() throws Exception {
    oracle.close();
    stack.close();
    s3.close();
  }

  static Stream<Arguments> cases() {
    return EndToEndTest.cases().limit(6);
  }

  private String query(Case c, String uri, String snapshot) {
    return QueryJsonText.twoSteps(
        c.hbeeSql(), c.filter(), c.hcombSql(), "nyc_taxi", "DeltaLake", uri, snapshot);
  }

  private QueryResult run(String json) throws Exception {
    return stack.run(json);
  }

  private List<List<Object>> expected(Case c, long version) throws Exception {
    return oracle.answer(
        DeltaEndToEndTest.live(local, DATA, version),
        "nyc_taxi",
        "nyc_taxi_map",
        c.hbeeSql(),
        Optional.ofNullable(c.filter()),
        c.hcombSql());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void answersLikeDuckDbAtTheLatestVersionAndAtVersionZero(Case c) throws Exception {
    try (QueryResult latest = run(query(c, URI, ""));
        QueryResult first = run(query(c, URI, ", \"version\": 0"))) {
      assertThat(c.difference(expected(c, -1), ResultRows.fromArrow(latest.batches())))
          .as(c.name())
          .isNull();
      assertThat(c.difference(expected(c, 0), ResultRows.fromArrow(first.batches())))
          .as(c.name() + " at version 0")
          .isNull();
      assertThat(latest.statistics().getFilesListed()).isEqualTo(DATA.days());
    }
  }

  @Test
  void aPrefixWithoutALogAndAMissingBucketAreNamed() {
    Case seed = (Case) EndToEndTest.cases().findFirst().orElseThrow().get()[0];
    BuzzException noLog = stack.failure(query(seed, "s3://lake/tables/nothing-here", ""));
    assertThat(noLog.code()).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(noLog.getMessage())
        .isEqualTo(
            "catalog 'nyc_taxi' (Delta table s3://lake/tables/nothing-here, latest): there is no"
                + " _delta_log, so it is not a Delta table (a Static catalog reads a folder of"
                + " Parquet files)");
    BuzzException noBucket = stack.failure(query(seed, "s3://no-such-bucket/trips", ""));
    assertThat(noBucket.code()).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(noBucket.getMessage())
        .startsWith("catalog 'nyc_taxi' (Delta table s3://no-such-bucket/trips, latest): ")
        .contains("no-such-bucket")
        .contains("does not exist");
  }

  @Test
  void aRootWithATrailingSlashReadsAlsoFromTheCache() throws Exception {
    Case seed = (Case) EndToEndTest.cases().findFirst().orElseThrow().get()[0];
    List<List<Object>> expected = expected(seed, -1);
    for (int i = 0; i < 2; i++) {
      try (QueryResult result = run(query(seed, URI + "/", ""))) {
        assertThat(seed.difference(expected, ResultRows.fromArrow(result.batches())))
            .as("query %d", i)
            .isNull();
      }
    }
  }

  @Test
  void anUnpartitionedTableOverwrittenAndRestoredReadsEveryVersionThroughS3() throws Exception {
    Path history = temp.resolve("history");
    DeltaHistoryTest.build(history);
    s3.upload(history, "lake", "tables/history/");
    for (long version = 0; version <= 3; version++) {
      List<List<Object>> expected =
          oracle.answer(
              io.buzz.testing.DeltaLiveFiles.select(history, version, Map.of(), Map.of()),
              "t",
              "t_map",
              DeltaHistoryTest.HBEE,
              Optional.empty(),
              DeltaHistoryTest.HCOMB);
      try (QueryResult result =
          run(DeltaHistoryTest.query("s3://lake/tables/history", ", \"version\": " + version))) {
        assertThat(ResultRows.difference(expected, ResultRows.fromArrow(result.batches())))
            .as("version %d", version)
            .isNull();
      }
    }
  }

  @Test
  void travelsToATimestampByTheCommitTimesS3Lists() throws Exception {
    // S3 dates objects when they are written: commits 0 and 1 first, the rest two seconds later
    Path table = temp.resolve("timed");
    TaxiDeltaGenerator.generate(table, DATA);
    String prefix = "tables/timed/";
    List<Path> later = new java.util.ArrayList<>();
    try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(table)) {
      for (Path file : files.filter(java.nio.file.Files::isRegularFile).toList()) {
        String name = file.getFileName().toString();
        boolean early =
            !file.getParent().getFileName().toString().equals("_delta_log")
                || name.startsWith("00000000000000000000.")
                || name.startsWith("00000000000000000001.");
        if (early) {
          s3.put("lake", prefix + table.relativize(file), java.nio.file.Files.readAllBytes(file));
        } else {
          later.add(file);
        }
      }
    }
    Thread.sleep(2_000);
    java.time.Instant between = java.time.Instant.now();
    Thread.sleep(2_000);
    for (Path file : later) {
      s3.put("lake", prefix + table.relativize(file), java.nio.file.Files.readAllBytes(file));
    }
    Case seed = (Case) EndToEndTest.cases().findFirst().orElseThrow().get()[0];
    try (QueryResult result =
        run(query(seed, "s3://lake/tables/timed", ", \"timestamp\": \"" + between + "\""))) {
      assertThat(result.statistics().getTableVersion()).isEqualTo(1);
      assertThat(seed.difference(expected(seed, 1), ResultRows.fromArrow(result.batches())))
          .isNull();
    }
  }
}
