package io.buzz.kernels.aggregate;

import static java.util.Objects.requireNonNull;

import io.buzz.kernels.KernelException;
import io.buzz.kernels.batch.ColumnType;
import java.util.List;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * One aggregate of a hash aggregation, e.g. {@code SUM(DISTINCT x) FILTER (WHERE f) AS total}, and
 * the one definition of its partial-state layout, read by the planner (through the plan), the HBees
 * that emit it and the HComb that merges it:
 *
 * <pre>
 *   COUNT_STAR, COUNT          count INT64, named like the call, never NULL
 *   SUM, MIN, MAX              value of the result type, named like the call
 *   AVG                        "name$sum" FLOAT64, "name$count" INT64 (never NULL)
 *   STDDEV_*, VAR_*            "name$count" INT64 (never NULL), "name$mean" FLOAT64,
 *                              "name$m2" FLOAT64 (the sum of squared differences from the mean)
 *   COUNT, SUM, AVG (DISTINCT) "name$distinct" VARBINARY, never NULL: the group's distinct
 *                              non-NULL values ({@link DistinctValues} gives the encoding)
 *   APPROX_COUNT_DISTINCT      "name$sketch" VARBINARY, never NULL: the group's sketch
 *   APPROX_QUANTILE            ({@link HyperLogLog}, {@link QuantileSketch} give the encodings)
 * </pre>
 *
 * <p>A value (a state or a result) may be NULL only where some group can lack a value: when the
 * argument is nullable, or in a global aggregate (no GROUP BY), whose one group exists even over no
 * rows; a FILTER can leave any group without rows, so it makes every value but a count nullable. A
 * sample standard deviation or variance is NULL for a group of one value, so always nullable.
 *
 * @param function the aggregate function
 * @param argument the argument's column index in the raw input; ignored for COUNT_STAR
 * @param name the output column name
 * @param distinct whether the call aggregates distinct values (COUNT, SUM and AVG; MIN and MAX
 *     ignore it)
 * @param filter the raw input's BOOL column that selects the rows this call sees (FILTER (WHERE …):
 *     TRUE rows only), or -1 for every row
 * @param fraction APPROX_QUANTILE's rank, from 0 to 1 (0 for every other function)
 */
public record AggregateCall(
    AggregateFunction function,
    int argument,
    String name,
    boolean distinct,
    int filter,
    double fraction) {
  public AggregateCall {
    requireNonNull(function, "function is null");
    requireNonNull(name, "name is null");
    if (distinct && (!function.usesArgument() || function.isVariance() || function.isSketch())) {
      throw new IllegalArgumentException(function + " cannot be DISTINCT");
    }
    if (function == AggregateFunction.MIN || function == AggregateFunction.MAX) {
      distinct = false; // the extreme of the distinct values is the extreme of the values
    }
    if (filter < -1) {
      throw new IllegalArgumentException("filter column " + filter + " is negative");
    }
    if (function == AggregateFunction.APPROX_QUANTILE
        ? !(fraction >= 0 && fraction <= 1)
        : fraction != 0) {
      throw new IllegalArgumentException(function + " cannot have the fraction " + fraction);
    }
  }

  /** A call of any function but APPROX_QUANTILE. */
  public AggregateCall(
      AggregateFunction function, int argument, String name, boolean distinct, int filter) {
    this(function, argument, name, distinct, filter, 0);
  }

  /** {@code function(column) AS name} over every row, without DISTINCT. */
  public AggregateCall(AggregateFunction function, int argument, String name) {
    this(function, argument, name, false, -1);
  }

  /** {@code COUNT(*) AS name}. */
  public static AggregateCall countStar(String name) {
    return new AggregateCall(AggregateFunction.COUNT_STAR, -1, name);
  }

  /** Whether the call has a FILTER (WHERE …) column. */
  public boolean filtered() {
    return filter >= 0;
  }

  /** The number of state columns. */
  public int stateWidth() {
    if (distinct || function.isSketch()) {
      return 1;
    }
    return function == AggregateFunction.AVG ? 2 : function.isVariance() ? 3 : 1;
  }

  /**
   * The state columns of this call over {@code input} (a global aggregate when {@code global}).
   *
   * @throws KernelException UNSUPPORTED when the function does not accept the argument's type
   */
  public List<Field> stateFields(Schema input, boolean global) {
    Field argument = argumentField(input);
    ArrowType type = argument == null ? null : argument.getType();
    ArrowType result = function.resultArrowType(type);
    boolean mayBeNull = mayLackValue(argument, global);
    if (distinct) {
      return List.of(field(name + "$distinct", ColumnType.VARBINARY.arrowType(), false));
    }
    return switch (function) {
      case COUNT_STAR, COUNT -> List.of(field(name, result, false));
      case APPROX_COUNT_DISTINCT, APPROX_QUANTILE ->
          List.of(field(name + "$sketch", ColumnType.VARBINARY.arrowType(), false));
      case SUM, MIN, MAX -> List.of(field(name, result, mayBeNull));
      case AVG ->
          List.of(
              field(name + "$sum", ColumnType.FLOAT64.arrowType(), mayBeNull),
              field(name + "$count", ColumnType.INT64.arrowType(), false));
      case STDDEV_SAMP, STDDEV_POP, VAR_SAMP, VAR_POP ->
          List.of(
              field(name + "$count", ColumnType.INT64.arrowType(), false),
              field(name + "$mean", ColumnType.FLOAT64.arrowType(), mayBeNull),
              field(name + "$m2", ColumnType.FLOAT64.arrowType(), mayBeNull));
    };
  }

  /**
   * The result column of this call over {@code input}: named like the call, of {@link
   * AggregateFunction#resultArrowType}, NULL only where a group can lack a value.
   *
   * @throws KernelException UNSUPPORTED when the function does not accept the argument's type
   */
  public Field resultField(Schema input, boolean global) {
    Field argument = argumentField(input);
    ArrowType result = function.resultArrowType(argument == null ? null : argument.getType());
    return field(
        name,
        result,
        !function.isCount() && (function.nullWithValues() || mayLackValue(argument, global)));
  }

  /** The argument's field in {@code input}, or null for COUNT_STAR. */
  Field argumentField(Schema input) {
    return function.usesArgument() ? input.getFields().get(argument) : null;
  }

  private boolean mayLackValue(Field argument, boolean global) {
    return global || filtered() || (argument != null && argument.isNullable());
  }

  private static Field field(String name, ArrowType type, boolean nullable) {
    return new Field(name, new FieldType(nullable, type, null), null);
  }
}
