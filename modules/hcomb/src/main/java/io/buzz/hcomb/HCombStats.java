package io.buzz.hcomb;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

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
  private final AtomicLong batchesReceived = new AtomicLong();
  private final AtomicLong rowsReceived = new AtomicLong();
  private final AtomicLong bytesReceived = new AtomicLong();
  private final AtomicLong mergeNanos = new AtomicLong();
  private final LongSupplier clock;
  private volatile long idleSinceNanos;

  /**
   * @param clock nanoseconds, like {@link System#nanoTime()}, for idle time (tests move it)
   */
  HCombStats(LongSupplier clock) {
    this.clock = clock;
    this.idleSinceNanos = clock.getAsLong();
  }

  void queryStarted() {
    activeQueries.incrementAndGet();
  }

  void queryEnded(boolean succeeded) {
    // Written before the decrement: whoever sees no active query also sees when idleness began.
    idleSinceNanos = clock.getAsLong();
    activeQueries.decrementAndGet();
    (succeeded ? queriesSucceeded : queriesFailed).incrementAndGet();
  }

  /** Idleness counts from now (the HComb started serving). */
  void idleFromNow() {
    idleSinceNanos = clock.getAsLong();
  }

  /** A batch of {@code rows} rows and {@code bytes} bytes of Arrow buffers was received. */
  void received(int rows, long bytes) {
    batchesReceived.incrementAndGet();
    rowsReceived.addAndGet(rows);
    bytesReceived.addAndGet(bytes);
  }

  /** A merge step (fold, commit, finish) took {@code nanos}. */
  void merged(long nanos) {
    mergeNanos.addAndGet(nanos);
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

  public long batchesReceived() {
    return batchesReceived.get();
  }

  public long rowsReceived() {
    return rowsReceived.get();
  }

  /** Arrow buffer bytes of the batches received (decoded size). */
  public long bytesReceived() {
    return bytesReceived.get();
  }

  /** Time merge threads spent folding, committing and finishing, over all queries. */
  public long mergeNanos() {
    return mergeNanos.get();
  }

  /** How long the HComb has had no query; 0 while it has one. */
  public double idleSeconds() {
    return activeQueries.get() > 0 ? 0 : (clock.getAsLong() - idleSinceNanos) / 1e9;
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
