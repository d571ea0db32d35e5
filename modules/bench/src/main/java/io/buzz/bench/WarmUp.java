package io.buzz.bench;

import static java.util.Objects.requireNonNull;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.function.LongSupplier;

/**
 * How long a suite runs untimed before it is measured: at least {@code minimum}, then on until the
 * JIT is quiet — it spent at most {@code quietShare} of the last {@link #WINDOW} compiling — or
 * {@code maximum} has passed. A warm server is one whose JIT has settled: in the bench's one JVM
 * (Fuse, HComb, HBees and the twins together) C2 still compiled for ~20% of the machine's time a
 * minute in, and a suite measured then measures the compiler as much as Buzz.
 *
 * @param minimum the least time the warm-up runs
 * @param maximum the most time it runs, however busy the JIT still is
 * @param quietShare compile time over wall time, in the last window, below which the JIT counts as
 *     quiet
 */
public record WarmUp(Duration minimum, Duration maximum, double quietShare) {
  /** The span over which the JIT's activity is judged. */
  static final Duration WINDOW = Duration.ofSeconds(10);

  /** 2% of one core: C2 finishing a few methods now and then. */
  static final double DEFAULT_QUIET_SHARE = 0.02;

  public WarmUp {
    requireNonNull(minimum, "minimum is null");
    requireNonNull(maximum, "maximum is null");
    if (minimum.isNegative()) {
      throw new IllegalArgumentException("--warmup-seconds must not be negative");
    }
    if (maximum.compareTo(minimum) < 0) {
      throw new IllegalArgumentException(
          "--warmup-max-seconds ("
              + maximum.toMillis() / 1e3
              + ") must not be below --warmup-seconds ("
              + minimum.toMillis() / 1e3
              + ")");
    }
    if (!(quietShare > 0 && quietShare < 1)) {
      throw new IllegalArgumentException("quietShare must be in (0, 1), got " + quietShare);
    }
  }

  /**
   * From the command line's seconds (null when not given): a full run warms up for at least 60 s
   * and on for the JIT up to 300 s; {@code --quick} for 5 s flat. {@code --warmup-seconds 0} alone
   * turns the warm-up off, and a maximum alone below the default minimum lowers the minimum to it.
   */
  static WarmUp fromOptions(Double minimumSeconds, Double maximumSeconds, boolean quick) {
    double defaultMinimum = quick ? 5.0 : 60.0;
    double minimum =
        minimumSeconds != null
            ? minimumSeconds
            : maximumSeconds != null ? Math.min(defaultMinimum, maximumSeconds) : defaultMinimum;
    if (minimum < 0) {
      throw new IllegalArgumentException("--warmup-seconds must not be negative");
    }
    double maximum =
        maximumSeconds != null
            ? maximumSeconds
            : quick || minimum == 0 ? minimum : Math.max(minimum, 300.0);
    return new WarmUp(
        Duration.ofMillis(Math.round(1000 * minimum)),
        Duration.ofMillis(Math.round(1000 * maximum)),
        DEFAULT_QUIET_SHARE);
  }

  /** Whether the warm-up lasts exactly {@link #minimum}, not waiting for the JIT. */
  public boolean isFixed() {
    return minimum.equals(maximum);
  }

  public boolean isOff() {
    return maximum.isZero();
  }

  /**
   * Milliseconds this JVM has spent compiling so far (summed over its compiler threads), or -1 when
   * the JVM does not say.
   */
  static long compiledMillis() {
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    return jit != null && jit.isCompilationTimeMonitoringSupported()
        ? jit.getTotalCompilationTime()
        : -1;
  }

  /** Decides, run after run, whether the warm-up may stop. */
  Gauge start() {
    return new Gauge(System::nanoTime, WarmUp::compiledMillis);
  }

  /** Also for tests, with their own clocks. */
  Gauge start(LongSupplier nanos, LongSupplier jitMillis) {
    return new Gauge(nanos, jitMillis);
  }

  /** Why a warm-up ended. */
  enum Stop {
    NOT_YET("still running"),
    MINIMUM("its fixed time passed"),
    JIT_QUIET("the JIT went quiet"),
    MAXIMUM("its maximum time passed, the JIT still busy"),
    JIT_UNKNOWN("the JVM does not report its JIT's time");

    private final String reason;

    Stop(String reason) {
      this.reason = reason;
    }

    String reason() {
      return reason;
    }
  }

  /** One warm-up's progress: time spent and the JIT's recent activity. */
  final class Gauge {
    private final LongSupplier nanos;
    private final LongSupplier jitMillis;
    private final long startNanos;
    private final long startJit;

    /** (time, compiled millis) samples of the last window and the one just before it. */
    private final ArrayDeque<long[]> samples = new ArrayDeque<>();

    private Stop stop = Stop.NOT_YET;

    private Gauge(LongSupplier nanos, LongSupplier jitMillis) {
      this.nanos = nanos;
      this.jitMillis = jitMillis;
      this.startNanos = nanos.getAsLong();
      this.startJit = jitMillis.getAsLong();
      samples.add(new long[] {startNanos, startJit});
    }

    /** Whether to run more, sampling the JIT now. */
    boolean goOn() {
      long now = nanos.getAsLong();
      long jit = jitMillis.getAsLong();
      samples.addLast(new long[] {now, jit});
      // Keep one sample at least a window old: the window's activity is measured from it.
      while (samples.size() > 2 && now - secondOldest()[0] >= WINDOW.toNanos()) {
        samples.removeFirst();
      }
      long elapsed = now - startNanos;
      if (elapsed < minimum.toNanos()) {
        return true;
      }
      if (isFixed()) {
        stop = Stop.MINIMUM;
        return false;
      }
      if (elapsed >= maximum.toNanos()) {
        stop = Stop.MAXIMUM;
        return false;
      }
      if (jit < 0 || jit == startJit) {
        // The JVM does not say, or its counter has not moved yet: that proves nothing, and a
        // counter
        // that never moves (as with -XX:-UsePerfData) is given two windows, then not waited for.
        boolean unknown = jit < 0 || elapsed >= 2 * WINDOW.toNanos();
        if (unknown) {
          stop = Stop.JIT_UNKNOWN;
        }
        return !unknown;
      }
      if (quiet(now, jit)) {
        stop = Stop.JIT_QUIET;
        return false;
      }
      return true;
    }

    private long[] secondOldest() {
      var it = samples.iterator();
      it.next();
      return it.next();
    }

    private boolean quiet(long now, long jit) {
      long[] oldest = samples.peekFirst();
      long span = now - oldest[0];
      if (span < WINDOW.toNanos()) {
        return false; // not a whole window seen yet
      }
      return (jit - oldest[1]) * 1_000_000.0 <= quietShare * span;
    }

    /** Why the warm-up ended, as {@link #goOn} last decided. */
    Stop stop() {
      return stop;
    }

    /**
     * Runs {@code query} {@code atLeast} times, then on while {@link #goOn} says so; returns how
     * many times it ran.
     */
    int runUntilWarm(int atLeast, Runnable query) {
      int ran = 0;
      do {
        query.run();
        ran++;
      } while (ran < atLeast || goOn());
      return ran;
    }

    /** What a warm-up of {@code queries} came to, for the progress log. */
    String summary(int queries) {
      return String.format(
          "warmed up by %d queries in %.0f s (%s; its JIT %.0f%% of a core over the last %d s)",
          queries, seconds(), stop().reason(), 100 * recentShare(), WINDOW.toSeconds());
    }

    /** Seconds since the start. */
    double seconds() {
      return (nanos.getAsLong() - startNanos) / 1e9;
    }

    /** Compile time over wall time in the last window (NaN if the JVM does not say). */
    double recentShare() {
      long[] oldest = samples.peekFirst();
      long[] newest = samples.peekLast();
      long span = newest[0] - oldest[0];
      if (newest[1] < 0 || span <= 0) {
        return Double.NaN;
      }
      return (newest[1] - oldest[1]) * 1_000_000.0 / span;
    }

    /** Compile seconds since the start (NaN if the JVM does not say). */
    double compiledSeconds() {
      long jit = jitMillis.getAsLong();
      return jit < 0 || startJit < 0 ? Double.NaN : (jit - startJit) / 1e3;
    }
  }
}
