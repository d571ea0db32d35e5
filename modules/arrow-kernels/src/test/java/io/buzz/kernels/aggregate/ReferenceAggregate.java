package io.buzz.kernels.aggregate;

import io.buzz.kernels.batch.ColumnType;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A deliberately simple aggregation over Java rows with java.util collections: the oracle the
 * vectorized operator is compared with. DISTINCT keeps the first of equal values (a HashSet);
 * FILTER keeps the rows whose filter column is TRUE. Keys are lists of Java values with FLOAT64 and
 * FLOAT32 {@code -0.0} normalised to {@code 0.0} (Double.equals and Float.equals already equate
 * NaNs).
 */
final class ReferenceAggregate {
  private ReferenceAggregate() {}

  /** Group key → final values of the calls, in call order. */
  static Map<List<Object>, Object[]> compute(AggregateSpec spec, List<Object[]> rows) {
    Map<List<Object>, List<Object[]>> groups = new LinkedHashMap<>();
    if (spec.groupCount() == 0) {
      groups.put(List.of(), new ArrayList<>());
    }
    for (Object[] row : rows) {
      List<Object> key = new ArrayList<>();
      for (int k = 0; k < spec.groupCount(); k++) {
        key.add(normalize(row[spec.groupColumn(k)]));
      }
      groups.computeIfAbsent(key, unused -> new ArrayList<>()).add(row);
    }
    Map<List<Object>, Object[]> result = new LinkedHashMap<>();
    ColumnType[] types = new ColumnType[spec.calls().size()];
    for (int c = 0; c < types.length; c++) {
      types[c] = spec.argumentType(c);
    }
    for (Map.Entry<List<Object>, List<Object[]>> group : groups.entrySet()) {
      Object[] values = new Object[spec.calls().size()];
      for (int c = 0; c < values.length; c++) {
        values[c] = evaluate(spec.calls().get(c), types[c], group.getValue());
      }
      result.put(group.getKey(), values);
    }
    return result;
  }

  static Object normalize(Object value) {
    if (value instanceof Double d && d == 0.0) {
      return 0.0;
    }
    if (value instanceof Float f && f == 0.0f) {
      return 0.0f;
    }
    return value;
  }

  private static Object evaluate(AggregateCall call, ColumnType type, List<Object[]> rows) {
    List<Object> values = new ArrayList<>();
    Set<Object> seen = new HashSet<>();
    for (Object[] row : rows) {
      if (call.filtered() && !Boolean.TRUE.equals(row[call.filter()])) {
        continue;
      }
      if (call.function() == AggregateFunction.COUNT_STAR) {
        values.add(Boolean.TRUE);
      } else if (row[call.argument()] != null) {
        Object value = row[call.argument()];
        Object identity = value instanceof byte[] bytes ? ByteBuffer.wrap(bytes) : normalize(value);
        boolean distinct =
            call.distinct() || call.function() == AggregateFunction.APPROX_COUNT_DISTINCT;
        if (!distinct || seen.add(identity)) {
          values.add(value);
        }
      }
    }
    return switch (call.function()) {
      case COUNT_STAR, COUNT, APPROX_COUNT_DISTINCT -> (long) values.size(); // exact
      case SUM -> values.isEmpty() ? null : sum(type, values);
      case MIN -> values.stream().min(TestRows.order(type)).orElse(null);
      case MAX -> values.stream().max(TestRows.order(type)).orElse(null);
      case AVG -> {
        if (values.isEmpty()) {
          yield null;
        }
        if (call.distinct() && type == ColumnType.DECIMAL128) {
          // the distinct values' mean is exact (BigDecimal), not a sum of doubles
          BigDecimal sum = (BigDecimal) sum(type, values);
          yield sum.divide(BigDecimal.valueOf(values.size()), MathContext.DECIMAL64).doubleValue();
        }
        double sum = 0;
        for (Object value : values) {
          sum += ((Number) value).doubleValue();
        }
        yield sum / values.size();
      }
      case STDDEV_SAMP, STDDEV_POP, VAR_SAMP, VAR_POP -> variance(call.function(), values);
      case APPROX_QUANTILE -> quantile(values, call.fraction());
    };
  }

  /**
   * The exact value at rank {@code fraction · (n − 1)}, rounded down, in SQL's order (NaN last).
   */
  private static Object quantile(List<Object> values, double fraction) {
    if (values.isEmpty()) {
      return null;
    }
    double[] xs = new double[values.size()];
    for (int i = 0; i < xs.length; i++) {
      Object value = values.get(i);
      xs[i] = value instanceof BigDecimal d ? d.doubleValue() : ((Number) value).doubleValue();
    }
    java.util.Arrays.sort(xs);
    return xs[(int) Math.floor(fraction * (xs.length - 1))];
  }

  /** The variance or standard deviation, exactly (BigDecimal) over finite values. */
  private static Object variance(AggregateFunction function, List<Object> values) {
    boolean sample =
        function == AggregateFunction.STDDEV_SAMP || function == AggregateFunction.VAR_SAMP;
    int n = values.size();
    if (n < (sample ? 2 : 1)) {
      return null;
    }
    double[] xs = new double[n];
    boolean finite = true;
    for (int i = 0; i < n; i++) {
      Object value = values.get(i);
      xs[i] = value instanceof BigDecimal d ? d.doubleValue() : ((Number) value).doubleValue();
      finite &= Double.isFinite(xs[i]);
    }
    double variance;
    if (!finite) {
      variance = Double.NaN; // an infinity or NaN among the values
    } else {
      BigDecimal sum = BigDecimal.ZERO;
      for (double x : xs) {
        sum = sum.add(new BigDecimal(x));
      }
      // n·m2 = n·Σx² − (Σx)², exact; one rounding at the end
      BigDecimal squares = BigDecimal.ZERO;
      for (double x : xs) {
        BigDecimal d = new BigDecimal(x);
        squares = squares.add(d.multiply(d));
      }
      BigDecimal nm2 = squares.multiply(BigDecimal.valueOf(n)).subtract(sum.multiply(sum));
      variance =
          nm2.divide(BigDecimal.valueOf((long) n * (sample ? n - 1 : n)), MathContext.DECIMAL128)
              .doubleValue();
    }
    boolean root =
        function == AggregateFunction.STDDEV_SAMP || function == AggregateFunction.STDDEV_POP;
    // Doubles carry 16 digits of the values, not of their spread: a spread far below the values'
    // magnitude is rounding noise, as large as ~1e-10 of the magnitude squared after merges.
    double magnitude = 0;
    for (double x : xs) {
      magnitude = Math.max(magnitude, Math.abs(x));
    }
    double slack = 1e-10 * magnitude * magnitude;
    return root
        ? new Tolerant(Math.sqrt(variance), Math.sqrt(slack))
        : new Tolerant(variance, slack);
  }

  /** An expected FLOAT64 that a result may miss by {@code slack} (plus the usual 1e-9 relative). */
  record Tolerant(double value, double slack) {
    @Override
    public String toString() {
      return value + " ± " + slack;
    }
  }

  private static Object sum(ColumnType type, List<Object> values) {
    if (type == ColumnType.DECIMAL128) {
      BigDecimal sum = (BigDecimal) values.get(0);
      for (Object value : values.subList(1, values.size())) {
        sum = sum.add((BigDecimal) value);
      }
      return sum;
    }
    if (type.isFloatingPoint()) {
      double sum = 0;
      for (Object value : values) {
        sum += ((Number) value).doubleValue();
      }
      return sum;
    }
    long sum = 0;
    for (Object value : values) {
      sum = Math.addExact(sum, ((Number) value).longValue());
    }
    return sum;
  }

  /** Output rows (keys then values) as key → values; fails on a key seen twice. */
  static Map<List<Object>, Object[]> index(int keyCount, List<Object[]> rows) {
    Map<List<Object>, Object[]> indexed = new LinkedHashMap<>();
    for (Object[] row : rows) {
      List<Object> key = Arrays.asList(Arrays.copyOfRange(row, 0, keyCount));
      Object[] previous = indexed.put(key, Arrays.copyOfRange(row, keyCount, row.length));
      if (previous != null) {
        throw new AssertionError("group " + key + " emitted twice");
      }
    }
    return indexed;
  }

  /** Compares doubles with a relative tolerance (partial sums round differently). */
  static Comparator<Object> tolerantOrder() {
    return (a, b) -> {
      if (a == null || b == null) {
        return a == b ? 0 : 1;
      }
      if (a instanceof Tolerant t && b instanceof Double y) {
        double x = t.value();
        boolean close = Math.abs(x - y) <= t.slack() + 1e-9 * Math.max(Math.abs(x), Math.abs(y));
        return Double.compare(x, y) == 0 || close ? 0 : 1;
      }
      if (a instanceof Double x && b instanceof Double y) {
        if (x.equals(y) || Math.abs(x - y) <= 1e-9 * Math.max(Math.abs(x), Math.abs(y))) {
          return 0;
        }
        return Double.compare(x, y);
      }
      return a.equals(b) ? 0 : 1;
    };
  }
}
