package io.buzz.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.buzz.datagen.TaxiDataGenerator;
import io.buzz.datagen.TaxiDataSpec;
import io.buzz.fuse.client.QueryClient;
import io.buzz.fuse.client.QueryResult;
import io.buzz.fuse.client.ResultRows;
import io.buzz.local.LocalStack;
import io.buzz.local.LocalStackConfig;
import io.buzz.local.s3.S3LatencyModel;
import io.buzz.local.s3.S3LatencyProxy;
import io.buzz.protocol.query.Statistics;
import io.buzz.storage.io.S3ClientConfig;
import io.buzz.testing.Await;
import io.buzz.testing.EmbeddedS3;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A query whose HBees meet a stalled S3 GET, through the S3 latency twin: the GET is requested
 * again, the query answers like DuckDB without waiting out the stall, and its statistics say so.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class S3StallEndToEndTest {
  static final TaxiDataSpec DATA = new TaxiDataSpec(6_000, 4, LocalDate.of(2009, 1, 1), 500);
  static final String URI = "s3://lake/tables/nyc-taxi";
  static final String HBEE_SQL =
      "SELECT payment_type, COUNT(*) AS n, SUM(fare_amount) AS fares FROM nyc_taxi"
          + " GROUP BY payment_type";
  static final String HCOMB_SQL =
      "SELECT payment_type, SUM(n) AS n, SUM(fares) AS fares FROM nyc_taxi_map"
          + " GROUP BY payment_type";

  @TempDir static Path temp;

  private Path local;
  private EmbeddedS3 s3;
  private Vertx vertx;
  private S3LatencyProxy proxy;
  private LocalStack stack;
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
    vertx = Vertx.vertx();
    proxy = new S3LatencyProxy(S3LatencyModel.off(), s3.endpoint());
    vertx.deployVerticle(proxy).await(30, TimeUnit.SECONDS);
    S3ClientConfig viaProxy =
        S3ClientConfig.compatible(
            proxy.endpoint(), "us-east-1", s3.accessKeyId(), s3.secretAccessKey());
    stack = LocalStack.start(vertx, LocalStackConfig.defaults().withS3(viaProxy));
    client = new QueryClient(vertx, "127.0.0.1", stack.port());
    allocator = new RootAllocator();
    oracle = new DuckDbOracle();
  }

  @AfterAll
  void tearDown() throws Exception {
    oracle.close();
    client.close();
    stack.close();
    allocator.close();
    vertx.close().await(30, TimeUnit.SECONDS);
    s3.close();
  }

  @Test
  void aStalledGetIsRequestedAgainAndTheQueryDoesNotWaitForIt() throws Exception {
    String json = QueryJsonText.twoSteps(HBEE_SQL, null, HCOMB_SQL, "nyc_taxi", URI);
    List<List<Object>> expected =
        oracle.answer(local, "nyc_taxi", "nyc_taxi_map", HBEE_SQL, Optional.empty(), HCOMB_SQL);
    Statistics calm = run(json, expected); // footers cached from here on: chunk GETs are next
    assertThat(calm.getIoHedges()).isZero();

    long abandonedBefore = proxy.figures().abandoned();
    proxy.stallNextRangedGets(1, Duration.ofMinutes(5)); // longer than the query's deadline
    Statistics stalled = run(json, expected);

    assertThat(stalled.getIoHedges()).isGreaterThanOrEqualTo(1);
    assertThat(stalled.getIoHedgeWins()).isGreaterThanOrEqualTo(1);
    // The tasks waited for S3 while the GET was re-requested, never longer than they ran.
    assertThat(stalled.getHbeeIoWaitMillis())
        .isPositive()
        .isLessThanOrEqualTo(stalled.getHbeeMaxMillis() * stalled.getHbeeTasks());
    // The stalled GET was given up, its connection closed: nothing is left waiting for it.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (proxy.figures().abandoned() == abandonedBefore && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(proxy.figures().abandoned()).isGreaterThan(abandonedBefore);
  }

  private Statistics run(String json, List<List<Object>> expected) throws Exception {
    try (QueryResult result = Await.result(client.query(json, Duration.ofMinutes(1), allocator))) {
      List<List<Object>> actual = ResultRows.fromArrow(result.batches());
      assertThat(ResultRows.difference(ResultRows.sorted(expected), ResultRows.sorted(actual)))
          .isNull();
      return result.statistics();
    }
  }
}
