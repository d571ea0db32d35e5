package io.buzz.exec;

import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import io.buzz.kernels.KernelException;
import io.buzz.kernels.batch.ColumnType;
import io.buzz.kernels.expr.ArithmeticExpression;
import io.buzz.kernels.expr.ArithmeticOperation;
import io.buzz.kernels.expr.BooleanTestExpression;
import io.buzz.kernels.expr.CaseExpression;
import io.buzz.kernels.expr.CastExpression;
import io.buzz.kernels.expr.ColumnReference;
import io.buzz.kernels.expr.ComparisonExpression;
import io.buzz.kernels.expr.ComparisonOperation;
import io.buzz.kernels.expr.DecimalArithmeticExpression;
import io.buzz.kernels.expr.Expression;
import io.buzz.kernels.expr.ExtractExpression;
import io.buzz.kernels.expr.Literal;
import io.buzz.kernels.expr.LogicalExpression;
import io.buzz.kernels.expr.NegateExpression;
import io.buzz.kernels.expr.NotExpression;
import io.buzz.kernels.expr.SharedExpression;
import io.buzz.kernels.function.FunctionRegistry;
import io.buzz.kernels.function.ScalarFunction;
import io.buzz.protocol.plan.Call;
import io.buzz.protocol.plan.Expr;
import io.buzz.protocol.plan.Function;
import io.buzz.protocol.plan.Schema;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * Compiles a plan {@link Expr} into a kernel {@link Expression} over an input described by a plan
 * schema, checking everything the kernels rely on: column indices and types, literal values
 * matching their type, argument counts and types of every function, and the declared result type.
 * Operand types are never coerced here; the planner inserts casts.
 *
 * <p>A broken plan fails with {@link BuzzException} INTERNAL whose message names the node by its
 * path, e.g. {@code invalid plan: expr.args[1] (ADD): operands are INT64 and INT32}; a cast the
 * kernels do not implement fails with UNSUPPORTED. Stateless; the result is immutable.
 */
public final class ExpressionCompiler {
  private final List<ArrowType> columns;

  /** Calls that occur more than once among the expressions compiled together. */
  private final java.util.Set<Expr> repeated;

  /** Each repeated call, compiled once, as a {@link SharedExpression}. */
  private final java.util.Map<Expr, Expression> shared = new java.util.HashMap<>();

  private ExpressionCompiler(List<ArrowType> columns, java.util.Set<Expr> repeated) {
    this.columns = columns;
    this.repeated = repeated;
  }

  /**
   * @throws BuzzException INTERNAL naming the node for a broken plan, UNSUPPORTED for a cast the
   *     kernels do not implement
   */
  public static Expression compile(Expr expr, Schema input) {
    return compile(expr, input, "expr");
  }

  /** Like {@link #compile(Expr, Schema)}; {@code path} names {@code expr} in messages. */
  static Expression compile(Expr expr, Schema input, String path) {
    return new ExpressionCompiler(PlanTypes.arrowTypes(input), java.util.Set.of())
        .compile(expr, path);
  }

  /**
   * Compiles the expressions of one projection together: a call that occurs more than once among
   * them (the same {@link Expr}, type and nullability included) is compiled once, as a {@link
   * SharedExpression} that computes it once per batch. {@code paths.get(i)} names {@code
   * exprs.get(i)} in messages.
   */
  static List<Expression> compileAll(List<Expr> exprs, Schema input, List<String> paths) {
    java.util.Map<Expr, Integer> counts = new java.util.HashMap<>();
    for (Expr expr : exprs) {
      countCalls(expr, counts);
    }
    java.util.Set<Expr> repeated = new java.util.HashSet<>();
    counts.forEach(
        (call, count) -> {
          if (count > 1) {
            repeated.add(call);
          }
        });
    ExpressionCompiler compiler = new ExpressionCompiler(PlanTypes.arrowTypes(input), repeated);
    List<Expression> compiled = new ArrayList<>(exprs.size());
    for (int i = 0; i < exprs.size(); i++) {
      compiled.add(compiler.compile(exprs.get(i), paths.get(i)));
    }
    return compiled;
  }

  /** Counts each call; the operands of a call already seen are not counted again. */
  private static void countCalls(Expr expr, java.util.Map<Expr, Integer> counts) {
    if (expr.getKindCase() != Expr.KindCase.CALL) {
      return;
    }
    if (counts.merge(expr, 1, Integer::sum) == 1) {
      for (Expr arg : expr.getCall().getArgsList()) {
        countCalls(arg, counts);
      }
    }
  }

  private Expression compile(Expr expr, String path) {
    if (!repeated.contains(expr)) {
      return compileOnce(expr, path);
    }
    Expression known = shared.get(expr);
    if (known == null) {
      known = new SharedExpression(compileOnce(expr, path));
      shared.put(expr, known);
    }
    return known;
  }

  private Expression compileOnce(Expr expr, String path) {
    ArrowType arrowType = type(expr, path);
    ColumnType type = ColumnType.of(arrowType);
    Expression compiled =
        switch (expr.getKindCase()) {
          case COLUMN -> column(expr.getColumn(), arrowType, path);
          case LITERAL -> literal(expr.getLiteral(), arrowType, path);
          case CALL ->
              call(expr.getCall(), arrowType, path + " (" + functionName(expr.getCall()) + ")");
          case KIND_NOT_SET -> throw invalid(path, "expression has no column, literal or call");
        };
    if (compiled.type() != type || !compiled.arrowType().equals(arrowType)) {
      throw invalid(
          path,
          "declared type "
              + PlanTypes.describe(arrowType)
              + " but computes "
              + PlanTypes.describe(compiled.arrowType()));
    }
    return compiled;
  }

  private static String functionName(Call call) {
    return call.getFunction() == Function.REGISTERED
        ? call.getName()
        : call.getFunction().toString();
  }

  private static ArrowType type(Expr expr, String path) {
    return switch (expr.getType()) {
      case DATA_TYPE_UNSPECIFIED, UNRECOGNIZED -> throw invalid(path, "result type is unset");
      default -> PlanTypes.arrowType(expr.getType(), expr.getDecimal());
    };
  }

  private Expression column(int index, ArrowType type, String path) {
    if (index < 0 || index >= columns.size()) {
      throw invalid(
          path, "column " + index + " out of range: the input has " + columns.size() + " columns");
    }
    if (!columns.get(index).equals(type)) {
      throw invalid(
          path,
          "column "
              + index
              + " is "
              + PlanTypes.describe(columns.get(index))
              + ", not "
              + PlanTypes.describe(type));
    }
    return ColumnReference.of(index, type);
  }

  private static Expression literal(
      io.buzz.protocol.plan.Literal literal, ArrowType arrowType, String path) {
    ColumnType type = ColumnType.of(arrowType);
    ColumnType valueType =
        switch (literal.getValueCase()) {
          case VALUE_NOT_SET -> null;
          case BOOL_VALUE -> ColumnType.BOOL;
          case INT32_VALUE -> ColumnType.INT32;
          case INT64_VALUE -> ColumnType.INT64;
          case FLOAT64_VALUE -> ColumnType.FLOAT64;
          case FLOAT32_VALUE -> ColumnType.FLOAT32;
          case TIME_MICROS_VALUE -> ColumnType.TIME_MICROS;
          case UTF8_VALUE -> ColumnType.UTF8;
          case BINARY_VALUE -> ColumnType.VARBINARY;
          case DATE32_VALUE -> ColumnType.DATE32;
          case TIMESTAMP_MICROS_VALUE -> ColumnType.TIMESTAMP_MICROS;
          case DECIMAL_VALUE -> ColumnType.DECIMAL128;
        };
    if (valueType == null) {
      return Literal.nullOf(arrowType);
    }
    if (valueType != type) {
      throw invalid(path, "literal of type " + type + " holds a " + valueType + " value");
    }
    return switch (type) {
      case BOOL -> Literal.ofBool(literal.getBoolValue());
      case INT32 -> Literal.ofInt32(literal.getInt32Value());
      case INT64 -> Literal.ofInt64(literal.getInt64Value());
      case FLOAT64 -> Literal.ofFloat64(literal.getFloat64Value());
      case FLOAT32 -> Literal.ofFloat32(literal.getFloat32Value());
      case TIME_MICROS -> Literal.ofTimeMicros(literal.getTimeMicrosValue());
      case UTF8 -> Literal.ofUtf8(literal.getUtf8Value());
      case VARBINARY -> Literal.ofBinary(literal.getBinaryValue().toByteArray());
      case DATE32 -> Literal.ofDate32(literal.getDate32Value());
      case TIMESTAMP_MICROS -> Literal.ofTimestampMicros(literal.getTimestampMicrosValue());
      case DECIMAL128 ->
          decimalLiteral(literal.getDecimalValue(), (ArrowType.Decimal) arrowType, path);
    };
  }

  private static Literal decimalLiteral(String unscaled, ArrowType.Decimal type, String path) {
    BigInteger value;
    try {
      value = new BigInteger(unscaled);
    } catch (NumberFormatException e) {
      throw invalid(path, "decimal literal '" + unscaled + "' is not an integer");
    }
    try {
      return Literal.ofDecimal(new BigDecimal(value, type.getScale()), type);
    } catch (KernelException e) {
      throw invalid(path, e.getMessage());
    }
  }

  private Expression call(Call call, ArrowType arrowType, String path) {
    ColumnType type = ColumnType.of(arrowType);
    List<Expression> args = new ArrayList<>(call.getArgsCount());
    for (int i = 0; i < call.getArgsCount(); i++) {
      args.add(compile(call.getArgs(i), path + ".args[" + i + "]"));
    }
    Function function = call.getFunction();
    try {
      return switch (function) {
        case ADD -> arithmetic(ArithmeticOperation.ADD, args, arrowType, path);
        case SUBTRACT -> arithmetic(ArithmeticOperation.SUBTRACT, args, arrowType, path);
        case MULTIPLY -> arithmetic(ArithmeticOperation.MULTIPLY, args, arrowType, path);
        case DIVIDE -> arithmetic(ArithmeticOperation.DIVIDE, args, arrowType, path);
        case MODULO -> arithmetic(ArithmeticOperation.MODULO, args, arrowType, path);
        case NEGATE -> {
          arity(args, 1, path);
          if (args.get(0).type() != ColumnType.DECIMAL128) {
            requireNumeric(args.get(0).type(), path);
          }
          yield new NegateExpression(args.get(0));
        }
        case EQUAL -> comparison(ComparisonOperation.EQUAL, args, path);
        case NOT_EQUAL -> comparison(ComparisonOperation.NOT_EQUAL, args, path);
        case LESS_THAN -> comparison(ComparisonOperation.LESS_THAN, args, path);
        case LESS_THAN_OR_EQUAL -> comparison(ComparisonOperation.LESS_THAN_OR_EQUAL, args, path);
        case GREATER_THAN -> comparison(ComparisonOperation.GREATER_THAN, args, path);
        case GREATER_THAN_OR_EQUAL ->
            comparison(ComparisonOperation.GREATER_THAN_OR_EQUAL, args, path);
        case AND -> logical(LogicalExpression.Connective.AND, args, path);
        case OR -> logical(LogicalExpression.Connective.OR, args, path);
        case NOT -> {
          arity(args, 1, path);
          requireBool(args.get(0), path + ".args[0]");
          yield new NotExpression(args.get(0));
        }
        case IS_NULL -> test(BooleanTestExpression.Check.IS_NULL, args, path);
        case IS_NOT_NULL -> test(BooleanTestExpression.Check.IS_NOT_NULL, args, path);
        case IS_TRUE -> test(BooleanTestExpression.Check.IS_TRUE, args, path);
        case IS_NOT_TRUE -> test(BooleanTestExpression.Check.IS_NOT_TRUE, args, path);
        case IS_FALSE -> test(BooleanTestExpression.Check.IS_FALSE, args, path);
        case IS_NOT_FALSE -> test(BooleanTestExpression.Check.IS_NOT_FALSE, args, path);
        case CAST -> cast(args, arrowType, path);
        case CASE -> caseWhen(args, arrowType, path);
        case EXTRACT_YEAR -> extract(ExtractExpression.Field.YEAR, args, path);
        case EXTRACT_MONTH -> extract(ExtractExpression.Field.MONTH, args, path);
        case EXTRACT_DAY -> extract(ExtractExpression.Field.DAY, args, path);
        case EXTRACT_HOUR -> extract(ExtractExpression.Field.HOUR, args, path);
        case EXTRACT_MINUTE -> extract(ExtractExpression.Field.MINUTE, args, path);
        case EXTRACT_SECOND -> extract(ExtractExpression.Field.SECOND, args, path);
        case REGISTERED -> registered(call.getName(), args, type, path);
        case FUNCTION_UNSPECIFIED, UNRECOGNIZED -> throw invalid(path, "function is unset");
      };
    } catch (KernelException e) {
      // The checks above mirror the kernels' own; this is a safety net, never a normal path.
      throw new BuzzException(
          ErrorCode.INTERNAL, "invalid plan: " + path + ": " + e.getMessage(), e);
    }
  }

  private static Expression arithmetic(
      ArithmeticOperation operation, List<Expression> args, ArrowType type, String path) {
    arity(args, 2, path);
    if (type instanceof ArrowType.Decimal decimal) {
      return new DecimalArithmeticExpression(operation, args.get(0), args.get(1), decimal);
    }
    sameType(args, path);
    requireNumeric(args.get(0).type(), path);
    return new ArithmeticExpression(operation, args.get(0), args.get(1));
  }

  private static Expression comparison(
      ComparisonOperation operation, List<Expression> args, String path) {
    arity(args, 2, path);
    sameType(args, path);
    return new ComparisonExpression(operation, args.get(0), args.get(1));
  }

  private static Expression logical(
      LogicalExpression.Connective connective, List<Expression> args, String path) {
    if (args.size() < 2) {
      throw invalid(path, "needs two or more operands, has " + args.size());
    }
    for (int i = 0; i < args.size(); i++) {
      requireBool(args.get(i), path + ".args[" + i + "]");
    }
    return new LogicalExpression(connective, args);
  }

  private static Expression test(
      BooleanTestExpression.Check check, List<Expression> args, String path) {
    arity(args, 1, path);
    if (check != BooleanTestExpression.Check.IS_NULL
        && check != BooleanTestExpression.Check.IS_NOT_NULL) {
      requireBool(args.get(0), path + ".args[0]");
    }
    return new BooleanTestExpression(check, args.get(0));
  }

  private static Expression cast(List<Expression> args, ArrowType type, String path) {
    arity(args, 1, path);
    ColumnType from = args.get(0).type();
    if (!CastExpression.supports(from, ColumnType.of(type))) {
      throw new BuzzException(
          ErrorCode.UNSUPPORTED,
          path
              + ": CAST from "
              + PlanTypes.describe(args.get(0).arrowType())
              + " to "
              + PlanTypes.describe(type)
              + " is not supported");
    }
    return CastExpression.to(args.get(0), type);
  }

  private static Expression caseWhen(List<Expression> args, ArrowType type, String path) {
    if (args.size() < 3 || args.size() % 2 == 0) {
      throw invalid(
          path,
          "needs operands c1, v1, ..., else (an odd count of at least 3), has " + args.size());
    }
    List<Expression> conditions = new ArrayList<>();
    List<Expression> values = new ArrayList<>();
    for (int i = 0; i + 1 < args.size(); i += 2) {
      requireBool(args.get(i), path + ".args[" + i + "]");
      requireType(args.get(i + 1), type, path + ".args[" + (i + 1) + "]");
      conditions.add(args.get(i));
      values.add(args.get(i + 1));
    }
    Expression otherwise = args.get(args.size() - 1);
    requireType(otherwise, type, path + ".args[" + (args.size() - 1) + "]");
    return new CaseExpression(conditions, values, otherwise);
  }

  private static Expression extract(
      ExtractExpression.Field field, List<Expression> args, String path) {
    arity(args, 1, path);
    ColumnType from = args.get(0).type();
    if (!ExtractExpression.supports(field, from)) {
      throw invalid(
          path,
          "operand is "
              + from
              + (field.isTimeOfDay()
                  ? ", not DATE32, TIMESTAMP_MICROS or TIME_MICROS"
                  : ", not DATE32 or TIMESTAMP_MICROS"));
    }
    return new ExtractExpression(field, args.get(0));
  }

  /** A function of the registry: its operands must match one of its signatures exactly. */
  private static Expression registered(
      String name, List<Expression> args, ColumnType type, String path) {
    ScalarFunction function =
        FunctionRegistry.STANDARD
            .byName(name)
            .orElseThrow(() -> invalid(path, "no registered function is called '" + name + "'"));
    List<ColumnType> operands = new ArrayList<>(args.size());
    for (Expression arg : args) {
      operands.add(arg.type());
    }
    ScalarFunction.Signature signature =
        function
            .exactly(operands)
            .orElseThrow(
                () ->
                    invalid(
                        path,
                        name + " takes " + function.signatures() + ", not operands " + operands));
    if (signature.result() != type) {
      throw invalid(path, name + " of " + operands + " returns " + signature.result());
    }
    try {
      return function.bind().apply(args);
    } catch (KernelException e) {
      // e.g. a LIKE pattern ending in its escape, an unknown DATE_TRUNC unit: the query's fault
      throw new BuzzException(
          ExecErrors.code(e.kind()), function.displayName() + ": " + e.getMessage(), e);
    }
  }

  private static void arity(List<Expression> args, int expected, String path) {
    if (args.size() != expected) {
      throw invalid(path, "needs " + expected + " operand(s), has " + args.size());
    }
  }

  private static void sameType(List<Expression> args, String path) {
    if (!args.get(0).arrowType().equals(args.get(1).arrowType())) {
      throw invalid(
          path,
          "operands are "
              + PlanTypes.describe(args.get(0).arrowType())
              + " and "
              + PlanTypes.describe(args.get(1).arrowType()));
    }
  }

  private static void requireNumeric(ColumnType type, String path) {
    if (!ArithmeticExpression.supports(type)) {
      throw invalid(path, "operands are " + type + ", not INT32, INT64 or FLOAT64");
    }
  }

  private static void requireBool(Expression arg, String path) {
    requireType(arg, ColumnType.BOOL.arrowType(), path);
  }

  private static void requireType(Expression arg, ArrowType type, String path) {
    if (!arg.arrowType().equals(type)) {
      throw invalid(
          path,
          "is " + PlanTypes.describe(arg.arrowType()) + ", expected " + PlanTypes.describe(type));
    }
  }

  private static BuzzException invalid(String path, String problem) {
    return new BuzzException(ErrorCode.INTERNAL, "invalid plan: " + path + ": " + problem);
  }
}
