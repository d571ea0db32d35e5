package io.buzz.testing;

import io.buzz.storage.io.S3ClientConfig;
import io.buzz.storage.io.S3Clients;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/**
 * A real S3-compatible server for tests: S3Proxy over an in-memory (transient) blob store on a free
 * loopback port, plus an {@link S3AsyncClient} built by {@link S3Clients} pointing at it. Start one
 * per test class (stopping takes about 2 s). The same as modules/hbee's test server, with helpers
 * to upload whole folders.
 */
public final class EmbeddedS3 implements AutoCloseable {
  private static final String ACCESS_KEY = "buzz-access";
  private static final String SECRET_KEY = "buzz-secret";

  private final BlobStoreContext blobStore;
  private final S3Proxy proxy;
  private final S3AsyncClient client;

  /** A server that accepts only requests signed with {@link #accessKeyId()}'s keys. */
  public EmbeddedS3() throws Exception {
    this(AuthenticationType.AWS_V2_OR_V4);
  }

  /** A server that serves anyone, signed or not: a public bucket's twin. */
  public static EmbeddedS3 publicAccess() throws Exception {
    return new EmbeddedS3(AuthenticationType.NONE);
  }

  private EmbeddedS3(AuthenticationType authentication) throws Exception {
    blobStore =
        ContextBuilder.newBuilder("transient")
            .credentials("identity", "credential")
            .build(BlobStoreContext.class);
    proxy =
        S3Proxy.builder()
            .blobStore(blobStore.getBlobStore())
            .endpoint(URI.create("http://127.0.0.1:0"))
            .awsAuthentication(authentication, ACCESS_KEY, SECRET_KEY)
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

  /** Client settings for this server: endpoint override, path style, its keys. */
  public S3ClientConfig config() {
    return S3ClientConfig.compatible(
        URI.create("http://127.0.0.1:" + proxy.getPort()), "us-east-1", ACCESS_KEY, SECRET_KEY);
  }

  /** The server's endpoint, for clients in other processes. */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + proxy.getPort());
  }

  public String accessKeyId() {
    return ACCESS_KEY;
  }

  public String secretAccessKey() {
    return SECRET_KEY;
  }

  public S3AsyncClient client() {
    return client;
  }

  /**
   * A second client to this server, built like {@link S3Clients#create} builds them, that counts
   * the requests it sends by operation name (e.g. {@code ListObjectsV2}). The caller closes it.
   */
  public S3AsyncClient countingClient(Map<String, AtomicInteger> requests) {
    S3ClientConfig config = config();
    return S3AsyncClient.builder()
        .region(Region.of(config.region()))
        .endpointOverride(config.endpointOverride().orElseThrow())
        .forcePathStyle(true)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
        .overrideConfiguration(
            c ->
                c.addExecutionInterceptor(
                    new ExecutionInterceptor() {
                      @Override
                      public void beforeExecution(
                          Context.BeforeExecution context, ExecutionAttributes attributes) {
                        String operation =
                            attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
                        requests
                            .computeIfAbsent(operation, k -> new AtomicInteger())
                            .incrementAndGet();
                      }
                    }))
        .build();
  }

  public void createBucket(String bucket) throws Exception {
    client.createBucket(b -> b.bucket(bucket)).get(30, TimeUnit.SECONDS);
  }

  public void put(String bucket, String key, byte[] bytes) throws Exception {
    client
        .putObject(b -> b.bucket(bucket).key(key), AsyncRequestBody.fromBytes(bytes))
        .get(30, TimeUnit.SECONDS);
  }

  public void delete(String bucket, String key) throws Exception {
    client.deleteObject(b -> b.bucket(bucket).key(key)).get(30, TimeUnit.SECONDS);
  }

  /**
   * Uploads every regular file below {@code dir} to {@code bucket} under {@code prefix}, keeping
   * relative paths ('/'-separated).
   */
  public void upload(Path dir, String bucket, String prefix) throws Exception {
    List<Path> files;
    try (Stream<Path> paths = Files.walk(dir)) {
      files = paths.filter(Files::isRegularFile).toList();
    }
    for (Path file : files) {
      String relative = dir.relativize(file).toString().replace('\\', '/');
      put(bucket, prefix + relative, read(file));
    }
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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
