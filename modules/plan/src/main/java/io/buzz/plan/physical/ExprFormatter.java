package io.buzz.plan.physical;

import io.buzz.protocol.plan.Call;
import io.buzz.protocol.plan.Expr;
import io.buzz.protocol.plan.Literal;
import io.buzz.protocol.plan.Schema;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** Renders {@link Expr}s as SQL-like text, naming columns after their input schema. */
public final class ExprFormatter {
  private ExprFormatter() {}

  public static String format(Expr expr, Schema input) {
    return switch (expr.getKindCase()) {
      case COLUMN -> columnName(expr.getColumn(), input);
      case LITERAL -> literal(expr);
      case CALL -> call(expr, expr.getCall(), input);
      case KIND_NOT_SET -> "<unset>";
    };
  }

  /** A column's name in {@code input}, or {@code #i} when it has none or is out of range. */
  public static String columnName(int column, Schema input) {
    if (column >= 0 && column < input.getFieldsCount()) {
      String name = input.getFields(column).getName();
      return name.isEmpty() ? "#" + column : name;
    }
    return "#" + column;
  }

  private static String call(Expr expr, Call call, Schema input) {
    List<String> args = call.getArgsList().stream().map(a -> format(a, input)).toList();
    return switch (call.getFunction()) {
      case ADD -> infix(args, " + ");
      case SUBTRACT -> infix(args, " - ");
      case MULTIPLY -> infix(args, " * ");
      case DIVIDE -> infix(args, " / ");
      case MODULO -> infix(args, " % ");
      case NEGATE -> "-" + args.get(0);
      case EQUAL -> infix(args, " = ");
      case NOT_EQUAL -> infix(args, " <> ");
      case LESS_THAN -> infix(args, " < ");
      case LESS_THAN_OR_EQUAL -> infix(args, " <= ");
      case GREATER_THAN -> infix(args, " > ");
      case GREATER_THAN_OR_EQUAL -> infix(args, " >= ");
      case AND -> infix(args, " AND ");
      case OR -> infix(args, " OR ");
      case NOT -> "NOT " + args.get(0);
      case IS_NULL -> args.get(0) + " IS NULL";
      case IS_NOT_NULL -> args.get(0) + " IS NOT NULL";
      case IS_TRUE -> args.get(0) + " IS TRUE";
      case IS_NOT_TRUE -> args.get(0) + " IS NOT TRUE";
      case IS_FALSE -> args.get(0) + " IS FALSE";
      case IS_NOT_FALSE -> args.get(0) + " IS NOT FALSE";
      case CAST -> "CAST(" + args.get(0) + " AS " + ValueType.of(expr) + ")";
      case CASE -> caseWhen(args);
      case EXTRACT_YEAR -> "EXTRACT(YEAR FROM " + args.get(0) + ")";
      case EXTRACT_MONTH -> "EXTRACT(MONTH FROM " + args.get(0) + ")";
      case EXTRACT_DAY -> "EXTRACT(DAY FROM " + args.get(0) + ")";
      case EXTRACT_HOUR -> "EXTRACT(HOUR FROM " + args.get(0) + ")";
      case EXTRACT_MINUTE -> "EXTRACT(MINUTE FROM " + args.get(0) + ")";
      case EXTRACT_SECOND -> "EXTRACT(SECOND FROM " + args.get(0) + ")";
      case REGISTERED ->
          call.getName().toUpperCase(java.util.Locale.ROOT) + "(" + String.join(", ", args) + ")";
      case FUNCTION_UNSPECIFIED, UNRECOGNIZED ->
          "<unknown function>(" + String.join(", ", args) + ")";
    };
  }

  private static String infix(List<String> args, String operator) {
    return "(" + String.join(operator, args) + ")";
  }

  private static String caseWhen(List<String> args) {
    StringBuilder text = new StringBuilder("CASE");
    int i = 0;
    for (; i + 1 < args.size(); i += 2) {
      text.append(" WHEN ").append(args.get(i)).append(" THEN ").append(args.get(i + 1));
    }
    if (i < args.size()) {
      text.append(" ELSE ").append(args.get(i));
    }
    return text.append(" END").toString();
  }

  static String literal(Expr expr) {
    Literal literal = expr.getLiteral();
    return switch (literal.getValueCase()) {
      case DECIMAL_VALUE ->
          new BigDecimal(new BigInteger(literal.getDecimalValue()), ValueType.of(expr).scale())
              .toPlainString();
      case BOOL_VALUE -> literal.getBoolValue() ? "TRUE" : "FALSE";
      case INT32_VALUE -> Integer.toString(literal.getInt32Value());
      case INT64_VALUE -> Long.toString(literal.getInt64Value());
      case FLOAT64_VALUE -> Double.toString(literal.getFloat64Value());
      case FLOAT32_VALUE -> "REAL '" + literal.getFloat32Value() + "'";
      case TIME_MICROS_VALUE ->
          "TIME '" + LocalTime.ofNanoOfDay(literal.getTimeMicrosValue() * 1000) + "'";
      case UTF8_VALUE -> "'" + literal.getUtf8Value().replace("'", "''") + "'";
      case BINARY_VALUE ->
          "X'" + java.util.HexFormat.of().formatHex(literal.getBinaryValue().toByteArray()) + "'";
      case DATE32_VALUE -> "DATE '" + LocalDate.ofEpochDay(literal.getDate32Value()) + "'";
      case TIMESTAMP_MICROS_VALUE ->
          "TIMESTAMP '"
              + LocalDateTime.ofEpochSecond(0, 0, ZoneOffset.UTC)
                  .plus(literal.getTimestampMicrosValue(), ChronoUnit.MICROS)
                  .toString()
                  .replace('T', ' ')
              + "'";
      case VALUE_NOT_SET -> "NULL";
    };
  }
}
