package io.buzz.concurrent;

import java.util.concurrent.ScheduledThreadPoolExecutor;

/** Timer threads for timeouts that are almost always cancelled. */
public final class Timers {
  private Timers() {}

  /**
   * A one-thread scheduler on a daemon thread named {@code threadName} that drops a cancelled task
   * at once. A plain {@link ScheduledThreadPoolExecutor} keeps it queued until it would have run: a
   * timeout per request, nearly all cancelled, then holds one entry per request for the whole
   * timeout.
   */
  public static ScheduledThreadPoolExecutor daemonScheduler(String threadName) {
    ScheduledThreadPoolExecutor executor =
        new ScheduledThreadPoolExecutor(
            1,
            runnable -> {
              Thread thread = new Thread(runnable, threadName);
              thread.setDaemon(true);
              return thread;
            });
    executor.setRemoveOnCancelPolicy(true);
    return executor;
  }
}
