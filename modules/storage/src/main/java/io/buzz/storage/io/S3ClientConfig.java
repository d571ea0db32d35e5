package io.buzz.storage.io;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Plan-time settings of the {@code S3AsyncClient} an HBee reads with; see {@link S3Clients}.
 *
 * @param region the AWS region, e.g. {@code eu-west-1}
 * @param endpointOverride an S3-compatible endpoint (S3Proxy, MinIO, LocalStack) instead of AWS
 * @param pathStyle address buckets as {@code endpoint/bucket/key} rather than virtual hosts
 * @param credentials static keys; empty means the SDK's default provider chain (environment, the
 *     Lambda role, profiles)
 * @param maxConcurrency connections the Netty client opens at most
 * @param connectionTimeout the deadline to open a connection
 * @param readTimeout the longest silence on an open connection
 */
public record S3ClientConfig(
    String region,
    Optional<URI> endpointOverride,
    boolean pathStyle,
    Optional<StaticCredentials> credentials,
    int maxConcurrency,
    Duration connectionTimeout,
    Duration readTimeout) {

  /** An access key pair; {@link #toString()} hides the secret. */
  public record StaticCredentials(String accessKeyId, String secretAccessKey) {
    public StaticCredentials {
      requireNonNull(accessKeyId, "accessKeyId is null");
      requireNonNull(secretAccessKey, "secretAccessKey is null");
    }

    @Override
    public String toString() {
      return "StaticCredentials[accessKeyId=" + accessKeyId + ", secretAccessKey=***]";
    }
  }

  public S3ClientConfig {
    requireNonNull(region, "region is null");
    requireNonNull(endpointOverride, "endpointOverride is null");
    requireNonNull(credentials, "credentials is null");
    requireNonNull(connectionTimeout, "connectionTimeout is null");
    requireNonNull(readTimeout, "readTimeout is null");
    if (maxConcurrency <= 0) {
      throw new IllegalArgumentException("maxConcurrency must be positive: " + maxConcurrency);
    }
  }

  /** AWS S3 in {@code region} with the default credentials, 64 connections, 5 s / 30 s timeouts. */
  public static S3ClientConfig aws(String region) {
    return new S3ClientConfig(
        region,
        Optional.empty(),
        false,
        Optional.empty(),
        64,
        Duration.ofSeconds(5),
        Duration.ofSeconds(30));
  }

  /** An S3-compatible server at {@code endpoint}, path-style, with static keys. */
  public static S3ClientConfig compatible(
      URI endpoint, String region, String accessKeyId, String secretAccessKey) {
    return aws(region)
        .withEndpoint(endpoint)
        .withCredentials(new StaticCredentials(accessKeyId, secretAccessKey));
  }

  /** The same settings with an endpoint override and path-style addressing. */
  public S3ClientConfig withEndpoint(URI endpoint) {
    return new S3ClientConfig(
        region,
        Optional.of(endpoint),
        true,
        credentials,
        maxConcurrency,
        connectionTimeout,
        readTimeout);
  }

  public S3ClientConfig withCredentials(StaticCredentials keys) {
    return new S3ClientConfig(
        region,
        endpointOverride,
        pathStyle,
        Optional.of(keys),
        maxConcurrency,
        connectionTimeout,
        readTimeout);
  }

  public S3ClientConfig withMaxConcurrency(int connections) {
    return new S3ClientConfig(
        region,
        endpointOverride,
        pathStyle,
        credentials,
        connections,
        connectionTimeout,
        readTimeout);
  }
}
