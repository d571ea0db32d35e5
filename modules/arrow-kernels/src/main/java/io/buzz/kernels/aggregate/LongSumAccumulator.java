package io.buzz.kernels.aggregate;

import io.buzz.kernels.KernelException;
import io.buzz.kernels.batch.ColumnType;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * SUM of INT32 or INT64 into INT64: a {@code long} sum and a "seen a value" bit per group. State
 * and result are the sum, NULL for a group without values. Overflow, in update or merge, is a
 * {@link KernelException} of kind ARITHMETIC.
 */
final class LongSumAccumulator implements GroupsAccumulator {
  private final String label;
  private long[] sums = new long[0];
  private long[] seen = new long[0];

  LongSumAccumulator(String label) {
    this.label = label;
  }

  @Override
  public void ensureGroups(int groups) {
    if (sums.length < groups) {
      sums = Arrays.copyOf(sums, GroupBits.grownCapacity(sums.length, groups));
    }
    seen = GroupBits.ensure(seen, groups);
  }

  @Override
  public void update(DenseColumn values, int[] groupIds, int n) {
    add(values, groupIds, n);
  }

  @Override
  public void updateGlobal(DenseColumn values, int[] groupIds, int n) {
    long sum = sums[0];
    long[] v = values.longs;
    boolean[] nulls = values.hasNulls ? values.nulls : null;
    boolean any = false;
    try {
      for (int i = 0; i < n; i++) {
        if (nulls == null || !nulls[i]) {
          sum = Math.addExact(sum, v[i]);
          any = true;
        }
      }
    } catch (ArithmeticException e) {
      throw new KernelException(KernelException.Kind.ARITHMETIC, label + " overflows INT64", e);
    }
    sums[0] = sum;
    if (any) {
      seen[0] |= 1L;
    }
  }

  @Override
  public void merge(DenseColumn[] states, int[] groupIds, int n) {
    add(states[0], groupIds, n);
  }

  private void add(DenseColumn values, int[] groupIds, int n) {
    long[] s = sums;
    long[] bits = seen;
    long[] v = values.longs;
    try {
      if (!values.hasNulls) {
        for (int i = 0; i < n; i++) {
          int g = groupIds[i];
          s[g] = Math.addExact(s[g], v[i]);
          bits[g >>> 6] |= 1L << g;
        }
      } else {
        boolean[] nulls = values.nulls;
        for (int i = 0; i < n; i++) {
          if (!nulls[i]) {
            int g = groupIds[i];
            s[g] = Math.addExact(s[g], v[i]);
            bits[g >>> 6] |= 1L << g;
          }
        }
      }
    } catch (ArithmeticException e) {
      throw new KernelException(KernelException.Kind.ARITHMETIC, label + " overflows INT64", e);
    }
  }

  @Override
  public void emitState(
      int from, int to, List<Field> fields, BufferAllocator allocator, List<FieldVector> out) {
    out.add(emitFinal(from, to, fields.get(0), allocator));
  }

  @Override
  public FieldVector emitFinal(int from, int to, Field field, BufferAllocator allocator) {
    return StateVectors.fromLongs(field, ColumnType.INT64, sums, seen, from, to, allocator);
  }

  @Override
  public long memoryBytes() {
    return 8L * (sums.length + seen.length);
  }

  @Override
  public void release() {
    sums = new long[0];
    seen = new long[0];
  }
}
