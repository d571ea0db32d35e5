/**
 * Metrics shared by Buzz's long-lived components (the Fuse and the HComb): one Micrometer registry
 * per component in the Prometheus format ({@link io.buzz.metrics.ComponentMetrics}), the {@code
 * /metrics} endpoint that serves it ({@link io.buzz.metrics.MetricsEndpoint}), the process figures
 * every dashboard needs (JVM memory, GC, threads, CPU, Arrow memory) and the Vert.x event-loop lag
 * probe ({@link io.buzz.metrics.EventLoopLagProbe}).
 *
 * <p>The metric names and what they mean are listed in {@code ops/grafana/metrics.md}; the
 * components' own meters live next to the code they measure ({@code io.buzz.fuse.metrics}, {@code
 * io.buzz.hcomb.HCombMetrics}).
 */
package io.buzz.metrics;
