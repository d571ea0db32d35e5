package io.buzz.storage.io;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Thread-safe counters behind {@link ByteSource#stats()}: requests complete on I/O threads while
 * the owner reads snapshots from its own thread.
 */
public final class IoStatsRecorder {
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong bytes = new AtomicLong();
  private final AtomicLong firstByteNanos = new AtomicLong();
  private final AtomicLong waitNanos = new AtomicLong();
  private final AtomicLong firstRequestAt = new AtomicLong();
  private final AtomicLong hedges = new AtomicLong();
  private final AtomicLong hedgeWins = new AtomicLong();

  /** Counts a request as issued and returns its start time for the other calls. */
  public long requestStarted() {
    requests.incrementAndGet();
    long now = System.nanoTime();
    firstRequestAt.compareAndSet(0, now);
    return now;
  }

  /** Records the arrival of a request's first byte. */
  public void firstByte(long startNanos) {
    firstByteNanos.addAndGet(System.nanoTime() - startNanos);
  }

  /** Records the end of a request, successful or not, and the bytes it received. */
  public void requestEnded(long startNanos, long bytesReceived) {
    waitNanos.addAndGet(System.nanoTime() - startNanos);
    bytes.addAndGet(bytesReceived);
  }

  /** Counts a hedge: a second request for a GET that is far slower than expected. */
  public void hedged() {
    hedges.incrementAndGet();
  }

  /** Counts a hedge that answered first. */
  public void hedgeWon() {
    hedgeWins.incrementAndGet();
  }

  public IoStats snapshot() {
    return new IoStats(
        requests.get(),
        bytes.get(),
        firstByteNanos.get(),
        waitNanos.get(),
        firstRequestAt.get(),
        hedges.get(),
        hedgeWins.get());
  }
}
