package io.buzz.fuse.invoke;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * How the Fuse reaches the HBee function.
 *
 * @param functionName Lambda function name or ARN
 * @param region AWS region of the function
 * @param endpoint endpoint override, e.g. the local Lambda-compatible service; empty for AWS
 * @param maxConcurrency HTTP connections, and so invocations, in flight at once (the SDK's default
 *     of 50 is far too low for a fan-out of thousands)
 * @param invocationTimeout how long one invocation may take before it is abandoned
 * @param credentials how requests are signed: the default AWS chain on AWS, fixed keys for a twin
 */
public record LambdaInvokerConfig(
    String functionName,
    String region,
    Optional<URI> endpoint,
    int maxConcurrency,
    Duration invocationTimeout,
    AwsCredentialsProvider credentials) {

  /** The keys the local endpoints accept (they do not check signatures). */
  public static final AwsCredentialsProvider LOCAL_CREDENTIALS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("buzz-local", "buzz-local"));

  public LambdaInvokerConfig {
    java.util.Objects.requireNonNull(credentials, "credentials is null");
    if (maxConcurrency < 1) {
      throw new IllegalArgumentException("maxConcurrency must be at least 1");
    }
    if (invocationTimeout.isNegative() || invocationTimeout.isZero()) {
      throw new IllegalArgumentException("invocationTimeout must be positive");
    }
  }

  /** Settings for the in-process Lambda-compatible service at {@code endpoint}. */
  public static LambdaInvokerConfig local(URI endpoint, String functionName) {
    return new LambdaInvokerConfig(
        functionName,
        "us-east-1",
        Optional.of(endpoint),
        1024,
        Duration.ofMinutes(5),
        LOCAL_CREDENTIALS);
  }
}
