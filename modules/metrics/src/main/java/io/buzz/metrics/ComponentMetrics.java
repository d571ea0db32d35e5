package io.buzz.metrics;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.apache.arrow.memory.BufferAllocator;

/**
 * The metrics of one Buzz component (the Fuse or the HComb): a Prometheus-format Micrometer
 * registry whose every series carries {@code component=<name>}, with the process figures bound (JVM
 * memory and buffer pools, GC, threads, class loading, CPU, uptime). In production each component
 * is its own process; the embedded local stack runs both in one JVM, so both registries then report
 * the same process figures under their own {@code component}.
 */
public final class ComponentMetrics implements AutoCloseable {
  /** How often the event-loop lag probe runs. */
  public static final Duration LAG_PROBE_INTERVAL = Duration.ofMillis(200);

  /** Sources of meters that Micrometer would hold only weakly: held for the registry's life. */
  private final List<Object> heldSources = new ArrayList<>();

  private final String component;
  private final PrometheusMeterRegistry registry;
  private final List<AutoCloseable> closeables = new ArrayList<>();
  private final LongAdder serverConnections = new LongAdder();
  private final LongAdder clientConnections = new LongAdder();
  private boolean hasVertx;

  private ComponentMetrics(String component) {
    this.component = component;
    this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.config().commonTags("component", component);
    // Vert.x names an HTTP client's connection pool after its remote address: one series per
    // HComb task ever reached (unbounded on AWS), and a pool re-created for an endpoint registers
    // its gauges again (Micrometer then warns). Worker pools, which the dashboards show, stay.
    registry
        .config()
        .meterFilter(
            io.micrometer.core.instrument.config.MeterFilter.deny(
                id ->
                    id.getName().startsWith("vertx.pool")
                        && "http".equals(id.getTag("pool_type"))));
    registry.config().meterFilter(ConnectionCounting.DENY_REREGISTERED_GAUGES);
    ConnectionCounting.registerGauges(registry, serverConnections, clientConnections);
    new ClassLoaderMetrics().bindTo(registry);
    new JvmMemoryMetrics().bindTo(registry);
    JvmGcMetrics gc = new JvmGcMetrics();
    gc.bindTo(registry);
    closeables.add(gc);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
  }

  /** A registry for {@code component} ({@code fuse}, {@code hcomb}) with the process figures. */
  public static ComponentMetrics create(String component) {
    requireNonNull(component, "component is null");
    return new ComponentMetrics(component);
  }

  /**
   * The metrics name ({@link io.vertx.core.http.HttpClientOptions#setMetricsName}) of an HTTP
   * client whose requests vertx-micrometer should not measure; its connections are still counted.
   * For the AWS SDK's transport: its calls are Buzz's own meters already (HBee invocations started,
   * retried, in flight), and timing each request in vertx-micrometer took ~5% of the Fuse's CPU at
   * thousands of invocations a second.
   */
  public static final String CONNECTIONS_ONLY = "buzz-connections-only";

  public String component() {
    return component;
  }

  public MeterRegistry registry() {
    return registry;
  }

  /**
   * A Vert.x instance whose own metrics ({@code vertx_*}: HTTP and gRPC servers and clients, worker
   * and internal pools) go to this registry, with open connections counted by {@link
   * ConnectionCounting}. Only low-cardinality labels are kept (method, status code, pool type and
   * name), never remote addresses or paths. One per component: a second is refused.
   */
  public synchronized Vertx newVertx(VertxOptions options) {
    requireNonNull(options, "options is null");
    if (hasVertx) {
      // A second instance would register the same worker-pool gauges again.
      throw new IllegalStateException(component + " metrics already measure a Vert.x instance");
    }
    hasVertx = true;
    MicrometerMetricsOptions metrics =
        new MicrometerMetricsOptions()
            .setEnabled(true)
            .addDisabledMetricsCategory(MetricsDomain.EVENT_BUS);
    return Vertx.builder()
        .with(new VertxOptions(options).setMetricsOptions(metrics))
        .withMetrics(
            vertxOptions ->
                new ConnectionCounting(
                    new MicrometerMetricsFactory(registry).metrics(vertxOptions),
                    serverConnections,
                    clientConnections))
        .build();
  }

  /** Measures the lag of {@code vertx}'s event loops until closed. */
  public ComponentMetrics bindEventLoops(Vertx vertx) {
    closeables.add(EventLoopLagProbe.start(vertx, registry, LAG_PROBE_INTERVAL));
    return this;
  }

  /**
   * Reports what {@code allocator} (and its children) hold as {@code buzz_arrow_allocated_bytes}.
   */
  public ComponentMetrics bindArrow(BufferAllocator allocator) {
    requireNonNull(allocator, "allocator is null");
    Gauge.builder("buzz.arrow.allocated", allocator, BufferAllocator::getAllocatedMemory)
        .description("Arrow memory allocated by the component's root allocator and its children")
        .baseUnit("bytes")
        .register(registry);
    return this;
  }

  /**
   * Reports the process's pool of freed Arrow blocks ({@code io.buzz.kernels.memory.BlockPool}):
   * {@code buzz_arrow_pool_pooled_bytes}, free blocks waiting to be reused (outside every Arrow
   * limit, bounded by the pool's capacity), and {@code buzz_arrow_pool_reused_blocks_total}.
   * Components of one process (the local stack) report the same pool.
   */
  public ComponentMetrics bindArrowPool(LongSupplier pooledBytes, LongSupplier reusedBlocks) {
    requireNonNull(pooledBytes, "pooledBytes is null");
    requireNonNull(reusedBlocks, "reusedBlocks is null");
    Gauge.builder("buzz.arrow.pool.pooled", pooledBytes, s -> s.getAsLong())
        .description("Freed Arrow blocks the process keeps for reuse")
        .baseUnit("bytes")
        .strongReference(true) // the suppliers are often method references nothing else holds
        .register(registry);
    FunctionCounter.builder("buzz.arrow.pool.reused", reusedBlocks, s -> s.getAsLong())
        .description("Arrow blocks handed out again from the pool instead of the C allocator")
        .baseUnit("blocks")
        .register(registry);
    // Micrometer holds a function counter's source weakly (its builder has no strong option)
    heldSources.add(reusedBlocks);
    return this;
  }

  /** Everything in the Prometheus text exposition format (version 0.0.4). */
  public String scrape() {
    return registry.scrape();
  }

  @Override
  public void close() {
    for (int i = closeables.size() - 1; i >= 0; i--) {
      try {
        closeables.get(i).close();
      } catch (Exception e) {
        System.getLogger(ComponentMetrics.class.getName())
            .log(System.Logger.Level.WARNING, "closing " + component + " metrics: " + e);
      }
    }
    closeables.clear();
    registry.close();
  }
}
