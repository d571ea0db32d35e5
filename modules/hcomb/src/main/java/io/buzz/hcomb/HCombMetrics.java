package io.buzz.hcomb;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.ToDoubleFunction;

/**
 * The HComb's meters ({@code buzz_hcomb_*}, see {@code ops/grafana/metrics.md}), read from its
 * {@link HCombStats} when scraped: counting costs the merge path one atomic add, nothing more.
 * Closing removes them from the registry, so a restarted HComb registers fresh ones.
 */
final class HCombMetrics implements AutoCloseable {
  private final MeterRegistry registry;
  private final List<Meter> meters = new ArrayList<>();

  private HCombMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /**
   * @param stateBytes Arrow memory held by the queries registered now
   * @param wideWindowBytes HTTP/2 window bytes granted beyond the default ({@link ReceiveWindows})
   * @param idleShutdown the HComb's idle shutdown delay; zero when it never shuts down
   */
  static HCombMetrics bind(
      MeterRegistry registry,
      HCombStats stats,
      LongSupplier stateBytes,
      LongSupplier wideWindowBytes,
      Duration idleShutdown) {
    HCombMetrics metrics = new HCombMetrics(registry);
    metrics.gauge(
        "buzz.hcomb.queries.active",
        "Queries registered and not finished",
        null,
        stats,
        HCombStats::activeQueries);
    metrics.counter(
        "buzz.hcomb.queries.finished",
        "Queries ended",
        null,
        stats,
        HCombStats::queriesSucceeded,
        "outcome",
        "succeeded");
    metrics.counter(
        "buzz.hcomb.queries.finished",
        "Queries ended",
        null,
        stats,
        HCombStats::queriesFailed,
        "outcome",
        "failed");
    metrics.counter(
        "buzz.hcomb.queries.leaked",
        "Queries that ended still holding Arrow memory (a bug in Buzz; stays 0)",
        null,
        stats,
        HCombStats::queriesLeaked);
    metrics.gauge(
        "buzz.hcomb.streams.open", "HBee streams open now", null, stats, HCombStats::openStreams);
    metrics.counter(
        "buzz.hcomb.streams.opened",
        "HBee streams accepted",
        null,
        stats,
        HCombStats::streamsTotal);
    metrics.counter(
        "buzz.hcomb.received.batches",
        "Arrow batches received from HBees",
        null,
        stats,
        HCombStats::batchesReceived);
    metrics.counter(
        "buzz.hcomb.received.rows",
        "Rows received from HBees",
        null,
        stats,
        HCombStats::rowsReceived);
    metrics.counter(
        "buzz.hcomb.received",
        "Arrow buffer bytes received from HBees",
        "bytes",
        stats,
        HCombStats::bytesReceived);
    metrics.counter(
        "buzz.hcomb.merge",
        "Time merge threads spent folding, committing and finishing",
        "seconds",
        stats,
        s -> s.mergeNanos() / (double) TimeUnit.SECONDS.toNanos(1));
    metrics.gauge(
        "buzz.hcomb.merge.queue.batches",
        "Batches received and not merged yet",
        null,
        stats,
        HCombStats::queuedBatches);
    metrics.counter(
        "buzz.hcomb.backpressure.pauses",
        "Times an HBee stream was paused because merging fell behind",
        null,
        stats,
        HCombStats::backPressurePauses);
    metrics.gauge(
        "buzz.hcomb.state",
        "Arrow memory held by the running queries",
        "bytes",
        stateBytes,
        s -> s.getAsLong());
    metrics.gauge(
        "buzz.hcomb.streams.window.wide",
        "HTTP/2 window granted to large streams beyond the 64 KiB default (bounded by a budget)",
        "bytes",
        wideWindowBytes,
        s -> s.getAsLong());
    metrics.gauge(
        "buzz.hcomb.idle",
        "Time since the HComb last had a query; 0 while busy",
        "seconds",
        stats,
        HCombStats::idleSeconds);
    if (!idleShutdown.isZero()) {
      double limit = idleShutdown.toMillis() / 1_000.0;
      metrics.gauge(
          "buzz.hcomb.idle.shutdown.remaining",
          "Time left until the HComb shuts down for lack of queries, if none arrives",
          "seconds",
          stats,
          s -> Math.max(0, limit - s.idleSeconds()));
    }
    return metrics;
  }

  private <T> void gauge(
      String name, String description, String unit, T source, ToDoubleFunction<T> value) {
    meters.add(
        Gauge.builder(name, source, value)
            .description(description)
            .baseUnit(unit)
            .strongReference(true)
            .register(registry));
  }

  private <T> void counter(
      String name,
      String description,
      String unit,
      T source,
      ToDoubleFunction<T> value,
      String... tags) {
    meters.add(
        FunctionCounter.builder(name, source, value)
            .description(description)
            .baseUnit(unit)
            .tags(tags)
            .register(registry));
  }

  @Override
  public void close() {
    meters.forEach(registry::remove);
    meters.clear();
  }
}
