package io.buzz.hbee.runtime;

import static java.util.Objects.requireNonNull;

import io.buzz.grpc.GrpcLimits;
import io.buzz.hbee.HBeeFunction;
import io.buzz.protocol.task.HBeeTask;
import io.buzz.protocol.task.TaskReport;
import io.buzz.storage.io.ByteSources;
import io.buzz.storage.parquet.FooterCache;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.grpc.client.GrpcClient;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.arrow.memory.BufferAllocator;

/**
 * The HBee runtime of one process (one Lambda container, or the local stack): the byte sources, the
 * gRPC client to HCombs, the compute pool and the allocator that every task shares. Each invocation
 * runs as a {@link TaskRun}.
 */
public final class HBeeRuntime implements HBeeFunction, AutoCloseable {
  private static final AtomicBoolean FIRST_INVOCATION = new AtomicBoolean(true);

  private final Vertx vertx;
  private final ByteSources byteSources;
  private final BufferAllocator allocator;
  private final HBeeConfig config;
  private final FooterCache footers;
  private final GrpcClient grpc;
  private final ExecutorService computePool;
  private final AtomicInteger running = new AtomicInteger();

  /**
   * @param allocator the process's root allocator (or a child of it); each task gets a child
   */
  public HBeeRuntime(
      Vertx vertx, ByteSources byteSources, BufferAllocator allocator, HBeeConfig config) {
    this.vertx = requireNonNull(vertx, "vertx is null");
    this.byteSources = requireNonNull(byteSources, "byteSources is null");
    this.allocator = requireNonNull(allocator, "allocator is null");
    this.config = requireNonNull(config, "config is null");
    this.footers = new FooterCache(config.footerCacheBytes());
    this.grpc = GrpcClient.client(vertx, GrpcLimits.clientOptions());
    AtomicInteger threads = new AtomicInteger();
    this.computePool =
        Executors.newFixedThreadPool(
            Math.max(1, Runtime.getRuntime().availableProcessors()),
            runnable -> {
              Thread thread =
                  new Thread(runnable, "buzz-hbee-compute-" + threads.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
  }

  @Override
  public Future<TaskReport> handle(HBeeTask task) {
    boolean cold = FIRST_INVOCATION.getAndSet(false);
    running.incrementAndGet();
    Future<TaskReport> report;
    try {
      report = new TaskRun(task, this, vertx.getOrCreateContext(), cold).run();
    } catch (RuntimeException e) {
      report = Future.failedFuture(e);
    }
    return report.onComplete(done -> running.decrementAndGet());
  }

  /** Tasks running now. */
  public int running() {
    return running.get();
  }

  Vertx vertx() {
    return vertx;
  }

  /** Parsed footers of the files this process read, kept across tasks. */
  FooterCache footers() {
    return footers;
  }

  ByteSources byteSources() {
    return byteSources;
  }

  BufferAllocator allocator() {
    return allocator;
  }

  HBeeConfig config() {
    return config;
  }

  GrpcClient grpc() {
    return grpc;
  }

  ExecutorService computePool() {
    return computePool;
  }

  @Override
  public void close() {
    grpc.close();
    computePool.shutdown();
  }
}
