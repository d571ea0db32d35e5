package io.buzz.storage.io;

import java.net.URI;
import java.util.concurrent.TimeUnit;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/**
 * A real S3-compatible server for tests: S3Proxy over an in-memory (transient) blob store on a free
 * loopback port, plus an {@link S3AsyncClient} built by {@link S3Clients} pointing at it. Start one
 * per test class (stopping takes about 2 s).
 */
public final class EmbeddedS3 implements AutoCloseable {
  static final String ACCESS_KEY = "buzz-access";
  static final String SECRET_KEY = "buzz-secret";

  private final BlobStoreContext blobStore;
  private final S3Proxy proxy;
  private final S3AsyncClient client;

  public EmbeddedS3() throws Exception {
    blobStore =
        ContextBuilder.newBuilder("transient")
            .credentials("identity", "credential")
            .build(BlobStoreContext.class);
    proxy =
        S3Proxy.builder()
            .blobStore(blobStore.getBlobStore())
            .endpoint(URI.create("http://127.0.0.1:0"))
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
            .build();
    proxy.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!"STARTED".equals(proxy.getState())) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("S3Proxy did not start: " + proxy.getState());
      }
      Thread.sleep(10);
    }
    client = S3Clients.create(config());
  }

  public S3ClientConfig config() {
    return S3ClientConfig.compatible(endpoint(), "us-east-1", ACCESS_KEY, SECRET_KEY);
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + proxy.getPort());
  }

  public S3AsyncClient client() {
    return client;
  }

  public void createBucket(String bucket) throws Exception {
    client.createBucket(b -> b.bucket(bucket)).get(30, TimeUnit.SECONDS);
  }

  public void put(String bucket, String key, byte[] bytes) throws Exception {
    client
        .putObject(b -> b.bucket(bucket).key(key), AsyncRequestBody.fromBytes(bytes))
        .get(30, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    try {
      client.close();
      proxy.stop();
    } catch (Exception e) {
      throw new IllegalStateException("stopping S3Proxy", e);
    } finally {
      blobStore.close();
    }
  }
}
