package io.buzz.fuse.catalog.delta;

import static java.util.Objects.requireNonNull;

import io.delta.kernel.engine.Engine;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.concurrent.Callable;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/**
 * What the Fuse's Delta catalogs share: Delta Kernel's engine over {@link DeltaFileIO}, and the
 * worker pool its blocking calls run on ({@value #POOL_NAME}, {@value #POOL_SIZE} threads), so
 * reading a log never holds an event loop or Vert.x's general worker pool.
 */
public final class DeltaTables implements AutoCloseable {
  public static final String POOL_NAME = "buzz-delta";
  public static final int POOL_SIZE = 2;

  private final Engine engine;
  private final WorkerExecutor workers;

  /**
   * @param s3 the Fuse's S3 client; null when none is configured (S3 tables are then refused)
   */
  public DeltaTables(Vertx vertx, S3AsyncClient s3) {
    requireNonNull(vertx, "vertx is null");
    this.engine = new DeltaEngine(new DeltaFileIO(s3));
    this.workers = vertx.createSharedWorkerExecutor(POOL_NAME, POOL_SIZE);
  }

  Engine engine() {
    return engine;
  }

  /** Runs a blocking Kernel call on the Delta pool; completes on the caller's context. */
  <T> Future<T> run(Callable<T> call) {
    return workers.executeBlocking(call, false);
  }

  @Override
  public void close() {
    workers.close();
  }
}
