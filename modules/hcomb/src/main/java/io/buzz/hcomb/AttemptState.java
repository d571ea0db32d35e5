package io.buzz.hcomb;

import static java.util.Objects.requireNonNull;

import io.buzz.exec.MergeState;
import io.buzz.kernels.batch.Batch;

/**
 * The partial state of one task attempt on the HComb: the batches of its stream folded so far, and
 * how many rows and bytes they were.
 *
 * <p>Threads and ownership: created, used and closed only on its query's serial executor. It owns
 * its {@link MergeState}; a commit hands the state to the query's state ({@link MergeState#absorb}
 * closes it), a discard closes it.
 */
final class AttemptState implements AutoCloseable {
  private final MergeState state;
  private long rows;
  private long bytes;
  private long stateBytes;

  AttemptState(MergeState state) {
    this.state = requireNonNull(state, "state is null");
  }

  /**
   * Folds {@code batch} (ownership passes to the state) and returns by how many bytes the state
   * grew (negative when it shrank).
   */
  long add(Batch batch) {
    rows += batch.rowCount();
    bytes += batch.sizeInBytes();
    state.add(batch);
    long now = state.memoryBytes();
    long growth = now - stateBytes;
    stateBytes = now;
    return growth;
  }

  MergeState state() {
    return state;
  }

  /** Bytes the state held after the last {@link #add}. */
  long stateBytes() {
    return stateBytes;
  }

  long rows() {
    return rows;
  }

  long bytes() {
    return bytes;
  }

  @Override
  public void close() {
    state.close();
  }
}
