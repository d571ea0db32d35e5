/**
 * The Fuse's meters ({@link io.buzz.fuse.metrics.FuseMetrics}, {@code buzz_fuse_*}) and the HBee
 * figures it aggregates from task reports ({@code buzz_hbee_*}), recorded into the Micrometer
 * registry it is given. {@code FuseMetrics.meter} wraps the {@code HBeeInvoker} in {@code
 * MeteredInvoker}, which counts every invocation and records every report, late ones included.
 * Names and meanings are listed in {@code ops/grafana/metrics.md}; the shared registry and endpoint
 * are in {@code io.buzz.metrics}.
 */
package io.buzz.fuse.metrics;
