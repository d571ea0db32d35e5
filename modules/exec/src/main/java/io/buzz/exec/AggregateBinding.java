package io.buzz.exec;

import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import io.buzz.kernels.operator.Accumulator;
import io.buzz.kernels.operator.FilterOperator;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Binds the plan's Aggregate to the kernels' hash aggregation. The kernels (package
 * io.buzz.kernels.aggregate) are not on this branch yet, so plans with an Aggregate are validated
 * but refused at run time with UNSUPPORTED.
 */
final class AggregateBinding {
  private AggregateBinding() {}

  static Accumulator accumulator(AggregateLayout layout, BufferAllocator allocator) {
    throw new BuzzException(
        ErrorCode.UNSUPPORTED, "Aggregate: the hash aggregation kernels are not available yet");
  }

  static PipelineStage.Blocking stage(
      AggregateLayout layout, Schema input, FilterOperator filter, BufferAllocator allocator) {
    return new PipelineStage.AccumulatorStage(accumulator(layout, allocator));
  }
}
