package io.buzz.fuse;

import io.buzz.fuse.query.DispatchConfig;
import io.buzz.fuse.query.TaskPacking;
import java.time.Duration;

/**
 * Settings of the Fuse.
 *
 * @param queryTimeout longest a query may run, from arrival to its last result byte; a client
 *     deadline shorter than this wins
 * @param maxTasks most HBee tasks (files) one query may fan out to; more is RESOURCE_EXHAUSTED
 * @param dispatch how tasks are launched and retried
 * @param maxRunningQueries queries the Fuse runs at once; more wait in a queue (first come, first
 *     served), their waiting counted in their deadline
 * @param maxQueuedQueries queries that may wait; more are refused at once with RESOURCE_EXHAUSTED
 * @param cachedPlans plans of recent queries kept for reuse (same steps, same table schema); 0
 *     plans every query
 * @param hbeeConcurrency HBee invocations in flight at once over all queries: the Lambda function's
 *     (or account's) concurrency, 1,000 by default on AWS; queries take turns beyond it
 * @param cost prices and sizes of the AWS cost estimate in every query's statistics
 * @param packing how a query's files are packed into HBee tasks
 */
public record FuseConfig(
    Duration queryTimeout,
    int maxTasks,
    DispatchConfig dispatch,
    int maxRunningQueries,
    int maxQueuedQueries,
    int cachedPlans,
    int hbeeConcurrency,
    io.buzz.fuse.cost.CostModel cost,
    TaskPacking packing) {
  public FuseConfig {
    java.util.Objects.requireNonNull(packing, "packing is null");
    java.util.Objects.requireNonNull(cost, "cost is null");
    if (hbeeConcurrency < 1) {
      throw new IllegalArgumentException("hbeeConcurrency must be at least 1");
    }
    if (cachedPlans < 0) {
      throw new IllegalArgumentException("cachedPlans must not be negative");
    }
    if (maxRunningQueries < 1) {
      throw new IllegalArgumentException("maxRunningQueries must be at least 1");
    }
    if (maxQueuedQueries < 0) {
      throw new IllegalArgumentException("maxQueuedQueries must not be negative");
    }
    if (queryTimeout.isNegative() || queryTimeout.isZero()) {
      throw new IllegalArgumentException("queryTimeout must be positive");
    }
    if (maxTasks < 1) {
      throw new IllegalArgumentException("maxTasks must be at least 1");
    }
  }

  public static FuseConfig defaults() {
    // 32 running queries keep two HCombs' worth of slots (64 each) free for late releases.
    return new FuseConfig(
        Duration.ofMinutes(10),
        100_000,
        DispatchConfig.defaults(),
        32,
        1_000,
        512,
        1_000,
        io.buzz.fuse.cost.CostModel.US_EAST_1,
        TaskPacking.forParallelism(1_000));
  }

  public FuseConfig withQueryTimeout(Duration timeout) {
    return new FuseConfig(
        timeout,
        maxTasks,
        dispatch,
        maxRunningQueries,
        maxQueuedQueries,
        cachedPlans,
        hbeeConcurrency,
        cost,
        packing);
  }

  public FuseConfig withMaxTasks(int tasks) {
    return new FuseConfig(
        queryTimeout,
        tasks,
        dispatch,
        maxRunningQueries,
        maxQueuedQueries,
        cachedPlans,
        hbeeConcurrency,
        cost,
        packing);
  }

  public FuseConfig withDispatch(DispatchConfig config) {
    return new FuseConfig(
        queryTimeout,
        maxTasks,
        config,
        maxRunningQueries,
        maxQueuedQueries,
        cachedPlans,
        hbeeConcurrency,
        cost,
        packing);
  }

  /** At most {@code running} queries at once, {@code queued} more waiting for their turn. */
  public FuseConfig withAdmission(int running, int queued) {
    return new FuseConfig(
        queryTimeout,
        maxTasks,
        dispatch,
        running,
        queued,
        cachedPlans,
        hbeeConcurrency,
        cost,
        packing);
  }

  public FuseConfig withCachedPlans(int plans) {
    return new FuseConfig(
        queryTimeout,
        maxTasks,
        dispatch,
        maxRunningQueries,
        maxQueuedQueries,
        plans,
        hbeeConcurrency,
        cost,
        packing);
  }

  public FuseConfig withHBeeConcurrency(int invocations) {
    return new FuseConfig(
        queryTimeout,
        maxTasks,
        dispatch,
        maxRunningQueries,
        maxQueuedQueries,
        cachedPlans,
        invocations,
        cost,
        packing);
  }

  public FuseConfig withCost(io.buzz.fuse.cost.CostModel model) {
    return new FuseConfig(
        queryTimeout,
        maxTasks,
        dispatch,
        maxRunningQueries,
        maxQueuedQueries,
        cachedPlans,
        hbeeConcurrency,
        model,
        packing);
  }

  public FuseConfig withPacking(TaskPacking tasks) {
    return new FuseConfig(
        queryTimeout,
        maxTasks,
        dispatch,
        maxRunningQueries,
        maxQueuedQueries,
        cachedPlans,
        hbeeConcurrency,
        cost,
        tasks);
  }
}
