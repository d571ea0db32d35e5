package io.buzz.plan.sql;

import io.buzz.error.BuzzException;
import io.buzz.plan.physical.ValueType;
import io.buzz.protocol.plan.Expr;
import io.buzz.protocol.plan.Literal;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.util.DateString;
import org.apache.calcite.util.TimeString;
import org.apache.calcite.util.TimestampString;

/**
 * Calcite literals as Buzz literals: numbers of the literal's Buzz type (so {@code 10.5} is a
 * DECIMAL(3,1), as in SQL and DuckDB, and a REAL the float nearest its value), strings without CHAR
 * padding, dates as days since the epoch, timestamps as microseconds since the epoch (no time zone)
 * and times as microseconds since midnight.
 */
final class RexLiterals {
  private RexLiterals() {}

  static Expr translate(RexLiteral literal, ValueType type) {
    if (literal.isNull()) {
      return Exprs.nullLiteral(type);
    }
    Literal.Builder value = Literal.newBuilder();
    switch (literal.getTypeName()) {
      case BOOLEAN -> value.setBoolValue(literal.getValueAs(Boolean.class));
      case TINYINT, SMALLINT, INTEGER, BIGINT, DECIMAL, REAL, FLOAT, DOUBLE -> {
        BigDecimal number = literal.getValueAs(BigDecimal.class);
        switch (type.id()) {
          case INT32 -> value.setInt32Value(number.intValueExact());
          case INT64 -> value.setInt64Value(number.longValueExact());
          case FLOAT64 -> value.setFloat64Value(number.doubleValue());
          case FLOAT32 -> value.setFloat32Value(number.floatValue());
          case DECIMAL128 ->
              value.setDecimalValue(number.setScale(type.scale()).unscaledValue().toString());
          default -> throw unsupported(literal);
        }
      }
      case CHAR, VARCHAR -> value.setUtf8Value(literal.getValueAs(String.class));
      case BINARY, VARBINARY ->
          value.setBinaryValue(
              com.google.protobuf.ByteString.copyFrom(
                  literal.getValueAs(org.apache.calcite.avatica.util.ByteString.class).getBytes()));
      case DATE -> value.setDate32Value(literal.getValueAs(DateString.class).getDaysSinceEpoch());
      case TIMESTAMP ->
          value.setTimestampMicrosValue(micros(literal.getValueAs(TimestampString.class)));
      case TIME -> value.setTimeMicrosValue(micros(literal.getValueAs(TimeString.class)));
      default -> throw unsupported(literal);
    }
    return Exprs.literal(type, value.build());
  }

  /** Microseconds since 1970-01-01 00:00:00 of a timestamp without time zone. */
  static long micros(TimestampString timestamp) {
    LocalDateTime time = LocalDateTime.parse(timestamp.toString().replace(' ', 'T'));
    return Math.addExact(
        Math.multiplyExact(time.toEpochSecond(ZoneOffset.UTC), 1_000_000L), time.getNano() / 1000);
  }

  /** Microseconds since midnight of a time of day. */
  static long micros(TimeString time) {
    return LocalTime.parse(time.toString()).toNanoOfDay() / 1000;
  }

  private static BuzzException unsupported(RexLiteral literal) {
    return BuzzException.unsupported(
        "literal "
            + literal
            + " of type "
            + literal.getType().getFullTypeString()
            + " is not supported");
  }
}
