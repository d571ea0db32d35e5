package io.buzz.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU figures of other processes from Linux's {@code /proc}: a process's time in the kernel, and
 * the time its JIT's compiler threads ran. Linux counts both in clock ticks of 10 ms (USER_HZ 100,
 * assumed).
 */
final class ProcStat {
  private static final long TICK_NANOS = 10_000_000L;

  private ProcStat() {}

  /** The kernel (system) time of process {@code pid} so far, in nanoseconds; -1 if unreadable. */
  static long kernelNanos(long pid) {
    long[] times = times(Path.of("/proc", Long.toString(pid), "stat"));
    return times == null ? -1 : times[1] * TICK_NANOS;
  }

  /** User and system ticks of a {@code stat} file, or null when it cannot be read. */
  private static long[] times(Path stat) {
    try {
      String line = Files.readString(stat);
      // Fields after the command's closing parenthesis, from the state (field 3): utime is 14,
      // stime 15.
      String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
      return new long[] {Long.parseLong(fields[14 - 3]), Long.parseLong(fields[15 - 3])};
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /**
   * The CPU time of HotSpot's compiler threads ({@code C1 CompilerThread…}, {@code C2
   * CompilerThread…}) in some processes, summed over time: HotSpot starts and stops compiler
   * threads as the work comes and goes, so each thread's ticks count from its start, a thread that
   * ended keeps what it was last seen with, and one that came and went between two samples is
   * missed (the JIT then looks quieter than it was; HotSpot keeps a compiler thread of each kind).
   */
  static final class CompilerTime {
    private final Map<String, Long> lastTicks = new HashMap<>();
    private long ticks;

    /** Milliseconds the compiler threads of {@code pids} have run so far, as far as seen. */
    synchronized long millis(Stream<Long> pids) {
      pids.forEach(this::sample);
      return ticks * TICK_NANOS / 1_000_000;
    }

    private void sample(long pid) {
      Path tasks = Path.of("/proc", Long.toString(pid), "task");
      try (Stream<Path> threads = Files.list(tasks)) {
        threads.forEach(
            thread -> {
              try {
                if (!Files.readString(thread.resolve("comm")).contains("CompilerThre")) {
                  return;
                }
              } catch (IOException e) {
                return; // the thread ended meanwhile
              }
              long[] times = times(thread.resolve("stat"));
              if (times != null) {
                long now = times[0] + times[1];
                String key = pid + "/" + thread.getFileName();
                long before = lastTicks.getOrDefault(key, 0L);
                ticks += Math.max(0, now - before);
                lastTicks.put(key, now);
              }
            });
      } catch (IOException | RuntimeException e) {
        // the process ended, or /proc is not there: nothing more to count
      }
    }
  }
}
