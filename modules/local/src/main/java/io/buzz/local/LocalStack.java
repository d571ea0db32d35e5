package io.buzz.local;

import static java.util.Objects.requireNonNull;

import io.buzz.fuse.FuseServices;
import io.buzz.fuse.catalog.Catalogs;
import io.buzz.fuse.catalog.ObjectLister;
import io.buzz.fuse.catalog.delta.DeltaTables;
import io.buzz.fuse.invoke.LambdaHBeeInvoker;
import io.buzz.fuse.invoke.LambdaInvokerConfig;
import io.buzz.fuse.metrics.FuseMetrics;
import io.buzz.fuse.query.InvocationBudget;
import io.buzz.fuse.service.QueryServerVerticle;
import io.buzz.grpc.GrpcLimits;
import io.buzz.hbee.runtime.HBeeRuntime;
import io.buzz.kernels.memory.Allocators;
import io.buzz.local.hcomb.LocalHCombManager;
import io.buzz.local.lambda.LocalLambdaConfig;
import io.buzz.local.lambda.LocalLambdaService;
import io.buzz.metrics.ComponentMetrics;
import io.buzz.metrics.MetricsEndpoint;
import io.buzz.plan.sql.QueryPlanner;
import io.buzz.storage.io.ByteSources;
import io.buzz.storage.io.S3Clients;
import io.buzz.storage.io.S3ReadOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.grpc.client.GrpcClient;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.arrow.memory.BufferAllocator;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/**
 * Buzz on one machine, no AWS account: the Fuse's query API, an in-process HComb, and HBees behind
 * a Lambda-compatible HTTP endpoint on loopback. Every hop is the real one — gRPC between the Fuse,
 * HBees and the HComb, the AWS SDK's Lambda client for invocations — only the places differ.
 *
 * <pre>
 *   client ──gRPC──▶ QueryServerVerticle (Fuse) ──LambdaAsyncClient/HTTP──▶ LocalLambdaService
 *                        │                                                     │ HBeeRuntime
 *                        └──────gRPC RunQuery──▶ HCombVerticle ◀──gRPC DoPut───┘
 * </pre>
 *
 * <p>The Fuse and the HComb keep their meters in registries of their own and, when {@link
 * LocalStackConfig#metrics()} asks, serve them on two {@code /metrics} endpoints.
 *
 * <p>{@link #start} blocks until everything listens and {@link #close} until everything stopped, so
 * call both from a thread that is not a Vert.x event loop. {@link #close} stops the parts in
 * reverse order of the flow (query API first, Vert.x last when the stack owns it) and then closes
 * the stack's root allocator, which throws if a part still holds Arrow memory.
 */
public final class LocalStack implements AutoCloseable {
  /** How long closing waits for HBee tasks still running to end. */
  private static final Duration IDLE_WAIT = Duration.ofSeconds(10);

  private final Vertx vertx;
  private final boolean ownsVertx;
  private final BufferAllocator allocator;
  private final List<Supplier<Future<?>>> stops;
  private final QueryServerVerticle server;
  private final LocalHCombManager hcombs;
  private final HBeeRuntime hbees;
  private final LocalLambdaService lambda;
  private final Metrics metrics;
  private boolean closed;

  /** Each component's meters, and its endpoint when one is served. */
  private record Metrics(
      ComponentMetrics fuse,
      ComponentMetrics hcomb,
      MetricsEndpoint fuseEndpoint,
      MetricsEndpoint hcombEndpoint) {}

  private LocalStack(
      Vertx vertx,
      boolean ownsVertx,
      BufferAllocator allocator,
      List<Supplier<Future<?>>> stops,
      QueryServerVerticle server,
      LocalHCombManager hcombs,
      HBeeRuntime hbees,
      LocalLambdaService lambda,
      Metrics metrics) {
    this.vertx = vertx;
    this.ownsVertx = ownsVertx;
    this.allocator = allocator;
    this.stops = stops;
    this.server = server;
    this.hcombs = hcombs;
    this.hbees = hbees;
    this.lambda = lambda;
    this.metrics = metrics;
  }

  /**
   * Starts a stack on a new Vert.x instance, whose own metrics ({@code vertx_*}) go to the Fuse's
   * registry; blocks until it listens.
   */
  public static LocalStack start(LocalStackConfig config) {
    requireNonNull(config, "config is null");
    ComponentMetrics fuseMetrics = ComponentMetrics.create("fuse");
    return start(fuseMetrics.newVertx(new VertxOptions()), true, config, fuseMetrics);
  }

  /** Starts a stack on {@code vertx}, which the caller keeps owning; blocks until it listens. */
  public static LocalStack start(Vertx vertx, LocalStackConfig config) {
    requireNonNull(config, "config is null");
    return start(vertx, false, config, ComponentMetrics.create("fuse"));
  }

  private static LocalStack start(
      Vertx vertx, boolean ownsVertx, LocalStackConfig config, ComponentMetrics fuseMetrics) {
    BufferAllocator allocator = Allocators.root();
    // What to stop, in start order; stopped in reverse.
    List<Supplier<Future<?>>> stops = new ArrayList<>();
    try {
      // One registry per component, as if each were its own process; closed last.
      stops.add(closing(fuseMetrics));
      fuseMetrics
          .bindEventLoops(vertx)
          .bindArrow(allocator)
          .bindArrowPool(Allocators.pool()::pooledBytes, Allocators.pool()::reusedBlocks);
      ComponentMetrics hcombMetrics =
          ComponentMetrics.create("hcomb")
              .bindEventLoops(vertx)
              .bindArrow(allocator)
              .bindArrowPool(Allocators.pool()::pooledBytes, Allocators.pool()::reusedBlocks);
      stops.add(closing(hcombMetrics));
      FuseMetrics meters = new FuseMetrics(fuseMetrics.registry());
      S3AsyncClient s3 = config.s3().map(S3Clients::create).orElse(null);
      if (s3 != null) {
        stops.add(closing(s3));
      }
      ByteSources byteSources = new ByteSources(vertx, s3, S3ReadOptions.DEFAULTS);
      HBeeRuntime hbees = new HBeeRuntime(vertx, byteSources, allocator, config.hbee());
      // Running tasks end quickly once the HComb is gone; their memory must be back before the
      // allocator is closed.
      stops.add(() -> whenIdle(vertx, hbees).eventually(() -> closing(hbees).get()));
      // The invoker stops after the Lambda endpoint, so in-flight invocations fail while the
      // SDK's event loops still run.
      int invokerStop = stops.size();
      LocalLambdaService lambda =
          new LocalLambdaService(
              new LocalLambdaConfig(
                  "127.0.0.1", 0, LocalLambdaConfig.DEFAULT_FUNCTION, config.lambdaConcurrency()),
              config.hbeeInterceptor().apply(hbees));
      String lambdaDeployment = await(vertx.deployVerticle(lambda));
      stops.add(() -> vertx.undeploy(lambdaDeployment));
      LambdaHBeeInvoker invoker =
          new LambdaHBeeInvoker(
              vertx,
              LambdaInvokerConfig.local(
                  URI.create(lambda.endpoint()), LocalLambdaConfig.DEFAULT_FUNCTION));
      stops.add(invokerStop, closing(invoker));
      GrpcClient hcombClient = GrpcClient.client(vertx, GrpcLimits.clientOptions());
      stops.add(hcombClient::close);
      // The HComb stops before the clients talking to it, so what it says last is heard.
      LocalHCombManager hcombs =
          new LocalHCombManager(vertx, config.hcomb(), allocator, hcombMetrics.registry());
      stops.add(hcombs::stop);
      // Started here, outside any verticle: deployed lazily from a query's context it would become
      // a child of the query server and be undeployed with it. A warm HComb is what a steady
      // deployment has anyway.
      await(hcombs.acquire(1));
      // The Fuse-wide invocation budget cannot exceed what the local Lambda endpoint runs at once.
      InvocationBudget invocations =
          new InvocationBudget(
              Math.min(config.fuse().hbeeConcurrency(), config.lambdaConcurrency()));
      meters.bindBudget(invocations);
      QueryPlanner planner = new QueryPlanner(config.fuse().cachedPlans());
      meters.bindPlanner(planner);
      DeltaTables deltaTables = new DeltaTables(vertx, s3, fuseMetrics.registry());
      // Calcite's first plan costs seconds of class loading and code generation, Delta Kernel's
      // first read half a second: pay them now, on a worker, while the stack starts, not in the
      // first query.
      vertx.executeBlocking(
          () -> {
            planner.warmUp();
            deltaTables.warmUp();
            return null;
          },
          false);
      FuseServices services =
          new FuseServices(
              vertx,
              planner,
              new Catalogs(new ObjectLister(vertx, s3), byteSources, deltaTables),
              hcombs,
              hcombClient,
              meters.meter(invoker),
              allocator,
              config.fuse(),
              meters,
              invocations);
      QueryServerVerticle server =
          new QueryServerVerticle(services, config.host(), config.queryPort());
      String serverDeployment = await(vertx.deployVerticle(server));
      stops.add(() -> vertx.undeploy(serverDeployment));
      MetricsEndpoint fuseEndpoint =
          serve(vertx, stops, fuseMetrics, config.host(), config.metrics().fuse());
      MetricsEndpoint hcombEndpoint =
          serve(vertx, stops, hcombMetrics, config.host(), config.metrics().hcomb());
      return new LocalStack(
          vertx,
          ownsVertx,
          allocator,
          stops,
          server,
          hcombs,
          hbees,
          lambda,
          new Metrics(fuseMetrics, hcombMetrics, fuseEndpoint, hcombEndpoint));
    } catch (RuntimeException e) {
      stopAll(stops);
      if (ownsVertx) {
        await(vertx.close());
      }
      allocator.close();
      throw e;
    }
  }

  /** Deploys a metrics endpoint unless {@code port} is -1; null then. */
  private static MetricsEndpoint serve(
      Vertx vertx,
      List<Supplier<Future<?>>> stops,
      ComponentMetrics metrics,
      String host,
      int port) {
    if (port < 0) {
      return null;
    }
    MetricsEndpoint endpoint = new MetricsEndpoint(metrics, host, port);
    String deployment = await(vertx.deployVerticle(endpoint));
    stops.add(() -> vertx.undeploy(deployment));
    return endpoint;
  }

  /** Completes once no HBee task runs, or after {@link #IDLE_WAIT} at most. */
  private static Future<Void> whenIdle(Vertx vertx, HBeeRuntime hbees) {
    Promise<Void> idle = Promise.promise();
    long deadline = System.nanoTime() + IDLE_WAIT.toNanos();
    if (hbees.running() == 0) {
      return Future.succeededFuture();
    }
    vertx.setPeriodic(
        20,
        timer -> {
          if (hbees.running() == 0 || System.nanoTime() > deadline) {
            vertx.cancelTimer(timer);
            idle.tryComplete();
          }
        });
    return idle.future();
  }

  private static Supplier<Future<?>> closing(AutoCloseable resource) {
    return () -> {
      try {
        resource.close();
        return Future.succeededFuture();
      } catch (Exception e) {
        return Future.failedFuture(e);
      }
    };
  }

  /** The port of the query API. */
  public int port() {
    return server.port();
  }

  public Vertx vertx() {
    return vertx;
  }

  /** The Fuse's meters (component {@code fuse}). */
  public ComponentMetrics fuseMetrics() {
    return metrics.fuse();
  }

  /** The HComb's meters (component {@code hcomb}). */
  public ComponentMetrics hcombMetrics() {
    return metrics.hcomb();
  }

  /**
   * The port of the Fuse's {@code /metrics} endpoint.
   *
   * @throws IllegalStateException when the stack serves none ({@link MetricsPorts#NONE})
   */
  public int fuseMetricsPort() {
    return portOf(metrics.fuseEndpoint(), "Fuse");
  }

  /** The port of the HComb's {@code /metrics} endpoint; see {@link #fuseMetricsPort()}. */
  public int hcombMetricsPort() {
    return portOf(metrics.hcombEndpoint(), "HComb");
  }

  private static int portOf(MetricsEndpoint endpoint, String component) {
    if (endpoint == null) {
      throw new IllegalStateException(
          "the local stack serves no " + component + " metrics endpoint (port -1)");
    }
    return endpoint.port();
  }

  public LocalHCombManager hcombs() {
    return hcombs;
  }

  public HBeeRuntime hbees() {
    return hbees;
  }

  /** The Lambda-compatible endpoint the Fuse invokes HBees through. */
  public LocalLambdaService lambda() {
    return lambda;
  }

  /**
   * Stops everything and waits for it; idempotent.
   *
   * @throws IllegalStateException when Arrow memory is still allocated afterwards (a leak)
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    stopAll(stops);
    if (ownsVertx) {
      await(vertx.close());
    }
    allocator.close();
  }

  private static void stopAll(List<Supplier<Future<?>>> stops) {
    for (int i = stops.size() - 1; i >= 0; i--) {
      try {
        await(stops.get(i).get());
      } catch (RuntimeException e) {
        System.getLogger(LocalStack.class.getName())
            .log(System.Logger.Level.WARNING, "stopping the local stack: " + e);
      }
    }
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.await(60, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("the local stack did not start or stop within 60 s", e);
    }
  }
}
