package io.buzz.hcomb;

import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.internal.threadchecker.BlockedThreadChecker;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Records every event Vert.x's blocked-thread checker raises for one Vertx instance, so a test can
 * fail when an event loop ran longer than {@code maxEventLoopExecuteTime}.
 *
 * <p>Vert.x 5 logs these warnings through whatever logging backend it found (JUL, SLF4J, Log4j2)
 * under {@link BlockedThreadChecker#LOGGER_NAME}; replacing the checker's handler instead catches
 * them whatever the backend is.
 *
 * <p>The checker measures wall-clock time, so it also counts time when no thread of the JVM could
 * run: stop-the-world GC pauses (young pauses of 100-450 ms were logged in this module's test JVM)
 * and the OS not scheduling the process on a busy, shared two-core machine (200+ ms stalls inside
 * {@code Thread.start} or a memset were seen). A canary thread that only sleeps 5 ms at a time
 * measures those stalls: when it wakes up late, nothing could have run. {@link #events()} subtracts
 * the stalls that overlap a blocked interval and reports the event only if it is still over the
 * limit. An event loop that computes or waits for too long does not delay the canary, so it is
 * still reported. Thread-safe.
 */
final class BlockedThreadWatcher implements AutoCloseable {
  private static final long CANARY_SLEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
  private static final long STALL_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

  private record Blocked(String description, long endNanos, long nanos, long limitNanos) {}

  private record Stall(long startNanos, long endNanos) {}

  private final List<Blocked> blocked = new CopyOnWriteArrayList<>();
  private final List<Stall> stalls = new CopyOnWriteArrayList<>();
  private final Thread canary = new Thread(this::measureStalls, "blocked-thread-watcher-canary");
  private volatile boolean closed;

  private BlockedThreadWatcher() {}

  static BlockedThreadWatcher install(Vertx vertx) {
    BlockedThreadWatcher watcher = new BlockedThreadWatcher();
    watcher.canary.setDaemon(true);
    watcher.canary.start();
    ((VertxInternal) vertx)
        .blockedThreadChecker()
        .setThreadBlockedHandler(
            event ->
                watcher.blocked.add(
                    new Blocked(
                        event.thread().getName()
                            + " blocked for "
                            + event.duration() / 1_000_000
                            + " ms, limit "
                            + event.maxExecTime() / 1_000_000
                            + " ms, at "
                            + Arrays.toString(event.thread().getStackTrace()),
                        System.nanoTime(),
                        event.duration(),
                        event.maxExecTime())));
    return watcher;
  }

  private void measureStalls() {
    while (!closed) {
      long before = System.nanoTime();
      try {
        Thread.sleep(CANARY_SLEEP_NANOS / 1_000_000);
      } catch (InterruptedException e) {
        return;
      }
      long woke = System.nanoTime();
      long expected = before + CANARY_SLEEP_NANOS;
      if (woke - expected > STALL_NANOS) {
        stalls.add(new Stall(expected, woke));
      }
    }
  }

  /**
   * The blocked event loops seen so far, one line each with the thread's stack, leaving out those
   * that were over the limit only because nothing in the JVM could run.
   */
  List<String> events() {
    List<String> real = new ArrayList<>();
    for (Blocked event : blocked) {
      long start = event.endNanos() - event.nanos();
      long stalled = 0;
      for (Stall stall : stalls) {
        long overlap =
            Math.min(event.endNanos(), stall.endNanos()) - Math.max(start, stall.startNanos());
        stalled += Math.max(0, overlap);
      }
      if (event.nanos() - stalled >= event.limitNanos()) {
        real.add(
            event.description()
                + (stalled > 0 ? " (" + stalled / 1_000_000 + " ms of it stalled)" : ""));
      }
    }
    return real;
  }

  /** What was seen so far (as {@link #events()}), forgetting it. */
  List<String> drain() {
    List<String> seen = events();
    blocked.clear();
    return seen;
  }

  @Override
  public void close() {
    closed = true;
    canary.interrupt();
  }
}
