package io.buzz.bench;

import io.buzz.local.s3.S3LatencyModel;
import io.buzz.local.s3.S3LatencyProxy;
import io.buzz.storage.io.S3ClientConfig;
import io.buzz.storage.io.S3Clients;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/**
 * The bench's S3 under {@code --s3-latency}: S3Proxy over an in-memory blob store holding a copy of
 * a table's files, behind the {@link S3LatencyProxy}, so Buzz reads {@code s3://bench/<table>}
 * through the real S3AsyncClient with S3's first-byte latency, bandwidth and throttling. In memory:
 * meant for the taxi table (tens of MB), not the wide one.
 */
final class S3BenchTwin implements AutoCloseable {
  static final String BUCKET = "bench";
  private static final String ACCESS_KEY = "bench-access";
  private static final String SECRET_KEY = "bench-secret";

  private final BlobStoreContext blobStore;
  private final S3Proxy server;
  private final S3LatencyProxy proxy;
  private final URI serverEndpoint;

  private S3BenchTwin(BlobStoreContext blobStore, S3Proxy server, S3LatencyProxy proxy) {
    this.blobStore = blobStore;
    this.server = server;
    this.proxy = proxy;
    this.serverEndpoint = URI.create("http://127.0.0.1:" + server.getPort());
  }

  /** Starts the server, copies {@code table}'s files into it and deploys the latency proxy. */
  static S3BenchTwin start(Vertx vertx, S3LatencyModel model, Path table) throws Exception {
    BlobStoreContext blobStore =
        ContextBuilder.newBuilder("transient")
            .credentials("identity", "credential")
            .build(BlobStoreContext.class);
    S3Proxy server =
        S3Proxy.builder()
            .blobStore(blobStore.getBlobStore())
            .endpoint(URI.create("http://127.0.0.1:0"))
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
            .build();
    server.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!"STARTED".equals(server.getState())) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("S3Proxy did not start: " + server.getState());
      }
      Thread.sleep(10);
    }
    S3LatencyProxy proxy =
        new S3LatencyProxy(model, URI.create("http://127.0.0.1:" + server.getPort()));
    S3BenchTwin twin = new S3BenchTwin(blobStore, server, proxy);
    twin.upload(table);
    vertx.deployVerticle(proxy).await(30, TimeUnit.SECONDS);
    return twin;
  }

  /** Where the table's copy is: {@code s3://bench/<table folder name>}. */
  static String tableUri(Path table) {
    return "s3://" + BUCKET + "/" + table.getFileName();
  }

  /** Client settings that read through the latency proxy. */
  S3ClientConfig clientConfig() {
    return S3ClientConfig.compatible(proxy.endpoint(), "us-east-1", ACCESS_KEY, SECRET_KEY);
  }

  S3LatencyProxy proxy() {
    return proxy;
  }

  private void upload(Path table) throws Exception {
    try (S3AsyncClient client =
            S3Clients.create(
                S3ClientConfig.compatible(serverEndpoint, "us-east-1", ACCESS_KEY, SECRET_KEY));
        Stream<Path> walk = Files.walk(table)) {
      client.createBucket(b -> b.bucket(BUCKET)).get(30, TimeUnit.SECONDS);
      List<Path> files = walk.filter(Files::isRegularFile).toList();
      for (Path file : files) {
        String key =
            table.getFileName() + "/" + table.relativize(file).toString().replace('\\', '/');
        client
            .putObject(b -> b.bucket(BUCKET).key(key), AsyncRequestBody.fromFile(file))
            .get(60, TimeUnit.SECONDS);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("copying " + table + " into the bench's S3", e);
    }
  }

  @Override
  public void close() throws Exception {
    server.stop();
    blobStore.close();
  }
}
