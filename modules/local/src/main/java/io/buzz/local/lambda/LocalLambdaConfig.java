package io.buzz.local.lambda;

/**
 * Settings of the {@link LocalLambdaService}.
 *
 * @param host interface to listen on; loopback by default
 * @param port 0 picks a free port
 * @param functionName the one function name the service answers for
 * @param maxConcurrency invocations running at once; more are refused with 429 like Lambda's
 *     TooManyRequestsException, so the Fuse's throttling path is the same as on AWS
 */
public record LocalLambdaConfig(String host, int port, String functionName, int maxConcurrency) {
  public static final String DEFAULT_FUNCTION = "buzz-hbee";

  public LocalLambdaConfig {
    if (maxConcurrency < 1) {
      throw new IllegalArgumentException("maxConcurrency must be at least 1");
    }
  }

  public static LocalLambdaConfig defaults() {
    return new LocalLambdaConfig("127.0.0.1", 0, DEFAULT_FUNCTION, 256);
  }
}
