package io.buzz.local.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import io.buzz.storage.io.ByteRange;
import io.buzz.storage.io.IoStats;
import io.buzz.storage.io.S3ByteSource;
import io.buzz.storage.io.S3ClientConfig;
import io.buzz.storage.io.S3Clients;
import io.buzz.storage.io.S3Location;
import io.buzz.storage.io.S3ReadOptions;
import io.buzz.testing.Await;
import io.buzz.testing.EmbeddedS3;
import io.vertx.core.Vertx;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/**
 * Hedged GETs of {@link S3ByteSource} against the S3 latency twin's stall drill, through the real
 * S3AsyncClient to the embedded S3-compatible server. Nothing here asserts a timing: a stalled GET
 * that was not hedged would still answer (after 30 s), so the figures tell what happened.
 */
class HedgedReadTest {
  private static final String BUCKET = "hedged";
  private static final String KEY = "t/part-0.parquet";
  private static final byte[] OBJECT = new byte[200_000];
  private static EmbeddedS3 s3;
  private static Vertx vertx;
  private S3LatencyProxy proxy;
  private S3AsyncClient client;

  @BeforeAll
  static void startServer() throws Exception {
    s3 = new EmbeddedS3();
    s3.createBucket(BUCKET);
    new Random(5).nextBytes(OBJECT);
    s3.put(BUCKET, KEY, OBJECT);
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stopServer() throws Exception {
    vertx.close().await(30, TimeUnit.SECONDS);
    s3.close();
  }

  @BeforeEach
  void startProxy() throws Exception {
    proxy = new S3LatencyProxy(S3LatencyModel.off(), s3.endpoint());
    vertx.deployVerticle(proxy).await(30, TimeUnit.SECONDS);
    client =
        S3Clients.create(
            S3ClientConfig.compatible(
                proxy.endpoint(), "us-east-1", s3.accessKeyId(), s3.secretAccessKey()));
  }

  @AfterEach
  void stopProxy() {
    client.close();
  }

  private S3ByteSource source(Duration hedgeAfter, String key) {
    // A fast expected transfer rate: the hedge delay is hedgeAfter for these small reads.
    S3ReadOptions options = S3ReadOptions.DEFAULTS.withHedging(hedgeAfter, 1_000_000_000L);
    return new S3ByteSource(client, S3Location.parse("s3://" + BUCKET + "/" + key), options);
  }

  private static byte[] bytes(ByteBuffer buffer) {
    byte[] out = new byte[buffer.remaining()];
    buffer.duplicate().get(out);
    return out;
  }

  @Test
  void aStalledGetIsRequestedAgainAndTheFirstAnswerWins() throws Exception {
    proxy.stallNext(1, Duration.ofSeconds(30));
    S3ByteSource source = source(Duration.ofMillis(50), KEY);
    List<ByteBuffer> read =
        Await.result(source.read(List.of(new ByteRange(10, 1000), new ByteRange(150_000, 500))));
    assertThat(bytes(read.get(0))).isEqualTo(Arrays.copyOfRange(OBJECT, 10, 1010));
    assertThat(bytes(read.get(1))).isEqualTo(Arrays.copyOfRange(OBJECT, 150_000, 150_500));
    IoStats stats = source.stats();
    assertThat(stats.hedges()).isEqualTo(1);
    assertThat(stats.hedgeWins()).isEqualTo(1);
    assertThat(stats.requests()).isEqualTo(2); // the two ranges coalesce into one GET, one hedge
    // The stalled request is cancelled, not left to finish: the twin sees the client give up.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (proxy.figures().abandoned() < 1 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(proxy.figures().abandoned()).isEqualTo(1);
  }

  @Test
  void aStalledFooterReadIsHedgedToo() {
    proxy.stallNext(1, Duration.ofSeconds(30));
    S3ByteSource source = source(Duration.ofMillis(50), KEY);
    ByteBuffer tail = Await.result(source.readTail(1000));
    assertThat(bytes(tail))
        .isEqualTo(Arrays.copyOfRange(OBJECT, OBJECT.length - 1000, OBJECT.length));
    assertThat(Await.result(source.length())).isEqualTo(OBJECT.length); // learnt from the hedge
    assertThat(source.stats().hedgeWins()).isEqualTo(1);
    assertThat(source.stats().requests()).isEqualTo(2);
  }

  @Test
  void aGetThatAnswersInTimeIsNotHedged() {
    S3ByteSource source = source(Duration.ofSeconds(20), KEY);
    ByteBuffer read = Await.result(source.read(0, OBJECT.length));
    assertThat(bytes(read)).isEqualTo(OBJECT);
    assertThat(source.stats().hedges()).isZero();
    assertThat(source.stats().requests()).isEqualTo(1);
  }

  @Test
  void withoutHedgingAStalledGetIsWaitedFor() {
    proxy.stallNext(1, Duration.ofMillis(300));
    S3ByteSource source = source(Duration.ZERO, KEY);
    assertThat(bytes(Await.result(source.read(5, 10))))
        .isEqualTo(Arrays.copyOfRange(OBJECT, 5, 15));
    assertThat(source.stats().hedges()).isZero();
  }

  @Test
  void aFailureBeforeTheHedgeIsTheAnswer() {
    S3ByteSource source = source(Duration.ofMillis(500), "t/missing.parquet");
    Throwable failure = Await.failure(source.read(0, 10));
    assertThat(failure).isInstanceOf(BuzzException.class);
    assertThat(((BuzzException) failure).code()).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(failure.getMessage()).contains("s3://hedged/t/missing.parquet");
    assertThat(source.stats().hedges()).isZero();
  }

  @Test
  void whenBothFailThePrimarysErrorIsTheAnswer() {
    proxy.stallNext(1, Duration.ofMillis(400));
    S3ByteSource source = source(Duration.ofMillis(20), "t/missing-too.parquet");
    Throwable failure = Await.failure(source.read(0, 10));
    assertThat(((BuzzException) failure).code()).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(source.stats().hedges()).isEqualTo(1);
    assertThat(source.stats().hedgeWins()).isZero();
  }
}
