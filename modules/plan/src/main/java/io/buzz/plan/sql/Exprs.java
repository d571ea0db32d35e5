package io.buzz.plan.sql;

import io.buzz.error.BuzzException;
import io.buzz.protocol.plan.Call;
import io.buzz.protocol.plan.DataType;
import io.buzz.protocol.plan.Expr;
import io.buzz.protocol.plan.Function;
import io.buzz.protocol.plan.Literal;
import java.util.List;

/** Builders for {@link Expr}s and the type rules that decide where CASTs go. */
final class Exprs {
  private static final long MICROS_PER_DAY = 86_400_000_000L;

  private Exprs() {}

  static Expr column(int index, DataType type, boolean nullable) {
    return Expr.newBuilder().setType(type).setNullable(nullable).setColumn(index).build();
  }

  static Expr literal(DataType type, Literal literal) {
    return Expr.newBuilder()
        .setType(type)
        .setNullable(literal.getValueCase() == Literal.ValueCase.VALUE_NOT_SET)
        .setLiteral(literal)
        .build();
  }

  static Expr nullLiteral(DataType type) {
    return literal(type, Literal.getDefaultInstance());
  }

  /**
   * A constant of {@code type}: NULL when {@code nullable}, else the type's zero value (0, '',
   * FALSE, the epoch). Used where no row is ever evaluated but a schema must be kept.
   */
  static Expr placeholder(DataType type, boolean nullable) {
    if (nullable) {
      return nullLiteral(type);
    }
    Literal.Builder zero = Literal.newBuilder();
    switch (type) {
      case BOOL -> zero.setBoolValue(false);
      case INT32 -> zero.setInt32Value(0);
      case INT64 -> zero.setInt64Value(0);
      case FLOAT64 -> zero.setFloat64Value(0);
      case UTF8 -> zero.setUtf8Value("");
      case DATE32 -> zero.setDate32Value(0);
      case TIMESTAMP_MICROS -> zero.setTimestampMicrosValue(0);
      case DATA_TYPE_UNSPECIFIED, UNRECOGNIZED ->
          throw new IllegalArgumentException("no placeholder for " + type);
    }
    return literal(type, zero.build());
  }

  static Expr bool(boolean value) {
    return literal(DataType.BOOL, Literal.newBuilder().setBoolValue(value).build());
  }

  static Expr call(Function function, DataType type, boolean nullable, List<Expr> args) {
    return Expr.newBuilder()
        .setType(type)
        .setNullable(nullable)
        .setCall(Call.newBuilder().setFunction(function).addAllArgs(args))
        .build();
  }

  /**
   * {@code expr} converted to {@code target}: itself when it already has that type, a folded
   * literal when the conversion is exact (NULL, integer widening, integer to FLOAT64, DATE32 to
   * TIMESTAMP_MICROS), otherwise a CAST call that is NULL exactly when {@code expr} is.
   */
  static Expr cast(Expr expr, DataType target) {
    if (expr.getType() == target) {
      return expr;
    }
    if (expr.getKindCase() == Expr.KindCase.LITERAL) {
      Literal folded = fold(expr.getLiteral(), target);
      if (folded != null) {
        return literal(target, folded);
      }
    }
    return call(Function.CAST, target, expr.getNullable(), List.of(expr));
  }

  private static Literal fold(Literal literal, DataType target) {
    Literal.Builder out = Literal.newBuilder();
    switch (literal.getValueCase()) {
      case VALUE_NOT_SET -> {
        return literal;
      }
      case INT32_VALUE -> {
        int value = literal.getInt32Value();
        return switch (target) {
          case INT64 -> out.setInt64Value(value).build();
          case FLOAT64 -> out.setFloat64Value(value).build();
          default -> null;
        };
      }
      case INT64_VALUE -> {
        long value = literal.getInt64Value();
        return switch (target) {
          case INT32 -> value == (int) value ? out.setInt32Value((int) value).build() : null;
          case FLOAT64 -> out.setFloat64Value(value).build();
          default -> null;
        };
      }
      case DATE32_VALUE -> {
        return target == DataType.TIMESTAMP_MICROS
            ? out.setTimestampMicrosValue(literal.getDate32Value() * MICROS_PER_DAY).build()
            : null;
      }
      default -> {
        return null;
      }
    }
  }

  /** The wider of two numeric types for arithmetic: INT32 &lt; INT64 &lt; FLOAT64. */
  static DataType widerNumeric(DataType a, DataType b, String operator) {
    if (numericRank(a) < 0 || numericRank(b) < 0) {
      throw BuzzException.badQuery(
          "operator " + operator + " needs numbers, got " + a + " and " + b);
    }
    return numericRank(a) >= numericRank(b) ? a : b;
  }

  /**
   * The type two compared values are converted to: the wider number; TIMESTAMP_MICROS for a date
   * and a timestamp; the other type when one side is a string (so {@code d = '2020-01-01'} compares
   * dates).
   */
  static DataType common(DataType a, DataType b, String operator) {
    if (a == b) {
      return a;
    }
    if (numericRank(a) >= 0 && numericRank(b) >= 0) {
      return widerNumeric(a, b, operator);
    }
    if (isTemporal(a) && isTemporal(b)) {
      return DataType.TIMESTAMP_MICROS;
    }
    if (a == DataType.UTF8) {
      return b;
    }
    if (b == DataType.UTF8) {
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
      case FLOAT64 -> 2;
      default -> -1;
    };
  }
}
