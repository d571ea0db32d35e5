package io.buzz.kernels.expr;

import java.nio.charset.StandardCharsets;

/**
 * Text forms of values, as DuckDB prints them when casting to VARCHAR: integers in decimal; BOOL as
 * {@code true}/{@code false}; dates as {@code YYYY-MM-DD} (years before 1 as {@code YYYY-MM-DD
 * (BC)}, years past 9999 with more digits); timestamps as {@code YYYY-MM-DD HH:MM:SS} plus {@code
 * .ffffff} without trailing zeros when there are microseconds; doubles in the shortest form that
 * reads back to the same double, positional for decimal exponents in [-4, 16) (with at least one
 * fractional digit, {@code 1.0}) and scientific otherwise ({@code 1e+16}, {@code 1.5e-05}), and
 * {@code nan}, {@code inf}, {@code -inf}; floats the same way with the shortest digits that read
 * back to the same float ({@code 1.1}); times of day as {@code HH:MM:SS[.ffffff]}.
 *
 * <p>Integer, date, timestamp and time forms are written into a caller's byte array without
 * allocating; methods return the position after the last byte written. Stateless and thread-safe.
 */
public final class Utf8Formatter {
  /** Enough for any value of any type handled here. */
  public static final int MAX_LENGTH = 64;

  private static final byte[] BC = " (BC)".getBytes(StandardCharsets.US_ASCII);

  private Utf8Formatter() {}

  /** Writes {@code value} in decimal at {@code position}. */
  public static int formatLong(long value, byte[] out, int position) {
    if (value < 0) {
      out[position++] = '-';
    } else {
      value = -value; // work with negatives so that Long.MIN_VALUE fits
    }
    int digits = 1;
    for (long rest = value / 10; rest != 0; rest /= 10) {
      digits++;
    }
    int end = position + digits;
    for (int i = end - 1; i >= position; i--) {
      out[i] = (byte) ('0' - (value % 10));
      value /= 10;
    }
    return end;
  }

  /** Writes {@code days} since 1970-01-01 as {@code YYYY-MM-DD[ (BC)]}. */
  public static int formatDate(long days, byte[] out, int position) {
    long date = CivilCalendar.fromEpochDay(days);
    long year = CivilCalendar.year(date);
    boolean beforeChrist = year <= 0;
    long shown = beforeChrist ? 1 - year : year;
    position = padded(shown, 4, out, position);
    out[position++] = '-';
    position = padded(CivilCalendar.month(date), 2, out, position);
    out[position++] = '-';
    position = padded(CivilCalendar.day(date), 2, out, position);
    if (beforeChrist) {
      System.arraycopy(BC, 0, out, position, BC.length);
      position += BC.length;
    }
    return position;
  }

  /** Writes microseconds since the epoch as {@code YYYY-MM-DD HH:MM:SS[.ffffff]}. */
  public static int formatTimestamp(long micros, byte[] out, int position) {
    position = formatDate(CivilCalendar.epochDayOf(micros), out, position);
    out[position++] = ' ';
    return formatTime(CivilCalendar.microsOfDay(micros), out, position);
  }

  /**
   * Writes microseconds since midnight as {@code HH:MM:SS[.ffffff]}, the fraction without trailing
   * zeros ({@code 24:00:00} is the end of a day). A value outside a day, which only corrupt data
   * holds, keeps its hours (and a sign) rather than wrapping.
   */
  public static int formatTime(long ofDay, byte[] out, int position) {
    if (ofDay < 0) {
      out[position++] = '-';
      ofDay = ofDay == Long.MIN_VALUE ? Long.MAX_VALUE : -ofDay;
    }
    long seconds = ofDay / CivilCalendar.MICROS_PER_SECOND;
    long fraction = ofDay % CivilCalendar.MICROS_PER_SECOND;
    position = padded(seconds / 3600, 2, out, position);
    out[position++] = ':';
    position = padded((seconds / 60) % 60, 2, out, position);
    out[position++] = ':';
    position = padded(seconds % 60, 2, out, position);
    if (fraction != 0) {
      out[position++] = '.';
      int digits = 6;
      while (fraction % 10 == 0) {
        fraction /= 10;
        digits--;
      }
      position = padded(fraction, digits, out, position);
    }
    return position;
  }

  /** The text of a double, see the class comment. */
  public static String formatDouble(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value) || value == 0) {
      return special(value);
    }
    return layout(value < 0, ShortestDecimal.of(value));
  }

  /** The text of a float: like a double's, with the fewest digits that read back as the float. */
  public static String formatFloat(float value) {
    if (Float.isNaN(value) || Float.isInfinite(value) || value == 0) {
      return special(value);
    }
    return layout(value < 0, ShortestDecimal.of(value));
  }

  /** NaN, an infinity or a zero. */
  private static String special(double value) {
    if (Double.isNaN(value)) {
      return "nan";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "inf" : "-inf";
    }
    return (1 / value) < 0 ? "-0.0" : "0.0";
  }

  private static String layout(boolean negative, ShortestDecimal decimal) {
    String digits = decimal.digits();
    int exponent = decimal.exponent();
    StringBuilder text = new StringBuilder(32);
    if (negative) {
      text.append('-');
    }
    if (exponent < -4 || exponent >= 16) {
      text.append(digits.charAt(0));
      if (digits.length() > 1) {
        text.append('.').append(digits, 1, digits.length());
      }
      text.append('e').append(exponent < 0 ? '-' : '+');
      int magnitude = Math.abs(exponent);
      if (magnitude < 10) {
        text.append('0');
      }
      text.append(magnitude);
    } else if (exponent < 0) {
      text.append("0.");
      text.append("0".repeat(-exponent - 1));
      text.append(digits);
    } else if (digits.length() <= exponent + 1) {
      text.append(digits);
      text.append("0".repeat(exponent + 1 - digits.length()));
      text.append(".0");
    } else {
      text.append(digits, 0, exponent + 1)
          .append('.')
          .append(digits, exponent + 1, digits.length());
    }
    return text.toString();
  }

  private static int padded(long value, int width, byte[] out, int position) {
    int digits = 1;
    for (long rest = value / 10; rest != 0; rest /= 10) {
      digits++;
    }
    int length = Math.max(width, digits);
    for (int i = position + length - 1; i >= position; i--) {
      out[i] = (byte) ('0' + (value % 10));
      value /= 10;
    }
    return position + length;
  }
}
