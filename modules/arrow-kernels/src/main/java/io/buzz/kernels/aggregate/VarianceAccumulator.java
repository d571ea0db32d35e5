package io.buzz.kernels.aggregate;

import io.buzz.kernels.KernelException;
import io.buzz.kernels.batch.ColumnType;
import io.buzz.kernels.batch.Decimal128;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * STDDEV_SAMP, STDDEV_POP, VAR_SAMP and VAR_POP of numeric input (decimals converted to the nearest
 * double, as DuckDB does), numerically stable: per group a count, the running mean and {@code m2},
 * the sum of squared differences from the mean, updated with Welford's method and merged with Chan
 * et al.'s pairwise formula — never {@code Σx² − (Σx)²/n}, which loses every digit when the spread
 * is small beside the values. State: {@code count INT64}, {@code mean FLOAT64} and {@code m2
 * FLOAT64} (both NULL when the count is 0). Result: {@code m2 / (count − 1)} (samples, NULL under
 * two values) or {@code m2 / count} (populations, NULL without a value), the square root for the
 * standard deviations.
 */
final class VarianceAccumulator implements GroupsAccumulator {
  private final AggregateFunction function;
  private final ColumnType type;
  private final int decimalScale;

  private long[] counts = new long[0];
  private double[] means = new double[0];
  private double[] m2s = new double[0];

  VarianceAccumulator(AggregateFunction function, ArrowType argument) {
    this.function = function;
    this.type = ColumnType.of(argument);
    switch (type) {
      case INT32, INT64, FLOAT32, FLOAT64, DECIMAL128 -> {}
      case BOOL, UTF8, VARBINARY, DATE32, TIMESTAMP_MICROS, TIME_MICROS ->
          throw new KernelException(KernelException.Kind.INTERNAL, function + " of " + argument);
    }
    this.decimalScale = type == ColumnType.DECIMAL128 ? Decimal128.scale(argument) : -1;
  }

  @Override
  public void ensureGroups(int groups) {
    if (counts.length < groups) {
      int capacity = GroupBits.grownCapacity(counts.length, groups);
      counts = Arrays.copyOf(counts, capacity);
      means = Arrays.copyOf(means, capacity);
      m2s = Arrays.copyOf(m2s, capacity);
    }
  }

  @Override
  public void update(DenseColumn values, int[] groupIds, int n) {
    boolean[] nulls = values.nulls;
    boolean hasNulls = values.hasNulls;
    for (int i = 0; i < n; i++) {
      if (hasNulls && nulls[i]) {
        continue;
      }
      double x = values.asDouble(i, decimalScale);
      int g = groupIds[i];
      long count = ++counts[g];
      double delta = x - means[g];
      means[g] += delta / count;
      m2s[g] += delta * (x - means[g]);
    }
  }

  @Override
  public void merge(DenseColumn[] states, int[] groupIds, int n) {
    long[] partialCounts = states[0].longs;
    double[] partialMeans = states[1].doubles;
    double[] partialM2s = states[2].doubles;
    for (int i = 0; i < n; i++) {
      long other = partialCounts[i];
      if (other == 0) {
        continue; // an empty partial (its mean and m2 are NULL, read as 0)
      }
      int g = groupIds[i];
      long mine = counts[g];
      long total = mine + other;
      double delta = partialMeans[i] - means[g];
      means[g] += delta * other / total;
      m2s[g] += partialM2s[i] + delta * delta * ((double) mine * other / total);
      counts[g] = total;
    }
  }

  @Override
  public void emitState(
      int from, int to, List<Field> fields, BufferAllocator allocator, List<FieldVector> out) {
    out.add(
        StateVectors.fromLongs(fields.get(0), ColumnType.INT64, counts, null, from, to, allocator));
    out.add(doubles(fields.get(1), from, to, 1, g -> means[g], allocator));
    out.add(doubles(fields.get(2), from, to, 1, g -> m2s[g], allocator));
  }

  @Override
  public FieldVector emitFinal(int from, int to, Field field, BufferAllocator allocator) {
    boolean sample =
        function == AggregateFunction.STDDEV_SAMP || function == AggregateFunction.VAR_SAMP;
    boolean root =
        function == AggregateFunction.STDDEV_SAMP || function == AggregateFunction.STDDEV_POP;
    return doubles(
        field,
        from,
        to,
        sample ? 2 : 1,
        g -> {
          // m2 is a sum of non-negative terms; rounding can leave it a hair below zero
          double variance = Math.max(0, m2s[g]) / (sample ? counts[g] - 1 : counts[g]);
          return root ? Math.sqrt(variance) : variance;
        },
        allocator);
  }

  /**
   * A FLOAT64 vector of {@code value(g)} for groups {@code [from, to)} with {@code least} values.
   */
  private FieldVector doubles(
      Field field,
      int from,
      int to,
      long least,
      java.util.function.IntToDoubleFunction value,
      BufferAllocator allocator) {
    int count = to - from;
    Float8Vector vector = (Float8Vector) field.createVector(allocator);
    try {
      vector.allocateNew(count);
      for (int g = from; g < to; g++) {
        if (counts[g] >= least) {
          vector.set(g - from, value.applyAsDouble(g));
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
    return 8L * (counts.length + means.length + m2s.length);
  }

  @Override
  public void release() {
    counts = new long[0];
    means = new double[0];
    m2s = new double[0];
  }
}
