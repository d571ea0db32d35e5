package io.buzz.kernels.aggregate;

import static java.util.Objects.requireNonNull;

/**
 * One aggregate of a hash aggregation, e.g. {@code SUM(x) AS total}.
 *
 * @param function the aggregate function
 * @param argument the argument's column index in the raw input; ignored for COUNT_STAR
 * @param name the output column name
 */
public record AggregateCall(AggregateFunction function, int argument, String name) {
  public AggregateCall {
    requireNonNull(function, "function is null");
    requireNonNull(name, "name is null");
  }

  /** {@code COUNT(*) AS name}. */
  public static AggregateCall countStar(String name) {
    return new AggregateCall(AggregateFunction.COUNT_STAR, -1, name);
  }
}
