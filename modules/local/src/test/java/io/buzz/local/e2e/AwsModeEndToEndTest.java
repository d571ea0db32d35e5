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
import io.buzz.fuse.aws.FuseFunction;
import io.buzz.fuse.aws.FuseFunctionClient;
import io.buzz.fuse.aws.FuseHandler;
import io.buzz.fuse.aws.FuseResponse;
import io.buzz.fuse.aws.FuseServer;
import io.buzz.fuse.client.QueryClient;
import io.buzz.fuse.client.QueryResult;
import io.buzz.fuse.client.ResultRows;
import io.buzz.local.Packages;
import io.buzz.local.e2e.EndToEndTest.Case;
import io.buzz.local.lambda.ProcessBackend;
import io.buzz.local.lambda.ProcessFunctionConfig;
import io.buzz.local.lambda.StreamHandlerBackend;
import io.buzz.local.twin.AwsTwins;
import io.buzz.testing.Await;
import io.buzz.testing.EmbeddedS3;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Buzz in AWS mode, offline: the Fuse's AWS wiring ({@link AwsFuse}) invokes HBees through {@code
 * LambdaAsyncClient} on the Lambda twin, whose environments run the HBee zip in JVMs of their own;
 * the HComb is started through {@code EcsAsyncClient} on the ECS twin as a process of its own; data
 * is on an S3-compatible server. Answers are compared with DuckDB's over the same files.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AwsModeEndToEndTest {
  static final TaxiDataSpec DATA = new TaxiDataSpec(6_000, 6, LocalDate.of(2009, 1, 1), 300);
  static final String URI = "s3://lake/tables/nyc-taxi";

  @TempDir static Path temp;

  private Path local;
  private EmbeddedS3 s3;
  private AwsTwins twins;
  private AwsFuse fuse;
  private FuseServer server;
  private AwsSettings settings;
  private QueryClient client;
  private BufferAllocator allocator;
  private DuckDbOracle oracle;

  @BeforeAll
  void setUp() throws Exception {
    local = temp.resolve("nyc-taxi");
    TaxiDataGenerator.generate(local, DATA);
    s3 = new EmbeddedS3();
    s3.createBucket("lake");
    s3.upload(local, "lake", "tables/nyc-taxi/");
    twins =
        AwsTwins.start(
            AwsTwins.Config.of(s3.endpoint(), s3.accessKeyId(), s3.secretAccessKey(), temp)
                .withLambdaConcurrency(4));
    s3.createBucket("results");
    settings =
        AwsSettings.from(
            twins
                .settings()
                .with(AwsSettings.RESULTS, "s3://results/buzz/", "test")
                .with(AwsSettings.FUSE_FUNCTION, "buzz-fuse", "test"),
            true);
    fuse = AwsFuse.start(settings, twins.credentials(), FuseConfig.defaults());
    // The Fuse function, twice: answering inline as on Lambda, and with a tiny inline limit so
    // every result goes through S3.
    twins
        .lambda()
        .host(
            "buzz-fuse",
            new StreamHandlerBackend(
                fuse.vertx(),
                new FuseHandler(() -> new FuseFunction(fuse, FuseResponse.MAX_INLINE_BYTES)),
                "buzz-fuse",
                Duration.ofMinutes(2)),
            4);
    twins
        .lambda()
        .host(
            "buzz-fuse-s3",
            new StreamHandlerBackend(
                fuse.vertx(),
                new FuseHandler(() -> new FuseFunction(fuse, 64)),
                "buzz-fuse-s3",
                Duration.ofMinutes(2)),
            4);
    // The gRPC service as its container runs it, with its Prometheus endpoint.
    server = FuseServer.start(fuse, "127.0.0.1", 0, 0);
    client = new QueryClient(fuse.vertx(), "127.0.0.1", server.port());
    allocator = new RootAllocator();
    oracle = new DuckDbOracle();
  }

  @AfterAll
  void tearDown() throws Exception {
    oracle.close();
    client.close();
    allocator.close();
    server.close(); // and the Fuse it serves
    twins.close();
    s3.close();
  }

  static Stream<Arguments> cases() {
    return EndToEndTest.cases().limit(4);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void answersLikeDuckDbThroughTheTwins(Case c) throws Exception {
    List<List<Object>> expected = c.expected(oracle, local);
    String json = QueryJsonText.twoSteps(c.hbeeSql(), c.filter(), c.hcombSql(), "nyc_taxi", URI);
    try (QueryResult result = Await.result(client.query(json, Duration.ofMinutes(2), allocator))) {
      List<List<Object>> actual = ResultRows.fromArrow(result.batches());
      assertThat(c.difference(expected, actual)).as(c.name()).isNull();
      if (result.statistics().getHbeeTasks() > 0) {
        assertThat(result.statistics().getIoRequests()).isPositive();
        assertThat(result.statistics().getCostUsd()).isPositive();
        assertThat(result.statistics().getHbeeInvocations())
            .isGreaterThanOrEqualTo(result.statistics().getHbeeTasks());
      }
    }
    assertThat(Await.result(twins.ecs().runningTasks())).as("one HComb task serves all").hasSize(1);
    assertThat(fuse.metrics().scrape()).contains("buzz_fuse_cost_usd_total");
    assertThat(server.metricsPort()).isPositive();
  }

  private static final String GROUPED =
      QueryJsonText.twoSteps(
          "SELECT payment_type, COUNT(*) AS n, SUM(fare_amount) AS fares FROM nyc_taxi GROUP BY"
              + " payment_type",
          null,
          "SELECT payment_type, SUM(n) AS n, SUM(fares) AS fares FROM nyc_taxi_map GROUP BY"
              + " payment_type",
          "nyc_taxi",
          URI);

  private List<List<Object>> expectedGrouped() throws Exception {
    return oracle.answer(
        local,
        "nyc_taxi",
        "nyc_taxi_map",
        "SELECT payment_type, COUNT(*) AS n, SUM(fare_amount) AS fares FROM nyc_taxi GROUP BY"
            + " payment_type",
        Optional.empty(),
        "SELECT payment_type, SUM(n) AS n, SUM(fares) AS fares FROM nyc_taxi_map GROUP BY"
            + " payment_type");
  }

  private FuseFunctionClient functionClient(String function) {
    Settings named = twins.settings().with(AwsSettings.FUSE_FUNCTION, function, "test");
    return new FuseFunctionClient(AwsSettings.from(named, false), twins.credentials());
  }

  @Test
  void theFuseFunctionAnswersInline() throws Exception {
    assertFunctionAnswersGroupedLikeDuckDb("buzz-fuse");
  }

  private void assertFunctionAnswersGroupedLikeDuckDb(String function) throws Exception {
    try (FuseFunctionClient client = functionClient(function);
        QueryResult result = client.query(GROUPED, Duration.ofMinutes(2), allocator)) {
      assertThat(
              ResultRows.difference(
                  ResultRows.sorted(expectedGrouped()),
                  ResultRows.sorted(ResultRows.fromArrow(result.batches()))))
          .isNull();
      // the files, packed into at most one task per HBee the twins run at once
      assertThat(result.statistics().getFilesSelected()).isEqualTo(DATA.days());
      assertThat(result.statistics().getHbeeTasks()).isBetween(1, DATA.days());
    }
  }

  @Test
  void theFuseZipAnswersFromItsOwnExecutionEnvironment() throws Exception {
    // The deployment package itself, run by the runtime interface client in a process of the
    // Lambda twin, configured only through its environment as on Lambda.
    Map<String, String> environment = new LinkedHashMap<>();
    Settings named =
        twins
            .settings()
            .with(AwsSettings.RESULTS, "s3://results/buzz/", "test")
            .with(AwsSettings.FUSE_FUNCTION, "buzz-fuse-zip", "test");
    for (String name : AwsSettings.NAMES) {
      named
          .optional(name)
          .ifPresent(value -> environment.put(Settings.environmentName(name), value));
    }
    environment.put("AWS_REGION", settings.region());
    environment.put("AWS_ACCESS_KEY_ID", s3.accessKeyId());
    environment.put("AWS_SECRET_ACCESS_KEY", s3.secretAccessKey());
    twins
        .lambda()
        .host(
            "buzz-fuse-zip",
            new ProcessBackend(
                fuse.vertx(),
                new ProcessFunctionConfig(
                    "buzz-fuse-zip",
                    Packages.fuseZip(),
                    "io.buzz.fuse.aws.FuseHandler::handleRequest",
                    2048,
                    Duration.ofMinutes(2),
                    environment,
                    ProcessFunctionConfig.MANAGED_RUNTIME_FLAGS,
                    Duration.ofMinutes(5),
                    temp.resolve("fuse-zip-logs"))),
            1);

    assertFunctionAnswersGroupedLikeDuckDb("buzz-fuse-zip");
  }

  @Test
  void aResultBeyondTheResponseLimitIsReadFromS3() throws Exception {
    try (FuseFunctionClient client = functionClient("buzz-fuse-s3");
        QueryResult result = client.query(GROUPED, Duration.ofMinutes(2), allocator)) {
      assertThat(
              ResultRows.difference(
                  ResultRows.sorted(expectedGrouped()),
                  ResultRows.sorted(ResultRows.fromArrow(result.batches()))))
          .isNull();
      String key = "buzz/" + result.statistics().getQueryId() + ".arrows";
      assertThat(s3.client().headObject(b -> b.bucket("results").key(key)).get().contentLength())
          .as("the result object")
          .isPositive();
    }
  }

  @Test
  void aBadQueryThroughTheFuseFunctionKeepsItsCodeAndPosition() {
    String json = GROUPED.replace("SUM(fare_amount)", "SUM(fare_amount");
    try (FuseFunctionClient client = functionClient("buzz-fuse")) {
      assertThatThrownBy(() -> client.query(json, Duration.ofMinutes(1), allocator))
          .isInstanceOfSatisfying(
              BuzzException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_QUERY))
          .hasMessageNotContaining("Exception");
    }
  }

  @Test
  void coldStartsAreMeasuredUpToTheFirstByteRequested() throws Exception {
    Await.result(client.query(GROUPED, Duration.ofMinutes(2), allocator)).close();
    // The answer can arrive before the twin has the HBees' responses (the tasks commit to the
    // HComb first): a cold start is recorded when its invocation returns.
    QueryLifecycleTest.eventually(
        "a cold start recorded", () -> !twins.lambdaBackend().coldStarts().isEmpty());
    assertThat(twins.lambdaBackend().coldStarts())
        .isNotEmpty()
        .allSatisfy(
            start -> {
              assertThat(start.processToReadyMillis()).isPositive();
              assertThat(start.taskMillis()).isPositive();
              assertThat(start.firstRequestMillis()).isPositive();
              assertThat(start.processToFirstRequestMillis())
                  .isGreaterThan(start.processToReadyMillis());
            });
  }

  @Test
  void aResultTooLargeToAnswerWithoutAResultsLocationIsALimitNamingTheSetting() {
    try (AwsFuse noResults =
        AwsFuse.start(
            AwsSettings.from(twins.settings(), true), twins.credentials(), FuseConfig.defaults())) {
      FuseFunction function = new FuseFunction(noResults, 64);
      assertThatThrownBy(
              () -> Await.result(function.run(GROUPED, System.currentTimeMillis() + 60_000)))
          .isInstanceOfSatisfying(
              BuzzException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.LIMIT_EXCEEDED))
          .hasMessageContaining(AwsSettings.RESULTS);
    }
  }
}
