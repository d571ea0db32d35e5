package io.buzz.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * Timers published as Prometheus histograms with one fixed set of buckets, from 1 ms to 5 min: few
 * enough series to keep scrapes small, fine enough for p50/p95/p99 of interactive queries.
 */
public final class Durations {
  private static final Duration[] BUCKETS = {
    Duration.ofMillis(1),
    Duration.ofMillis(2),
    Duration.ofMillis(5),
    Duration.ofMillis(10),
    Duration.ofMillis(25),
    Duration.ofMillis(50),
    Duration.ofMillis(100),
    Duration.ofMillis(250),
    Duration.ofMillis(500),
    Duration.ofSeconds(1),
    Duration.ofMillis(2500),
    Duration.ofSeconds(5),
    Duration.ofSeconds(10),
    Duration.ofSeconds(30),
    Duration.ofMinutes(1),
    Duration.ofMinutes(5),
  };

  private Durations() {}

  /**
   * A histogram timer; {@code name} in Micrometer's dotted form, e.g. {@code
   * buzz.fuse.query.duration} becomes {@code buzz_fuse_query_duration_seconds}.
   */
  public static Timer timer(MeterRegistry registry, String name, String description, Tags tags) {
    return Timer.builder(name)
        .description(description)
        .tags(tags)
        .serviceLevelObjectives(BUCKETS)
        .minimumExpectedValue(BUCKETS[0])
        .maximumExpectedValue(BUCKETS[BUCKETS.length - 1])
        .register(registry);
  }

  public static Timer timer(MeterRegistry registry, String name, String description) {
    return timer(registry, name, description, Tags.empty());
  }
}
