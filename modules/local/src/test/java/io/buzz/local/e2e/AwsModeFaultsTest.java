package io.buzz.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.buzz.config.Settings;
import io.buzz.datagen.TaxiDataGenerator;
import io.buzz.datagen.TaxiDataSpec;
import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import io.buzz.fuse.FuseConfig;
import io.buzz.fuse.aws.AwsFuse;
import io.buzz.fuse.aws.AwsSettings;
import io.buzz.fuse.client.QueryClient;
import io.buzz.fuse.client.QueryResult;
import io.buzz.fuse.client.ResultRows;
import io.buzz.fuse.service.QueryServerVerticle;
import io.buzz.local.twin.AwsTwins;
import io.buzz.testing.Await;
import io.buzz.testing.EmbeddedS3;
import io.vertx.core.Future;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Faults of the AWS code path, each injected into the twins: the answer equals DuckDB's, or the
 * query fails with one clear error; nothing hangs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AwsModeFaultsTest {
  static final TaxiDataSpec DATA = new TaxiDataSpec(4_000, 5, LocalDate.of(2009, 1, 1), 400);
  static final String URI = "s3://lake/tables/nyc-taxi";
  static final String MAP =
      "SELECT payment_type, COUNT(*) AS n, SUM(fare_amount) AS fares FROM nyc_taxi GROUP BY"
          + " payment_type";
  static final String REDUCE =
      "SELECT payment_type, SUM(n) AS n, SUM(fares) AS fares FROM nyc_taxi_map GROUP BY"
          + " payment_type";
  static final String QUERY = QueryJsonText.twoSteps(MAP, null, REDUCE, "nyc_taxi", URI);

  @TempDir static Path temp;

  private EmbeddedS3 s3;
  private AwsTwins twins;
  private AwsFuse fuse;
  private QueryClient client;
  private BufferAllocator allocator;
  private List<List<Object>> expected;

  @BeforeAll
  void setUp() throws Exception {
    Path local = temp.resolve("nyc-taxi");
    TaxiDataGenerator.generate(local, DATA);
    s3 = new EmbeddedS3();
    s3.createBucket("lake");
    s3.upload(local, "lake", "tables/nyc-taxi/");
    twins =
        AwsTwins.start(
            AwsTwins.Config.of(s3.endpoint(), s3.accessKeyId(), s3.secretAccessKey(), temp)
                .withLambdaConcurrency(3)
                // A cold environment's first task (lazy init, a cold JIT) on two busy cores.
                .withHBeeTimeout(Duration.ofSeconds(8)));
    // The Fuse may run more invocations than the function's concurrency: the rest are throttled.
    fuse = start(twins.settings().with(AwsSettings.HBEE_CONCURRENCY, "16", "test"));
    QueryServerVerticle server = new QueryServerVerticle(fuse.services(), "127.0.0.1", 0);
    Await.result(fuse.vertx().deployVerticle(server));
    client = new QueryClient(fuse.vertx(), "127.0.0.1", server.port());
    allocator = new RootAllocator();
    try (DuckDbOracle oracle = new DuckDbOracle()) {
      expected =
          ResultRows.sorted(
              oracle.answer(local, "nyc_taxi", "nyc_taxi_map", MAP, Optional.empty(), REDUCE));
    }
    assertAnswered(run(QUERY)); // environments and the HComb are warm from here on
  }

  private AwsFuse start(Settings settings) {
    return start(settings, twins.credentials());
  }

  private AwsFuse start(Settings settings, AwsCredentialsProvider credentials) {
    return AwsFuse.start(AwsSettings.from(settings, true), credentials, FuseConfig.defaults());
  }

  @AfterAll
  void tearDown() {
    client.close();
    allocator.close();
    fuse.close();
    twins.close();
    s3.close();
  }

  private QueryResult run(String json) {
    return Await.result(client.query(json, Duration.ofMinutes(2), allocator));
  }

  private void assertAnswered(QueryResult result) {
    try (result) {
      assertThat(
              ResultRows.difference(
                  expected, ResultRows.sorted(ResultRows.fromArrow(result.batches()))))
          .isNull();
    }
  }

  @Test
  void anHBeeProcessKilledMidInvocationIsRetried() {
    twins.lambdaBackend().killNext(1, Duration.ofMillis(5));
    QueryResult result = run(QUERY);
    int retries = result.statistics().getHbeeRetries();
    assertAnswered(result);
    assertThat(retries).as("the killed invocation was retried").isPositive();
  }

  @Test
  void anEnvironmentThatDiesMidInvocationLeavesTheEndOfItsLogInAWarning() throws Exception {
    // The twin logs through System.Logger, which is java.util.logging in these tests.
    java.util.logging.Logger logger =
        java.util.logging.Logger.getLogger(io.buzz.local.lambda.ProcessBackend.class.getName());
    List<String> warnings = new java.util.concurrent.CopyOnWriteArrayList<>();
    java.util.logging.Handler capture =
        new java.util.logging.Handler() {
          @Override
          public void publish(java.util.logging.LogRecord record) {
            if (record.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue()) {
              warnings.add(record.getMessage());
            }
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    logger.addHandler(capture);
    try {
      twins.lambdaBackend().killNext(1, Duration.ofMillis(5));
      assertAnswered(run(QUERY));
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (warnings.isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(20); // the log's end is read off the event loop
      }
      assertThat(warnings)
          .anySatisfy(
              w ->
                  assertThat(w)
                      .contains("exited with status")
                      .contains("while running an invocation; the end of its log:"));
    } finally {
      logger.removeHandler(capture);
    }
  }

  @Test
  void aDuplicateDeliveryCountsOnce() {
    twins.lambda().duplicateNext(3);
    assertAnswered(run(QUERY));
  }

  @Test
  void aStragglerIsHedgedAndTheFirstAttemptToCommitWins() {
    twins.lambda().delayNext(1, Duration.ofSeconds(5));
    QueryResult result = run(QUERY);
    int hedges = result.statistics().getHbeeHedges();
    int wins = result.statistics().getHbeeHedgeWins();
    assertAnswered(result);
    assertThat(hedges).isEqualTo(1);
    assertThat(wins).as("the hedge finished before the delayed attempt started").isEqualTo(1);
  }

  @Test
  void anInvocationPastTheFunctionTimeoutIsRetried() {
    twins.lambdaBackend().stallNext(1);
    QueryResult result = run(QUERY);
    int retries = result.statistics().getHbeeRetries();
    assertAnswered(result);
    assertThat(retries).isPositive();
  }

  @Test
  void throttledInvocationsAreRetried() {
    // 5 tasks, 16 invocations allowed by the Fuse, 3 environments: two are throttled (429).
    assertAnswered(run(QUERY));
  }

  @Test
  void anHCombKilledMidQueryFailsItAndTheNextQueryStartsAnother() throws Exception {
    List<String> before = Await.result(twins.ecs().runningTasks());
    assertThat(before).hasSize(1);
    twins.lambda().delayNext(DATA.days(), Duration.ofSeconds(2)); // the query stays in flight
    Future<QueryResult> running = client.query(QUERY, Duration.ofMinutes(1), allocator);
    Thread.sleep(700);
    Await.result(twins.ecs().crash(before.get(0)));
    assertThatThrownBy(() -> Await.result(running))
        .isInstanceOfSatisfying(
            BuzzException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE))
        .hasMessageContaining("HComb 127.")
        .hasMessageContaining(":" + AwsTwins.HCOMB_PORT);
    Thread.sleep(2_500); // the delayed invocations of the failed query drain
    assertAnswered(run(QUERY));
    List<String> after = Await.result(twins.ecs().runningTasks());
    assertThat(after).hasSize(1).doesNotContainAnyElementsOf(before);
  }

  @Test
  void anHCombThatNeverRunsIsADeadlineErrorNamingTheTask() {
    twins
        .ecs()
        .register(
            twins
                .hcombDefinition()
                .withFamily("buzz-hcomb-stuck")
                .withProvisioningDelay(Duration.ofHours(1)));
    try (AwsFuse stuck =
        start(
            twins
                .settings()
                .with(AwsSettings.TASK_DEFINITION, "buzz-hcomb-stuck", "test")
                .with(AwsSettings.STARTED_BY, "buzz-stuck", "test")
                .with(AwsSettings.START_TIMEOUT, "2s", "test"))) {
      assertThatThrownBy(() -> Await.result(stuck.services().hcombs().acquire(1)))
          .isInstanceOfSatisfying(
              BuzzException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.DEADLINE_EXCEEDED))
          .hasMessageContaining("HComb task arn:aws:ecs:")
          .hasMessageContaining("PROVISIONING");
    }
  }

  @Test
  void aMissingTaskDefinitionIsAConfigurationError() {
    try (AwsFuse wrong =
        start(
            twins
                .settings()
                .with(AwsSettings.TASK_DEFINITION, "buzz-hcomb-nope", "test")
                .with(AwsSettings.STARTED_BY, "buzz-nope", "test"))) {
      assertThatThrownBy(() -> Await.result(wrong.services().hcombs().acquire(1)))
          .isInstanceOfSatisfying(
              BuzzException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CONFIG))
          .hasMessageContaining("buzz-hcomb-nope")
          .hasMessageContaining("does not exist");
    }
  }

  @Test
  void refusedOrMissingCredentialsAreOneClearLine() {
    try (AwsFuse wrong =
        start(
            twins.settings().with(AwsSettings.STARTED_BY, "buzz-wrong", "test"),
            StaticCredentialsProvider.create(AwsBasicCredentials.create("intruder", "nope")))) {
      assertThatThrownBy(() -> Await.result(wrong.services().hcombs().acquire(1)))
          .isInstanceOfSatisfying(
              BuzzException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CONFIG))
          .hasMessageContaining("credentials were refused");
    }
    AwsCredentialsProvider none =
        () -> {
          throw SdkClientException.create(
              "Unable to load credentials from any of the providers in the chain");
        };
    try (AwsFuse missing = start(twins.settings(), none)) {
      assertThatThrownBy(() -> Await.result(missing.services().hcombs().acquire(1)))
          .isInstanceOfSatisfying(
              BuzzException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CONFIG))
          .hasMessageContaining("no AWS credentials found");
    }
  }

  @Test
  void aWrongRegionOrAMissingSettingIsRefusedAtStartUp() {
    assertThatThrownBy(
            () ->
                AwsSettings.load(
                    Optional.empty(),
                    Map.of("BUZZ_AWS_REGION", "moon-1", "BUZZ_AWS_HCOMB_CLUSTER", "c"),
                    true))
        .isInstanceOfSatisfying(
            BuzzException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CONFIG))
        .hasMessageContaining("buzz.aws.region 'moon-1'")
        .hasMessageContaining("BUZZ_AWS_REGION");
    assertThatThrownBy(
            () -> AwsSettings.load(Optional.empty(), Map.of("AWS_REGION", "eu-west-1"), true))
        .hasMessageContaining("buzz.aws.hcomb.cluster")
        .hasMessageContaining("BUZZ_AWS_HCOMB_CLUSTER");
  }
}
