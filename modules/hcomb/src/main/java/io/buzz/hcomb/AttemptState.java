package io.buzz.hcomb;

import static java.util.Objects.requireNonNull;

import io.buzz.exec.MergeState;
import io.buzz.kernels.batch.Batch;
import java.util.ArrayDeque;
import java.util.function.Supplier;

/**
 * The partial state of one task attempt on the HComb: the batches of its stream received so far,
 * and how many rows and bytes they were.
 *
 * <p>An attempt keeps its batches as they came while they stay within {@link #BUFFER_BYTES} (and
 * the query lets it, see {@link #add}); a commit then folds them straight into the query's state,
 * so each row is hashed once. Most HBees send their partial aggregate as one or a few batches at
 * the end of their task, so this is the common case. Beyond that budget, the attempt folds its
 * batches into a {@link MergeState} of its own — what a long stream of repeated groups shrinks into
 * — which a commit absorbs. Either way nothing of an attempt reaches the query's state before its
 * commit (exactly once).
 *
 * <p>Threads and ownership: created, used and closed only on its query's serial executor. It owns
 * its batches and its state until {@link #commitInto} hands them over; {@link #close} releases what
 * it still holds.
 */
final class AttemptState implements AutoCloseable {
  /**
   * Arrow bytes of received batches an attempt keeps before it folds them into its own state. An
   * HBee's partial aggregate has each group once, so folding it into a state of its own costs a
   * hash table as large as the batches and a second hash pass at commit: a high-cardinality
   * aggregate (2 M distinct titles from 8 HBees: ~15 MB a stream) merged 1.6x faster once its
   * streams fitted here. The query keeps all of its attempts' batches to a quarter of its memory
   * limit ({@link MemoryBudget#mayBuffer}), however many streams it has.
   */
  static final long BUFFER_BYTES = 64L << 20;

  private final Supplier<MergeState> newState;
  private final ArrayDeque<Batch> buffered = new ArrayDeque<>();
  private long bufferedBytes;
  private MergeState state;
  private long rows;
  private long bytes;
  private long heldBytes;

  /**
   * @param newState makes the attempt's own state, when its batches outgrow the buffer
   */
  AttemptState(Supplier<MergeState> newState) {
    this.newState = requireNonNull(newState, "newState is null");
  }

  /**
   * Takes {@code batch} (ownership passes to the attempt) and returns by how many bytes the attempt
   * grew (negative when it shrank).
   *
   * @param mayBuffer false when the query holds too many buffered bytes already: the batch is
   *     folded into the attempt's own state
   */
  long add(Batch batch, boolean mayBuffer) {
    rows += batch.rowCount();
    bytes += batch.sizeInBytes();
    if (state == null && mayBuffer && bufferedBytes + batch.sizeInBytes() <= BUFFER_BYTES) {
      buffered.add(batch);
      bufferedBytes += batch.sizeInBytes();
    } else {
      if (state == null) {
        state = newState.get();
      }
      foldBuffered(state);
      state.add(batch);
    }
    long now = bufferedBytes + (state == null ? 0 : state.memoryBytes());
    long growth = now - heldBytes;
    heldBytes = now;
    return growth;
  }

  /**
   * Hands everything to {@code target} (the query's state): the attempt's own state is absorbed,
   * buffered batches are folded in. Afterwards the attempt holds nothing.
   */
  void commitInto(MergeState target) {
    if (state != null) {
      MergeState own = state;
      state = null;
      target.absorb(own);
    }
    foldBuffered(target);
    heldBytes = 0;
  }

  private void foldBuffered(MergeState target) {
    while (!buffered.isEmpty()) {
      Batch next = buffered.poll();
      bufferedBytes -= next.sizeInBytes();
      target.add(next);
    }
  }

  /** Bytes the attempt held after the last {@link #add}. */
  long heldBytes() {
    return heldBytes;
  }

  /** Bytes of batches kept as received. */
  long bufferedBytes() {
    return bufferedBytes;
  }

  long rows() {
    return rows;
  }

  long bytes() {
    return bytes;
  }

  @Override
  public void close() {
    while (!buffered.isEmpty()) {
      buffered.poll().close();
    }
    bufferedBytes = 0;
    if (state != null) {
      state.close();
      state = null;
    }
  }
}
