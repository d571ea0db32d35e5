package io.buzz.cli;

import io.buzz.local.LocalStack;
import io.buzz.local.LocalStackConfig;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The local stack behind {@code buzz serve}, from start until stopped.
 *
 * <pre>
 *   start() ─▶ serving ─▶ stop()  (a shutdown hook on SIGTERM / Ctrl-C, or a test)
 *                          │ running queries end with UNAVAILABLE "shutting down"; then the
 *                          │ query API, Lambda endpoint, HComb and Vert.x stop, in that order
 *                          └─▶ awaitStopped() returns
 * </pre>
 *
 * <p>{@link #stop} never throws: a shutdown hook that died half-way would leave the process
 * waiting, so problems are printed as one line instead.
 */
final class LocalServer {
  private final LocalStack stack;
  private final LocalStackConfig config;
  private final AtomicBoolean stopping = new AtomicBoolean();
  private final CountDownLatch stopped = new CountDownLatch(1);

  private LocalServer(LocalStack stack, LocalStackConfig config) {
    this.stack = stack;
    this.config = config;
  }

  /** Starts serving; blocks until the query API listens. */
  static LocalServer start(LocalStackConfig config) {
    return new LocalServer(LocalStack.start(config), config);
  }

  /** The port the query API listens on. */
  int port() {
    return stack.port();
  }

  /** The metrics endpoints served, by component, in start order. */
  Map<String, Integer> metricsEndpoints() {
    Map<String, Integer> ports = new LinkedHashMap<>();
    if (config.metrics().fuse() >= 0) {
      ports.put("Fuse", stack.fuseMetricsPort());
    }
    if (config.metrics().hcomb() >= 0) {
      ports.put("HComb", stack.hcombMetricsPort());
    }
    return ports;
  }

  /** Stops everything once and waits for it; later calls wait for the first one. */
  void stop(PrintWriter err) {
    if (!stopping.compareAndSet(false, true)) {
      awaitQuietly();
      return;
    }
    try {
      stack.close();
    } catch (RuntimeException e) {
      err.println("buzz: while stopping: " + BuzzCli.oneLine(e.getMessage()));
      err.flush();
    } finally {
      stopped.countDown();
    }
  }

  /** Returns once {@link #stop} has finished. */
  void awaitStopped() throws InterruptedException {
    stopped.await();
  }

  private void awaitQuietly() {
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
