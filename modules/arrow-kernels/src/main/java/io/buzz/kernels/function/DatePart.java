package io.buzz.kernels.function;

import static java.util.Objects.requireNonNull;

import io.buzz.kernels.KernelException;
import io.buzz.kernels.expr.Expression;
import io.buzz.kernels.expr.ExtractExpression;
import io.buzz.kernels.expr.ExtractExpression.Field;

/**
 * {@code DATE_PART('part', value)}: EXTRACT's kernel ({@link ExtractExpression}, which has DuckDB's
 * definitions of every part) for a part named by a constant, checked when the expression is built.
 */
final class DatePart {
  /** The parts DATE_PART accepts, in the order its error message lists them. */
  private static final Field[] PARTS = {
    Field.DOW,
    Field.ISODOW,
    Field.DOY,
    Field.WEEK,
    Field.QUARTER,
    Field.ISOYEAR,
    Field.YEAR,
    Field.MONTH,
    Field.DAY
  };

  private DatePart() {}

  /**
   * @throws KernelException UNSUPPORTED when {@code value} is not a DATE or TIMESTAMP or {@code
   *     part} is not a constant, INVALID_CAST (a bad query) when it names no part
   */
  static Expression bind(Expression part, Expression value) {
    requireNonNull(part, "part is null");
    Expression checked =
        CalendarArguments.dateOrTimestamp(requireNonNull(value, "value is null"), "DATE_PART");
    return new ExtractExpression(
        CalendarArguments.named(part, PARTS, Field::names, "DATE_PART's part", "dow"), checked);
  }
}
