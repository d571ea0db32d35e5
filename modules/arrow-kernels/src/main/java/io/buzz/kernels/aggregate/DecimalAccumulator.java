package io.buzz.kernels.aggregate;

import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * The state the DECIMAL128 accumulators share: a 128-bit unscaled value per group as two words,
 * {@code highs[g]} (signed) and {@code lows[g]} (unsigned), and a "seen a value" bit. Subclasses'
 * hot loops read and write the arrays directly; new groups start at the value given at
 * construction. The state column is that value, NULL for a group without values.
 */
abstract sealed class DecimalAccumulator implements GroupsAccumulator
    permits DecimalSumAccumulator, DecimalMinMaxAccumulator {
  private final long initialHigh;
  private final long initialLow;
  long[] highs = new long[0];
  long[] lows = new long[0];
  long[] seen = new long[0];

  DecimalAccumulator(long initialHigh, long initialLow) {
    this.initialHigh = initialHigh;
    this.initialLow = initialLow;
  }

  @Override
  public final void ensureGroups(int groups) {
    if (highs.length < groups) {
      int old = highs.length;
      int capacity = GroupBits.grownCapacity(old, groups);
      highs = Arrays.copyOf(highs, capacity);
      lows = Arrays.copyOf(lows, capacity);
      Arrays.fill(highs, old, capacity, initialHigh);
      Arrays.fill(lows, old, capacity, initialLow);
    }
    seen = GroupBits.ensure(seen, groups);
  }

  /** Marks the groups of the non-NULL rows among the first {@code n} of {@code values}. */
  final void markSeen(DenseColumn values, int[] groupIds, int n) {
    long[] bits = seen;
    if (!values.hasNulls) {
      for (int i = 0; i < n; i++) {
        int g = groupIds[i];
        bits[g >>> 6] |= 1L << g;
      }
    } else {
      boolean[] nulls = values.nulls;
      for (int i = 0; i < n; i++) {
        if (!nulls[i]) {
          int g = groupIds[i];
          bits[g >>> 6] |= 1L << g;
        }
      }
    }
  }

  /** The values of groups {@code [from, to)}, NULL where no value was seen. */
  final FieldVector emitValues(Field field, int from, int to, BufferAllocator allocator) {
    return StateVectors.fromDecimals(field, highs, lows, seen, from, to, allocator);
  }

  @Override
  public final void emitState(
      int from, int to, List<Field> fields, BufferAllocator allocator, List<FieldVector> out) {
    out.add(emitValues(fields.get(0), from, to, allocator));
  }

  @Override
  public final long memoryBytes() {
    return 8L * (highs.length + lows.length + seen.length);
  }

  @Override
  public final void release() {
    highs = new long[0];
    lows = new long[0];
    seen = new long[0];
  }
}
