package io.buzz.bench;

import io.buzz.local.s3.S3LatencyModel;
import io.buzz.local.s3.S3LatencyProxy;
import io.buzz.storage.io.S3ClientConfig;
import io.buzz.testing.EmbeddedS3;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The bench's S3 under {@code --s3-latency}: the tests' embedded S3-compatible server ({@link
 * EmbeddedS3}, in memory) holding a copy of a table's files, behind the {@link S3LatencyProxy}, so
 * Buzz reads {@code s3://bench/<table>} through the real S3AsyncClient with S3's first-byte
 * latency, bandwidth and throttling. In memory: meant for the taxi table (tens of MB), not the wide
 * one.
 */
final class S3BenchTwin implements AutoCloseable {
  static final String BUCKET = "bench";

  private final EmbeddedS3 server;
  private final S3LatencyProxy proxy;

  private S3BenchTwin(EmbeddedS3 server, S3LatencyProxy proxy) {
    this.server = server;
    this.proxy = proxy;
  }

  /** Starts the server, copies {@code table}'s files into it and deploys the latency proxy. */
  static S3BenchTwin start(Vertx vertx, S3LatencyModel model, Path table) throws Exception {
    EmbeddedS3 server = new EmbeddedS3();
    try {
      server.createBucket(BUCKET);
      server.upload(table, BUCKET, table.getFileName() + "/");
      S3LatencyProxy proxy = new S3LatencyProxy(model, server.endpoint());
      vertx.deployVerticle(proxy).await(30, TimeUnit.SECONDS);
      return new S3BenchTwin(server, proxy);
    } catch (Exception e) {
      server.close();
      throw e;
    }
  }

  /** Where the table's copy is: {@code s3://bench/<table folder name>}. */
  static String tableUri(Path table) {
    return "s3://" + BUCKET + "/" + table.getFileName();
  }

  /** Client settings that read through the latency proxy. */
  S3ClientConfig clientConfig() {
    return S3ClientConfig.compatible(
        proxy.endpoint(), "us-east-1", server.accessKeyId(), server.secretAccessKey());
  }

  S3LatencyProxy proxy() {
    return proxy;
  }

  @Override
  public void close() {
    server.close();
  }
}
