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
 * @param hedging when a straggling task gets a speculative second attempt
 */
public record DispatchConfig(
    int maxInFlight, int maxAttempts, Duration retryBackoff, Duration maxBackoff, Hedging hedging) {

  /**
   * Straggler hedging: once {@code afterFraction} of a query's tasks are done, an attempt running
   * longer than {@code slowerThanMedian} times the median task and at least {@code minDelay} gets a
   * second attempt; the first of the two to commit counts, the other is discarded by the HComb. At
   * most {@code maxFraction} of the tasks (and at least one) are hedged per query, and only with
   * invocations the Fuse has to spare.
   *
   * @param enabled false turns hedging off
   */
  public record Hedging(
      boolean enabled,
      double afterFraction,
      double slowerThanMedian,
      Duration minDelay,
      double maxFraction) {
    public Hedging {
      java.util.Objects.requireNonNull(minDelay, "minDelay is null");
      if (afterFraction <= 0 || afterFraction > 1 || maxFraction < 0 || maxFraction > 1) {
        throw new IllegalArgumentException("hedging fractions must be within (0, 1]");
      }
      if (slowerThanMedian < 1) {
        throw new IllegalArgumentException("slowerThanMedian must be at least 1");
      }
    }

    /** After 90% of the tasks, 3× the median and at least 1 s; at most 5% of the tasks. */
    public static final Hedging DEFAULT = new Hedging(true, 0.9, 3, Duration.ofSeconds(1), 0.05);

    public static final Hedging OFF = new Hedging(false, 1, 1, Duration.ofSeconds(1), 0);
  }

  public DispatchConfig {
    java.util.Objects.requireNonNull(hedging, "hedging is null");
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
    return new DispatchConfig(
        1000, 3, Duration.ofMillis(100), Duration.ofSeconds(2), Hedging.DEFAULT);
  }

  /**
   * A first retry delay of {@code backoff} (and a longest one of 20 times it), without hedging: for
   * tests and benchmarks that count invocations.
   */
  public DispatchConfig(int maxInFlight, int maxAttempts, Duration retryBackoff) {
    this(maxInFlight, maxAttempts, retryBackoff, retryBackoff.multipliedBy(20), Hedging.OFF);
  }

  /** The same with {@code policy} for stragglers. */
  public DispatchConfig withHedging(Hedging policy) {
    return new DispatchConfig(maxInFlight, maxAttempts, retryBackoff, maxBackoff, policy);
  }
}
