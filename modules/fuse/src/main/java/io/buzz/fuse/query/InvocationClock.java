package io.buzz.fuse.query;

/**
 * How many invocations a query started and how long they ran, summed — those answered, and those
 * still running up to now (a hedge's loser, the last tasks whose answers follow their commit): what
 * Lambda bills, roughly. Confined to the dispatching context.
 */
final class InvocationClock {
  private int started;
  private long answeredNanos;
  private int unanswered;
  private long unansweredSinceSum;

  /** An invocation starts; pass the returned time to {@link #answered}. */
  long started() {
    long now = System.nanoTime();
    started++;
    unanswered++;
    unansweredSinceSum += now;
    return now;
  }

  void answered(long startedNanos) {
    answeredNanos += System.nanoTime() - startedNanos;
    unanswered--;
    unansweredSinceSum -= startedNanos;
  }

  int invocations() {
    return started;
  }

  long millis() {
    return (answeredNanos + unanswered * System.nanoTime() - unansweredSinceSum) / 1_000_000;
  }
}
