package io.buzz.kernels.aggregate;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Best-of-N timing for the throughput printouts: wall time and the thread's CPU time. On a shared
 * machine the CPU-time rate is the more stable of the two. Public for the sort benchmark.
 */
public final class Timing {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private long wallStart;
  private long cpuStart;
  private long bestWall = Long.MAX_VALUE;
  private long bestCpu = Long.MAX_VALUE;

  public void start() {
    wallStart = System.nanoTime();
    cpuStart = THREADS.getCurrentThreadCpuTime();
  }

  public void stop() {
    bestWall = Math.min(bestWall, System.nanoTime() - wallStart);
    bestCpu = Math.min(bestCpu, THREADS.getCurrentThreadCpuTime() - cpuStart);
  }

  /** A line: rows, best wall seconds and rate, best CPU seconds and rate. */
  public String report(String name, long rows) {
    return String.format(
        "%-52s %,d rows: wall %.3f s = %,.0f rows/s; cpu %.3f s = %,.0f rows/s",
        name, rows, bestWall / 1e9, rows / (bestWall / 1e9), bestCpu / 1e9, rows / (bestCpu / 1e9));
  }
}
