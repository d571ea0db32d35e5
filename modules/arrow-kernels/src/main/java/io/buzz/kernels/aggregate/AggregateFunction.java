package io.buzz.kernels.aggregate;

import io.buzz.kernels.KernelException;
import io.buzz.kernels.batch.ColumnType;
import io.buzz.kernels.batch.Decimal128;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * The aggregate functions, each carrying how its partial state is laid out and how its result type
 * derives from its argument type (see {@code buzz.plan.v1.AggregateFunction}).
 *
 * <p>A call's partial-state layout (which depends on DISTINCT too) is {@link AggregateCall}'s.
 *
 * <p>DECIMAL128 arguments: COUNT, MIN and MAX (result of the argument's precision and scale) and
 * SUM (exact; DECIMAL(p, s) sums to DECIMAL(38, s), as in DuckDB). AVG of a decimal is not a
 * kernel: the planner averages the argument cast to FLOAT64.
 */
public enum AggregateFunction {
  /** Counts rows; takes no argument; never NULL. */
  COUNT_STAR(false),
  /** Counts non-NULL values of any type; never NULL. */
  COUNT(true, "COUNT"),
  /**
   * INT64 for INT32/INT64 input (overflow is an error), FLOAT64 for FLOAT64 and FLOAT32 (summed as
   * doubles, as DuckDB), DECIMAL(38, s) for DECIMAL(p, s) (exact; a sum of more than 38 digits is
   * an error); NULL if no value.
   */
  SUM(true, "SUM"),
  /** The smallest value of any type (UTF8 bytewise, false before true); NULL if no value. */
  MIN(true, "MIN", "BOOL_AND", "EVERY", "ANY_VALUE"),
  /** The largest value of any type; FLOAT64 NaN is larger than every number; NULL if no value. */
  MAX(true, "MAX", "BOOL_OR"),
  /** FLOAT64 mean of INT32, INT64, FLOAT32 or FLOAT64 input; NULL if no value. */
  AVG(true, "AVG"),
  /** FLOAT64 sample standard deviation of numeric input; NULL under two values. */
  STDDEV_SAMP(true, "STDDEV_SAMP", "STDDEV"),
  /** FLOAT64 population standard deviation of numeric input; NULL if no value. */
  STDDEV_POP(true, "STDDEV_POP"),
  /** FLOAT64 sample variance of numeric input; NULL under two values. */
  VAR_SAMP(true, "VAR_SAMP", "VARIANCE"),
  /** FLOAT64 population variance of numeric input; NULL if no value. */
  VAR_POP(true, "VAR_POP"),
  /**
   * INT64 estimate of the number of distinct non-NULL values of any type ({@link HyperLogLog}:
   * exact up to 256, then a relative standard error of about 1.6%); 0 if no value, never NULL.
   */
  APPROX_COUNT_DISTINCT(true, "APPROX_COUNT_DISTINCT"),
  /**
   * FLOAT64 estimate of the value at a rank (the call's {@link AggregateCall#fraction()}) of
   * numeric input ({@link QuantileSketch}: within 1% of a value at that rank); NULL if no value.
   */
  APPROX_QUANTILE(true, "APPROX_QUANTILE", "APPROX_PERCENTILE");

  private final boolean usesArgument;
  private final List<String> sqlNames;

  AggregateFunction(boolean usesArgument, String... sqlNames) {
    this.usesArgument = usesArgument;
    this.sqlNames = List.of(sqlNames);
  }

  /**
   * The SQL names that plan to this function (COUNT_STAR is {@code COUNT(*)}, so it has none of its
   * own): BOOL_AND, EVERY and ANY_VALUE are MIN (of booleans; any value of a group: the least is
   * one), BOOL_OR is MAX. The SQL checker accepts exactly these names as aggregates.
   */
  public List<String> sqlNames() {
    return sqlNames;
  }

  /** Every aggregate SQL name, in declaration order. */
  public static List<String> allSqlNames() {
    List<String> names = new ArrayList<>();
    for (AggregateFunction function : values()) {
      names.addAll(function.sqlNames);
    }
    return List.copyOf(names);
  }

  /** False for COUNT_STAR, whose {@link AggregateCall#argument()} is ignored. */
  public boolean usesArgument() {
    return usesArgument;
  }

  /**
   * The type of the final value for an argument of type {@code argument} (ignored by COUNT_STAR,
   * which may pass null).
   *
   * @throws KernelException UNSUPPORTED when the function does not accept that type
   */
  public ColumnType resultType(ColumnType argument) {
    return switch (this) {
      case COUNT_STAR, COUNT, APPROX_COUNT_DISTINCT -> ColumnType.INT64;
      case SUM ->
          switch (requireArgument(argument)) {
            case INT32, INT64 -> ColumnType.INT64;
            case FLOAT32, FLOAT64 -> ColumnType.FLOAT64;
            case DECIMAL128 -> ColumnType.DECIMAL128;
            case BOOL, UTF8, VARBINARY, DATE32, TIMESTAMP_MICROS, TIME_MICROS ->
                throw unsupported(argument, "");
          };
      case MIN, MAX -> requireArgument(argument);
      case AVG, STDDEV_SAMP, STDDEV_POP, VAR_SAMP, VAR_POP, APPROX_QUANTILE ->
          switch (requireArgument(argument)) {
            case INT32, INT64, FLOAT32, FLOAT64, DECIMAL128 -> ColumnType.FLOAT64;
            case BOOL, UTF8, VARBINARY, DATE32, TIMESTAMP_MICROS, TIME_MICROS ->
                throw unsupported(argument, "");
          };
    };
  }

  /**
   * The Arrow type of the final value for an argument of Arrow type {@code argument} (ignored by
   * COUNT_STAR, which may pass null): MIN and MAX keep the argument's type (a timestamp's time
   * zone, a decimal's precision and scale), SUM of DECIMAL(p, s) is DECIMAL(38, s), every other
   * result has its {@link ColumnType}'s Arrow type.
   *
   * @throws KernelException UNSUPPORTED when the function does not accept that type
   */
  public ArrowType resultArrowType(ArrowType argument) {
    ColumnType result = resultType(argument == null ? null : ColumnType.of(argument));
    return switch (this) {
      case MIN, MAX -> argument;
      case SUM ->
          result == ColumnType.DECIMAL128
              ? ColumnType.decimal(ColumnType.MAX_DECIMAL_PRECISION, Decimal128.scale(argument))
              : result.arrowType();
      case COUNT_STAR,
          COUNT,
          APPROX_COUNT_DISTINCT,
          APPROX_QUANTILE,
          AVG,
          STDDEV_SAMP,
          STDDEV_POP,
          VAR_SAMP,
          VAR_POP ->
          result.arrowType();
    };
  }

  /** The standard deviations and variances, whose state is a count, a mean and a sum of squares. */
  public boolean isVariance() {
    return this == STDDEV_SAMP || this == STDDEV_POP || this == VAR_SAMP || this == VAR_POP;
  }

  /** Whether the result is a count: never NULL, 0 for a group without values. */
  public boolean isCount() {
    return this == COUNT_STAR || this == COUNT || this == APPROX_COUNT_DISTINCT;
  }

  /** The approximate aggregates, whose state is one {@link GroupSketch} per group. */
  public boolean isSketch() {
    return this == APPROX_COUNT_DISTINCT || this == APPROX_QUANTILE;
  }

  /** True when the result can be NULL even for a group with values (a sample of one value). */
  public boolean nullWithValues() {
    return this == STDDEV_SAMP || this == VAR_SAMP;
  }

  private ColumnType requireArgument(ColumnType argument) {
    if (argument == null) {
      throw new KernelException(KernelException.Kind.INTERNAL, this + " needs an argument type");
    }
    return argument;
  }

  private KernelException unsupported(ColumnType argument, String why) {
    return new KernelException(
        KernelException.Kind.UNSUPPORTED, this + " does not accept " + argument + " input" + why);
  }
}
