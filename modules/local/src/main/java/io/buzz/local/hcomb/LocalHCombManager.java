package io.buzz.local.hcomb;

import static java.util.Objects.requireNonNull;

import io.buzz.error.BuzzException;
import io.buzz.fuse.hcomb.HCombManager;
import io.buzz.hcomb.HCombConfig;
import io.buzz.hcomb.HCombVerticle;
import io.buzz.protocol.task.Endpoint;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Runs one HComb in this process, started on first use and reused by every query, like a warm
 * Fargate task; when it shuts down after {@link HCombConfig#idleShutdown()} without a query, the
 * next query starts a new one. Only single-zone queries are possible locally.
 */
public final class LocalHCombManager implements HCombManager {
  private final Vertx vertx;
  private final HCombConfig config;
  private final BufferAllocator root;
  private final MeterRegistry meters;
  private final Context deployContext;
  private Future<HCombVerticle> started;
  private String deploymentId;

  /**
   * Build it outside any verticle (on the thread that starts the stack): the HCombs it deploys are
   * then top-level deployments, stopped by {@link #stop()} and nothing else.
   *
   * @param meters where the HComb's meters go
   */
  public LocalHCombManager(
      Vertx vertx, HCombConfig config, BufferAllocator root, MeterRegistry meters) {
    this.vertx = requireNonNull(vertx, "vertx is null");
    this.config = requireNonNull(config, "config is null");
    this.root = requireNonNull(root, "root is null");
    this.meters = requireNonNull(meters, "meters is null");
    // Created outside any deployment when the manager is built outside a verticle (as the local
    // stack does); HCombs deployed from it are top-level deployments.
    this.deployContext = vertx.getOrCreateContext();
  }

  @Override
  public synchronized Future<List<Endpoint>> acquire(int zones) {
    if (zones != 1) {
      return Future.failedFuture(
          BuzzException.unsupported("the local HComb manager runs a single zone, not " + zones));
    }
    if (started == null || started.failed()) {
      HCombVerticle verticle = new HCombVerticle(config, root, meters);
      verticle.onIdleShutdown(() -> retire(verticle));
      // Deployed from the manager's own context: from a query's context the HComb would become a
      // child deployment of the query server and be undeployed with it, out of the stop order.
      Promise<String> deployed = Promise.promise();
      deployContext.runOnContext(v -> vertx.deployVerticle(verticle).onComplete(deployed));
      started =
          deployed
              .future()
              .map(
                  id -> {
                    synchronized (this) {
                      deploymentId = id;
                    }
                    return verticle;
                  });
    }
    return started.map(verticle -> List.of(verticle.endpoint()));
  }

  /**
   * The HComb shut down for idleness: forget it, so the next query starts a new one, and undeploy
   * it. Nothing if it was already replaced or stopped.
   */
  private void retire(HCombVerticle verticle) {
    String id;
    synchronized (this) {
      if (started == null || !started.succeeded() || started.result() != verticle) {
        return;
      }
      started = null;
      id = deploymentId;
      deploymentId = null;
    }
    if (id != null) {
      vertx.undeploy(id);
    }
  }

  /** The HComb, once started; for statistics and tests. */
  public synchronized Future<HCombVerticle> hcomb() {
    return started == null ? Future.failedFuture("the local HComb has not started") : started;
  }

  /**
   * Undeploys the HComb; queries still registered fail with UNAVAILABLE. The future completes once
   * its server is closed and its merge pool shut down, so the allocator can be checked after.
   */
  public synchronized Future<Void> stop() {
    Future<HCombVerticle> starting = started;
    started = null;
    if (starting == null) {
      return Future.succeededFuture();
    }
    return starting.<Void>transform(
        deployed -> {
          String id;
          synchronized (this) {
            id = deploymentId;
            deploymentId = null;
          }
          return deployed.succeeded() && id != null ? vertx.undeploy(id) : Future.succeededFuture();
        });
  }

  /** Starts {@link #stop()} without waiting for it. */
  @Override
  public void close() {
    stop();
  }
}
