package io.buzz.kernels.aggregate;

import io.buzz.kernels.KernelException;
import io.buzz.kernels.batch.ColumnType;
import io.buzz.kernels.batch.Decimal128;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * {@code COUNT}, {@code SUM} or {@code AVG} of the distinct non-NULL values of a group: the state
 * is the set of those values ({@link DistinctValues}), merged across partial states by union, and
 * the final value is computed from the set. Floating-point values are distinct as SQL compares
 * them: {@code -0.0} equals {@code 0.0}, every NaN equals every other.
 */
final class DistinctAccumulator implements GroupsAccumulator {
  private final AggregateFunction function;
  private final ColumnType type;
  private final String label;
  private final int decimalScale;
  private final DistinctValues values;

  /** Scratch: floating-point values as the bits they are kept by. */
  private long[] normalized = new long[0];

  DistinctAccumulator(AggregateFunction function, ArrowType argument, String label) {
    this.function = function;
    this.type = ColumnType.of(argument);
    this.label = label;
    this.decimalScale = type == ColumnType.DECIMAL128 ? Decimal128.scale(argument) : -1;
    boolean wide = type == ColumnType.DECIMAL128 && !Decimal128.fitsLong(argument);
    this.values = new DistinctValues(type.isVariableWidth(), wide);
  }

  @Override
  public void ensureGroups(int groups) {
    values.ensureGroups(groups);
  }

  @Override
  public void update(DenseColumn input, int[] groupIds, int n) {
    boolean[] nulls = input.hasNulls ? input.nulls : null;
    switch (type) {
      case UTF8, VARBINARY -> values.addAll(groupIds, input.bytes, input.offsets, nulls, n);
      case FLOAT32, FLOAT64 -> {
        if (normalized.length < n) {
          normalized = new long[Math.max(n, 1024)];
        }
        double[] doubles = input.doubles;
        for (int i = 0; i < n; i++) {
          normalized[i] = KeyHashing.normalizedBits(doubles[i]);
        }
        values.addAll(groupIds, null, normalized, nulls, n);
      }
      case DECIMAL128 -> values.addAll(groupIds, input.highs, input.longs, nulls, n);
      case BOOL, INT32, INT64, DATE32, TIMESTAMP_MICROS, TIME_MICROS ->
          values.addAll(groupIds, null, input.longs, nulls, n);
    }
  }

  @Override
  public void merge(DenseColumn[] states, int[] groupIds, int n) {
    DenseColumn state = states[0];
    for (int i = 0; i < n; i++) {
      if (!(state.hasNulls && state.nulls[i])) {
        values.addEncoded(groupIds[i], state.bytes, state.offsets[i], state.offsets[i + 1]);
      }
    }
  }

  @Override
  public void emitState(
      int from, int to, List<Field> fields, BufferAllocator allocator, List<FieldVector> out) {
    int count = to - from;
    int[] starts = new int[count + 1];
    long total = 0;
    for (int g = from; g < to; g++) {
      total += values.encodedSize(g);
      if (total > Integer.MAX_VALUE - 16) {
        throw new KernelException(
            KernelException.Kind.LIMIT_EXCEEDED,
            label + ": more than 2 GiB of distinct values in one output batch");
      }
      starts[g - from + 1] = (int) total;
    }
    byte[] data = new byte[(int) total];
    for (int g = from; g < to; g++) {
      values.encode(g, data, starts[g - from]);
    }
    out.add(StateVectors.fromContiguous(fields.get(0), data, starts, -1, 0, count, allocator));
  }

  @Override
  public FieldVector emitFinal(int from, int to, Field field, BufferAllocator allocator) {
    int count = to - from;
    if (function == AggregateFunction.COUNT) {
      long[] counts = new long[count];
      for (int g = from; g < to; g++) {
        counts[g - from] = values.count(g);
      }
      return StateVectors.fromLongs(field, ColumnType.INT64, counts, null, 0, count, allocator);
    }
    long[] valid = GroupBits.ensure(new long[0], count);
    for (int g = from; g < to; g++) {
      if (values.count(g) > 0) {
        GroupBits.set(valid, g - from);
      }
    }
    if (function == AggregateFunction.AVG) {
      double[] means = new double[count];
      for (int g = from; g < to; g++) {
        means[g - from] = values.count(g) == 0 ? 0 : mean(g);
      }
      return StateVectors.fromDoubles(field, means, valid, 0, count, allocator);
    }
    return switch (type) {
      case FLOAT32, FLOAT64 -> {
        double[] sums = new double[count];
        for (int g = from; g < to; g++) {
          sums[g - from] = doubleSum(g);
        }
        yield StateVectors.fromDoubles(field, sums, valid, 0, count, allocator);
      }
      case DECIMAL128 -> {
        long[] highs = new long[count];
        long[] lows = new long[count];
        for (int g = from; g < to; g++) {
          BigInteger sum = exactSum(g);
          if (!Decimal128.fits(sum, ColumnType.MAX_DECIMAL_PRECISION)) {
            throw Decimal128.overflow(label, ColumnType.MAX_DECIMAL_PRECISION, decimalScale);
          }
          highs[g - from] = Decimal128.high(sum);
          lows[g - from] = Decimal128.low(sum);
        }
        yield StateVectors.fromDecimals(field, highs, lows, valid, 0, count, allocator);
      }
      default -> {
        long[] sums = new long[count];
        for (int g = from; g < to; g++) {
          sums[g - from] = longSum(g);
        }
        yield StateVectors.fromLongs(field, ColumnType.INT64, sums, valid, 0, count, allocator);
      }
    };
  }

  private long longSum(int group) {
    long sum = 0;
    try {
      for (int e = values.first(group); e >= 0; e = values.next(e)) {
        sum = Math.addExact(sum, values.low(e));
      }
    } catch (ArithmeticException e) {
      throw new KernelException(KernelException.Kind.ARITHMETIC, label + " overflows INT64", e);
    }
    return sum;
  }

  private double doubleSum(int group) {
    double sum = 0;
    for (int e = values.first(group); e >= 0; e = values.next(e)) {
      sum += Double.longBitsToDouble(values.low(e));
    }
    return sum;
  }

  private BigInteger exactSum(int group) {
    BigInteger sum = BigInteger.ZERO;
    for (int e = values.first(group); e >= 0; e = values.next(e)) {
      sum = sum.add(Decimal128.toBigInteger(values.high(e), values.low(e)));
    }
    return sum;
  }

  /** The mean of a non-empty group: exact for integers and decimals, a double sum for floats. */
  private double mean(int group) {
    if (type.isFloatingPoint()) {
      return doubleSum(group) / values.count(group);
    }
    return new BigDecimal(exactSum(group), Math.max(decimalScale, 0))
        .divide(BigDecimal.valueOf(values.count(group)), MathContext.DECIMAL64)
        .doubleValue();
  }

  @Override
  public long memoryBytes() {
    return values.memoryBytes() + 8L * normalized.length;
  }

  @Override
  public void release() {
    values.clear();
    normalized = new long[0];
  }
}
