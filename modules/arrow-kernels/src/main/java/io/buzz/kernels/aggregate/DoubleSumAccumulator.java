package io.buzz.kernels.aggregate;

import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * SUM of FLOAT64: a {@code double} sum (IEEE 754, no overflow error) and a "seen a value" bit per
 * group. State and result are the sum, NULL for a group without values.
 */
final class DoubleSumAccumulator implements GroupsAccumulator {
  private double[] sums = new double[0];
  private long[] seen = new long[0];

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
    double sum = sums[0];
    double[] v = values.doubles;
    boolean any = false;
    if (!values.hasNulls) {
      for (int i = 0; i < n; i++) {
        sum += v[i];
      }
      any = n > 0;
    } else {
      boolean[] nulls = values.nulls;
      for (int i = 0; i < n; i++) {
        if (!nulls[i]) {
          sum += v[i];
          any = true;
        }
      }
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
    double[] s = sums;
    long[] bits = seen;
    double[] v = values.doubles;
    if (!values.hasNulls) {
      for (int i = 0; i < n; i++) {
        int g = groupIds[i];
        s[g] += v[i];
        bits[g >>> 6] |= 1L << g;
      }
    } else {
      boolean[] nulls = values.nulls;
      for (int i = 0; i < n; i++) {
        if (!nulls[i]) {
          int g = groupIds[i];
          s[g] += v[i];
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
    return StateVectors.fromDoubles(field, sums, seen, from, to, allocator);
  }

  @Override
  public long memoryBytes() {
    return 8L * (sums.length + seen.length);
  }

  @Override
  public void release() {
    sums = new double[0];
    seen = new long[0];
  }
}
