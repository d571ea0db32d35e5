package io.buzz.hcomb;

import com.sun.management.GarbageCollectionNotificationInfo;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.internal.threadchecker.BlockedThreadChecker;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.RuntimeMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.management.ListenerNotFoundException;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Records every event Vert.x's blocked-thread checker raises for one Vertx instance, so a test can
 * fail when an event loop ran longer than {@code maxEventLoopExecuteTime}.
 *
 * <p>Vert.x 5 logs these warnings through whatever logging backend it found (JUL, SLF4J, Log4j2)
 * under {@link BlockedThreadChecker#LOGGER_NAME}; replacing the checker's handler instead catches
 * them whatever the backend is.
 *
 * <p>Stop-the-world GC pauses freeze every thread, an event loop in the middle of a task included,
 * and the checker counts them (young pauses of 100-450 ms were seen in this module's test JVM on a
 * busy two-core machine while tests built large row lists). That is not the event loop's work, so
 * {@link #events()} subtracts the GC pauses that overlap a blocked interval and reports the event
 * only if it still exceeds the limit. Thread-safe: the checker calls it from its own timer thread,
 * GC notifications arrive on a JDK service thread.
 */
final class BlockedThreadWatcher implements AutoCloseable {
  private record Blocked(String description, long endUptimeMillis, long millis, long limitMillis) {}

  private record Pause(long startUptimeMillis, long endUptimeMillis) {}

  private final RuntimeMXBean runtime = ManagementFactory.getRuntimeMXBean();
  private final List<Blocked> blocked = new CopyOnWriteArrayList<>();
  private final List<Pause> pauses = new CopyOnWriteArrayList<>();
  private final NotificationListener gcListener = (notification, handback) -> onGc(notification);

  private BlockedThreadWatcher() {}

  static BlockedThreadWatcher install(Vertx vertx) {
    BlockedThreadWatcher watcher = new BlockedThreadWatcher();
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc instanceof NotificationEmitter emitter) {
        emitter.addNotificationListener(watcher.gcListener, null, null);
      }
    }
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
                        watcher.runtime.getUptime(),
                        event.duration() / 1_000_000,
                        event.maxExecTime() / 1_000_000)));
    return watcher;
  }

  private void onGc(javax.management.Notification notification) {
    if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(
        notification.getType())) {
      return;
    }
    GarbageCollectionNotificationInfo info =
        GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
    pauses.add(new Pause(info.getGcInfo().getStartTime(), info.getGcInfo().getEndTime()));
  }

  /**
   * The blocked event loops seen so far, one line each with the thread's stack, leaving out those
   * that were over the limit only because of GC pauses.
   */
  List<String> events() {
    List<String> real = new ArrayList<>();
    for (Blocked event : blocked) {
      long start = event.endUptimeMillis() - event.millis();
      long inGc = 0;
      for (Pause pause : pauses) {
        long overlap =
            Math.min(event.endUptimeMillis(), pause.endUptimeMillis())
                - Math.max(start, pause.startUptimeMillis());
        inGc += Math.max(0, overlap);
      }
      if (event.millis() - inGc >= event.limitMillis()) {
        real.add(event.description() + (inGc > 0 ? " (" + inGc + " ms of it in GC)" : ""));
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
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc instanceof NotificationEmitter emitter) {
        try {
          emitter.removeNotificationListener(gcListener);
        } catch (ListenerNotFoundException ignored) {
          // never added to this one
        }
      }
    }
  }
}
