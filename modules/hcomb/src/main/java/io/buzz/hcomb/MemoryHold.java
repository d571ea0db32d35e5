package io.buzz.hcomb;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * Holds back a query's streams while its merge state runs high, so that many HBees sending at once
 * cannot take the HComb over its memory limit when the query would fit if they took turns.
 *
 * <p>Every attempt's data stays apart from the query's state until its commit (exactly once), so
 * 1,000 streams that all sent half of their partial aggregate hold 1,000 halves. Once the query
 * holds more than half of its limit, or its attempts keep more than an eighth of it as received
 * batches, only the {@link #WINDOW} oldest open streams may go on sending: they finish, their
 * commits fold them into the query's state and free their memory, and the next oldest streams take
 * their place. The others are paused (HTTP/2 flow control holds their bytes in the HBees) until
 * they reach the window or the query holds less than three eighths of its limit and keeps less than
 * a sixteenth as batches. The oldest streams always proceed, so the query never waits on itself; a
 * query whose state alone outgrows the limit still fails with the memory-limit error.
 *
 * <p>{@code S} is the query's stream ({@link AttemptStream}). Threads: {@link #holds} on event
 * loops, {@link #update} on the merge thread; guarded by this.
 */
final class MemoryHold<S> {
  /** Streams that keep sending while the query is held. */
  static final int WINDOW = 16;

  private final long limitBytes;
  private final IntFunction<List<S>> oldest;
  private final Set<S> held = new LinkedHashSet<>();
  private boolean holding;

  /**
   * @param oldest the query's open streams, oldest first, at most that many
   */
  MemoryHold(long limitBytes, IntFunction<List<S>> oldest) {
    this.limitBytes = limitBytes;
    this.oldest = oldest;
  }

  /** Whether {@code stream}, which just queued a batch, must pause until released. */
  synchronized boolean holds(S stream) {
    if (!holding || window().contains(stream)) {
      return false;
    }
    held.add(stream);
    return true;
  }

  /** The streams to pause now and those to let send again. */
  record Changes<S>(List<S> hold, List<S> release) {}

  /**
   * The query now holds {@code heldBytes}, {@code bufferedBytes} of them as received batches. When
   * it starts holding, every open stream outside the window is to pause at once (rather than after
   * one more batch each, which a thousand streams would make a lot); when it holds little enough,
   * all are released, else those that reached the window.
   */
  synchronized Changes<S> update(long heldBytes, long bufferedBytes) {
    List<S> window = window();
    List<S> pause = new ArrayList<>();
    if (heldBytes > limitBytes / 2 || bufferedBytes > limitBytes / 8) {
      if (!holding) {
        holding = true;
        for (S stream : oldest.apply(Integer.MAX_VALUE)) {
          if (!window.contains(stream) && held.add(stream)) {
            pause.add(stream);
          }
        }
      }
    } else if (heldBytes < limitBytes / 8 * 3 && bufferedBytes < limitBytes / 16) {
      holding = false;
    }
    List<S> release = new ArrayList<>();
    for (S stream : held) {
      if (!holding || window.contains(stream)) {
        release.add(stream);
      }
    }
    release.forEach(held::remove);
    return new Changes<>(pause, release);
  }

  private List<S> window() {
    return oldest.apply(WINDOW);
  }

  /** Whether the query is holding streams back now. */
  synchronized boolean holding() {
    return holding;
  }
}
