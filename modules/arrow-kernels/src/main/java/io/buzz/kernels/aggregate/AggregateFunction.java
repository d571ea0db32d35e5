package io.buzz.kernels.aggregate;

import io.buzz.kernels.KernelException;
import io.buzz.kernels.batch.ColumnType;
import io.buzz.kernels.batch.Decimal128;
import java.util.List;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * The aggregate functions, each carrying how its partial state is laid out and how its result type
 * derives from its argument type (see {@code buzz.plan.v1.AggregateFunction}).
 *
 * <p>State layout per call, in order: COUNT_STAR and COUNT: {@code count INT64}; SUM, MIN, MAX:
 * {@code value} of the result type, NULL when the group saw no value; AVG: {@code sum FLOAT64,
 * count INT64}.
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
  AVG(true);

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
      case AVG ->
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
      case COUNT_STAR, COUNT, AVG -> result.arrowType();
    };
  }

  /**
   * The types of the state columns of one call, in order.
   *
   * @throws KernelException UNSUPPORTED when the function does not accept that type
   */
  public List<ColumnType> stateTypes(ColumnType argument) {
    ColumnType result = resultType(argument);
    return this == AVG ? List.of(ColumnType.FLOAT64, ColumnType.INT64) : List.of(result);
  }

  /**
   * The Arrow types of the state columns of one call, in order: the {@link #resultArrowType} for
   * every function but AVG, whose state is {@code sum FLOAT64, count INT64}.
   *
   * @throws KernelException UNSUPPORTED when the function does not accept that type
   */
  public List<ArrowType> stateArrowTypes(ArrowType argument) {
    ArrowType result = resultArrowType(argument);
    return this == AVG
        ? List.of(ColumnType.FLOAT64.arrowType(), ColumnType.INT64.arrowType())
        : List.of(result);
  }

  /** The number of state columns of one call. */
  public int stateWidth() {
    return this == AVG ? 2 : 1;
  }

  /**
   * The name of state column {@code index} of a call named {@code callName}: the call's name for
   * single-column states, {@code name$sum} and {@code name$count} for AVG (the layout plan.proto
   * fixes).
   */
  public String stateName(String callName, int index) {
    if (this != AVG) {
      return callName;
    }
    return index == 0 ? callName + "$sum" : callName + "$count";
  }

  /** Whether state column {@code index} may be NULL (counts never are). */
  public boolean stateNullable(int index) {
    return switch (this) {
      case COUNT_STAR, COUNT -> false;
      case SUM, MIN, MAX -> true;
      case AVG -> index == 0;
    };
  }

  /** Whether the final value may be NULL (counts never are). */
  public boolean resultNullable() {
    return this != COUNT_STAR && this != COUNT;
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
