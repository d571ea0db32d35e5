package io.buzz.hcomb;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The bytes of one query's received messages that wait for its merge thread, across all its
 * streams. Beyond {@code limitBytes} each stream that adds more is held back (paused) until the
 * queue drained to half of the limit: however many streams a query has, what they made the HComb
 * hold while merging falls behind stays bounded.
 *
 * <p>Threads: any (event loops add, the merge thread drains); guarded by this.
 */
final class ReceiveQueue {
  private final long limitBytes;
  private long queuedBytes;
  private final Set<AttemptStream> heldBack = new LinkedHashSet<>();

  ReceiveQueue(long limitBytes) {
    if (limitBytes < 1) {
      throw new IllegalArgumentException("limitBytes must be positive");
    }
    this.limitBytes = limitBytes;
  }

  /**
   * A message of {@code bytes} from {@code stream} waits; true when the stream must pause until
   * {@link AttemptStream#releaseHold}.
   */
  synchronized boolean queued(AttemptStream stream, long bytes) {
    queuedBytes += bytes;
    if (queuedBytes > limitBytes) {
      heldBack.add(stream);
      return true;
    }
    return false;
  }

  /** A message of {@code bytes} left the queue; releases the held streams once half drained. */
  void dequeued(long bytes) {
    List<AttemptStream> release = List.of();
    synchronized (this) {
      queuedBytes -= bytes;
      if (queuedBytes <= limitBytes / 2 && !heldBack.isEmpty()) {
        release = new ArrayList<>(heldBack);
        heldBack.clear();
      }
    }
    release.forEach(AttemptStream::releaseHold);
  }

  synchronized long queuedBytes() {
    return queuedBytes;
  }
}
