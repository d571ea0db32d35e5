package io.buzz.plan.sql;

import io.buzz.error.BuzzException;
import io.buzz.plan.physical.ValueType;
import io.buzz.protocol.plan.DataType;
import io.buzz.protocol.plan.Expr;
import io.buzz.protocol.plan.Function;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntUnaryOperator;
import org.apache.calcite.avatica.util.TimeUnitRange;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.fun.SqlLikeOperator;
import org.apache.calcite.sql.fun.SqlTrimFunction;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Translates Calcite row expressions into Buzz {@link Expr}s over an operator's input.
 *
 * <p>plan.proto's kernels never coerce, so this is where operand types are made equal: arithmetic
 * runs in the widest of its operand and result types (INT32 &lt; INT64 &lt; DECIMAL &lt; FLOAT32
 * &lt; FLOAT64) and is cast to the result type if that is narrower (e.g. {@code MOD(bigint, int)});
 * FLOAT32 arithmetic runs in FLOAT64 and is cast back, which is exact for + - * / and % (a double
 * holds more than twice a float's 24 bits, so rounding the exact double result to a float gives the
 * correctly rounded float result) and spares the kernels a float copy of every loop; there is no
 * arithmetic on TIME; comparisons cast both sides to the wider type (a string compared with a date
 * or timestamp becomes that type); CASE values are cast to the CASE's type. Casts of literals are
 * folded when exact. SEARCH (Calcite's compact form of IN lists and ranges) is expanded back into
 * comparisons.
 */
final class RexToExpr {
  private final RexBuilder rexBuilder;
  private final IntUnaryOperator columns;

  /**
   * @param columns maps an input reference of the Calcite expression to the operator's input column
   *     (identity except right above a scan that reads a subset of the table)
   */
  RexToExpr(RexBuilder rexBuilder, IntUnaryOperator columns) {
    this.rexBuilder = rexBuilder;
    this.columns = columns;
  }

  /** Translates {@code node} to its own (mapped) type. */
  Expr translate(RexNode node) {
    if (node instanceof RexInputRef ref) {
      return Exprs.column(
          columns.applyAsInt(ref.getIndex()), type(ref.getType()), ref.getType().isNullable());
    }
    if (node instanceof RexLiteral literal) {
      return RexLiterals.translate(literal, type(literal.getType()));
    }
    if (node instanceof RexCall call) {
      return call(call);
    }
    throw BuzzException.unsupported(
        "expression " + node + " (" + node.getClass().getSimpleName() + ") is not supported");
  }

  /** Translates {@code node} and converts it to {@code target}. */
  Expr translateAs(RexNode node, ValueType target) {
    if (node instanceof RexLiteral literal && literal.isNull()) {
      return Exprs.nullLiteral(target);
    }
    return Exprs.cast(translate(node), target);
  }

  private Expr call(RexCall call) {
    ValueType type = type(call.getType());
    boolean nullable = call.getType().isNullable();
    return switch (call.getKind()) {
      case SEARCH -> translate(RexUtil.expandSearch(rexBuilder, null, call));
      case PLUS ->
          IntervalArithmetic.translate(call, this, rexBuilder)
              .orElseGet(() -> arithmetic(Function.ADD, call));
      case MINUS ->
          IntervalArithmetic.translate(call, this, rexBuilder)
              .orElseGet(() -> arithmetic(Function.SUBTRACT, call));
      case TIMES -> arithmetic(Function.MULTIPLY, call);
      case DIVIDE -> arithmetic(Function.DIVIDE, call);
      case MOD -> arithmetic(Function.MODULO, call);
      case MINUS_PREFIX -> arithmetic(Function.NEGATE, call);
      case PLUS_PREFIX -> translateAs(call.getOperands().get(0), type);
      case EQUALS -> comparison(Function.EQUAL, call);
      case NOT_EQUALS -> comparison(Function.NOT_EQUAL, call);
      case LESS_THAN -> comparison(Function.LESS_THAN, call);
      case LESS_THAN_OR_EQUAL -> comparison(Function.LESS_THAN_OR_EQUAL, call);
      case GREATER_THAN -> comparison(Function.GREATER_THAN, call);
      case GREATER_THAN_OR_EQUAL -> comparison(Function.GREATER_THAN_OR_EQUAL, call);
      case AND -> logical(Function.AND, call);
      case OR -> logical(Function.OR, call);
      case NOT -> Exprs.call(Function.NOT, ValueType.BOOL, nullable, booleans(call));
      case IS_NULL -> predicate(Function.IS_NULL, call);
      case IS_NOT_NULL -> predicate(Function.IS_NOT_NULL, call);
      case IS_TRUE -> predicate(Function.IS_TRUE, call);
      case IS_NOT_TRUE -> predicate(Function.IS_NOT_TRUE, call);
      case IS_FALSE -> predicate(Function.IS_FALSE, call);
      case IS_NOT_FALSE -> predicate(Function.IS_NOT_FALSE, call);
      case CAST -> castCall(call, type);
      case CASE -> caseCall(call.getOperands(), type, nullable);
      case COALESCE -> coalesce(call.getOperands(), type, nullable);
      case EXTRACT -> extract(call, type, nullable);
      case LIKE -> like(call, nullable);
      case TRIM -> trim(call);
      default -> byName(call);
    };
  }

  /** A call Buzz knows by its operator's name: a planner rewrite, or a registered function. */
  private Expr byName(RexCall call) {
    String name = call.getOperator().getName().toUpperCase(java.util.Locale.ROOT);
    return switch (name) {
      case "POWER" -> power(call);
      case "CONCAT" -> concat(call);
      case "GREATEST", "LEAST" ->
          translate(Extremes.rewrite(call, name.equals("GREATEST"), rexBuilder));
      default ->
          RegisteredCalls.find(name)
              .map(function -> RegisteredCalls.translate(function, call, this))
              .orElseThrow(
                  () ->
                      BuzzException.unsupported(
                          "function " + call.getOperator().getName() + " is not supported"));
    };
  }

  /**
   * POWER, and SQRT, which Calcite's SQL-to-rel conversion writes as {@code POWER(x, 0.5)}: that is
   * the registry's SQRT again, whose negative operands are an error (POWER's would be NaN).
   */
  private Expr power(RexCall call) {
    RexNode exponent = call.getOperands().get(1);
    boolean half =
        exponent instanceof org.apache.calcite.rex.RexLiteral literal
            && literal.getValueAs(java.math.BigDecimal.class) != null
            && literal
                    .getValueAs(java.math.BigDecimal.class)
                    .compareTo(new java.math.BigDecimal("0.5"))
                == 0;
    return half
        ? RegisteredCalls.translate(
            RegisteredCalls.named("SQRT"), List.of(call.getOperands().get(0)), call, this)
        : RegisteredCalls.translate(RegisteredCalls.named("POWER"), call, this);
  }

  /**
   * CONCAT(a, b, ...) as DuckDB and PostgreSQL define it: NULL operands count as empty text, so the
   * result is never NULL — {@code COALESCE(a, '') || COALESCE(b, '') || ...}.
   */
  private Expr concat(RexCall call) {
    RexNode empty = rexBuilder.makeLiteral("");
    RexNode joined = null;
    for (RexNode operand : call.getOperands()) {
      RexNode part =
          operand.getType().isNullable()
              ? rexBuilder.makeCall(
                  org.apache.calcite.sql.fun.SqlStdOperatorTable.COALESCE, operand, empty)
              : operand;
      joined =
          joined == null
              ? part
              : rexBuilder.makeCall(
                  org.apache.calcite.sql.fun.SqlStdOperatorTable.CONCAT, joined, part);
    }
    return translateAs(joined, ValueType.UTF8);
  }

  /** LIKE and ILIKE, and their negations (which Calcite keeps as one operator). */
  private Expr like(RexCall call, boolean nullable) {
    SqlLikeOperator operator = (SqlLikeOperator) call.getOperator();
    String name = operator.isCaseSensitive() ? "LIKE" : "ILIKE";
    Expr like = RegisteredCalls.translate(RegisteredCalls.named(name), call, this);
    return operator.isNegated()
        ? Exprs.call(Function.NOT, ValueType.BOOL, nullable, List.of(like))
        : like;
  }

  /** TRIM([BOTH|LEADING|TRAILING] [chars] FROM text): Calcite's operands are flag, chars, text. */
  private Expr trim(RexCall call) {
    SqlTrimFunction.Flag flag =
        ((RexLiteral) call.getOperands().get(0)).getValueAs(SqlTrimFunction.Flag.class);
    String name =
        switch (flag) {
          case BOTH -> "TRIM";
          case LEADING -> "LTRIM";
          case TRAILING -> "RTRIM";
        };
    return RegisteredCalls.translate(
        RegisteredCalls.named(name),
        List.of(call.getOperands().get(2), call.getOperands().get(1)),
        call,
        this);
  }

  /** The plan type Calcite gave {@code node}. */
  ValueType typeOf(RexNode node) {
    return type(node.getType());
  }

  private Expr arithmetic(Function function, RexCall call) {
    ValueType result = type(call.getType());
    for (RexNode operand : call.getOperands()) {
      if (result.id() == DataType.TIME_MICROS
          || type(operand.getType()).id() == DataType.TIME_MICROS) {
        throw BuzzException.unsupported(
            "arithmetic on TIME values (" + call + ") is not supported");
      }
    }
    if (function == Function.MULTIPLY && result.isDecimal()) {
      return decimalProduct(call, result);
    }
    ValueType common = result;
    for (RexNode operand : call.getOperands()) {
      if (!isNullType(operand)) {
        common = Exprs.widerNumeric(common, type(operand.getType()), call.getOperator().getName());
      }
    }
    if (common.equals(ValueType.FLOAT32)) {
      common = ValueType.FLOAT64; // exact, see the class comment
    }
    List<Expr> args = new ArrayList<>();
    for (RexNode operand : call.getOperands()) {
      args.add(translateAs(operand, common));
    }
    Expr computed = Exprs.call(function, common, call.getType().isNullable(), args);
    return Exprs.cast(computed, result);
  }

  /**
   * A DECIMAL product: the operands keep their own scales (integers become DECIMAL(10,0) or
   * DECIMAL(19,0)) and the kernel's product has the sum of them, which must be the result's scale.
   */
  private Expr decimalProduct(RexCall call, ValueType result) {
    List<Expr> args = new ArrayList<>();
    int scale = 0;
    for (RexNode operand : call.getOperands()) {
      ValueType decimal = Exprs.asDecimal(type(operand.getType()));
      scale += decimal.scale();
      args.add(translateAs(operand, decimal));
    }
    if (scale != result.scale()) {
      throw BuzzException.unsupported(
          "the product " + call + " needs a scale of " + scale + ", more than DECIMAL's " + result);
    }
    return Exprs.call(Function.MULTIPLY, result, call.getType().isNullable(), args);
  }

  private Expr comparison(Function function, RexCall call) {
    RexNode left = call.getOperands().get(0);
    RexNode right = call.getOperands().get(1);
    ValueType common;
    if (isNullType(left) && isNullType(right)) {
      common = ValueType.INT32;
    } else if (isNullType(left)) {
      common = type(right.getType());
    } else if (isNullType(right)) {
      common = type(left.getType());
    } else {
      common =
          Exprs.common(type(left.getType()), type(right.getType()), call.getOperator().getName());
    }
    return Exprs.call(
        function,
        ValueType.BOOL,
        call.getType().isNullable(),
        List.of(translateAs(left, common), translateAs(right, common)));
  }

  private Expr logical(Function function, RexCall call) {
    List<Expr> args = booleans(call);
    if (args.size() == 1) {
      return args.get(0);
    }
    return Exprs.call(function, ValueType.BOOL, call.getType().isNullable(), args);
  }

  private List<Expr> booleans(RexCall call) {
    List<Expr> args = new ArrayList<>();
    for (RexNode operand : call.getOperands()) {
      args.add(translateAs(operand, ValueType.BOOL));
    }
    return args;
  }

  private Expr predicate(Function function, RexCall call) {
    RexNode operand = call.getOperands().get(0);
    Expr arg =
        function == Function.IS_NULL || function == Function.IS_NOT_NULL
            ? (isNullType(operand) ? Exprs.nullLiteral(ValueType.INT32) : translate(operand))
            : translateAs(operand, ValueType.BOOL);
    return Exprs.call(function, ValueType.BOOL, false, List.of(arg));
  }

  private Expr castCall(RexCall call, ValueType type) {
    RexNode operand = call.getOperands().get(0);
    return isNullType(operand) ? Exprs.nullLiteral(type) : Exprs.cast(translate(operand), type);
  }

  private Expr caseCall(List<RexNode> operands, ValueType type, boolean nullable) {
    List<Expr> args = new ArrayList<>();
    for (int i = 0; i < operands.size(); i++) {
      boolean condition = i % 2 == 0 && i + 1 < operands.size();
      args.add(translateAs(operands.get(i), condition ? ValueType.BOOL : type));
    }
    if (operands.size() % 2 == 0) {
      args.add(Exprs.nullLiteral(type));
    }
    return Exprs.call(Function.CASE, type, nullable, args);
  }

  /** COALESCE(a, b, c) = CASE WHEN a IS NOT NULL THEN a WHEN b IS NOT NULL THEN b ELSE c END. */
  private Expr coalesce(List<RexNode> operands, ValueType type, boolean nullable) {
    List<Expr> args = new ArrayList<>();
    for (int i = 0; i < operands.size() - 1; i++) {
      Expr value = translateAs(operands.get(i), type);
      args.add(Exprs.call(Function.IS_NOT_NULL, ValueType.BOOL, false, List.of(value)));
      args.add(value);
    }
    args.add(translateAs(operands.get(operands.size() - 1), type));
    return Exprs.call(Function.CASE, type, nullable, args);
  }

  private Expr extract(RexCall call, ValueType type, boolean nullable) {
    TimeUnitRange unit = ((RexLiteral) call.getOperands().get(0)).getValueAs(TimeUnitRange.class);
    Function function =
        switch (unit) {
          case YEAR -> Function.EXTRACT_YEAR;
          case MONTH -> Function.EXTRACT_MONTH;
          case DAY -> Function.EXTRACT_DAY;
          case HOUR -> Function.EXTRACT_HOUR;
          case MINUTE -> Function.EXTRACT_MINUTE;
          case SECOND -> Function.EXTRACT_SECOND;
          case DOW, ISODOW, DOY, WEEK, QUARTER, ISOYEAR -> null; // the registry's DATE_PART
          default -> throw BuzzException.unsupported("EXTRACT(" + unit + " ...) is not supported");
        };
    if (function == null) {
      return RegisteredCalls.translate(
          RegisteredCalls.named("DATE_PART"),
          List.of(
              rexBuilder.makeLiteral(unit.name().toLowerCase(java.util.Locale.ROOT)),
              call.getOperands().get(1)),
          call,
          this);
    }
    Expr arg = translate(call.getOperands().get(1));
    boolean timeField =
        function == Function.EXTRACT_HOUR
            || function == Function.EXTRACT_MINUTE
            || function == Function.EXTRACT_SECOND;
    if (arg.getType() != DataType.DATE32
        && arg.getType() != DataType.TIMESTAMP_MICROS
        && !(timeField && arg.getType() == DataType.TIME_MICROS)) {
      throw BuzzException.badQuery(
          "EXTRACT("
              + unit
              + " ...) needs a DATE or TIMESTAMP"
              + (timeField ? " or TIME" : "")
              + ", got "
              + ValueType.of(arg));
    }
    Expr extracted = Exprs.call(function, ValueType.INT64, nullable, List.of(arg));
    return Exprs.cast(extracted, type);
  }

  private static boolean isNullType(RexNode node) {
    return node.getType().getSqlTypeName() == SqlTypeName.NULL;
  }

  private static ValueType type(RelDataType type) {
    return BuzzTypes.toBuzz(type, "an expression");
  }
}
