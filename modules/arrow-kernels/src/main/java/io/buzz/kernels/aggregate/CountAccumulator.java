package io.buzz.kernels.aggregate;

import io.buzz.kernels.batch.ColumnType;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.Field;

/** COUNT(*) and COUNT(x): a {@code long} count per group; state and result are that count. */
final class CountAccumulator implements GroupsAccumulator {
  private final boolean countStar;
  private long[] counts = new long[0];

  CountAccumulator(boolean countStar) {
    this.countStar = countStar;
  }

  @Override
  public void ensureGroups(int groups) {
    if (counts.length < groups) {
      counts = Arrays.copyOf(counts, GroupBits.grownCapacity(counts.length, groups));
    }
  }

  @Override
  public void update(DenseColumn values, int[] groupIds, int n) {
    long[] c = counts;
    if (countStar || !values.hasNulls) {
      for (int i = 0; i < n; i++) {
        c[groupIds[i]]++;
      }
    } else {
      boolean[] nulls = values.nulls;
      for (int i = 0; i < n; i++) {
        if (!nulls[i]) {
          c[groupIds[i]]++;
        }
      }
    }
  }

  @Override
  public void updateGlobal(DenseColumn values, int[] groupIds, int n) {
    long count = n;
    if (!countStar && values.hasNulls) {
      boolean[] nulls = values.nulls;
      for (int i = 0; i < n; i++) {
        count -= nulls[i] ? 1 : 0;
      }
    }
    counts[0] += count;
  }

  @Override
  public void merge(DenseColumn[] states, int[] groupIds, int n) {
    DenseColumn state = states[0];
    long[] c = counts;
    long[] partial = state.longs;
    if (!state.hasNulls) {
      for (int i = 0; i < n; i++) {
        c[groupIds[i]] += partial[i];
      }
    } else {
      boolean[] nulls = state.nulls;
      for (int i = 0; i < n; i++) {
        if (!nulls[i]) {
          c[groupIds[i]] += partial[i];
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
    return StateVectors.fromLongs(field, ColumnType.INT64, counts, null, from, to, allocator);
  }

  @Override
  public long memoryBytes() {
    return 8L * counts.length;
  }

  @Override
  public void release() {
    counts = new long[0];
  }
}
