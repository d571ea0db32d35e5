package io.buzz.fuse.hcomb;

import static java.util.Objects.requireNonNull;

import io.buzz.error.BuzzException;
import io.buzz.hcomb.HCombConfig;
import io.buzz.hcomb.HCombVerticle;
import io.buzz.protocol.task.Endpoint;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
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
  private Future<HCombVerticle> started;
  private String deploymentId;

  /**
   * @param meters where the HComb's meters go
   */
  public LocalHCombManager(
      Vertx vertx, HCombConfig config, BufferAllocator root, MeterRegistry meters) {
    this.vertx = requireNonNull(vertx, "vertx is null");
    this.config = requireNonNull(config, "config is null");
    this.root = requireNonNull(root, "root is null");
    this.meters = requireNonNull(meters, "meters is null");
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
      started =
          vertx
              .deployVerticle(verticle)
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
