package io.buzz.plan.sql;

import io.buzz.error.BuzzException;
import io.buzz.kernels.function.FunctionRegistry;
import io.buzz.kernels.function.ScalarFunction;
import io.buzz.plan.physical.ValueType;
import io.buzz.protocol.plan.DataType;
import io.buzz.protocol.plan.Expr;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeFamily;

/**
 * {@code x + INTERVAL …} and {@code x - INTERVAL …} for a DATE or TIMESTAMP {@code x} and a
 * constant interval, as the registry's internal {@code date_add(x, months, microseconds)}: a
 * year-month interval moves by calendar months (clamped to the month's last day, as DuckDB does), a
 * day-time interval by microseconds (a DATE only by whole days). An interval that is not a
 * constant, or arithmetic that would give an interval, is UNSUPPORTED.
 */
final class IntervalArithmetic {
  private static final long MICROS_PER_DAY = 86_400_000_000L;

  private IntervalArithmetic() {}

  /** The call as {@code date_add} when it adds or subtracts an interval; empty otherwise. */
  static Optional<Expr> translate(RexCall call, RexToExpr rex, RexBuilder rexBuilder) {
    if (call.getKind() != SqlKind.PLUS && call.getKind() != SqlKind.MINUS) {
      return Optional.empty();
    }
    List<RexNode> operands = call.getOperands();
    int interval = -1;
    for (int i = 0; i < operands.size(); i++) {
      if (isInterval(operands.get(i))) {
        interval = i;
      }
    }
    if (interval < 0) {
      return Optional.empty();
    }
    if (operands.size() != 2 || (call.getKind() == SqlKind.MINUS && interval == 0)) {
      throw BuzzException.unsupported(
          "interval arithmetic "
              + call
              + " is not supported; add or subtract an INTERVAL to a"
              + " DATE or TIMESTAMP");
    }
    RexNode value = operands.get(1 - interval);
    ValueType type = rex.typeOf(value);
    if (type.id() != DataType.DATE32 && type.id() != DataType.TIMESTAMP_MICROS) {
      throw BuzzException.unsupported(
          "an INTERVAL can be added to a DATE or a TIMESTAMP only, not to " + value.getType());
    }
    if (!(operands.get(interval) instanceof RexLiteral literal)
        || literal.getValueAs(BigDecimal.class) == null) {
      throw BuzzException.unsupported(
          "an INTERVAL must be a constant (INTERVAL '3' DAY), not " + operands.get(interval));
    }
    long amount = literal.getValueAs(BigDecimal.class).longValueExact();
    if (call.getKind() == SqlKind.MINUS) {
      amount = Math.negateExact(amount);
    }
    boolean yearMonth =
        literal.getType().getSqlTypeName().getFamily() == SqlTypeFamily.INTERVAL_YEAR_MONTH;
    long months = yearMonth ? amount : 0;
    long micros = yearMonth ? 0 : Math.multiplyExact(amount, 1000L); // Calcite keeps milliseconds
    if (type.id() == DataType.DATE32 && micros % MICROS_PER_DAY != 0) {
      throw BuzzException.unsupported(
          "adding a part of a day to a DATE (" + call + ") is not supported; CAST it to TIMESTAMP");
    }
    ScalarFunction dateAdd = FunctionRegistry.STANDARD.byName("date_add").orElseThrow();
    List<RexNode> arguments =
        List.of(
            value,
            rexBuilder.makeBigintLiteral(BigDecimal.valueOf(months)),
            rexBuilder.makeBigintLiteral(BigDecimal.valueOf(micros)));
    return Optional.of(RegisteredCalls.translate(dateAdd, arguments, call, rex));
  }

  private static boolean isInterval(RexNode node) {
    SqlTypeFamily family = node.getType().getSqlTypeName().getFamily();
    return family == SqlTypeFamily.INTERVAL_YEAR_MONTH || family == SqlTypeFamily.INTERVAL_DAY_TIME;
  }
}
