package io.buzz.exec;

import static java.util.Objects.requireNonNull;

import io.buzz.kernels.batch.Batch;
import io.buzz.kernels.operator.Accumulator;
import java.util.List;

/**
 * A {@link MergeState} holding the accumulator of an HComb plan's merge operator (final
 * aggregation, top-N, limit, or collect). Kernel failures surface as {@link
 * io.buzz.error.BuzzException}s mapped by {@link ExecErrors}.
 */
final class AccumulatorMergeState implements MergeState {
  private final HCombMerge owner;
  private final Accumulator accumulator;
  private boolean closed;

  AccumulatorMergeState(HCombMerge owner, Accumulator accumulator) {
    this.owner = requireNonNull(owner, "owner is null");
    this.accumulator = requireNonNull(accumulator, "accumulator is null");
  }

  @Override
  public void add(Batch batch) {
    requireNonNull(batch, "batch is null");
    if (closed) {
      batch.close();
      throw new IllegalStateException("merge state is closed");
    }
    try {
      accumulator.add(batch);
    } catch (RuntimeException e) {
      throw ExecErrors.toBuzz(e);
    }
  }

  @Override
  public void absorb(MergeState attempt) {
    if (!(attempt instanceof AccumulatorMergeState that) || that.owner != owner || that == this) {
      throw new IllegalArgumentException("cannot absorb " + attempt + " into " + this);
    }
    if (closed || that.closed) {
      throw new IllegalStateException("merge state is closed");
    }
    that.closed = true;
    try {
      accumulator.absorb(that.accumulator);
    } catch (RuntimeException e) {
      that.accumulator.close();
      throw ExecErrors.toBuzz(e);
    }
  }

  @Override
  public long memoryBytes() {
    return closed ? 0 : accumulator.memoryBytes();
  }

  @Override
  public boolean isSaturated() {
    return !closed && accumulator.isSaturated();
  }

  /** The merge operator's result; the state holds nothing afterwards. */
  List<Batch> finishAccumulator() {
    if (closed) {
      throw new IllegalStateException("merge state is closed");
    }
    return accumulator.finish();
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      accumulator.close();
    }
  }

  @Override
  public String toString() {
    return "MergeState{" + accumulator + (closed ? ", closed" : "") + "}";
  }
}
