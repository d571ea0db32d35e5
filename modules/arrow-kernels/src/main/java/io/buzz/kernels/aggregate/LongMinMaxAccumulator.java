package io.buzz.kernels.aggregate;

import io.buzz.kernels.batch.ColumnType;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * MIN or MAX of every fixed-width type whose values fit a long: BOOL (false &lt; true), INT32,
 * INT64, DATE32, TIMESTAMP_MICROS, TIME_MICROS, FLOAT64, FLOAT32 and DECIMAL128 of at most 18
 * digits (its unscaled value, the low word; {@link DecimalMinMaxAccumulator} takes wider decimals).
 * The state is a {@code long} per group plus a "seen a value" bit; state and result are the extreme
 * value, NULL for a group without values.
 *
 * <p>FLOAT64 and FLOAT32 values (as doubles) are held in an order-preserving encoding ({@link
 * #sortableBits}), which orders {@code -0.0} before {@code 0.0} and NaN after {@code +Infinity},
 * like the sort. New groups start at the identity of the operation (the largest long for MIN), so
 * the update loop is branch-free: {@code state[g] = min(state[g], v)}.
 */
final class LongMinMaxAccumulator implements GroupsAccumulator {
  private final ColumnType type;
  private final boolean max;
  private final long identity;
  private long[] values = new long[0];
  private long[] seen = new long[0];
  private long[] scratch = new long[0];

  LongMinMaxAccumulator(ColumnType type, boolean max) {
    this.type = type;
    this.max = max;
    this.identity = max ? Long.MIN_VALUE : Long.MAX_VALUE;
  }

  /** An encoding of a double whose signed {@code long} order is the total order of doubles. */
  static long sortableBits(double value) {
    long bits = Double.doubleToLongBits(value);
    return bits ^ ((bits >> 63) & Long.MAX_VALUE);
  }

  /** The inverse of {@link #sortableBits}, as raw double bits. */
  static long rawBits(long sortable) {
    return sortable ^ ((sortable >> 63) & Long.MAX_VALUE);
  }

  @Override
  public void ensureGroups(int groups) {
    if (values.length < groups) {
      int old = values.length;
      values = Arrays.copyOf(values, GroupBits.grownCapacity(old, groups));
      Arrays.fill(values, old, values.length, identity);
    }
    seen = GroupBits.ensure(seen, groups);
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
    long[] v = input.longs;
    if (type.isFloatingPoint()) {
      if (scratch.length < n) {
        scratch = new long[Math.max(n, 1024)];
      }
      v = scratch;
      double[] doubles = input.doubles;
      for (int i = 0; i < n; i++) {
        v[i] = sortableBits(doubles[i]);
      }
    }
    long[] state = values;
    long[] bits = seen;
    if (!input.hasNulls) {
      if (max) {
        for (int i = 0; i < n; i++) {
          int g = groupIds[i];
          state[g] = Math.max(state[g], v[i]);
          bits[g >>> 6] |= 1L << g;
        }
      } else {
        for (int i = 0; i < n; i++) {
          int g = groupIds[i];
          state[g] = Math.min(state[g], v[i]);
          bits[g >>> 6] |= 1L << g;
        }
      }
    } else {
      boolean[] nulls = input.nulls;
      for (int i = 0; i < n; i++) {
        if (!nulls[i]) {
          int g = groupIds[i];
          state[g] = max ? Math.max(state[g], v[i]) : Math.min(state[g], v[i]);
          bits[g >>> 6] |= 1L << g;
        }
      }
    }
  }

  @Override
  public void emitState(
      int from, int to, List<Field> fields, BufferAllocator allocator, List<FieldVector> out) {
    out.add(emitFinal(from, to, fields.get(0), allocator));
  }

  @Override
  public FieldVector emitFinal(int from, int to, Field field, BufferAllocator allocator) {
    if (!type.isFloatingPoint()) {
      return StateVectors.fromLongs(field, type, values, seen, from, to, allocator);
    }
    long[] raw = new long[to - from];
    long[] valid = new long[(to - from + 63) >>> 6];
    for (int g = from; g < to; g++) {
      raw[g - from] = rawBits(values[g]);
      if (GroupBits.get(seen, g)) {
        GroupBits.set(valid, g - from);
      }
    }
    return StateVectors.fromLongs(field, type, raw, valid, 0, to - from, allocator);
  }

  @Override
  public long memoryBytes() {
    return 8L * (values.length + seen.length + scratch.length);
  }

  @Override
  public void release() {
    values = new long[0];
    seen = new long[0];
    scratch = new long[0];
  }
}
