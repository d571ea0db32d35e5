package io.buzz.metrics;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.netty.util.concurrent.EventExecutor;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Measures how late Vert.x event loops run their tasks: every {@code interval} a probe task is
 * submitted to each event loop, and the delay until it runs is recorded in {@code
 * buzz_eventloop_lag_seconds}. A loop that is blocked or overloaded shows up as lag long before
 * Vert.x's blocked-thread warning (which only fires after seconds).
 *
 * <p>The probes are submitted from a daemon thread of their own, so a stuck event loop cannot stop
 * the measuring; a probe still pending is not submitted again (one per loop at a time), so a loop
 * blocked for a minute counts as one long lag, not a flood.
 */
public final class EventLoopLagProbe implements AutoCloseable {
  private final ScheduledExecutorService ticker;

  private EventLoopLagProbe(ScheduledExecutorService ticker) {
    this.ticker = ticker;
  }

  /** Starts probing every event loop of {@code vertx}; close to stop. */
  public static EventLoopLagProbe start(Vertx vertx, MeterRegistry registry, Duration interval) {
    requireNonNull(vertx, "vertx is null");
    requireNonNull(registry, "registry is null");
    Timer lag =
        Durations.timer(
            registry,
            "buzz.eventloop.lag",
            "Delay between submitting a probe task to a Vert.x event loop and its run");
    List<Loop> loops = new ArrayList<>();
    for (EventExecutor executor : ((VertxInternal) vertx).nettyEventLoopGroup()) {
      loops.add(new Loop(executor, lag));
    }
    ScheduledExecutorService ticker =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "buzz-eventloop-lag-probe");
              thread.setDaemon(true);
              return thread;
            });
    long period = Math.max(1, interval.toMillis());
    ticker.scheduleAtFixedRate(
        () -> loops.forEach(Loop::probe), period, period, TimeUnit.MILLISECONDS);
    return new EventLoopLagProbe(ticker);
  }

  @Override
  public void close() {
    ticker.shutdownNow();
  }

  /** One event loop; {@code pending} is only touched by the ticker thread and the loop. */
  private static final class Loop {
    private final EventExecutor executor;
    private final Timer lag;
    private volatile boolean pending;

    Loop(EventExecutor executor, Timer lag) {
      this.executor = executor;
      this.lag = lag;
    }

    void probe() {
      if (pending || executor.isShuttingDown()) {
        return;
      }
      pending = true;
      long submitted = System.nanoTime();
      try {
        executor.execute(
            () -> {
              lag.record(System.nanoTime() - submitted, TimeUnit.NANOSECONDS);
              pending = false;
            });
      } catch (RuntimeException rejected) {
        pending = false; // the loop is shutting down
      }
    }
  }
}
