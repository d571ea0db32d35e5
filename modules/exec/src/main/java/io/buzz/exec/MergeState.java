package io.buzz.exec;

import io.buzz.kernels.batch.Batch;

/**
 * The HComb's reduce state for one task attempt or for the whole query, created by {@link
 * HCombMerge#newState}. An attempt's stream is folded into its own state batch by batch; when the
 * stream ends cleanly and the task has not committed yet, the attempt's state is absorbed into the
 * query's state (exactly once, see design.md); at the end {@link HCombMerge#finish} turns the query
 * state into the result.
 *
 * <pre>
 *   attempt stream ─add─▶ attempt state ─(stream ended cleanly, first commit)─absorb─▶ query state
 *   attempt stream ─add─▶ attempt state ─(failed or duplicate)─▶ close
 * </pre>
 *
 * <p>Buffers come from the allocator the state was created with, so its limit bounds the state. Not
 * thread-safe: one thread (or event-loop context) at a time.
 */
public interface MergeState extends AutoCloseable {
  /** Folds one batch of the HComb plan's input schema into the state; takes ownership of it. */
  void add(Batch batch);

  /**
   * Moves {@code attempt}'s state into this one; {@code attempt} is closed afterwards.
   *
   * @throws IllegalArgumentException when {@code attempt} comes from another {@link HCombMerge}
   */
  void absorb(MergeState attempt);

  /** Bytes held by the state. */
  long memoryBytes();

  /** True when more input cannot change the result (a satisfied LIMIT): stop feeding it. */
  boolean isSaturated();

  /** Releases the state's buffers. Idempotent. */
  @Override
  void close();
}
