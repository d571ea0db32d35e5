package io.buzz.fuse.query;

import java.util.Arrays;

/**
 * The straggler-hedging bookkeeping of one {@link TaskDispatcher}: the durations of the attempts
 * that succeeded, which tasks got a hedge and with which attempt number, and the policy's
 * thresholds ({@link DispatchConfig.Hedging}). The dispatcher decides when to launch; this says
 * whether a running attempt is a straggler. Confined to the dispatching context.
 */
final class StragglerHedging {
  private final DispatchConfig.Hedging policy;
  private final int total;

  /** The attempt number of each task's hedge, -1 when none. */
  private final int[] hedgeAttempt;

  private long[] durations = new long[16];
  private int durationCount;
  private int hedges;
  private int wins;

  StragglerHedging(DispatchConfig.Hedging policy, int tasks) {
    this.policy = policy;
    this.total = tasks;
    this.hedgeAttempt = new int[tasks];
    Arrays.fill(hedgeAttempt, -1);
  }

  boolean enabled() {
    return policy.enabled();
  }

  /** An attempt succeeded after {@code nanos}: one more sample of the median. */
  void succeeded(long nanos) {
    if (durationCount == durations.length) {
      durations = Arrays.copyOf(durations, durationCount * 2);
    }
    durations[durationCount++] = nanos;
  }

  /**
   * How long an attempt must have run to be hedged now — the policy's multiple of the median, and
   * at least its minimum delay — or -1 when no hedge may start: first attempts still to launch
   * ({@code launched < total}), too few tasks done, all done, or the hedge allowance used up.
   */
  long thresholdNanos(int launched, int completed) {
    if (launched < total
        || completed < Math.max(1, (int) Math.floor(policy.afterFraction() * total))
        || completed == total
        || durationCount == 0
        || !mayHedgeMore()) {
      return -1;
    }
    long[] sorted = Arrays.copyOf(durations, durationCount);
    Arrays.sort(sorted);
    long median = sorted[sorted.length / 2];
    return Math.max(policy.minDelay().toNanos(), (long) (policy.slowerThanMedian() * median));
  }

  /**
   * False once {@link DispatchConfig.Hedging#maxFraction()} of the tasks (at least one) got one.
   */
  boolean mayHedgeMore() {
    return hedges < Math.max(1, (int) Math.floor(policy.maxFraction() * total));
  }

  boolean hedged(int index) {
    return hedgeAttempt[index] >= 0;
  }

  /** Task {@code index} is hedged with attempt number {@code attempt}. */
  void hedge(int index, int attempt) {
    hedgeAttempt[index] = attempt;
    hedges++;
  }

  /** The HComb committed {@code attempt} of task {@code index}: a win when it was the hedge. */
  void committed(int index, int attempt) {
    if (index >= 0 && index < total && hedgeAttempt[index] == attempt) {
      wins++;
    }
  }

  int hedges() {
    return hedges;
  }

  int wins() {
    return wins;
  }
}
