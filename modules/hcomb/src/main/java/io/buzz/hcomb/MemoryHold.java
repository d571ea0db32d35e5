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
 * 1,000 streams that all sent half of their partial aggregate hold 1,000 halves. The query's
 * pressure is what it holds plus the messages waiting for its merge thread (which it cannot
 * refuse). Over half of its limit, or with more than an eighth of it waiting or kept as received
 * batches, only the {@link #WINDOW} oldest open streams may go on sending; over five eighths only
 * the oldest (back to the window below a half): they finish, their commits fold them into the
 * query's state and free their memory, and the next oldest streams take their place. The others are
 * paused (HTTP/2 flow control holds their bytes in the HBees) until they reach the window or the
 * pressure falls below three eighths with less than a sixteenth waiting. The oldest stream always
 * proceeds, so the query never waits on itself; a query whose state alone outgrows the limit still
 * fails with the memory-limit error.
 *
 * <p>{@code S} is the query's stream ({@link AttemptStream}). Threads: {@link #holds}, {@link
 * #isHeld} and {@link #queued} on event loops, {@link #update} on the merge thread; guarded by
 * this.
 */
final class MemoryHold<S> {
  /** Streams that keep sending while the query is held. */
  static final int WINDOW = 16;

  private final long limitBytes;
  private final IntFunction<List<S>> oldest;
  private final Set<S> held = new LinkedHashSet<>();
  private boolean holding;
  private int windowSize = WINDOW;
  private long heldBytes;
  private long bufferedBytes;

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

  /** Whether {@code stream} is held back now. */
  synchronized boolean isHeld(S stream) {
    return held.contains(stream);
  }

  /** The streams to pause now and those to let send again. */
  record Changes<S>(List<S> hold, List<S> release) {
    /** Every stream whose hold changed, either way. */
    List<S> changed() {
      List<S> all = new ArrayList<>(hold);
      all.addAll(release);
      return all;
    }
  }

  /**
   * The query now holds {@code heldBytes}, {@code bufferedBytes} of them as received batches, and
   * {@code queuedBytes} of messages wait for its merge thread. When it starts holding, or its
   * window narrows, every open stream outside the window is to pause at once (rather than after one
   * more batch each, which a thousand streams would make a lot); when the pressure is low enough,
   * all are released, else those that reached the window.
   */
  synchronized Changes<S> update(long heldBytes, long bufferedBytes, long queuedBytes) {
    this.heldBytes = heldBytes;
    this.bufferedBytes = bufferedBytes;
    return queued(queuedBytes);
  }

  /**
   * The same with {@code queuedBytes} waiting now and what the merge thread last said it holds: for
   * the event loop that queued a message.
   */
  synchronized Changes<S> queued(long queuedBytes) {
    long pressure = heldBytes + queuedBytes;
    long waiting = bufferedBytes + queuedBytes;
    boolean high = pressure > limitBytes / 2 || waiting > limitBytes / 8;
    boolean low = pressure < limitBytes / 8 * 3 && waiting < limitBytes / 16;
    List<S> pause = new ArrayList<>();
    if (high || (holding && !low)) {
      List<S> before = holding ? window() : oldest.apply(Integer.MAX_VALUE);
      holding = true;
      if (pressure > limitBytes / 8 * 5) {
        windowSize = 1;
      } else if (pressure <= limitBytes / 2) {
        windowSize = WINDOW;
      }
      List<S> window = window();
      for (S stream : before) {
        if (!window.contains(stream) && held.add(stream)) {
          pause.add(stream);
        }
      }
    } else {
      holding = false;
      windowSize = WINDOW;
    }
    List<S> release;
    if (holding) {
      // Only streams that reached the window go on: look the window's few up among the held
      // (which can be every other open stream), not each held stream up in the window.
      release = new ArrayList<>();
      for (S stream : window()) {
        if (held.remove(stream)) {
          release.add(stream);
        }
      }
    } else {
      release = new ArrayList<>(held);
      held.clear();
    }
    return new Changes<>(pause, release);
  }

  private List<S> window() {
    return oldest.apply(windowSize);
  }

  /** Whether the query is holding streams back now. */
  synchronized boolean holding() {
    return holding;
  }
}
