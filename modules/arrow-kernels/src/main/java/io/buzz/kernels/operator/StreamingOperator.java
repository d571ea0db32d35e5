package io.buzz.kernels.operator;

import io.buzz.kernels.batch.Batch;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * An operator that turns each input batch into one output batch without looking at other batches
 * (filter, project). Runs on the calling thread; not thread-safe.
 */
public interface StreamingOperator extends AutoCloseable {
  Schema outputSchema();

  /**
   * Transforms one batch. Takes ownership of {@code input}; the returned batch (possibly of zero
   * rows) is owned by the caller.
   */
  Batch apply(Batch input);

  /** Releases buffers the operator keeps between batches, if any. */
  @Override
  default void close() {}
}
