package io.buzz.kernels.aggregate;

import io.buzz.kernels.batch.Decimal128;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * MIN or MAX of DECIMAL128 of more than 18 digits (narrower decimals fit a long and use {@link
 * LongMinMaxAccumulator}): the extreme unscaled value per group, compared signed high word first,
 * then unsigned low word. All values have the argument's scale, so nothing is rescaled. State and
 * result are the extreme value in the argument's type, NULL for a group without values.
 *
 * <p>New groups start at the identity of the operation (the largest 128-bit value for MIN), so the
 * first value always replaces it.
 */
final class DecimalMinMaxAccumulator extends DecimalAccumulator {
  private final boolean max;

  DecimalMinMaxAccumulator(boolean max) {
    super(max ? Long.MIN_VALUE : Long.MAX_VALUE, max ? 0 : -1);
    this.max = max;
  }

  @Override
  public void update(DenseColumn input, int[] groupIds, int n) {
    fold(input, groupIds, n);
  }

  @Override
  public void merge(DenseColumn[] states, int[] groupIds, int n) {
    fold(states[0], groupIds, n);
  }

  private void fold(DenseColumn input, int[] groupIds, int n) {
    long[] h = highs;
    long[] l = lows;
    long[] vh = input.highs;
    long[] vl = input.longs;
    boolean hasNulls = input.hasNulls;
    boolean[] nulls = input.nulls;
    // MAX replaces the state by a greater value, MIN by a smaller one.
    int direction = max ? 1 : -1;
    for (int i = 0; i < n; i++) {
      int g = groupIds[i];
      boolean isNull = hasNulls && nulls[i];
      if (!isNull && direction * Decimal128.compare(vh[i], vl[i], h[g], l[g]) > 0) {
        h[g] = vh[i];
        l[g] = vl[i];
      }
    }
    markSeen(input, groupIds, n);
  }

  @Override
  public FieldVector emitFinal(int from, int to, Field field, BufferAllocator allocator) {
    return emitValues(field, from, to, allocator);
  }
}
