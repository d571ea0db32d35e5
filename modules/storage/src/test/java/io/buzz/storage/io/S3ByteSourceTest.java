package io.buzz.storage.io;

import static io.buzz.storage.io.Await.await;
import static io.buzz.storage.io.Await.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/** S3ByteSource against a real S3-compatible server (S3Proxy), one per class. */
class S3ByteSourceTest {
  /** These tests count requests: on a loaded machine a hedged GET would add one. */
  private static final S3ReadOptions UNHEDGED = S3ReadOptions.DEFAULTS.withoutHedging();

  static final String BUCKET = "data";
  static EmbeddedS3 s3;
  static Vertx vertx;
  static byte[] content;

  @BeforeAll
  static void start() throws Exception {
    s3 = new EmbeddedS3();
    vertx = Vertx.vertx();
    content = new byte[1 << 20];
    new Random(1).nextBytes(content);
    s3.createBucket(BUCKET);
    s3.put(BUCKET, "dir/blob.bin", content);
    s3.put(BUCKET, "empty.bin", new byte[0]);
  }

  @AfterAll
  static void stop() throws Exception {
    await(vertx.close());
    s3.close();
  }

  private static S3ByteSource source(String key, S3ReadOptions options) {
    return new S3ByteSource(s3.client(), new S3Location(BUCKET, key), options);
  }

  private static byte[] slice(long from, long to) {
    return Arrays.copyOfRange(content, (int) from, (int) to);
  }

  @Test
  void readsExactRanges() {
    try (S3ByteSource source = source("dir/blob.bin", UNHEDGED)) {
      assertThat(source.uri()).isEqualTo("s3://data/dir/blob.bin");
      assertThat(bytes(await(source.read(12_345, 1000)))).isEqualTo(slice(12_345, 13_345));
      assertThat(bytes(await(source.read(content.length - 1, 1))))
          .isEqualTo(slice(content.length - 1, content.length));
      assertThat(await(source.length())).isEqualTo(content.length);
    }
  }

  @Test
  void coalescesNearbyRangesIntoOneRequest() {
    S3ReadOptions options = UNHEDGED.withCoalesceGapBytes(1000);
    try (S3ByteSource source = source("dir/blob.bin", options)) {
      List<ByteRange> ranges =
          List.of(new ByteRange(500, 100), new ByteRange(100_000, 10), new ByteRange(0, 100));

      List<ByteBuffer> buffers = await(source.read(ranges));

      assertThat(source.stats().requests()).isEqualTo(2);
      assertThat(source.stats().bytesFetched()).isEqualTo(600 + 10);
      assertThat(bytes(buffers.get(0))).isEqualTo(slice(500, 600));
      assertThat(bytes(buffers.get(1))).isEqualTo(slice(100_000, 100_010));
      assertThat(bytes(buffers.get(2))).isEqualTo(slice(0, 100));
    }
  }

  @Test
  void keepsDistantRangesInSeparateParallelRequests() {
    S3ReadOptions options = UNHEDGED.withCoalesceGapBytes(0);
    try (S3ByteSource source = source("dir/blob.bin", options)) {
      List<ByteBuffer> buffers =
          await(
              source.read(
                  List.of(new ByteRange(0, 10), new ByteRange(11, 10), new ByteRange(50, 5))));

      assertThat(source.stats().requests()).isEqualTo(3);
      assertThat(bytes(buffers.get(1))).isEqualTo(slice(11, 21));
    }
  }

  @Test
  void splitsLargeRangesIntoPartsFetchedInPlace() {
    S3ReadOptions options = UNHEDGED.withMaxRequestBytes(64 * 1024);
    try (S3ByteSource source = source("dir/blob.bin", options)) {
      ByteBuffer buffer = await(source.read(1, 300_000));

      assertThat(source.stats().requests()).isEqualTo(5);
      assertThat(bytes(buffer)).isEqualTo(slice(1, 300_001));
    }
  }

  @Test
  void anObjectReplacedWhileBeingReadIsAnErrorNotAMixOfVersions() throws Exception {
    byte[] first = Arrays.copyOf(content, 4096);
    s3.put(BUCKET, "dir/changing.bin", first);
    try (S3ByteSource source = source("dir/changing.bin", UNHEDGED)) {
      assertThat(bytes(await(source.readTail(100))))
          .isEqualTo(Arrays.copyOfRange(first, 3996, 4096));
      byte[] second = Arrays.copyOf(first, first.length);
      second[0] ^= 1;
      s3.put(BUCKET, "dir/changing.bin", second);

      assertThatThrownBy(() -> await(source.read(0, 100)))
          .isInstanceOfSatisfying(
              BuzzException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND))
          .hasMessageContaining("s3://data/dir/changing.bin changed while it was being read");
    }
  }

  @Test
  void readsTheTailWithOneRequestAndLearnsTheSize() {
    try (S3ByteSource source = source("dir/blob.bin", UNHEDGED)) {
      assertThat(bytes(await(source.readTail(1000))))
          .isEqualTo(slice(content.length - 1000, content.length));
      assertThat(await(source.length())).isEqualTo(content.length);
      assertThat(source.stats().requests()).isEqualTo(1);
      assertThat(bytes(await(source.readTail(10 << 20)))).isEqualTo(content);
    }
    try (S3ByteSource source = source("dir/blob.bin", UNHEDGED)) {
      assertThat(bytes(await(source.readTail(10 << 20)))).isEqualTo(content);
      assertThat(source.stats().firstByteNanos()).isPositive();
      assertThat(source.stats().waitNanos())
          .isGreaterThanOrEqualTo(source.stats().firstByteNanos());
    }
    try (S3ByteSource source = source("empty.bin", UNHEDGED)) {
      assertThat(await(source.readTail(64)).remaining()).isZero();
    }
  }

  @Test
  void reportsMissingObjectsAndBucketsAsNotFound() {
    try (S3ByteSource source = source("nope.parquet", UNHEDGED)) {
      for (var attempt :
          List.<java.util.function.Supplier<io.vertx.core.Future<?>>>of(
              () -> source.read(0, 10), () -> source.readTail(8), source::length)) {
        assertThatThrownBy(() -> await(attempt.get()))
            .isInstanceOfSatisfying(
                BuzzException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND))
            .hasMessageContaining("s3://data/nope.parquet");
      }
    }
    try (S3ByteSource source =
        new S3ByteSource(s3.client(), new S3Location("no-bucket", "k"), UNHEDGED)) {
      assertThatThrownBy(() -> await(source.read(0, 1)))
          .isInstanceOfSatisfying(
              BuzzException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND))
          .hasMessageContaining("s3://no-bucket/k");
    }
  }

  @Test
  void rejectsRangesPastTheEnd() {
    try (S3ByteSource source = source("dir/blob.bin", UNHEDGED)) {
      assertThatThrownBy(() -> await(source.read(content.length - 10, 20)))
          .isInstanceOfSatisfying(
              BuzzException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_QUERY))
          .hasMessageContaining("s3://data/dir/blob.bin")
          .hasMessageContaining("past the end");
      assertThatThrownBy(() -> await(source.read(content.length + 10, 20)))
          .isInstanceOfSatisfying(
              BuzzException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_QUERY));
    }
  }

  @Test
  void completesOnTheCallersVertxContext() {
    Context context = vertx.getOrCreateContext();
    Promise<Boolean> sameContext = Promise.promise();
    try (S3ByteSource source = source("dir/blob.bin", UNHEDGED)) {
      context.runOnContext(
          ignored ->
              source
                  .read(0, 100)
                  .onComplete(result -> sameContext.complete(Vertx.currentContext() == context)));
      assertThat(await(sameContext.future())).isTrue();
    }
  }

  @Test
  void anS3ThatKeepsSayingSlowDownIsThrottling() throws Exception {
    // Answers every request as S3 does when a prefix gets more requests than it can take.
    int[] requests = {0};
    HttpServer throttling =
        await(
            vertx
                .createHttpServer()
                .requestHandler(
                    request -> {
                      requests[0]++;
                      request
                          .response()
                          .setStatusCode(503)
                          .putHeader("content-type", "application/xml")
                          .end(
                              "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>SlowDown"
                                  + "</Code><Message>Please reduce your request rate.</Message>"
                                  + "</Error>");
                    })
                .listen(0, "127.0.0.1"));
    try (S3AsyncClient client = clientOf(throttling);
        S3ByteSource source = new S3ByteSource(client, new S3Location(BUCKET, "hot"), UNHEDGED)) {
      assertThatThrownBy(() -> await(source.read(0, 10)))
          .isInstanceOfSatisfying(
              BuzzException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.THROTTLED))
          .hasMessageContaining("s3://data/hot")
          .hasMessageContaining("throttled by S3 (503 SlowDown)");
      assertThat(requests[0]).as("the SDK retried before giving up").isGreaterThan(1);
    } finally {
      await(throttling.close());
    }
  }

  @Test
  void failsAsUnavailableWhenTheServerDoesNotAnswerInTime() throws Exception {
    HttpServer silent =
        await(vertx.createHttpServer().requestHandler(request -> {}).listen(0, "127.0.0.1"));
    try (S3AsyncClient client = clientOf(silent);
        S3ByteSource source =
            new S3ByteSource(
                client,
                new S3Location(BUCKET, "slow"),
                UNHEDGED.withRequestTimeout(Duration.ofMillis(300)))) {
      long start = System.nanoTime();
      assertThatThrownBy(() -> await(source.read(0, 10)))
          .isInstanceOfSatisfying(
              BuzzException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE))
          .hasMessageContaining("s3://data/slow")
          .hasMessageContaining("timed out after 300 ms");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
    } finally {
      await(silent.close());
    }
  }

  /** An S3 client of this test's kind, pointed at {@code server} (a stand-in for S3). */
  private static S3AsyncClient clientOf(HttpServer server) {
    return S3Clients.create(
        S3ClientConfig.compatible(
            URI.create("http://127.0.0.1:" + server.actualPort()),
            "us-east-1",
            EmbeddedS3.ACCESS_KEY,
            EmbeddedS3.SECRET_KEY));
  }
}
