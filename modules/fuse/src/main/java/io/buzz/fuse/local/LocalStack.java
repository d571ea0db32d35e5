package io.buzz.fuse.local;

import static java.util.Objects.requireNonNull;

import io.buzz.fuse.FuseServices;
import io.buzz.fuse.catalog.Catalogs;
import io.buzz.fuse.catalog.ObjectLister;
import io.buzz.fuse.hcomb.LocalHCombManager;
import io.buzz.fuse.invoke.LambdaHBeeInvoker;
import io.buzz.fuse.invoke.LambdaInvokerConfig;
import io.buzz.fuse.service.QueryServerVerticle;
import io.buzz.grpc.GrpcLimits;
import io.buzz.hbee.io.ByteSources;
import io.buzz.hbee.io.S3Clients;
import io.buzz.hbee.io.S3ReadOptions;
import io.buzz.hbee.lambda.LocalLambdaConfig;
import io.buzz.hbee.lambda.LocalLambdaService;
import io.buzz.hbee.runtime.HBeeRuntime;
import io.buzz.plan.sql.QueryPlanner;
import io.vertx.core.Vertx;
import io.vertx.grpc.client.GrpcClient;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
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
 */
public final class LocalStack implements AutoCloseable {
  private final Vertx vertx;
  private final boolean ownsVertx;
  private final BufferAllocator allocator;
  private final List<AutoCloseable> resources = new ArrayList<>();
  private final QueryServerVerticle server;
  private final LocalHCombManager hcombs;
  private final HBeeRuntime hbees;

  private LocalStack(
      Vertx vertx,
      boolean ownsVertx,
      BufferAllocator allocator,
      QueryServerVerticle server,
      LocalHCombManager hcombs,
      HBeeRuntime hbees) {
    this.vertx = vertx;
    this.ownsVertx = ownsVertx;
    this.allocator = allocator;
    this.server = server;
    this.hcombs = hcombs;
    this.hbees = hbees;
  }

  /** Starts a stack on a new Vert.x instance; blocks until it listens. */
  public static LocalStack start(LocalStackConfig config) {
    return start(Vertx.vertx(), true, config);
  }

  /** Starts a stack on {@code vertx}, which the caller keeps owning; blocks until it listens. */
  public static LocalStack start(Vertx vertx, LocalStackConfig config) {
    return start(vertx, false, config);
  }

  private static LocalStack start(Vertx vertx, boolean ownsVertx, LocalStackConfig config) {
    requireNonNull(config, "config is null");
    BufferAllocator allocator = new RootAllocator();
    List<AutoCloseable> resources = new ArrayList<>();
    try {
      S3AsyncClient s3 = config.s3().map(S3Clients::create).orElse(null);
      if (s3 != null) {
        resources.add(s3);
      }
      ByteSources byteSources = new ByteSources(vertx, s3, S3ReadOptions.DEFAULTS);
      HBeeRuntime hbees = new HBeeRuntime(vertx, byteSources, allocator, config.hbee());
      resources.add(hbees);
      LocalLambdaService lambda =
          new LocalLambdaService(
              new LocalLambdaConfig(
                  "127.0.0.1", 0, LocalLambdaConfig.DEFAULT_FUNCTION, config.lambdaConcurrency()),
              hbees);
      await(vertx.deployVerticle(lambda));
      LambdaHBeeInvoker invoker =
          new LambdaHBeeInvoker(
              vertx,
              LambdaInvokerConfig.local(
                  URI.create(lambda.endpoint()), LocalLambdaConfig.DEFAULT_FUNCTION));
      resources.add(invoker);
      LocalHCombManager hcombs = new LocalHCombManager(vertx, config.hcomb(), allocator);
      resources.add(hcombs);
      GrpcClient hcombClient = GrpcClient.client(vertx, GrpcLimits.clientOptions());
      resources.add(() -> hcombClient.close());
      QueryPlanner planner = new QueryPlanner();
      // Calcite's first plan costs seconds of class loading and code generation: pay it now, on a
      // worker, while the stack starts, not in the first query.
      vertx.executeBlocking(
          () -> {
            planner.warmUp();
            return null;
          },
          false);
      FuseServices services =
          new FuseServices(
              vertx,
              planner,
              new Catalogs(new ObjectLister(vertx, s3), byteSources),
              hcombs,
              hcombClient,
              invoker,
              allocator,
              config.fuse());
      QueryServerVerticle server =
          new QueryServerVerticle(services, config.host(), config.queryPort());
      await(vertx.deployVerticle(server));
      LocalStack stack = new LocalStack(vertx, ownsVertx, allocator, server, hcombs, hbees);
      stack.resources.addAll(resources);
      return stack;
    } catch (RuntimeException e) {
      closeAll(resources);
      allocator.close();
      if (ownsVertx) {
        vertx.close();
      }
      throw e;
    }
  }

  /** The port of the query API. */
  public int port() {
    return server.port();
  }

  public Vertx vertx() {
    return vertx;
  }

  public LocalHCombManager hcombs() {
    return hcombs;
  }

  public HBeeRuntime hbees() {
    return hbees;
  }

  @Override
  public void close() {
    closeAll(resources);
    if (ownsVertx) {
      await(vertx.close());
    }
    allocator.close();
  }

  private static void closeAll(List<AutoCloseable> resources) {
    for (int i = resources.size() - 1; i >= 0; i--) {
      try {
        resources.get(i).close();
      } catch (Exception e) {
        System.getLogger(LocalStack.class.getName())
            .log(System.Logger.Level.WARNING, "closing " + resources.get(i) + ": " + e);
      }
    }
  }

  private static <T> T await(io.vertx.core.Future<T> future) {
    try {
      return future.await(60, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("the local stack did not start within 60 s", e);
    }
  }
}
