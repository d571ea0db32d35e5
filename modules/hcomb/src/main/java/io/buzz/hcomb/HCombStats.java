package io.buzz.hcomb;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Live counters of one HComb, read by metrics and tests. Thread-safe. */
public final class HCombStats {
  private final AtomicInteger activeQueries = new AtomicInteger();
  private final AtomicInteger openStreams = new AtomicInteger();
  private final AtomicLong streamsTotal = new AtomicLong();
  private final AtomicLong pauses = new AtomicLong();
  private final AtomicInteger queuedBatches = new AtomicInteger();
  private final AtomicInteger peakQueuedBatches = new AtomicInteger();
  private final AtomicLong queriesSucceeded = new AtomicLong();
  private final AtomicLong queriesFailed = new AtomicLong();
  private final AtomicLong queriesLeaked = new AtomicLong();

  void queryStarted() {
    activeQueries.incrementAndGet();
  }

  void queryEnded(boolean succeeded) {
    activeQueries.decrementAndGet();
    (succeeded ? queriesSucceeded : queriesFailed).incrementAndGet();
  }

  void queryLeaked() {
    queriesLeaked.incrementAndGet();
  }

  void streamOpened() {
    openStreams.incrementAndGet();
    streamsTotal.incrementAndGet();
  }

  void streamClosed() {
    openStreams.decrementAndGet();
  }

  void streamPaused() {
    pauses.incrementAndGet();
  }

  void batchQueued() {
    peakQueuedBatches.accumulateAndGet(queuedBatches.incrementAndGet(), Math::max);
  }

  void batchMerged() {
    queuedBatches.decrementAndGet();
  }

  public int activeQueries() {
    return activeQueries.get();
  }

  public int openStreams() {
    return openStreams.get();
  }

  public long streamsTotal() {
    return streamsTotal.get();
  }

  /** Times a stream was paused because its merge fell behind. */
  public long backPressurePauses() {
    return pauses.get();
  }

  /** Batches received and not merged yet, over all streams: how far merging lags behind. */
  public int queuedBatches() {
    return queuedBatches.get();
  }

  /** The most batches that were ever waiting for merging at once. */
  public int peakQueuedBatches() {
    return peakQueuedBatches.get();
  }

  public long queriesSucceeded() {
    return queriesSucceeded.get();
  }

  public long queriesFailed() {
    return queriesFailed.get();
  }

  /** Queries whose allocator still held buffers when they ended: a bug in Buzz; should stay 0. */
  public long queriesLeaked() {
    return queriesLeaked.get();
  }
}
