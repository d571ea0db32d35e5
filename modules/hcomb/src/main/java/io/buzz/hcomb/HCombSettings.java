package io.buzz.hcomb;

import io.buzz.config.Settings;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What the HComb container reads from its environment (the Fargate task definition sets it; the ECS
 * twin passes it to the process). Errors name the variable.
 *
 * <table>
 *   <caption>Variables</caption>
 *   <tr><td>{@code BUZZ_HCOMB_HOST}</td><td>interface to listen on (0.0.0.0)</td></tr>
 *   <tr><td>{@code BUZZ_HCOMB_PORT}</td><td>gRPC port for the Fuse and the HBees (7001)</td></tr>
 *   <tr><td>{@code BUZZ_HCOMB_METRICS_PORT}</td><td>Prometheus {@code /metrics} port, -1 for
 *       none (9091)</td></tr>
 *   <tr><td>{@code BUZZ_HCOMB_IDLE_SHUTDOWN}</td><td>how long without a query before the process
 *       exits and the task stops costing (10m)</td></tr>
 *   <tr><td>{@code BUZZ_HCOMB_QUERY_MEMORY_MB}</td><td>merge state one query may hold (half of
 *       the JVM's maximum heap)</td></tr>
 *   <tr><td>{@code BUZZ_HCOMB_MAX_QUERIES}</td><td>queries registered at once (64)</td></tr>
 * </table>
 */
public record HCombSettings(HCombConfig hcomb, int metricsPort) {
  static final String HOST = "buzz.hcomb.host";
  static final String PORT = "buzz.hcomb.port";
  static final String METRICS_PORT = "buzz.hcomb.metrics.port";
  static final String IDLE_SHUTDOWN = "buzz.hcomb.idle.shutdown";
  static final String QUERY_MEMORY_MB = "buzz.hcomb.query.memory.mb";
  static final String MAX_QUERIES = "buzz.hcomb.max.queries";
  private static final List<String> NAMES =
      List.of(HOST, PORT, METRICS_PORT, IDLE_SHUTDOWN, QUERY_MEMORY_MB, MAX_QUERIES);

  public static HCombSettings from(Map<String, String> environment) {
    Settings settings = Settings.empty().withEnvironment(environment, NAMES);
    HCombConfig defaults = HCombConfig.defaults();
    long maxMemoryMb = Runtime.getRuntime().maxMemory() / (1024 * 1024);
    int memoryMb =
        settings.integer(
            QUERY_MEMORY_MB,
            (int) Math.max(64, Math.min(Integer.MAX_VALUE, maxMemoryMb / 2)),
            16,
            Integer.MAX_VALUE);
    HCombConfig config =
        new HCombConfig(
            settings.string(HOST, "0.0.0.0"),
            settings.integer(PORT, 7001, 1, 65535),
            defaults.defaultQueryTimeout(),
            memoryMb * 1024L * 1024,
            defaults.streamHighWaterBatches(),
            defaults.mergeThreads(),
            settings.integer(MAX_QUERIES, defaults.maxQueries(), 1, 100_000),
            settings.duration(IDLE_SHUTDOWN, Duration.ofMinutes(10)),
            defaults.streamHeaderTimeout());
    int metricsPort = settings.integer(METRICS_PORT, 9091, -1, 65535);
    if (metricsPort == config.port()) {
      throw settings.wrong(METRICS_PORT, "must differ from " + PORT);
    }
    return new HCombSettings(config, metricsPort);
  }
}
