package io.buzz.cli;

import io.buzz.protocol.query.Progress;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * The one live line a running query shows on a terminal's stderr, as Trino's CLI does: files and
 * tasks done, rows and bytes scanned, HBees running, time so far. Redrawn in place at most a few
 * times a second and erased before anything else is printed. Off when stderr is not a terminal or
 * with {@code --quiet}.
 */
final class ProgressLine {
  /** Set by {@code bin/buzz} when standard error is a terminal (Java 17 cannot tell). */
  static final String TERMINAL_VARIABLE = "BUZZ_STDERR_IS_TERMINAL";

  private static final long MIN_INTERVAL_NANOS = 200_000_000L;
  private static final String ERASE = "\r\033[K";

  private final PrintWriter err;
  private final boolean enabled;
  private long lastNanos = Long.MIN_VALUE;
  private boolean shown;

  /** A line on {@code err} when {@code enabled}, else nothing at all. */
  ProgressLine(PrintWriter err, boolean enabled) {
    this.err = err;
    this.enabled = enabled;
  }

  /** On when the environment says stderr is a terminal that can redraw a line. */
  static boolean wanted(java.util.Map<String, String> environment) {
    return "1".equals(environment.get(TERMINAL_VARIABLE))
        && !"dumb".equals(environment.getOrDefault("TERM", ""));
  }

  /** Redraws the line with {@code progress}, unless it was redrawn a moment ago. */
  synchronized void show(Progress progress) {
    long now = System.nanoTime();
    if (!enabled || shown && now - lastNanos < MIN_INTERVAL_NANOS) {
      return;
    }
    lastNanos = now;
    err.print(ERASE + format(progress));
    err.flush();
    shown = true;
  }

  /** Erases the line, if one is shown. */
  synchronized void clear() {
    if (shown) {
      err.print(ERASE);
      err.flush();
      shown = false;
    }
  }

  static String format(Progress p) {
    return String.format(
        Locale.ROOT,
        "files %,d/%,d | tasks %,d/%,d | %,d rows | %s | %,d HBees running | %.1f s",
        p.getFilesDone(),
        p.getFilesTotal(),
        p.getTasksDone(),
        p.getTasksTotal(),
        p.getRowsScanned(),
        StatisticsLine.bytes(p.getBytesRead()),
        p.getHbeesRunning(),
        p.getElapsedMillis() / 1000.0);
  }
}
