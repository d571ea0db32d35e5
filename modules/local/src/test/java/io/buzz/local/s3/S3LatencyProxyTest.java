package io.buzz.local.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.buzz.storage.io.S3ClientConfig;
import io.buzz.storage.io.S3Clients;
import io.buzz.testing.EmbeddedS3;
import io.vertx.core.Vertx;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** The real S3AsyncClient through the latency twin to the embedded S3-compatible server. */
class S3LatencyProxyTest {
  private static final String BUCKET = "latency";
  private static final byte[] OBJECT = new byte[300_000];
  private static EmbeddedS3 s3;
  private static Vertx vertx;

  @BeforeAll
  static void start() throws Exception {
    s3 = new EmbeddedS3();
    s3.createBucket(BUCKET);
    new Random(3).nextBytes(OBJECT);
    s3.put(BUCKET, "t/date=1/part-0.parquet", OBJECT);
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().await(30, TimeUnit.SECONDS);
    s3.close();
  }

  private static S3LatencyProxy deploy(S3LatencyProxy proxy) throws Exception {
    vertx.deployVerticle(proxy).await(30, TimeUnit.SECONDS);
    return proxy;
  }

  private static S3AsyncClient clientOf(S3LatencyProxy proxy) {
    return S3Clients.create(
        S3ClientConfig.compatible(
            proxy.endpoint(), "us-east-1", s3.accessKeyId(), s3.secretAccessKey()));
  }

  private static byte[] get(S3AsyncClient client, String key, String range) throws Exception {
    return client
        .getObject(b -> b.bucket(BUCKET).key(key).range(range), AsyncResponseTransformer.toBytes())
        .get(60, TimeUnit.SECONDS)
        .asByteArray();
  }

  private static Throwable failure(S3AsyncClient client, String key) {
    try {
      get(client, key, null);
      throw new AssertionError("the GET of " + key + " succeeded");
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void rangedGetsPassThroughWithTheModelsDelays() throws Exception {
    S3LatencyModel model = new S3LatencyModel(2, 6, 0.01, 10, 0, 0, 0, 5);
    double[] delays = new double[2];
    for (int run = 0; run < 2; run++) {
      S3LatencyProxy proxy = deploy(new S3LatencyProxy(model, s3.endpoint()));
      try (S3AsyncClient client = clientOf(proxy)) {
        byte[] range = get(client, "t/date=1/part-0.parquet", "bytes=1000-1999");
        assertThat(range).isEqualTo(java.util.Arrays.copyOfRange(OBJECT, 1000, 2000));
        get(client, "t/date=1/part-0.parquet", "bytes=1000-1999");
        S3LatencyProxy.Figures figures = proxy.figures();
        assertThat(figures.requests()).isEqualTo(2);
        assertThat(figures.distinctRequests()).isEqualTo(1);
        assertThat(figures.bodyBytes()).isEqualTo(2000);
        delays[run] = figures.delayMillis();
      }
    }
    // Same seed, same requests: the same delays (whatever the clock did).
    assertThat(delays[0]).isPositive().isEqualTo(delays[1]);
  }

  @Test
  void aPacedBodyArrivesWhole() throws Exception {
    S3LatencyModel model = new S3LatencyModel(0, 0, 0, 1, 2e6, 0, 0, 1); // 2 MB/s: ~150 ms
    S3LatencyProxy proxy = deploy(new S3LatencyProxy(model, s3.endpoint()));
    try (S3AsyncClient client = clientOf(proxy)) {
      assertThat(get(client, "t/date=1/part-0.parquet", null)).isEqualTo(OBJECT);
      assertThat(proxy.figures().bodyBytes()).isEqualTo(OBJECT.length);
    }
  }

  @Test
  void overThePrefixRateS3SaysSlowDown() throws Exception {
    S3LatencyModel model = new S3LatencyModel(0, 0, 0, 1, 0, 2, 0, 1);
    // A frozen clock: the bucket never refills, so the SDK's retries are refused too.
    S3LatencyProxy proxy = deploy(new S3LatencyProxy(model, s3.endpoint(), () -> 0L));
    try (S3AsyncClient client = clientOf(proxy)) {
      get(client, "t/date=1/part-0.parquet", "bytes=0-9");
      get(client, "t/date=1/part-0.parquet", "bytes=10-19");
      Throwable refused = failure(client, "t/date=1/part-0.parquet");
      assertThat(refused).isInstanceOf(S3Exception.class);
      assertThat(((S3Exception) refused).statusCode()).isEqualTo(503);
      assertThat(((S3Exception) refused).awsErrorDetails().errorCode()).isEqualTo("SlowDown");
      assertThat(proxy.figures().throttled()).isGreaterThanOrEqualTo(1);
      // Another prefix has its own rate.
      s3.put(BUCKET, "t/date=2/part-0.parquet", new byte[] {1, 2, 3});
      assertThat(get(client, "t/date=2/part-0.parquet", null)).containsExactly(1, 2, 3);
    }
  }

  @Test
  void upstreamErrorsPassThrough() throws Exception {
    S3LatencyProxy proxy = deploy(new S3LatencyProxy(S3LatencyModel.realistic(1), s3.endpoint()));
    try (S3AsyncClient client = clientOf(proxy)) {
      assertThat(failure(client, "t/missing.parquet")).isInstanceOf(NoSuchKeyException.class);
    }
  }
}
