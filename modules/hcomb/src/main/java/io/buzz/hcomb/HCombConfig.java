package io.buzz.hcomb;

import java.time.Duration;

/**
 * Settings of an HComb.
 *
 * @param host interface to listen on
 * @param port 0 picks a free port
 * @param defaultQueryTimeout deadline of a query whose registration names none
 * @param queryMemoryLimitBytes merge state one query may hold (all its attempts together)
 * @param streamHighWaterBatches batches of one stream queued for merging before the stream is
 *     paused; it resumes at half of that
 * @param mergeThreads worker threads that decode and merge (shared by all queries)
 * @param maxQueries queries registered at once; more are refused with RESOURCE_EXHAUSTED
 * @param idleShutdown how long the HComb may stay without a query before it shuts down (a Fargate
 *     task stops costing then; the HComb manager starts a new one for the next query); zero never
 * @param streamHeaderTimeout how long an HBee stream may stay open without sending its header
 *     (which names its query and task) before the HComb ends it with DEADLINE_EXCEEDED
 */
public record HCombConfig(
    String host,
    int port,
    Duration defaultQueryTimeout,
    long queryMemoryLimitBytes,
    int streamHighWaterBatches,
    int mergeThreads,
    int maxQueries,
    Duration idleShutdown,
    Duration streamHeaderTimeout) {

  public HCombConfig {
    java.util.Objects.requireNonNull(streamHeaderTimeout, "streamHeaderTimeout is null");
    if (streamHeaderTimeout.isNegative() || streamHeaderTimeout.isZero()) {
      throw new IllegalArgumentException("streamHeaderTimeout must be positive");
    }
    java.util.Objects.requireNonNull(idleShutdown, "idleShutdown is null");
    if (idleShutdown.isNegative()) {
      throw new IllegalArgumentException("idleShutdown must not be negative");
    }
    java.util.Objects.requireNonNull(host, "host is null");
    java.util.Objects.requireNonNull(defaultQueryTimeout, "defaultQueryTimeout is null");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0 to 65535, got " + port);
    }
    if (defaultQueryTimeout.isNegative() || defaultQueryTimeout.isZero()) {
      throw new IllegalArgumentException("defaultQueryTimeout must be positive");
    }
    if (streamHighWaterBatches < 2) {
      throw new IllegalArgumentException("streamHighWaterBatches must be at least 2");
    }
    if (mergeThreads < 1) {
      throw new IllegalArgumentException("mergeThreads must be at least 1");
    }
    if (maxQueries < 1) {
      throw new IllegalArgumentException("maxQueries must be at least 1");
    }
    if (queryMemoryLimitBytes < 1) {
      throw new IllegalArgumentException("queryMemoryLimitBytes must be positive");
    }
  }

  public static HCombConfig defaults() {
    return new HCombConfig(
        "127.0.0.1",
        0,
        Duration.ofMinutes(10),
        2L * 1024 * 1024 * 1024,
        8,
        Math.max(1, Runtime.getRuntime().availableProcessors()),
        64,
        Duration.ofMinutes(10),
        Duration.ofSeconds(30));
  }

  public HCombConfig withPort(int newPort) {
    return new HCombConfig(
        host,
        newPort,
        defaultQueryTimeout,
        queryMemoryLimitBytes,
        streamHighWaterBatches,
        mergeThreads,
        maxQueries,
        idleShutdown,
        streamHeaderTimeout);
  }

  public HCombConfig withQueryMemoryLimit(long bytes) {
    return new HCombConfig(
        host,
        port,
        defaultQueryTimeout,
        bytes,
        streamHighWaterBatches,
        mergeThreads,
        maxQueries,
        idleShutdown,
        streamHeaderTimeout);
  }

  public HCombConfig withDefaultQueryTimeout(Duration timeout) {
    return new HCombConfig(
        host,
        port,
        timeout,
        queryMemoryLimitBytes,
        streamHighWaterBatches,
        mergeThreads,
        maxQueries,
        idleShutdown,
        streamHeaderTimeout);
  }

  public HCombConfig withStreamHighWaterBatches(int batches) {
    return new HCombConfig(
        host,
        port,
        defaultQueryTimeout,
        queryMemoryLimitBytes,
        batches,
        mergeThreads,
        maxQueries,
        idleShutdown,
        streamHeaderTimeout);
  }

  public HCombConfig withMergeThreads(int threads) {
    return new HCombConfig(
        host,
        port,
        defaultQueryTimeout,
        queryMemoryLimitBytes,
        streamHighWaterBatches,
        threads,
        maxQueries,
        idleShutdown,
        streamHeaderTimeout);
  }

  public HCombConfig withMaxQueries(int queries) {
    return new HCombConfig(
        host,
        port,
        defaultQueryTimeout,
        queryMemoryLimitBytes,
        streamHighWaterBatches,
        mergeThreads,
        queries,
        idleShutdown,
        streamHeaderTimeout);
  }

  public HCombConfig withIdleShutdown(Duration idle) {
    return new HCombConfig(
        host,
        port,
        defaultQueryTimeout,
        queryMemoryLimitBytes,
        streamHighWaterBatches,
        mergeThreads,
        maxQueries,
        idle,
        streamHeaderTimeout);
  }

  public HCombConfig withStreamHeaderTimeout(Duration timeout) {
    return new HCombConfig(
        host,
        port,
        defaultQueryTimeout,
        queryMemoryLimitBytes,
        streamHighWaterBatches,
        mergeThreads,
        maxQueries,
        idleShutdown,
        timeout);
  }
}
