package io.buzz.fuse.hcomb;

import static java.util.Objects.requireNonNull;

import io.buzz.error.BuzzException;
import io.buzz.hcomb.HCombConfig;
import io.buzz.hcomb.HCombVerticle;
import io.buzz.protocol.task.Endpoint;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Runs one HComb in this process, started on first use and reused by every query, like a warm
 * Fargate task. Only single-zone queries are possible locally.
 */
public final class LocalHCombManager implements HCombManager {
  private final Vertx vertx;
  private final HCombConfig config;
  private final BufferAllocator root;
  private Future<HCombVerticle> started;
  private String deploymentId;

  public LocalHCombManager(Vertx vertx, HCombConfig config, BufferAllocator root) {
    this.vertx = requireNonNull(vertx, "vertx is null");
    this.config = requireNonNull(config, "config is null");
    this.root = requireNonNull(root, "root is null");
  }

  @Override
  public synchronized Future<List<Endpoint>> acquire(int zones) {
    if (zones != 1) {
      return Future.failedFuture(
          BuzzException.unsupported("the local HComb manager runs a single zone, not " + zones));
    }
    if (started == null || started.failed()) {
      HCombVerticle verticle = new HCombVerticle(config, root);
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

  /** The HComb, once started; for statistics and tests. */
  public synchronized Future<HCombVerticle> hcomb() {
    return started == null ? Future.failedFuture("the local HComb has not started") : started;
  }

  @Override
  public synchronized void close() {
    if (deploymentId != null) {
      vertx.undeploy(deploymentId);
      deploymentId = null;
    }
  }
}
