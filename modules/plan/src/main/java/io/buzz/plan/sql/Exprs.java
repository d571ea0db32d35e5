package io.buzz.plan.sql;

import io.buzz.error.BuzzException;
import io.buzz.plan.physical.ValueType;
import io.buzz.protocol.plan.Call;
import io.buzz.protocol.plan.DataType;
import io.buzz.protocol.plan.Expr;
import io.buzz.protocol.plan.Function;
import io.buzz.protocol.plan.Literal;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;

/** Builders for {@link Expr}s and the type rules that decide where CASTs go. */
final class Exprs {
  private static final long MICROS_PER_DAY = 86_400_000_000L;

  private Exprs() {}

  static Expr column(int index, ValueType type, boolean nullable) {
    return type.applyTo(Expr.newBuilder()).setNullable(nullable).setColumn(index).build();
  }

  static Expr literal(ValueType type, Literal literal) {
    return type.applyTo(Expr.newBuilder())
        .setNullable(literal.getValueCase() == Literal.ValueCase.VALUE_NOT_SET)
        .setLiteral(literal)
        .build();
  }

  static Expr nullLiteral(ValueType type) {
    return literal(type, Literal.getDefaultInstance());
  }

  /**
   * A constant of {@code type}: NULL when {@code nullable}, else the type's zero value (0, '',
   * FALSE, the epoch, midnight). Used where no row is ever evaluated but a schema must be kept.
   */
  static Expr placeholder(ValueType type, boolean nullable) {
    if (nullable) {
      return nullLiteral(type);
    }
    Literal.Builder zero = Literal.newBuilder();
    switch (type.id()) {
      case BOOL -> zero.setBoolValue(false);
      case INT32 -> zero.setInt32Value(0);
      case INT64 -> zero.setInt64Value(0);
      case FLOAT64 -> zero.setFloat64Value(0);
      case FLOAT32 -> zero.setFloat32Value(0);
      case UTF8 -> zero.setUtf8Value("");
      case VARBINARY -> zero.setBinaryValue(com.google.protobuf.ByteString.EMPTY);
      case DATE32 -> zero.setDate32Value(0);
      case TIMESTAMP_MICROS -> zero.setTimestampMicrosValue(0);
      case TIME_MICROS -> zero.setTimeMicrosValue(0);
      case DECIMAL128 -> zero.setDecimalValue("0");
      case DATA_TYPE_UNSPECIFIED, UNRECOGNIZED ->
          throw new IllegalArgumentException("no placeholder for " + type);
    }
    return literal(type, zero.build());
  }

  static Expr bool(boolean value) {
    return literal(ValueType.BOOL, Literal.newBuilder().setBoolValue(value).build());
  }

  static Expr call(Function function, ValueType type, boolean nullable, List<Expr> args) {
    return type.applyTo(Expr.newBuilder())
        .setNullable(nullable)
        .setCall(Call.newBuilder().setFunction(function).addAllArgs(args))
        .build();
  }

  /**
   * {@code expr} converted to {@code target}: itself when it already has that type, a folded
   * literal when the kernels' CAST would give that very value (NULL, integer widening, a number to
   * the nearest FLOAT64 or FLOAT32, FLOAT32 to FLOAT64, DATE32 to TIMESTAMP_MICROS, a decimal to a
   * decimal that holds it), otherwise a CAST call that is NULL exactly when {@code expr} is.
   */
  static Expr cast(Expr expr, ValueType target) {
    if (ValueType.of(expr).equals(target)) {
      return expr;
    }
    if (expr.getKindCase() == Expr.KindCase.LITERAL) {
      Literal folded = fold(expr, target);
      if (folded != null) {
        return literal(target, folded);
      }
    }
    return call(Function.CAST, target, expr.getNullable(), List.of(expr));
  }

  private static Literal fold(Expr expr, ValueType target) {
    Literal literal = expr.getLiteral();
    Literal.Builder out = Literal.newBuilder();
    switch (literal.getValueCase()) {
      case VALUE_NOT_SET -> {
        return literal;
      }
      case INT32_VALUE -> {
        int value = literal.getInt32Value();
        return switch (target.id()) {
          case INT64 -> out.setInt64Value(value).build();
          case FLOAT64 -> out.setFloat64Value(value).build();
          case FLOAT32 -> out.setFloat32Value(value).build();
          case DECIMAL128 -> foldDecimal(BigDecimal.valueOf(value), target);
          default -> null;
        };
      }
      case INT64_VALUE -> {
        long value = literal.getInt64Value();
        return switch (target.id()) {
          case INT32 -> value == (int) value ? out.setInt32Value((int) value).build() : null;
          case FLOAT64 -> out.setFloat64Value(value).build();
          case FLOAT32 -> out.setFloat32Value(value).build();
          case DECIMAL128 -> foldDecimal(BigDecimal.valueOf(value), target);
          default -> null;
        };
      }
      case DECIMAL_VALUE -> {
        BigDecimal value = decimalValue(expr);
        return switch (target.id()) {
          case FLOAT64 -> out.setFloat64Value(value.doubleValue()).build();
          case FLOAT32 -> out.setFloat32Value(value.floatValue()).build();
          case DECIMAL128 -> foldDecimal(value, target);
          default -> null;
        };
      }
      case FLOAT32_VALUE -> {
        return target.id() == DataType.FLOAT64
            ? out.setFloat64Value(literal.getFloat32Value()).build()
            : null;
      }
      case DATE32_VALUE -> {
        return target.id() == DataType.TIMESTAMP_MICROS
            ? out.setTimestampMicrosValue(literal.getDate32Value() * MICROS_PER_DAY).build()
            : null;
      }
      default -> {
        return null;
      }
    }
  }

  /** The value of a DECIMAL128 literal expression. */
  static BigDecimal decimalValue(Expr expr) {
    return new BigDecimal(
        new BigInteger(expr.getLiteral().getDecimalValue()), ValueType.of(expr).scale());
  }

  /** A decimal literal's value at {@code target}'s scale, when it fits exactly; else null. */
  private static Literal foldDecimal(BigDecimal value, ValueType target) {
    BigDecimal scaled;
    try {
      scaled = value.setScale(target.scale());
    } catch (ArithmeticException inexact) {
      return null;
    }
    if (scaled.precision() - scaled.scale() > target.precision() - target.scale()) {
      return null;
    }
    return Literal.newBuilder().setDecimalValue(scaled.unscaledValue().toString()).build();
  }

  /**
   * The type two numbers are computed in: INT32 &lt; INT64 &lt; DECIMAL128 &lt; FLOAT32 &lt;
   * FLOAT64 (as DuckDB: a REAL meets an integer or a decimal as REAL), where an integer meets a
   * decimal as DECIMAL(10,0) or DECIMAL(19,0) and two decimals meet as the decimal that holds both
   * (SQL's rule, as DuckDB): max(integer digits) + max(scale), at most 38 digits.
   */
  static ValueType widerNumeric(ValueType a, ValueType b, String operator) {
    if (numericRank(a.id()) < 0 || numericRank(b.id()) < 0) {
      throw BuzzException.badQuery(
          "operator " + operator + " needs numbers, got " + a + " and " + b);
    }
    if (a.isDecimal() && b.isDecimal()
        || a.isDecimal() && isInteger(b)
        || isInteger(a) && b.isDecimal()) {
      ValueType x = asDecimal(a);
      ValueType y = asDecimal(b);
      int scale = Math.max(x.scale(), y.scale());
      int digits = Math.max(x.precision() - x.scale(), y.precision() - y.scale());
      return ValueType.decimal(Math.min(digits + scale, ValueType.MAX_PRECISION), scale);
    }
    return numericRank(a.id()) >= numericRank(b.id()) ? a : b;
  }

  /** An integer type as the decimal that holds all its values; a decimal as itself. */
  static ValueType asDecimal(ValueType type) {
    return switch (type.id()) {
      case INT32 -> ValueType.decimal(10, 0);
      case INT64 -> ValueType.decimal(19, 0);
      case DECIMAL128 -> type;
      default -> throw new IllegalArgumentException("not an exact number: " + type);
    };
  }

  private static boolean isInteger(ValueType type) {
    return type.id() == DataType.INT32 || type.id() == DataType.INT64;
  }

  /**
   * The type two compared values are converted to: the wider number (a FLOAT32 and a FLOAT64
   * compare as FLOAT64); TIMESTAMP_MICROS for a date and a timestamp; the other type when one side
   * is a string (so {@code d = '2020-01-01'} compares dates and {@code t < '12:00'} times). A TIME
   * meets nothing but a TIME or a string.
   */
  static ValueType common(ValueType a, ValueType b, String operator) {
    if (a.equals(b)) {
      return a;
    }
    if (numericRank(a.id()) >= 0 && numericRank(b.id()) >= 0) {
      return widerNumeric(a, b, operator);
    }
    if (isTemporal(a.id()) && isTemporal(b.id())) {
      return ValueType.TIMESTAMP_MICROS;
    }
    if (a.id() == DataType.UTF8) {
      return b;
    }
    if (b.id() == DataType.UTF8) {
      return a;
    }
    throw BuzzException.badQuery("cannot compare " + a + " with " + b + " (" + operator + ")");
  }

  private static boolean isTemporal(DataType type) {
    return type == DataType.DATE32 || type == DataType.TIMESTAMP_MICROS;
  }

  private static int numericRank(DataType type) {
    return switch (type) {
      case INT32 -> 0;
      case INT64 -> 1;
      case DECIMAL128 -> 2;
      case FLOAT32 -> 3;
      case FLOAT64 -> 4;
      default -> -1;
    };
  }
}
