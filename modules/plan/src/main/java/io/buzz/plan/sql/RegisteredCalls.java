package io.buzz.plan.sql;

import io.buzz.error.BuzzException;
import io.buzz.kernels.batch.ColumnType;
import io.buzz.kernels.function.FunctionRegistry;
import io.buzz.kernels.function.ScalarFunction;
import io.buzz.plan.physical.ValueType;
import io.buzz.protocol.plan.Call;
import io.buzz.protocol.plan.DataType;
import io.buzz.protocol.plan.Expr;
import io.buzz.protocol.plan.Function;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;

/**
 * Calls of the kernels' {@link FunctionRegistry} in plans: the operands are cast to the first
 * signature of the call's arity, the call carries the function's wire name, and its result is cast
 * to the type Calcite gave the SQL expression (CHAR_LENGTH is INTEGER to Calcite, INT64 to the
 * kernel).
 */
final class RegisteredCalls {
  private RegisteredCalls() {}

  /** The registered function SQL calls {@code operatorName}, if any. */
  static Optional<ScalarFunction> find(String operatorName) {
    return FunctionRegistry.STANDARD.bySqlName(operatorName);
  }

  /** The registered function {@code sqlName}, which this planner relies on being registered. */
  static ScalarFunction named(String sqlName) {
    return find(sqlName)
        .orElseThrow(() -> new IllegalStateException(sqlName + " is not registered"));
  }

  /**
   * {@code function} applied to {@code call}'s operands, translated by {@code rex}.
   *
   * @throws BuzzException UNSUPPORTED when the function has no form with that many operands
   */
  static Expr translate(ScalarFunction function, RexCall call, RexToExpr rex) {
    return translate(function, call.getOperands(), call, rex);
  }

  /**
   * {@code function} applied to {@code operands} (for calls whose SQL form orders or adds operands,
   * as TRIM's does), {@code call} giving the result's type and the name in messages.
   */
  static Expr translate(
      ScalarFunction function, List<RexNode> operands, RexCall call, RexToExpr rex) {
    ScalarFunction.Signature signature =
        signature(function, operands, rex)
            .orElseThrow(
                () ->
                    BuzzException.unsupported(
                        call.getOperator().getName()
                            + " with "
                            + operands.size()
                            + " operands is not supported; its forms: "
                            + function.forms()));
    if (rex.typeOf(call).id() == DataType.DECIMAL128
        && signature.result() != ColumnType.DECIMAL128) {
      throw BuzzException.unsupported(
          call.getOperator().getName()
              + " of a DECIMAL is not supported yet (it would be computed inexactly);"
              + " CAST the value to DOUBLE first");
    }
    checkConstants(function, operands);
    List<Expr> args = new ArrayList<>(operands.size());
    for (int i = 0; i < operands.size(); i++) {
      ColumnType wanted = signature.operands().get(i);
      if (wanted == ColumnType.DECIMAL128) {
        args.add(rex.translate(operands.get(i))); // a DECIMAL of any precision and scale, as is
      } else {
        args.add(rex.translateAs(operands.get(i), valueType(wanted)));
      }
    }
    ValueType result;
    if (signature.result() == ColumnType.DECIMAL128) {
      // the precision and scale the kernel derives, which the operator typed the call with
      for (int i = 1; i < operands.size(); i++) {
        if (!(operands.get(i) instanceof org.apache.calcite.rex.RexLiteral)) {
          throw BuzzException.unsupported(
              call.getOperator().getName()
                  + " of a DECIMAL needs a constant number of places, not "
                  + operands.get(i));
        }
      }
      result = rex.typeOf(call);
      checkDecimalType(function, operands, call, rex);
    } else {
      result = valueType(signature.result());
    }
    Expr computed =
        result
            .applyTo(Expr.newBuilder())
            .setNullable(call.getType().isNullable())
            .setCall(
                Call.newBuilder()
                    .setFunction(Function.REGISTERED)
                    .setName(function.name())
                    .addAllArgs(args))
            .build();
    return Exprs.cast(computed, rex.typeOf(call));
  }

  /**
   * The DECIMAL type the validator gave the call is the one the kernel will compute: it types a
   * number of places written as an expression ({@code 1 + 1}) as 0 before it is folded.
   */
  private static void checkDecimalType(
      ScalarFunction function, List<RexNode> operands, RexCall call, RexToExpr rex) {
    RexNode value = operands.get(0);
    long places = 0;
    if (operands.size() > 1) {
      Long constant = ((org.apache.calcite.rex.RexLiteral) operands.get(1)).getValueAs(Long.class);
      places = constant == null ? 0 : constant;
    }
    org.apache.arrow.vector.types.pojo.ArrowType.Decimal computed =
        FunctionRegistry.decimalResult(
            function, value.getType().getPrecision(), value.getType().getScale(), places);
    ValueType typed = rex.typeOf(call);
    if (!typed.equals(ValueType.of(computed))) {
      throw BuzzException.unsupported(
          call.getOperator().getName()
              + " of a DECIMAL needs its number of places written as a number, not "
              + operands.get(1));
    }
  }

  /** A bad constant (a regular expression) is BAD_QUERY now, not when an HBee first runs it. */
  private static void checkConstants(ScalarFunction function, List<RexNode> operands) {
    List<String> constants = new ArrayList<>();
    for (RexNode operand : operands) {
      boolean text =
          operand instanceof org.apache.calcite.rex.RexLiteral
              && org.apache.calcite.sql.type.SqlTypeUtil.inCharFamily(operand.getType());
      constants.add(
          text ? ((org.apache.calcite.rex.RexLiteral) operand).getValueAs(String.class) : null);
    }
    try {
      FunctionRegistry.checkConstants(function, constants);
    } catch (io.buzz.kernels.KernelException e) {
      throw BuzzException.badQuery(function.displayName() + ": " + e.getMessage());
    }
  }

  /**
   * The form the operands take: one they match exactly, else the first they widen to (INTEGER to
   * BIGINT), else the first with as many operands (the operands are cast to it).
   */
  private static Optional<ScalarFunction.Signature> signature(
      ScalarFunction function, List<RexNode> operands, RexToExpr rex) {
    List<ColumnType> types = new ArrayList<>();
    for (RexNode operand : operands) {
      types.add(ColumnType.valueOf(rex.typeOf(operand).id().name()));
    }
    return choose(function, types);
  }

  /** The form operands of {@code types} take (see {@link #translate}). */
  static Optional<ScalarFunction.Signature> choose(
      ScalarFunction function, List<ColumnType> types) {
    Optional<ScalarFunction.Signature> exact = function.exactly(types);
    if (exact.isPresent()) {
      return exact;
    }
    for (ScalarFunction.Signature candidate : function.signatures()) {
      if (widens(types, candidate.operands())) {
        return Optional.of(candidate);
      }
    }
    return function.forArity(types.size());
  }

  private static boolean widens(List<ColumnType> from, List<ColumnType> to) {
    if (from.size() != to.size()) {
      return false;
    }
    for (int i = 0; i < from.size(); i++) {
      boolean same = from.get(i) == to.get(i);
      boolean wider = from.get(i) == ColumnType.INT32 && to.get(i) == ColumnType.INT64;
      if (!same && !wider) {
        return false;
      }
    }
    return true;
  }

  /**
   * The plan type of a kernel type (not DECIMAL128, which needs its precision and scale: a
   * signature's DECIMAL128 operand is any DECIMAL, its DECIMAL128 result the type the kernel
   * derives).
   */
  static ValueType valueType(ColumnType type) {
    if (type == ColumnType.DECIMAL128) {
      throw new IllegalArgumentException("a registered signature cannot name DECIMAL128");
    }
    return ValueType.of(DataType.valueOf(type.name()));
  }
}
