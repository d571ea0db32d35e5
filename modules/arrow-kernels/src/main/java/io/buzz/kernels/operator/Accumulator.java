package io.buzz.kernels.operator;

import io.buzz.kernels.batch.Batch;
import java.util.List;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * An operator that must see all of its input before it can emit: hash aggregation, sort, top-N,
 * limit, collect. Two accumulators of the same configuration can be merged, which is how the HComb
 * commits one task attempt's state into the query's state (exactly once, see design.md).
 *
 * <p>Call order: {@link #add} any number of times and {@link #absorb} any number of times, in any
 * interleaving, then {@link #finish} once, then {@link #close}. Runs on the calling thread; not
 * thread-safe. Buffers come from the allocator given at construction, so its limit bounds the
 * state.
 */
public interface Accumulator extends AutoCloseable {
  /** The schema of the batches {@link #finish} returns. */
  Schema outputSchema();

  /** Folds a batch into the state. Takes ownership of {@code input}. */
  void add(Batch input);

  /**
   * Moves the state of {@code other}, an accumulator built from the same configuration, into this
   * one. {@code other} is closed afterwards.
   *
   * @throws IllegalArgumentException when {@code other} is not of the same kind and configuration
   */
  void absorb(Accumulator other);

  /** True when further input cannot change the output (a satisfied LIMIT); callers may stop. */
  default boolean isSaturated() {
    return false;
  }

  /**
   * Output that may leave before {@link #finish}, owned by the caller; none by default. Only an
   * accumulator whose output is merged again downstream (a PARTIAL aggregate) returns any. Callers
   * ask after each {@link #add}.
   */
  default List<Batch> drainReady() {
    return List.of();
  }

  /** Emits the result, owned by the caller. The accumulator holds nothing afterwards. */
  List<Batch> finish();

  /** Bytes held by the state (Arrow buffers and Java arrays), for limits and metrics. */
  long memoryBytes();

  @Override
  void close();
}
