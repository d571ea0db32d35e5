package io.buzz.fuse.query;

import java.time.Duration;

/**
 * How the Fuse launches a query's HBee tasks.
 *
 * @param maxInFlight invocations running at once for one query; more wait their turn
 * @param maxAttempts attempts per task, the first included, for retryable failures (connection
 *     loss, an invocation timeout, a transient service error); throttled invocations do not count:
 *     they are retried until the task's deadline
 * @param retryBackoff delay before the first retry; doubled for each further one, with jitter
 * @param maxBackoff longest delay between two attempts of a task
 */
public record DispatchConfig(
    int maxInFlight, int maxAttempts, Duration retryBackoff, Duration maxBackoff) {
  public DispatchConfig {
    if (retryBackoff.isNegative() || maxBackoff.compareTo(retryBackoff) < 0) {
      throw new IllegalArgumentException(
          "retryBackoff must not be negative and maxBackoff not below it");
    }
    if (maxInFlight < 1) {
      throw new IllegalArgumentException("maxInFlight must be at least 1");
    }
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
  }

  public static DispatchConfig defaults() {
    return new DispatchConfig(1000, 3, Duration.ofMillis(100), Duration.ofSeconds(2));
  }

  /**
   * The defaults with a first retry delay of {@code backoff} (and a longest one of 20 times it).
   */
  public DispatchConfig(int maxInFlight, int maxAttempts, Duration retryBackoff) {
    this(maxInFlight, maxAttempts, retryBackoff, retryBackoff.multipliedBy(20));
  }
}
