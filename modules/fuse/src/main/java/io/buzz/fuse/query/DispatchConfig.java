package io.buzz.fuse.query;

import java.time.Duration;

/**
 * How the Fuse launches a query's HBee tasks.
 *
 * @param maxInFlight invocations running at once for one query; more wait their turn
 * @param maxAttempts attempts per task, the first included, for retryable failures (throttling,
 *     connection loss, an invocation timeout)
 * @param retryBackoff delay before the first retry; doubled for each further one, with jitter
 */
public record DispatchConfig(int maxInFlight, int maxAttempts, Duration retryBackoff) {
  public DispatchConfig {
    if (maxInFlight < 1) {
      throw new IllegalArgumentException("maxInFlight must be at least 1");
    }
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
  }

  public static DispatchConfig defaults() {
    return new DispatchConfig(1000, 3, Duration.ofMillis(100));
  }
}
