package io.buzz.fuse.metrics;

import static java.util.Objects.requireNonNull;

import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import io.buzz.fuse.invoke.HBeeInvoker;
import io.buzz.fuse.query.InvocationBudget;
import io.buzz.metrics.Durations;
import io.buzz.plan.sql.QueryPlanner;
import io.buzz.protocol.task.TaskMetrics;
import io.buzz.protocol.task.TaskReport;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.ToDoubleFunction;

/**
 * The Fuse's meters ({@code buzz_fuse_*}) and the HBee figures it aggregates from task reports
 * ({@code buzz_hbee_*}); names and meanings in {@code ops/grafana/metrics.md}. Thread-safe: queries
 * on every event loop record into the same meters.
 */
public final class FuseMetrics {
  private final MeterRegistry registry;
  private final AtomicInteger activeQueries = new AtomicInteger();
  private final AtomicReferenceArray<Counter> taskCounters = new AtomicReferenceArray<>(4);
  private final AtomicInteger queuedQueries = new AtomicInteger();
  private final Timer queueWait;
  private final AtomicInteger invocationsInFlight = new AtomicInteger();
  private final Counter queriesStarted;
  private final Timer planning;
  private final Timer catalogListing;
  private final Timer hcombAcquire;
  private final Counter filesListed;
  private final Counter filesPruned;
  private final Counter filesSelected;
  private final Counter scannedBytes;
  private final Counter invocationsStarted;
  private final Counter invocationsRetried;
  private final Timer taskDuration;
  private final Timer timeToFirstByte;
  private final Counter ioRequests;
  private final Counter readBytes;
  private final Counter ioWaitSeconds;
  private final Counter decodeSeconds;
  private final Counter computeSeconds;
  private final Counter rowsScanned;
  private final Counter rowGroupsRead;
  private final Counter rowGroupsSkipped;
  private final Counter pagesRead;
  private final Counter pagesSkipped;
  private final Counter rowsOut;
  private final Counter outBytes;
  private final Counter hedgesLaunched;
  private final Counter hedgesWon;
  private final Counter costUsd;
  private final Counter lambdaGbSeconds;

  public FuseMetrics(MeterRegistry registry) {
    this.registry = requireNonNull(registry, "registry is null");
    queriesStarted = counter("buzz.fuse.queries.started", "Queries admitted and started", null);
    gauge("buzz.fuse.queries.active", "Queries running now", activeQueries, AtomicInteger::get);
    gauge(
        "buzz.fuse.queries.queued",
        "Queries waiting for a query slot",
        queuedQueries,
        AtomicInteger::get);
    queueWait =
        Durations.timer(
            registry,
            "buzz.fuse.queue.wait.duration",
            "Time a query waited for a query slot before it started (0 when one was free)");
    planning =
        Durations.timer(
            registry,
            "buzz.fuse.planning.duration",
            "Parsing, validating and planning a query, and pruning its files");
    catalogListing =
        Durations.timer(
            registry, "buzz.fuse.catalog.listing.duration", "Listing a query's catalog files");
    hcombAcquire =
        Durations.timer(
            registry, "buzz.fuse.hcomb.acquire.duration", "Starting or reusing an HComb");
    filesListed = counter("buzz.fuse.files.listed", "Files found in catalogs", null);
    filesPruned = counter("buzz.fuse.files.pruned", "Files skipped by partition_filter", null);
    filesSelected = counter("buzz.fuse.files.selected", "Files handed to HBee tasks", null);
    scannedBytes = counter("buzz.fuse.scanned", "Size of the files handed to HBees", "bytes");
    gauge(
        "buzz.fuse.hbee.invocations.in.flight",
        "HBee invocations started and not answered",
        invocationsInFlight,
        AtomicInteger::get);
    invocationsStarted =
        counter("buzz.fuse.hbee.invocations.started", "HBee invocations started", null);
    invocationsRetried =
        counter(
            "buzz.fuse.hbee.invocations.retried",
            "HBee invocations that retried an earlier attempt",
            null);
    taskDuration =
        Durations.timer(
            registry, "buzz.hbee.task.duration", "One HBee task attempt, inside the function");
    timeToFirstByte =
        Durations.timer(
            registry,
            "buzz.hbee.time.to.first.byte",
            "An HBee's first file request until its first byte");
    ioRequests = counter("buzz.hbee.io.requests", "S3 GETs or file reads of HBees", null);
    readBytes = counter("buzz.hbee.read", "Bytes HBees fetched", "bytes");
    ioWaitSeconds = counter("buzz.hbee.io.wait", "Time HBees waited for I/O", "seconds");
    decodeSeconds = counter("buzz.hbee.decode", "Time HBees spent decoding Parquet", "seconds");
    computeSeconds = counter("buzz.hbee.compute", "Time HBees spent running their plan", "seconds");
    rowsScanned = counter("buzz.hbee.rows.scanned", "Rows HBees read from Parquet", null);
    rowGroupsRead = counter("buzz.hbee.row.groups.read", "Parquet row groups HBees decoded", null);
    rowGroupsSkipped =
        counter(
            "buzz.hbee.row.groups.skipped",
            "Parquet row groups HBees skipped on min/max/null-count statistics",
            null);
    pagesRead = counter("buzz.hbee.pages.read", "Parquet data pages HBees decoded", null);
    pagesSkipped =
        counter(
            "buzz.hbee.pages.skipped",
            "Parquet data pages of read row groups HBees skipped with the page index",
            null);
    rowsOut = counter("buzz.hbee.rows.out", "Rows HBees sent to HCombs", null);
    outBytes = counter("buzz.hbee.out", "Arrow IPC bytes HBees sent to HCombs", "bytes");
    hedgesLaunched = hedges("launched");
    hedgesWon = hedges("won");
    costUsd =
        counter(
            "buzz.fuse.cost.usd",
            "Estimated AWS cost of the queries (Lambda, S3 requests, Fargate)",
            null);
    lambdaGbSeconds =
        counter(
            "buzz.fuse.lambda.gb.seconds",
            "HBee invocation time times the function's memory, in GB-seconds",
            null);
  }

  /** Meters kept nowhere: for code paths and tests that do not observe metrics. */
  public static FuseMetrics discarding() {
    return new FuseMetrics(new SimpleMeterRegistry());
  }

  public MeterRegistry registry() {
    return registry;
  }

  /** Wraps {@code invoker} so every invocation is counted and its report's figures recorded. */
  public HBeeInvoker meter(HBeeInvoker invoker) {
    return new MeteredInvoker(invoker, this);
  }

  /** Reports the Fuse-wide invocation budget: its limit and the queries waiting for a permit. */
  public void bindBudget(InvocationBudget budget) {
    gauge(
        "buzz.fuse.hbee.budget.limit",
        "HBee invocations the Fuse may have in flight over all queries",
        budget,
        InvocationBudget::limit);
    gauge(
        "buzz.fuse.hbee.budget.waiting.queries",
        "Queries waiting for an invocation permit of the Fuse-wide budget",
        budget,
        InvocationBudget::waiting);
  }

  /** Counts {@code planner}'s plan cache hits and misses. */
  public void bindPlanner(QueryPlanner planner) {
    for (boolean hit : new boolean[] {true, false}) {
      FunctionCounter.builder(
              "buzz.fuse.plan.cache.requests", planner, p -> hit ? p.cacheHits() : p.cacheMisses())
          .description(
              "Plans asked of the planner, served from its cache (hit) or by Calcite (miss)")
          .tags("result", hit ? "hit" : "miss")
          .register(registry);
    }
  }

  /** {@code waiting} queries wait for a slot now. */
  public void queued(int waiting) {
    queuedQueries.set(waiting);
  }

  /** A query got a slot after waiting {@code waited}. */
  public void admitted(Duration waited) {
    queueWait.record(waited);
  }

  /**
   * A query was refused before it started: {@code queue_full}, or {@code deadline_in_queue} when
   * its deadline passed while it waited.
   */
  public void queryRejected(String reason) {
    Counter.builder("buzz.fuse.queries.rejected")
        .description("Queries refused before they started, by reason")
        .tags("reason", reason)
        .register(registry)
        .increment();
  }

  /**
   * A query's figures that only its statistics know: hedged attempts and what it would cost on AWS.
   */
  public void costed(io.buzz.protocol.query.Statistics statistics) {
    hedgesLaunched.increment(statistics.getHbeeHedges());
    hedgesWon.increment(statistics.getHbeeHedgeWins());
    costUsd.increment(statistics.getCostUsd());
    lambdaGbSeconds.increment(statistics.getLambdaGbSeconds());
  }

  public void queryStarted() {
    queriesStarted.increment();
    activeQueries.incrementAndGet();
  }

  /**
   * @param error why the query failed; null when it succeeded
   */
  public void queryEnded(long nanos, BuzzException error) {
    activeQueries.decrementAndGet();
    String outcome = error == null ? "succeeded" : "failed";
    Counter.builder("buzz.fuse.queries.finished")
        .description("Queries ended, by outcome and error kind")
        .tags("outcome", outcome, "error_kind", errorKind(error))
        .register(registry)
        .increment();
    Durations.timer(
            registry,
            "buzz.fuse.query.duration",
            "A query from its start (admission) to its last result byte",
            Tags.of("outcome", outcome))
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  public void planned(long nanos) {
    planning.record(nanos, TimeUnit.NANOSECONDS);
  }

  public void catalogListed(long nanos) {
    catalogListing.record(nanos, TimeUnit.NANOSECONDS);
  }

  public void hcombAcquired(long nanos) {
    hcombAcquire.record(nanos, TimeUnit.NANOSECONDS);
  }

  public void filesChosen(long listed, long selected, long selectedBytes) {
    filesListed.increment(listed);
    filesPruned.increment(listed - selected);
    filesSelected.increment(selected);
    scannedBytes.increment(selectedBytes);
  }

  void invocationStarted(boolean retry) {
    invocationsInFlight.incrementAndGet();
    invocationsStarted.increment();
    if (retry) {
      invocationsRetried.increment();
    }
  }

  /** An invocation answered with a report (the task may still have failed: see its error). */
  void invocationReported(TaskReport report) {
    invocationsInFlight.decrementAndGet();
    boolean failed = report.hasError();
    if (failed) {
      invocationFailedCounter(ErrorCode.fromWire(report.getError().getCode())).increment();
    }
    TaskMetrics figures = report.getMetrics();
    taskCounter(failed, figures.getColdStart()).increment();
    taskDuration.record(figures.getDurationMicros(), TimeUnit.MICROSECONDS);
    if (figures.getIoRequests() > 0) {
      timeToFirstByte.record(figures.getTimeToFirstByteMicros(), TimeUnit.MICROSECONDS);
    }
    ioRequests.increment(figures.getIoRequests());
    readBytes.increment(figures.getBytesRead());
    ioWaitSeconds.increment(figures.getIoWaitMicros() / 1e6);
    decodeSeconds.increment(figures.getDecodeMicros() / 1e6);
    computeSeconds.increment(figures.getComputeMicros() / 1e6);
    rowsScanned.increment(figures.getRowsScanned());
    rowGroupsRead.increment(figures.getRowGroups());
    rowGroupsSkipped.increment(figures.getRowGroupsSkipped());
    pagesRead.increment(figures.getPagesRead());
    pagesSkipped.increment(figures.getPagesSkipped());
    rowsOut.increment(figures.getRowsOut());
    outBytes.increment(figures.getBytesOut());
  }

  /** An invocation failed without a report (throttled, timed out, connection lost, crashed). */
  void invocationFailed(Throwable failure) {
    invocationsInFlight.decrementAndGet();
    invocationFailedCounter(BuzzException.wrap(failure).code()).increment();
  }

  /**
   * The counter of one outcome and start kind, registered at its first use (so that, like other
   * labelled series, it appears once it happened) and then kept: this runs once per invocation.
   */
  private Counter taskCounter(boolean failed, boolean cold) {
    int slot = (failed ? 2 : 0) + (cold ? 1 : 0);
    Counter counter = taskCounters.get(slot);
    if (counter == null) {
      counter =
          Counter.builder("buzz.hbee.tasks")
              .description("HBee task attempts that reported, by outcome and cold or warm start")
              .tags("outcome", failed ? "failed" : "succeeded", "start", cold ? "cold" : "warm")
              .register(registry);
      taskCounters.set(slot, counter);
    }
    return counter;
  }

  private Counter invocationFailedCounter(ErrorCode code) {
    return Counter.builder("buzz.fuse.hbee.invocations.failed")
        .description("HBee invocations that failed, by error kind")
        .tags("error_kind", code.name().toLowerCase(Locale.ROOT))
        .register(registry);
  }

  private <T> void gauge(String name, String description, T source, ToDoubleFunction<T> value) {
    Gauge.builder(name, source, value).description(description).register(registry);
  }

  private Counter hedges(String outcome) {
    return Counter.builder("buzz.fuse.hbee.hedges")
        .description("Speculative second attempts of straggling HBee tasks")
        .tag("outcome", outcome)
        .register(registry);
  }

  private Counter counter(String name, String description, String unit) {
    return Counter.builder(name).description(description).baseUnit(unit).register(registry);
  }

  private static String errorKind(BuzzException error) {
    return error == null ? "none" : error.code().name().toLowerCase(Locale.ROOT);
  }
}
