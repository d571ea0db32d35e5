package io.buzz.storage.io;

import static java.util.Objects.requireNonNull;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3AsyncClientBuilder;

/**
 * Builds the {@link S3AsyncClient} HBees read with: the Netty async HTTP client (no Apache client
 * on the classpath), checksums computed and validated only when S3 requires them (ranged GETs
 * cannot be validated against whole-object checksums, and S3-compatible servers reject the SDK's
 * default CRC32 headers), and the region, endpoint, addressing style and credentials of an {@link
 * S3ClientConfig}. The caller owns the client and must close it; one client serves many {@link
 * S3ByteSource}s concurrently.
 */
public final class S3Clients {
  private S3Clients() {}

  public static S3AsyncClient create(S3ClientConfig config) {
    requireNonNull(config, "config is null");
    return create(config, credentials(config));
  }

  /** A client signing with {@code credentials} instead of those {@code config} names. */
  public static S3AsyncClient create(S3ClientConfig config, AwsCredentialsProvider credentials) {
    requireNonNull(config, "config is null");
    requireNonNull(credentials, "credentials is null");
    S3AsyncClientBuilder builder =
        S3AsyncClient.builder()
            .region(Region.of(config.region()))
            .forcePathStyle(config.pathStyle())
            .credentialsProvider(credentials)
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
            .httpClientBuilder(
                NettyNioAsyncHttpClient.builder()
                    .maxConcurrency(config.maxConcurrency())
                    .connectionTimeout(config.connectionTimeout())
                    .readTimeout(config.readTimeout()));
    config.endpointOverride().ifPresent(builder::endpointOverride);
    return builder.build();
  }

  private static AwsCredentialsProvider credentials(S3ClientConfig config) {
    return config
        .credentials()
        .<AwsCredentialsProvider>map(
            keys ->
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(keys.accessKeyId(), keys.secretAccessKey())))
        .orElseGet(() -> DefaultCredentialsProvider.builder().build());
  }
}
