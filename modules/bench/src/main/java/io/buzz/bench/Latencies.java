package io.buzz.bench;

import java.util.Arrays;
import java.util.List;

/**
 * Summary of a sample of durations in milliseconds. Percentiles use the nearest-rank method on the
 * sorted sample, so every reported value is one that was measured.
 */
public record Latencies(int count, double min, double median, double p95, double p99, double max) {
  public static final Latencies EMPTY = new Latencies(0, 0, 0, 0, 0, 0);

  public static Latencies of(List<Double> millis) {
    if (millis.isEmpty()) {
      return EMPTY;
    }
    double[] sorted = new double[millis.size()];
    for (int i = 0; i < sorted.length; i++) {
      sorted[i] = millis.get(i);
    }
    Arrays.sort(sorted);
    return new Latencies(
        sorted.length,
        sorted[0],
        percentile(sorted, 50),
        percentile(sorted, 95),
        percentile(sorted, 99),
        sorted[sorted.length - 1]);
  }

  /** Nearest-rank percentile of an ascending array: the smallest value with p% at or below it. */
  static double percentile(double[] sorted, double p) {
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }
}
