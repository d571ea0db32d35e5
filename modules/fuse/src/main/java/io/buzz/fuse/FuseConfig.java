package io.buzz.fuse;

import io.buzz.fuse.query.DispatchConfig;
import java.time.Duration;

/**
 * Settings of the Fuse.
 *
 * @param queryTimeout longest a query may run, from arrival to its last result byte; a client
 *     deadline shorter than this wins
 * @param maxTasks most HBee tasks (files) one query may fan out to; more is RESOURCE_EXHAUSTED
 * @param dispatch how tasks are launched and retried
 */
public record FuseConfig(Duration queryTimeout, int maxTasks, DispatchConfig dispatch) {
  public FuseConfig {
    if (queryTimeout.isNegative() || queryTimeout.isZero()) {
      throw new IllegalArgumentException("queryTimeout must be positive");
    }
    if (maxTasks < 1) {
      throw new IllegalArgumentException("maxTasks must be at least 1");
    }
  }

  public static FuseConfig defaults() {
    return new FuseConfig(Duration.ofMinutes(10), 100_000, DispatchConfig.defaults());
  }

  public FuseConfig withQueryTimeout(Duration timeout) {
    return new FuseConfig(timeout, maxTasks, dispatch);
  }

  public FuseConfig withMaxTasks(int tasks) {
    return new FuseConfig(queryTimeout, tasks, dispatch);
  }
}
