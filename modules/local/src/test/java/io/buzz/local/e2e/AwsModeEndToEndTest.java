package io.buzz.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.buzz.datagen.TaxiDataGenerator;
import io.buzz.datagen.TaxiDataSpec;
import io.buzz.fuse.FuseConfig;
import io.buzz.fuse.aws.AwsFuse;
import io.buzz.fuse.aws.AwsSettings;
import io.buzz.fuse.client.QueryClient;
import io.buzz.fuse.client.QueryResult;
import io.buzz.fuse.client.ResultRows;
import io.buzz.fuse.service.QueryServerVerticle;
import io.buzz.local.e2e.EndToEndTest.Case;
import io.buzz.local.twin.AwsTwins;
import io.buzz.testing.Await;
import io.buzz.testing.EmbeddedS3;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
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
    fuse =
        AwsFuse.start(
            AwsSettings.from(twins.settings(), true), twins.credentials(), FuseConfig.defaults());
    QueryServerVerticle server = new QueryServerVerticle(fuse.services(), "127.0.0.1", 0);
    Await.result(fuse.vertx().deployVerticle(server));
    client = new QueryClient(fuse.vertx(), "127.0.0.1", server.port());
    allocator = new RootAllocator();
    oracle = new DuckDbOracle();
  }

  @AfterAll
  void tearDown() throws Exception {
    oracle.close();
    client.close();
    allocator.close();
    fuse.close();
    twins.close();
    s3.close();
  }

  static Stream<Arguments> cases() {
    return EndToEndTest.cases().limit(4);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void answersLikeDuckDbThroughTheTwins(Case c) throws Exception {
    List<List<Object>> expected =
        oracle.answer(
            local,
            "nyc_taxi",
            "nyc_taxi_map",
            c.hbeeSql(),
            Optional.ofNullable(c.filter()),
            c.hcombSql());
    String json = QueryJsonText.twoSteps(c.hbeeSql(), c.filter(), c.hcombSql(), "nyc_taxi", URI);
    try (QueryResult result = Await.result(client.query(json, Duration.ofMinutes(2), allocator))) {
      List<List<Object>> actual = ResultRows.fromArrow(result.batches());
      String difference =
          c.ordered()
              ? ResultRows.difference(expected, actual)
              : ResultRows.difference(ResultRows.sorted(expected), ResultRows.sorted(actual));
      assertThat(difference).as(c.name()).isNull();
      if (result.statistics().getHbeeTasks() > 0) {
        assertThat(result.statistics().getIoRequests()).isPositive();
        assertThat(result.statistics().getCostUsd()).isPositive();
        assertThat(result.statistics().getHbeeInvocations())
            .isGreaterThanOrEqualTo(result.statistics().getHbeeTasks());
      }
    }
    assertThat(Await.result(twins.ecs().runningTasks())).as("one HComb task serves all").hasSize(1);
  }
}
