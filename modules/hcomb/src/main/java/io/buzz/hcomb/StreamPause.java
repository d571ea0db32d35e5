package io.buzz.hcomb;

import static java.util.Objects.requireNonNull;

import io.vertx.core.streams.ReadStream;

/**
 * Whether one HBee stream may send: it is paused while {@code highWater} of its batches wait for
 * the merge thread (resumed when half of them are done) and while its query holds it back because
 * the query's streams together have too much waiting ({@link ReceiveQueue}).
 *
 * <p>Threads: the stream's event loop only, like the {@link AttemptStream} that owns it.
 */
final class StreamPause {
  private final ReadStream<?> stream;
  private final HCombStats stats;
  private final int highWater;
  private int pending;
  private boolean tooManyPending;
  private boolean heldByQuery;
  private boolean paused;

  StreamPause(ReadStream<?> stream, HCombStats stats, int highWater) {
    this.stream = requireNonNull(stream, "stream is null");
    this.stats = requireNonNull(stats, "stats is null");
    this.highWater = highWater;
  }

  /**
   * {@code batches} (0 or 1) were queued for the merge thread; {@code held} when the query holds
   * the stream.
   */
  void queued(int batches, boolean held) {
    pending += batches;
    if (pending >= highWater) {
      tooManyPending = true;
    }
    heldByQuery |= held;
    apply();
  }

  /** A batch was merged. */
  void merged() {
    pending--;
    if (pending <= highWater / 2) {
      tooManyPending = false;
    }
    apply();
  }

  /** The query no longer holds the stream back. */
  void released() {
    heldByQuery = false;
    apply();
  }

  /** Batches queued and not merged yet. */
  int pending() {
    return pending;
  }

  /** The stream is answered: let whatever the client still sends flow (and be dropped). */
  void stop() {
    tooManyPending = false;
    heldByQuery = false;
    paused = false;
    stream.resume();
  }

  private void apply() {
    boolean wanted = tooManyPending || heldByQuery;
    if (wanted && !paused) {
      paused = true;
      stream.pause();
      stats.streamPaused();
    } else if (!wanted && paused) {
      paused = false;
      stream.resume();
    }
  }
}
