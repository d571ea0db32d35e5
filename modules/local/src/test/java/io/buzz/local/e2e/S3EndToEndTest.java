package io.buzz.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.buzz.datagen.TaxiDataGenerator;
import io.buzz.datagen.TaxiDataSpec;
import io.buzz.fuse.client.QueryClient;
import io.buzz.fuse.client.QueryResult;
import io.buzz.fuse.client.ResultRows;
import io.buzz.local.LocalStack;
import io.buzz.local.LocalStackConfig;
import io.buzz.local.e2e.EndToEndTest.Case;
import io.buzz.testing.Await;
import io.buzz.testing.BlockedThreadWatch;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The end-to-end queries over {@code s3://}: the same DuckDB-written files uploaded to an
 * S3-compatible server (S3Proxy), listed, footer-read and range-read through the AWS SDK by the
 * Fuse and the HBees, and compared with DuckDB over the local copy.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class S3EndToEndTest {
  /** 12k trips over 14 days (the cases' date filters select some of them), 3 row groups a file. */
  static final TaxiDataSpec DATA = new TaxiDataSpec(12_000, 14, LocalDate.of(2009, 1, 1), 300);

  static final String BUCKET = "lake";
  static final String URI = "s3://lake/tables/nyc-taxi";

  @TempDir static Path temp;

  private Path local;
  private EmbeddedS3 s3;
  private BlockedThreadWatch watch;
  private LocalStack stack;
  private QueryClient client;
  private BufferAllocator allocator;
  private DuckDbOracle oracle;

  @BeforeAll
  void setUp() throws Exception {
    local = temp.resolve("nyc-taxi");
    TaxiDataGenerator.generate(local, DATA);
    s3 = new EmbeddedS3();
    s3.createBucket(BUCKET);
    s3.upload(local, BUCKET, "tables/nyc-taxi/");
    watch = BlockedThreadWatch.start();
    stack = LocalStack.start(watch.vertx(), LocalStackConfig.defaults().withS3(s3.config()));
    client = new QueryClient(stack.vertx(), "127.0.0.1", stack.port());
    allocator = new RootAllocator();
    oracle = new DuckDbOracle();
    WarmUp.run(client, allocator, "nyc_taxi", URI);
    watch.arm();
  }

  @AfterAll
  void tearDown() throws Exception {
    oracle.close();
    client.close();
    stack.close();
    allocator.close();
    s3.close();
    watch.close();
    watch.assertNothingBlocked();
  }

  static Stream<Arguments> cases() {
    return EndToEndTest.cases();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void answersLikeDuckDbOverTheSameFiles(Case c) throws Exception {
    List<List<Object>> expected = c.expected(oracle, local);
    String json = QueryJsonText.twoSteps(c.hbeeSql(), c.filter(), c.hcombSql(), "nyc_taxi", URI);
    try (QueryResult result = Await.result(client.query(json, Duration.ofMinutes(2), allocator))) {
      List<List<Object>> actual = ResultRows.fromArrow(result.batches());
      assertThat(c.difference(expected, actual)).as(c.name()).isNull();
      assertThat(result.statistics().getFilesListed()).isEqualTo(DATA.days());
      // requests and bytes go together; a warm HBee may need none (footers cached, COUNT(*))
      assertThat(result.statistics().getBytesRead() > 0)
          .isEqualTo(result.statistics().getIoRequests() > 0);
    }
  }

  @Test
  void aSingleObjectUri() throws Exception {
    String file = "pickup_date=2009-01-03/data_0.parquet";
    String json =
        QueryJsonText.twoSteps(
            "SELECT COUNT(*) AS n, SUM(fare_amount) AS fares FROM trips",
            null,
            "SELECT SUM(n) AS n, SUM(fares) AS fares FROM trips_map",
            "trips",
            URI + "/" + file);
    List<List<Object>> expected =
        oracle.answer(
            local.resolve(file),
            "trips",
            "trips_map",
            "SELECT COUNT(*) AS n, SUM(fare_amount) AS fares FROM trips",
            Optional.empty(),
            "SELECT SUM(n) AS n, SUM(fares) AS fares FROM trips_map");
    try (QueryResult result = Await.result(client.query(json, Duration.ofMinutes(1), allocator))) {
      assertThat(result.started().getFilesListed()).isEqualTo(1);
      assertThat(ResultRows.difference(expected, ResultRows.fromArrow(result.batches()))).isNull();
    }
  }
}
