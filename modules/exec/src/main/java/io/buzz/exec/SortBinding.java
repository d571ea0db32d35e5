package io.buzz.exec;

import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import io.buzz.kernels.operator.Accumulator;
import io.buzz.protocol.plan.Sort;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Binds the plan's Sort to the kernels' sort. The kernels (package io.buzz.kernels.sort) are not on
 * this branch yet, so plans with a Sort are validated but refused at run time with UNSUPPORTED.
 */
final class SortBinding {
  private SortBinding() {}

  static Accumulator accumulator(Sort sort, Schema input, BufferAllocator allocator) {
    throw new BuzzException(ErrorCode.UNSUPPORTED, "Sort: the sort kernels are not available yet");
  }
}
