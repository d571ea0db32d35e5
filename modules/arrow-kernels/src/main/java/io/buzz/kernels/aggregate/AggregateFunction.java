package io.buzz.kernels.aggregate;

import io.buzz.kernels.KernelException;
import io.buzz.kernels.batch.ColumnType;
import io.buzz.kernels.batch.Decimal128;
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
  COUNT(true),
  /**
   * INT64 for INT32/INT64 input (overflow is an error), FLOAT64 for FLOAT64 and FLOAT32 (summed as
   * doubles, as DuckDB), DECIMAL(38, s) for DECIMAL(p, s) (exact; a sum of more than 38 digits is
   * an error); NULL if no value.
   */
  SUM(true),
  /** The smallest value of any type (UTF8 bytewise, false before true); NULL if no value. */
  MIN(true),
  /** The largest value of any type; FLOAT64 NaN is larger than every number; NULL if no value. */
  MAX(true),
  /** FLOAT64 mean of INT32, INT64, FLOAT32 or FLOAT64 input; NULL if no value. */
  AVG(true),
  /** FLOAT64 sample standard deviation of numeric input; NULL under two values. */
  STDDEV_SAMP(true),
  /** FLOAT64 population standard deviation of numeric input; NULL if no value. */
  STDDEV_POP(true),
  /** FLOAT64 sample variance of numeric input; NULL under two values. */
  VAR_SAMP(true),
  /** FLOAT64 population variance of numeric input; NULL if no value. */
  VAR_POP(true);

  private final boolean usesArgument;

  AggregateFunction(boolean usesArgument) {
    this.usesArgument = usesArgument;
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
      case COUNT_STAR, COUNT -> ColumnType.INT64;
      case SUM ->
          switch (requireArgument(argument)) {
            case INT32, INT64 -> ColumnType.INT64;
            case FLOAT32, FLOAT64 -> ColumnType.FLOAT64;
            case DECIMAL128 -> ColumnType.DECIMAL128;
            case BOOL, UTF8, VARBINARY, DATE32, TIMESTAMP_MICROS, TIME_MICROS ->
                throw unsupported(argument, "");
          };
      case MIN, MAX -> requireArgument(argument);
      case AVG, STDDEV_SAMP, STDDEV_POP, VAR_SAMP, VAR_POP ->
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
      case COUNT_STAR, COUNT, AVG, STDDEV_SAMP, STDDEV_POP, VAR_SAMP, VAR_POP -> result.arrowType();
    };
  }

  /** The standard deviations and variances, whose state is a count, a mean and a sum of squares. */
  public boolean isVariance() {
    return this == STDDEV_SAMP || this == STDDEV_POP || this == VAR_SAMP || this == VAR_POP;
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
