package io.buzz.kernels.aggregate;

import io.buzz.kernels.KernelException;
import io.buzz.kernels.batch.ColumnType;
import io.buzz.kernels.batch.Decimal128;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * AVG of INT32, INT64, FLOAT32, FLOAT64 or DECIMAL128 (each value converted to the nearest double,
 * as DuckDB's AVG of a decimal is a DOUBLE): a {@code double} sum and a {@code long} count per
 * group. State: {@code sum FLOAT64} (NULL when the count is 0) and {@code count INT64}; result:
 * {@code sum / count}, NULL when the count is 0. Merging reads a NULL sum as 0 and a NULL count as
 * 0.
 */
final class AvgAccumulator implements GroupsAccumulator {
  private final boolean integerInput;

  /** The scale of a DECIMAL128 argument; -1 for every other type. */
  private final int decimalScale;

  private double[] sums = new double[0];
  private long[] counts = new long[0];

  AvgAccumulator(ArrowType argument) {
    ColumnType type = ColumnType.of(argument);
    this.integerInput =
        switch (type) {
          case INT32, INT64 -> true;
          case FLOAT32, FLOAT64, DECIMAL128 -> false;
          case BOOL, UTF8, VARBINARY, DATE32, TIMESTAMP_MICROS, TIME_MICROS ->
              throw new KernelException(KernelException.Kind.INTERNAL, "AVG of " + argument);
        };
    this.decimalScale = type == ColumnType.DECIMAL128 ? Decimal128.scale(argument) : -1;
  }

  @Override
  public void ensureGroups(int groups) {
    if (sums.length < groups) {
      int capacity = GroupBits.grownCapacity(sums.length, groups);
      sums = Arrays.copyOf(sums, capacity);
      counts = Arrays.copyOf(counts, capacity);
    }
  }

  @Override
  public void update(DenseColumn values, int[] groupIds, int n) {
    double[] s = sums;
    long[] c = counts;
    boolean[] nulls = values.nulls;
    boolean hasNulls = values.hasNulls;
    if (decimalScale >= 0) {
      long[] lows = values.longs;
      long[] highs = values.highs;
      for (int i = 0; i < n; i++) {
        if (!hasNulls || !nulls[i]) {
          int g = groupIds[i];
          s[g] += Decimal128.toDouble(highs[i], lows[i], decimalScale);
          c[g]++;
        }
      }
    } else if (integerInput) {
      long[] v = values.longs;
      if (!hasNulls) {
        for (int i = 0; i < n; i++) {
          int g = groupIds[i];
          s[g] += v[i];
          c[g]++;
        }
      } else {
        for (int i = 0; i < n; i++) {
          if (!nulls[i]) {
            int g = groupIds[i];
            s[g] += v[i];
            c[g]++;
          }
        }
      }
    } else {
      double[] v = values.doubles;
      if (!hasNulls) {
        for (int i = 0; i < n; i++) {
          int g = groupIds[i];
          s[g] += v[i];
          c[g]++;
        }
      } else {
        for (int i = 0; i < n; i++) {
          if (!nulls[i]) {
            int g = groupIds[i];
            s[g] += v[i];
            c[g]++;
          }
        }
      }
    }
  }

  @Override
  public void merge(DenseColumn[] states, int[] groupIds, int n) {
    DenseColumn sumState = states[0];
    DenseColumn countState = states[1];
    double[] s = sums;
    long[] c = counts;
    double[] partialSums = sumState.doubles;
    long[] partialCounts = countState.longs;
    // One loop serves both paths: the gatherer zeroes NULL values, so a NULL sum or count adds 0.
    for (int i = 0; i < n; i++) {
      int g = groupIds[i];
      s[g] += partialSums[i];
      c[g] += partialCounts[i];
    }
  }

  @Override
  public void emitState(
      int from, int to, List<Field> fields, BufferAllocator allocator, List<FieldVector> out) {
    int count = to - from;
    Float8Vector sumVector = (Float8Vector) fields.get(0).createVector(allocator);
    try {
      sumVector.allocateNew(count);
      for (int g = from; g < to; g++) {
        if (counts[g] != 0) {
          sumVector.set(g - from, sums[g]);
        }
      }
      sumVector.setValueCount(count);
      out.add(sumVector);
    } catch (RuntimeException e) {
      sumVector.close();
      throw e;
    }
    BigIntVector countVector = (BigIntVector) fields.get(1).createVector(allocator);
    try {
      countVector.allocateNew(count);
      for (int g = from; g < to; g++) {
        countVector.set(g - from, counts[g]);
      }
      countVector.setValueCount(count);
      out.add(countVector);
    } catch (RuntimeException e) {
      countVector.close();
      throw e;
    }
  }

  @Override
  public FieldVector emitFinal(int from, int to, Field field, BufferAllocator allocator) {
    int count = to - from;
    Float8Vector vector = (Float8Vector) field.createVector(allocator);
    try {
      vector.allocateNew(count);
      for (int g = from; g < to; g++) {
        if (counts[g] != 0) {
          vector.set(g - from, sums[g] / counts[g]);
        }
      }
      vector.setValueCount(count);
      return vector;
    } catch (RuntimeException e) {
      vector.close();
      throw e;
    }
  }

  @Override
  public long memoryBytes() {
    return 8L * (sums.length + counts.length);
  }

  @Override
  public void release() {
    sums = new double[0];
    counts = new long[0];
  }
}
