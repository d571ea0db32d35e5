package io.buzz.cli.format;

import io.buzz.kernels.batch.ColumnType;
import io.buzz.kernels.expr.Utf8Formatter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;

/**
 * Renders one Arrow value as text the way DuckDB's CLI does: dates {@code 2009-01-05}, timestamps
 * {@code 2009-01-05 13:45:00[.123456]}, times {@code 13:45:00[.123456]}, doubles in their shortest
 * exact form without exponent, floats in the fewest digits that read back as the same float ({@code
 * 1.1}, not the double {@code 1.100000023841858}), decimals with every digit of their scale ({@code
 * 1.50}), booleans {@code true}/{@code false}, bytes as DuckDB prints a BLOB. NULL is {@code null}
 * (callers print it as they need).
 */
final class ValueFormatter {
  private ValueFormatter() {}

  static String format(FieldVector vector, int row) {
    if (vector.isNull(row)) {
      return null;
    }
    ColumnType type = ColumnType.of(vector.getField().getType());
    return switch (type) {
      case BOOL -> ((BitVector) vector).get(row) == 1 ? "true" : "false";
      case INT32 -> Integer.toString(((IntVector) vector).get(row));
      case INT64 -> Long.toString(((BigIntVector) vector).get(row));
      case FLOAT64 -> formatDouble(((Float8Vector) vector).get(row));
      case FLOAT32 -> formatFloat(((Float4Vector) vector).get(row));
      case UTF8 -> new String(((VarCharVector) vector).get(row), StandardCharsets.UTF_8);
      case DATE32 -> LocalDate.ofEpochDay(((DateDayVector) vector).get(row)).toString();
      case TIMESTAMP_MICROS -> formatMicros(((TimeStampVector) vector).get(row));
      case TIME_MICROS -> formatTime(((TimeMicroVector) vector).get(row));
      case DECIMAL128 -> ((DecimalVector) vector).getObject(row).toPlainString();
      case VARBINARY -> formatBytes(((VarBinaryVector) vector).get(row));
    };
  }

  /**
   * Bytes as DuckDB prints a BLOB: printable ASCII as itself, every other byte (and the backslash)
   * as {@code \xHH}.
   */
  static String formatBytes(byte[] bytes) {
    StringBuilder text = new StringBuilder(bytes.length);
    for (byte b : bytes) {
      int v = b & 0xFF;
      if (v >= 0x20 && v <= 0x7E && v != '\\') {
        text.append((char) v);
      } else {
        text.append("\\x").append(Character.toUpperCase(Character.forDigit(v >>> 4, 16)));
        text.append(Character.toUpperCase(Character.forDigit(v & 0xF, 16)));
      }
    }
    return text.toString();
  }

  /** True when the column holds numbers, which tables align right and JSON leaves unquoted. */
  static boolean isNumeric(FieldVector vector) {
    return ColumnType.of(vector.getField().getType()).isNumeric();
  }

  static String formatDouble(double value) {
    if (Double.isNaN(value)) {
      return "nan";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "inf" : "-inf";
    }
    if (value == 0) {
      return "0.0";
    }
    return plain(BigDecimal.valueOf(value));
  }

  static String formatFloat(float value) {
    if (!Float.isFinite(value) || value == 0) {
      return formatDouble(value);
    }
    return plain(new BigDecimal(Utf8Formatter.formatFloat(value)));
  }

  private static String plain(BigDecimal value) {
    String plain = value.toPlainString();
    return plain.indexOf('.') < 0 ? plain + ".0" : plain;
  }

  static String formatTime(long micros) {
    byte[] text = new byte[Utf8Formatter.MAX_LENGTH];
    return new String(
        text, 0, Utf8Formatter.formatTime(micros, text, 0), StandardCharsets.US_ASCII);
  }

  static String formatMicros(long micros) {
    long seconds = Math.floorDiv(micros, 1_000_000L);
    int fraction = (int) Math.floorMod(micros, 1_000_000L);
    LocalDateTime time = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
    StringBuilder text = new StringBuilder(26);
    text.append(time.toLocalDate()).append(' ');
    appendTwoDigits(text, time.getHour()).append(':');
    appendTwoDigits(text, time.getMinute()).append(':');
    appendTwoDigits(text, time.getSecond());
    if (fraction != 0) {
      String digits = Integer.toString(1_000_000 + fraction).substring(1);
      int end = digits.length();
      while (digits.charAt(end - 1) == '0') {
        end--;
      }
      text.append('.').append(digits, 0, end);
    }
    return text.toString();
  }

  private static StringBuilder appendTwoDigits(StringBuilder text, int value) {
    if (value < 10) {
      text.append('0');
    }
    return text.append(value);
  }
}
