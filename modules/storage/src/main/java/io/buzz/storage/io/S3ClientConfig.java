package io.buzz.storage.io;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Plan-time settings of an {@code S3AsyncClient}; see {@link S3Clients}.
 *
 * @param region the AWS region, e.g. {@code eu-west-1}; against AWS itself a bucket in another
 *     region is still read (the client finds the bucket's region)
 * @param endpointOverride an S3-compatible endpoint (S3Proxy, MinIO, LocalStack) instead of AWS
 * @param pathStyle address buckets as {@code endpoint/bucket/key} rather than virtual hosts
 * @param credentials what requests are signed with
 * @param maxConcurrency connections the Netty client opens at most
 * @param connectionTimeout the deadline to open a connection
 * @param readTimeout the longest silence on an open connection
 */
public record S3ClientConfig(
    String region,
    Optional<URI> endpointOverride,
    boolean pathStyle,
    Credentials credentials,
    int maxConcurrency,
    Duration connectionTimeout,
    Duration readTimeout) {

  /** Where the keys that sign requests come from. */
  public sealed interface Credentials {
    /** What {@link #toString()} says: the source, never a secret. */
    String describe();
  }

  /**
   * The SDK's default chain: environment, system properties, web identity, shared profile files,
   * SSO, the container's or instance's role (the Lambda role on AWS).
   */
  public record DefaultChain() implements Credentials {
    @Override
    public String describe() {
      return "the default credential chain";
    }
  }

  /** An access key pair, with a session token for temporary keys; {@link #toString()} hides it. */
  public record StaticCredentials(
      String accessKeyId, String secretAccessKey, Optional<String> sessionToken)
      implements Credentials {
    public StaticCredentials {
      requireNonNull(accessKeyId, "accessKeyId is null");
      requireNonNull(secretAccessKey, "secretAccessKey is null");
      requireNonNull(sessionToken, "sessionToken is null");
    }

    public StaticCredentials(String accessKeyId, String secretAccessKey) {
      this(accessKeyId, secretAccessKey, Optional.empty());
    }

    @Override
    public String describe() {
      return "access key " + accessKeyId;
    }

    @Override
    public String toString() {
      return "StaticCredentials[accessKeyId=" + accessKeyId + ", secretAccessKey=***]";
    }
  }

  /**
   * A named profile of the shared files ({@code ~/.aws/credentials} and {@code ~/.aws/config}
   * unless given): keys, SSO, an assumed role or a credential process, as the profile says.
   */
  public record Profile(String name, Optional<Path> credentialsFile, Optional<Path> configFile)
      implements Credentials {
    public Profile {
      requireNonNull(name, "name is null");
      requireNonNull(credentialsFile, "credentialsFile is null");
      requireNonNull(configFile, "configFile is null");
    }

    @Override
    public String describe() {
      return "profile '" + name + "'";
    }
  }

  /** Unsigned requests, for public buckets ({@code --no-sign-request}). */
  public record Anonymous() implements Credentials {
    @Override
    public String describe() {
      return "unsigned requests";
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
        new DefaultChain(),
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

  public S3ClientConfig withCredentials(Credentials source) {
    return new S3ClientConfig(
        region,
        endpointOverride,
        pathStyle,
        source,
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

  /** Where requests go: the endpoint override, or AWS S3 in the region. */
  public String describeEndpoint() {
    return endpointOverride.map(URI::toString).orElse("AWS S3 (" + region + ")");
  }
}
