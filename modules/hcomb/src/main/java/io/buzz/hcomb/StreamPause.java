package io.buzz.hcomb;

import static java.util.Objects.requireNonNull;

import io.vertx.core.streams.ReadStream;
import java.util.function.Consumer;

/**
 * Whether one HBee stream may send: it is paused while {@code highWater} of its batches wait for
 * the merge thread (resumed when half of them are done), while its query holds it back because the
 * query's streams together have too much waiting ({@link ReceiveQueue}), and while its query's
 * state runs high and the stream is not among the oldest ({@link MemoryHold}). Each hold is lifted
 * only by its own release.
 *
 * <p>Threads: the stream's event loop only, like the {@link AttemptStream} that owns it.
 */
final class StreamPause {
  private final ReadStream<?> stream;
  private final Consumer<Boolean> transport;
  private final HCombStats stats;
  private final int highWater;
  private int pending;
  private boolean tooManyPending;
  private boolean heldByQueue;
  private boolean heldForMemory;
  private boolean paused;

  /**
   * @param transport told to stop reading (true) or go on (false) with the stream's pauses, so that
   *     the HTTP/2 stream stops too ({@link HttpHold})
   */
  StreamPause(ReadStream<?> stream, Consumer<Boolean> transport, HCombStats stats, int highWater) {
    this.stream = requireNonNull(stream, "stream is null");
    this.transport = requireNonNull(transport, "transport is null");
    this.stats = requireNonNull(stats, "stats is null");
    this.highWater = highWater;
  }

  /**
   * {@code batches} (0 or 1) were queued for the merge thread; {@code byQueue} and {@code
   * forMemory} when the query holds the stream.
   */
  void queued(int batches, boolean byQueue, boolean forMemory) {
    pending += batches;
    if (pending >= highWater) {
      tooManyPending = true;
    }
    heldByQueue |= byQueue;
    heldForMemory |= forMemory;
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

  /** The query's waiting messages no longer hold the stream back. */
  void releasedByQueue() {
    heldByQueue = false;
    apply();
  }

  /** Whether the query's state holds the stream back. */
  void holdForMemory(boolean held) {
    heldForMemory = held;
    apply();
  }

  /** Batches queued and not merged yet. */
  int pending() {
    return pending;
  }

  /** The stream is answered: let whatever the client still sends flow (and be dropped). */
  void stop() {
    tooManyPending = false;
    heldByQueue = false;
    heldForMemory = false;
    paused = false;
    transport.accept(false);
    stream.resume();
  }

  private void apply() {
    boolean wanted = tooManyPending || heldByQueue || heldForMemory;
    if (wanted && !paused) {
      paused = true;
      stream.pause();
      transport.accept(true);
      stats.streamPaused();
    } else if (!wanted && paused) {
      paused = false;
      transport.accept(false);
      stream.resume();
    }
  }
}
