package io.buzz.bench;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Samples the heap in use on a daemon thread until closed, keeping the peak. */
final class HeapSampler implements AutoCloseable {
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread thread = new Thread(r, "bench-heap-sampler");
            thread.setDaemon(true);
            return thread;
          });
  private volatile long peak;

  HeapSampler() {
    timer.scheduleAtFixedRate(this::sample, 0, 20, TimeUnit.MILLISECONDS);
  }

  private void sample() {
    Runtime runtime = Runtime.getRuntime();
    peak = Math.max(peak, runtime.totalMemory() - runtime.freeMemory());
  }

  long peakBytes() {
    sample();
    return peak;
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
