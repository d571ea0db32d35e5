package io.buzz.hbee.lambda;

import static java.util.Objects.requireNonNull;

import io.buzz.hbee.runtime.HBeeRuntime;
import io.buzz.kernels.memory.Allocators;
import io.buzz.storage.io.ByteSources;
import io.buzz.storage.io.S3Clients;
import io.buzz.storage.io.S3ReadOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/**
 * What one execution environment of the HBee function keeps between invocations: a Vert.x instance,
 * the process's root allocator and, while connected, the S3 client and the HBee runtime (with its
 * gRPC client to HCombs).
 *
 * <p>The connections are the part a SnapStart snapshot must not keep: {@link #disconnect()} closes
 * them before a checkpoint and {@link #runtime()} opens new ones on first use after a restore.
 * Thread-safe.
 */
final class HBeeProcess {
  private final HBeeEnvironment environment;
  private final Vertx vertx;
  private final BufferAllocator allocator = Allocators.root();
  private S3AsyncClient s3;
  private java.util.concurrent.CompletableFuture<S3AsyncClient> s3Building;
  private HBeeRuntime runtime;

  HBeeProcess(HBeeEnvironment environment) {
    this.environment = requireNonNull(environment, "environment is null");
    s3Building = buildS3();
    int cores = Math.max(1, Runtime.getRuntime().availableProcessors());
    this.vertx =
        Vertx.vertx(
            new VertxOptions()
                .setEventLoopPoolSize(Math.max(2, cores))
                .setWorkerPoolSize(Math.max(2, cores))
                // Lambda's file system is read-only outside /tmp: no classpath file cache.
                .setFileSystemOptions(
                    new FileSystemOptions()
                        .setFileCachingEnabled(false)
                        .setClassPathResolvingEnabled(false)));
  }

  /**
   * Builds the S3 client on a thread of its own: most of its cost is loading the SDK's classes,
   * which overlaps with the first task's start on a multi-core function (1,769 MB and more).
   */
  private java.util.concurrent.CompletableFuture<S3AsyncClient> buildS3() {
    java.util.concurrent.CompletableFuture<S3AsyncClient> client =
        new java.util.concurrent.CompletableFuture<>();
    Thread builder =
        new Thread(
            () -> {
              try {
                client.complete(S3Clients.create(environment.s3()));
              } catch (RuntimeException | Error e) {
                client.completeExceptionally(e);
              }
            },
            "buzz-hbee-s3-client");
    builder.setDaemon(true);
    builder.start();
    return client;
  }

  /** The runtime, connecting first when needed (the first invocation, or after a restore). */
  synchronized HBeeRuntime runtime() {
    if (runtime == null) {
      if (s3Building == null) {
        s3Building = buildS3();
      }
      java.util.concurrent.CompletableFuture<S3AsyncClient> building = s3Building;
      s3Building = null; // a failed build is tried again by the next invocation
      try {
        s3 = building.join();
      } catch (java.util.concurrent.CompletionException e) {
        throw e.getCause() instanceof RuntimeException cause ? cause : e;
      }
      ByteSources sources = new ByteSources(vertx, s3, S3ReadOptions.DEFAULTS);
      runtime = new HBeeRuntime(vertx, sources, allocator, environment.hbee());
    }
    return runtime;
  }

  BufferAllocator allocator() {
    return allocator;
  }

  Vertx vertx() {
    return vertx;
  }

  /** Closes the network clients (S3, gRPC); the next {@link #runtime()} opens new ones. */
  synchronized void disconnect() {
    if (runtime != null) {
      runtime.close();
      runtime = null;
    }
    if (s3 != null) {
      s3.close();
      s3 = null;
    }
    if (s3Building != null) {
      s3Building.join().close();
      s3Building = null;
    }
  }

  /** Everything, for tests that start and stop processes; Lambda just freezes or kills us. */
  synchronized void close() {
    disconnect();
    try {
      vertx.close().await(10, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      // the event loops stop on their own; nothing is left to release
    }
    allocator.close();
  }
}
