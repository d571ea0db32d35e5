package io.buzz.kernels.function;

import io.buzz.kernels.KernelException;
import io.buzz.kernels.batch.ColumnType;
import io.buzz.kernels.expr.Expression;
import io.buzz.kernels.expr.Literal;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The checks DATE_TRUNC and DATE_PART share: a constant naming the unit or part, looked up among
 * the names an enum's constants answer to, and a DATE or TIMESTAMP value.
 */
final class CalendarArguments {
  private CalendarArguments() {}

  /**
   * The constant of {@code names} that {@code argument}, a non-NULL text literal, names in any
   * case.
   *
   * @param what how messages name the argument, e.g. {@code "DATE_TRUNC's unit"}
   * @param example a valid value for messages, e.g. {@code "day"}
   * @throws KernelException UNSUPPORTED when the argument is not a constant, INVALID_CAST (a bad
   *     query) when it names no constant, listing the first name of each
   */
  static <E extends Enum<E>> E named(
      Expression argument,
      E[] constants,
      Function<E, List<String>> names,
      String what,
      String example) {
    if (!(argument instanceof Literal literal) || literal.isNull()) {
      throw new KernelException(
          KernelException.Kind.UNSUPPORTED,
          what + " must be a constant, such as '" + example + "'");
    }
    String name = literal.utf8Value().trim().toLowerCase(Locale.ROOT);
    StringBuilder known = new StringBuilder();
    for (E constant : constants) {
      if (names.apply(constant).contains(name)) {
        return constant;
      }
      known.append(known.length() == 0 ? "" : ", ").append(names.apply(constant).get(0));
    }
    throw new KernelException(
        KernelException.Kind.INVALID_CAST,
        what + " '" + literal.utf8Value() + "' is not one of " + known);
  }

  /** Checks that {@code value} is a DATE or TIMESTAMP for {@code function}. */
  static Expression dateOrTimestamp(Expression value, String function) {
    if (value.type() != ColumnType.DATE32 && value.type() != ColumnType.TIMESTAMP_MICROS) {
      throw new KernelException(
          KernelException.Kind.UNSUPPORTED,
          function + " needs a DATE or TIMESTAMP, got " + value.type());
    }
    return value;
  }
}
