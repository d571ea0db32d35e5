package io.buzz.local.lambda;

import io.vertx.core.net.KeyCertOptions;

/**
 * Settings of the {@link LocalLambdaService}.
 *
 * @param host interface to listen on; loopback by default
 * @param port 0 picks a free port
 * @param functionName the one function name the service answers for
 * @param maxConcurrency invocations running at once; more are refused with 429 like Lambda's
 *     TooManyRequestsException, so the Fuse's throttling path is the same as on AWS
 * @param tls the key and certificate to serve HTTPS with, as Lambda does; plain HTTP without
 */
public record LocalLambdaConfig(
    String host,
    int port,
    String functionName,
    int maxConcurrency,
    java.util.Optional<KeyCertOptions> tls) {
  public static final String DEFAULT_FUNCTION = "buzz-hbee";

  public LocalLambdaConfig {
    if (maxConcurrency < 1) {
      throw new IllegalArgumentException("maxConcurrency must be at least 1");
    }
    java.util.Objects.requireNonNull(tls, "tls is null");
  }

  /** Plain HTTP. */
  public LocalLambdaConfig(String host, int port, String functionName, int maxConcurrency) {
    this(host, port, functionName, maxConcurrency, java.util.Optional.empty());
  }

  /** The same, serving HTTPS with {@code keyCert}. */
  public LocalLambdaConfig withTls(KeyCertOptions keyCert) {
    return new LocalLambdaConfig(
        host, port, functionName, maxConcurrency, java.util.Optional.of(keyCert));
  }

  public static LocalLambdaConfig defaults() {
    return new LocalLambdaConfig("127.0.0.1", 0, DEFAULT_FUNCTION, 256);
  }
}
