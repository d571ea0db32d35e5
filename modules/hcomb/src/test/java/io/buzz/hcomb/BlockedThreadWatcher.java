package io.buzz.hcomb;

import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.internal.threadchecker.BlockedThreadChecker;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Records every event Vert.x's blocked-thread checker raises for one Vertx instance, so a test can
 * fail when an event loop ran longer than {@code maxEventLoopExecuteTime}.
 *
 * <p>Vert.x 5 logs these warnings through whatever logging backend it found (JUL, SLF4J, Log4j2)
 * under {@link BlockedThreadChecker#LOGGER_NAME}; replacing the checker's handler instead catches
 * them whatever the backend is. Thread-safe: the checker calls it from its own timer thread.
 */
final class BlockedThreadWatcher {
  private final List<String> events = new CopyOnWriteArrayList<>();

  private BlockedThreadWatcher() {}

  static BlockedThreadWatcher install(Vertx vertx) {
    BlockedThreadWatcher watcher = new BlockedThreadWatcher();
    ((VertxInternal) vertx)
        .blockedThreadChecker()
        .setThreadBlockedHandler(
            event ->
                watcher.events.add(
                    event.thread().getName()
                        + " blocked for "
                        + event.duration() / 1_000_000
                        + " ms, limit "
                        + event.maxExecTime() / 1_000_000
                        + " ms, at "
                        + Arrays.toString(event.thread().getStackTrace())));
    return watcher;
  }

  /** What was seen so far: one line per event, with the blocked thread's stack. */
  List<String> events() {
    return List.copyOf(events);
  }

  /** What was seen so far, forgetting it. */
  List<String> drain() {
    List<String> seen = List.copyOf(events);
    events.removeAll(seen);
    return seen;
  }
}
