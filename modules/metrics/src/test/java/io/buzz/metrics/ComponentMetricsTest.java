package io.buzz.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Gauge;
import org.junit.jupiter.api.Test;

/**
 * Pool gauges of Vert.x HTTP clients are named after their remote address — one series per HComb
 * ever reached — so the registry drops them; worker-pool gauges, which dashboards show, stay.
 */
class ComponentMetricsTest {
  @Test
  void httpClientPoolGaugesAreDroppedAndWorkerPoolsKept() {
    try (ComponentMetrics metrics = ComponentMetrics.create("fuse")) {
      Gauge.builder("vertx.pool.queue.pending", () -> 1)
          .tag("pool_type", "http")
          .tag("pool_name", "10.0.1.7:7001")
          .register(metrics.registry());
      Gauge.builder("vertx.pool.queue.pending", () -> 2)
          .tag("pool_type", "worker")
          .tag("pool_name", "vert.x-worker-thread")
          .register(metrics.registry());
      String scrape = metrics.scrape();
      assertThat(scrape).contains("pool_type=\"worker\"").doesNotContain("10.0.1.7:7001");
    }
  }
}
