package io.buzz.kernels.aggregate;

import io.buzz.kernels.KernelException;
import io.buzz.kernels.batch.ColumnType;
import java.util.List;

/**
 * The aggregate functions, each carrying how its partial state is laid out and how its result type
 * derives from its argument type (see {@code buzz.plan.v1.AggregateFunction}).
 *
 * <p>State layout per call, in order: COUNT_STAR and COUNT: {@code count INT64}; SUM, MIN, MAX:
 * {@code value} of the result type, NULL when the group saw no value; AVG: {@code sum FLOAT64,
 * count INT64}.
 */
public enum AggregateFunction {
  /** Counts rows; takes no argument; never NULL. */
  COUNT_STAR(false),
  /** Counts non-NULL values of any type; never NULL. */
  COUNT(true),
  /** INT64 for INT32/INT64 input (overflow is an error), FLOAT64 for FLOAT64; NULL if no value. */
  SUM(true),
  /** The smallest value of any type (UTF8 bytewise, false before true); NULL if no value. */
  MIN(true),
  /** The largest value of any type; FLOAT64 NaN is larger than every number; NULL if no value. */
  MAX(true),
  /** FLOAT64 mean of numeric input; NULL if no value. */
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
          requireNumeric(argument) == ColumnType.FLOAT64 ? ColumnType.FLOAT64 : ColumnType.INT64;
      case MIN, MAX -> requireArgument(argument);
      case AVG -> {
        requireNumeric(argument);
        yield ColumnType.FLOAT64;
      }
    };
  }

  /**
   * The types of the state columns of one call, in order.
   *
   * @throws KernelException UNSUPPORTED when the function does not accept that type
   */
  public List<ColumnType> stateTypes(ColumnType argument) {
    return switch (this) {
      case COUNT_STAR, COUNT -> List.of(ColumnType.INT64);
      case SUM, MIN, MAX -> List.of(resultType(argument));
      case AVG -> {
        requireNumeric(argument);
        yield List.of(ColumnType.FLOAT64, ColumnType.INT64);
      }
    };
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

  private ColumnType requireNumeric(ColumnType argument) {
    if (!requireArgument(argument).isNumeric()) {
      throw new KernelException(
          KernelException.Kind.UNSUPPORTED, this + " does not accept " + argument + " input");
    }
    return argument;
  }
}
