package io.buzz.kernels.expr;

import java.nio.charset.StandardCharsets;

/**
 * Parses the text of a UTF8 value into a typed value, without allocating except for FLOAT64 and
 * FLOAT32. Leading and trailing ASCII whitespace is ignored. Each {@code parse…} method returns
 * false for text that is not a valid value of the type (the caller reports it) and leaves the value
 * in {@link #longValue} or {@link #doubleValue} otherwise.
 *
 * <p>Accepted forms:
 *
 * <ul>
 *   <li>integers: {@code [+-]digits[.digits]}; a fraction rounds half away from zero (as DuckDB:
 *       {@code '2.5'} is 3), out of range is invalid;
 *   <li>FLOAT64 and FLOAT32: {@code [+-]digits[.digits][e[+-]digits]} (digits on at least one side
 *       of the point), {@code inf}, {@code infinity}, {@code nan}, case-insensitive;
 *   <li>BOOL: {@code true t yes y 1} and {@code false f no n 0}, case-insensitive;
 *   <li>DATE32: {@code [-]Y-M-D[ (BC)]} with one or more year digits and one or two month and day
 *       digits, a real calendar date;
 *   <li>TIMESTAMP_MICROS: a date, optionally followed by a space or {@code T} and {@code
 *       H:MM[:SS[.fraction]]} (hours 0-23; fraction digits past microseconds are truncated) and an
 *       optional {@code Z};
 *   <li>TIME_MICROS: {@code H:MM[:SS[.fraction]]} as in a timestamp, optionally after a date and
 *       before a {@code Z}.
 * </ul>
 *
 * <p>Mutable: one instance per evaluation, on one thread.
 */
final class Utf8Parser {
  long longValue;
  double doubleValue;

  private int position;
  private long timeValue;
  private long year;
  private int month;
  private int day;

  boolean parseInteger(byte[] text, int from, int to, long min, long max) {
    int start = trimStart(text, from, to);
    int end = trimEnd(text, start, to);
    int i = start;
    boolean negative = false;
    if (i < end && (text[i] == '-' || text[i] == '+')) {
      negative = text[i] == '-';
      i++;
    }
    long magnitude = 0; // negated, so that Long.MIN_VALUE fits
    int digits = 0;
    for (; i < end && isDigit(text[i]); i++, digits++) {
      int digit = text[i] - '0';
      if (magnitude < (Long.MIN_VALUE + digit) / 10) {
        return false;
      }
      magnitude = magnitude * 10 - digit;
    }
    if (i < end && text[i] == '.') {
      i++;
      if (i < end && isDigit(text[i])) {
        if (text[i] >= '5') {
          if (magnitude == Long.MIN_VALUE) {
            return false;
          }
          magnitude--;
        }
        for (; i < end && isDigit(text[i]); i++, digits++) {
          // digits after the first fractional one do not change the rounding
        }
      }
    }
    if (digits == 0 || i != end) {
      return false;
    }
    if (!negative && magnitude == Long.MIN_VALUE) {
      return false;
    }
    long value = negative ? magnitude : -magnitude;
    if (value < min || value > max) {
      return false;
    }
    longValue = value;
    return true;
  }

  boolean parseDouble(byte[] text, int from, int to) {
    return parseFloatingPoint(text, from, to, false);
  }

  /**
   * Parses a FLOAT32 into {@link #doubleValue}: the float nearest to the text (rounded once, never
   * through a double), widened exactly; beyond FLOAT32's range it is an infinity, as in DuckDB.
   */
  boolean parseFloat(byte[] text, int from, int to) {
    return parseFloatingPoint(text, from, to, true);
  }

  private boolean parseFloatingPoint(byte[] text, int from, int to, boolean single) {
    int start = trimStart(text, from, to);
    int end = trimEnd(text, start, to);
    int i = start;
    boolean negative = false;
    if (i < end && (text[i] == '-' || text[i] == '+')) {
      negative = text[i] == '-';
      i++;
    }
    if (matchesIgnoreCase(text, i, end, "inf") || matchesIgnoreCase(text, i, end, "infinity")) {
      doubleValue = negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
      return true;
    }
    if (matchesIgnoreCase(text, i, end, "nan")) {
      doubleValue = Double.NaN;
      return true;
    }
    int digits = 0;
    for (; i < end && isDigit(text[i]); i++) {
      digits++;
    }
    if (i < end && text[i] == '.') {
      for (i++; i < end && isDigit(text[i]); i++) {
        digits++;
      }
    }
    if (digits == 0) {
      return false;
    }
    if (i < end && (text[i] == 'e' || text[i] == 'E')) {
      i++;
      if (i < end && (text[i] == '-' || text[i] == '+')) {
        i++;
      }
      int exponentDigits = 0;
      for (; i < end && isDigit(text[i]); i++) {
        exponentDigits++;
      }
      if (exponentDigits == 0) {
        return false;
      }
    }
    if (i != end) {
      return false;
    }
    String number = new String(text, start, end - start, StandardCharsets.US_ASCII);
    doubleValue = single ? Float.parseFloat(number) : Double.parseDouble(number);
    return true;
  }

  boolean parseBool(byte[] text, int from, int to) {
    int start = trimStart(text, from, to);
    int end = trimEnd(text, start, to);
    for (String word : new String[] {"true", "t", "yes", "y", "1"}) {
      if (matchesIgnoreCase(text, start, end, word)) {
        longValue = 1;
        return true;
      }
    }
    for (String word : new String[] {"false", "f", "no", "n", "0"}) {
      if (matchesIgnoreCase(text, start, end, word)) {
        longValue = 0;
        return true;
      }
    }
    return false;
  }

  /** Parses a date into {@link #longValue}: days since 1970-01-01, within DATE32's range. */
  boolean parseDate(byte[] text, int from, int to) {
    int start = trimStart(text, from, to);
    int end = trimEnd(text, start, to);
    if (!datePart(text, start, end) || position != end) {
      return false;
    }
    long days = CivilCalendar.toEpochDay(year, month, day);
    if (days < Integer.MIN_VALUE || days > Integer.MAX_VALUE) {
      return false;
    }
    longValue = days;
    return true;
  }

  /** Parses a timestamp into {@link #longValue}: microseconds since 1970-01-01 00:00:00. */
  boolean parseTimestamp(byte[] text, int from, int to) {
    int start = trimStart(text, from, to);
    int end = trimEnd(text, start, to);
    if (!datePart(text, start, end)) {
      return false;
    }
    int i = position;
    long micros = 0;
    if (i < end && (text[i] == ' ' || text[i] == 'T')) {
      i = timeOfDay(text, i + 1, end);
      if (i < 0) {
        return false;
      }
      micros = timeValue;
    }
    if (i < end && text[i] == 'Z') {
      i++;
    }
    if (i != end) {
      return false;
    }
    long days = CivilCalendar.toEpochDay(year, month, day);
    long high = Math.multiplyHigh(days, CivilCalendar.MICROS_PER_DAY);
    long dayMicros = days * CivilCalendar.MICROS_PER_DAY;
    if (high != (dayMicros >> 63)) {
      return false;
    }
    long value = dayMicros + micros;
    if (((dayMicros ^ value) & (micros ^ value)) < 0) {
      return false;
    }
    longValue = value;
    return true;
  }

  /**
   * Parses a time of day into {@link #longValue}: microseconds since midnight. A date and a space
   * or {@code T} before it are skipped, and a {@code Z} after it, as DuckDB reads times.
   */
  boolean parseTime(byte[] text, int from, int to) {
    int start = trimStart(text, from, to);
    int end = trimEnd(text, start, to);
    int i = start;
    if (datePart(text, start, end) && position < end) {
      if (text[position] != ' ' && text[position] != 'T') {
        return false;
      }
      i = position + 1;
    }
    i = timeOfDay(text, i, end);
    if (i >= 0 && i < end && text[i] == 'Z') {
      i++;
    }
    if (i != end) {
      return false;
    }
    longValue = timeValue;
    return true;
  }

  /**
   * Reads {@code H:MM[:SS[.fraction]]} at {@code i} (hours 0-23; fraction digits past microseconds
   * are truncated) into {@link #timeValue}.
   *
   * @return the position after it, or -1 when there is no valid time of day
   */
  private int timeOfDay(byte[] text, int i, int end) {
    int hour = 0;
    int hourDigits = 0;
    for (; i < end && isDigit(text[i]) && hourDigits < 2; i++, hourDigits++) {
      hour = hour * 10 + text[i] - '0';
    }
    if (hourDigits == 0 || hour > 23 || i + 3 > end || text[i] != ':') {
      return -1;
    }
    int minute = twoDigits(text, i + 1, end);
    i += 3;
    int second = 0;
    long fraction = 0;
    if (i < end && text[i] == ':') {
      second = twoDigits(text, i + 1, end);
      i += 3;
      if (i < end && text[i] == '.') {
        int fractionDigits = 0;
        for (i++; i < end && isDigit(text[i]); i++, fractionDigits++) {
          if (fractionDigits < 6) {
            fraction = fraction * 10 + text[i] - '0';
          }
        }
        if (fractionDigits == 0) {
          return -1;
        }
        for (int pad = fractionDigits; pad < 6; pad++) {
          fraction *= 10;
        }
      }
    }
    if (minute < 0 || minute > 59 || second < 0 || second > 59) {
      return -1;
    }
    timeValue = ((hour * 60L + minute) * 60 + second) * CivilCalendar.MICROS_PER_SECOND + fraction;
    return i;
  }

  /** Reads {@code [-]Y-M-D[ (BC)]} into year, month, day and {@link #position}. */
  private boolean datePart(byte[] text, int start, int end) {
    int i = start;
    boolean negative = i < end && text[i] == '-';
    if (negative) {
      i++;
    }
    long y = 0;
    int yearDigits = 0;
    for (; i < end && isDigit(text[i]); i++, yearDigits++) {
      if (yearDigits == 9) {
        return false;
      }
      y = y * 10 + text[i] - '0';
    }
    if (yearDigits == 0 || i >= end || text[i] != '-') {
      return false;
    }
    int m = 0;
    int monthDigits = 0;
    for (i++; i < end && isDigit(text[i]) && monthDigits < 2; i++, monthDigits++) {
      m = m * 10 + text[i] - '0';
    }
    if (monthDigits == 0 || i >= end || text[i] != '-') {
      return false;
    }
    int d = 0;
    int dayDigits = 0;
    for (i++; i < end && isDigit(text[i]) && dayDigits < 2; i++, dayDigits++) {
      d = d * 10 + text[i] - '0';
    }
    if (dayDigits == 0) {
      return false;
    }
    y = negative ? -y : y;
    if (matchesIgnoreCase(text, i, Math.min(end, i + 5), " (BC)")) {
      if (negative || y == 0) {
        return false;
      }
      y = 1 - y;
      i += 5;
    }
    if (!CivilCalendar.isValid(y, m, d)) {
      return false;
    }
    year = y;
    month = m;
    day = d;
    position = i;
    return true;
  }

  /** Two decimal digits at {@code i}, or -1. */
  private static int twoDigits(byte[] text, int i, int end) {
    if (i + 2 > end || !isDigit(text[i]) || !isDigit(text[i + 1])) {
      return -1;
    }
    return (text[i] - '0') * 10 + text[i + 1] - '0';
  }

  private static boolean isDigit(byte b) {
    return b >= '0' && b <= '9';
  }

  private static boolean isSpace(byte b) {
    return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\f' || b == 0x0B;
  }

  private static int trimStart(byte[] text, int from, int to) {
    while (from < to && isSpace(text[from])) {
      from++;
    }
    return from;
  }

  private static int trimEnd(byte[] text, int from, int to) {
    while (to > from && isSpace(text[to - 1])) {
      to--;
    }
    return to;
  }

  private static boolean matchesIgnoreCase(byte[] text, int from, int to, String word) {
    if (to - from != word.length()) {
      return false;
    }
    for (int i = 0; i < word.length(); i++) {
      int c = text[from + i];
      if (c >= 'A' && c <= 'Z') {
        c += 'a' - 'A';
      }
      int expected = word.charAt(i);
      if (expected >= 'A' && expected <= 'Z') {
        expected += 'a' - 'A';
      }
      if (c != expected) {
        return false;
      }
    }
    return true;
  }
}
