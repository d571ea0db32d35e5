package io.buzz.exec;

import io.buzz.kernels.sort.SortKey;
import io.buzz.kernels.sort.SortOperator;
import io.buzz.protocol.plan.Sort;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Binds the plan's {@link Sort} to the kernels' {@link SortOperator}: keys map one to one, and a
 * fetch makes it a top-N keeping rows {@code [offset, offset + fetch)}.
 */
final class SortBinding {
  private SortBinding() {}

  /** A new sort over batches of {@code input}, allocating from {@code allocator}. */
  static SortOperator accumulator(Sort sort, Schema input, BufferAllocator allocator) {
    List<SortKey> keys = new ArrayList<>(sort.getKeysCount());
    for (io.buzz.protocol.plan.SortKey key : sort.getKeysList()) {
      keys.add(new SortKey(key.getColumn(), key.getDescending(), key.getNullsFirst()));
    }
    OptionalLong fetch = sort.hasFetch() ? OptionalLong.of(sort.getFetch()) : OptionalLong.empty();
    return new SortOperator(input, keys, sort.getOffset(), fetch, allocator);
  }
}
