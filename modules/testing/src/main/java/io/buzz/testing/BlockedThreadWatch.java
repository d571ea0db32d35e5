package io.buzz.testing;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.internal.threadchecker.BlockedThreadEvent;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A Vert.x instance whose event loops may not run longer than a bound per task, and that records
 * every time Vert.x's blocked-thread checker catches one doing so. Tests run the whole local stack
 * on it and call {@link #assertNothingBlocked()}: any blocking call or long CPU work on an event
 * loop (file I/O, footer parsing of huge files, planning, decoding) then fails the build instead of
 * logging a warning nobody reads.
 *
 * <p>Recording starts with {@link #arm()}. The checker's handler is replaced directly ({@code
 * VertxInternal.blockedThreadChecker()}) rather than watching its log output, so the check works
 * whichever logging backend Vert.x picked (SLF4J here, because S3Proxy brings logback).
 */
public final class BlockedThreadWatch implements AutoCloseable {
  /** The bound the tests use: far above any legitimate event-loop task. */
  public static final Duration DEFAULT_MAX_EXECUTE_TIME = Duration.ofMillis(300);

  private final Vertx vertx;
  private final List<String> blocked = new CopyOnWriteArrayList<>();
  private volatile boolean armed;

  private BlockedThreadWatch(Duration maxEventLoopExecuteTime) {
    vertx =
        Vertx.vertx(
            new VertxOptions()
                .setMaxEventLoopExecuteTime(maxEventLoopExecuteTime.toMillis())
                .setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS)
                .setBlockedThreadCheckInterval(50)
                .setBlockedThreadCheckIntervalUnit(TimeUnit.MILLISECONDS));
    ((VertxInternal) vertx).blockedThreadChecker().setThreadBlockedHandler(this::record);
  }

  public static BlockedThreadWatch start() {
    return new BlockedThreadWatch(DEFAULT_MAX_EXECUTE_TIME);
  }

  public Vertx vertx() {
    return vertx;
  }

  /**
   * Starts recording. Call it once the stack has started: binding the first servers of a cold JVM
   * loads hundreds of classes on an event loop, which is start-up cost and not what the tests
   * watch.
   */
  public void arm() {
    armed = true;
  }

  private void record(BlockedThreadEvent event) {
    if (!armed) {
      return;
    }
    StringBuilder text =
        new StringBuilder()
            .append(event.thread().getName())
            .append(" blocked for ")
            .append(event.duration() / 1_000_000)
            .append(" ms (limit ")
            .append(event.maxExecTime() / 1_000_000)
            .append(" ms) at:");
    StackTraceElement[] stack = event.thread().getStackTrace();
    for (int i = 0; i < stack.length; i++) {
      text.append("\n    ").append(stack[i]);
    }
    blocked.add(text.toString());
    System.err.println("BLOCKED EVENT LOOP: " + text);
  }

  /**
   * @throws AssertionError naming each blocked thread and where it was, if any was
   */
  public void assertNothingBlocked() {
    if (!blocked.isEmpty()) {
      throw new AssertionError(
          blocked.size() + " blocked-thread warning(s):\n" + String.join("\n", blocked));
    }
  }

  @Override
  public void close() {
    Await.result(vertx.close());
  }
}
