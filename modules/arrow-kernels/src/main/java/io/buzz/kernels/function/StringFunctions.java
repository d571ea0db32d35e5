package io.buzz.kernels.function;

/**
 * The row-by-row string functions ({@link RowWiseExpression}), on Java strings and counting
 * characters as code points, with DuckDB's semantics where SQL dialects differ (SUBSTRING's zero
 * and negative starts, REPLACE of an empty text).
 */
final class StringFunctions {
  private StringFunctions() {}

  /**
   * SUBSTRING(text, start, length) as DuckDB computes it: a positive start counts from 1, a
   * negative one from the end, 0 is one character before the first; a negative length goes
   * backwards from start.
   */
  static String substring(String text, long start, long length) {
    int[] points = text.codePoints().toArray();
    long size = points.length;
    long from;
    long to;
    if (length == 0) {
      return "";
    }
    if (start > 0) {
      from = Math.min(size, start - 1);
    } else if (start < 0) {
      from = Math.max(size + start, 0);
    } else {
      from = 0;
      length--;
      if (length <= 0) {
        return "";
      }
    }
    if (length > 0) {
      to = Math.min(size, from + length);
    } else {
      to = from;
      from = Math.max(0, from + length);
    }
    return from >= to ? "" : new String(points, (int) from, (int) (to - from));
  }

  /** SUBSTRING(text, start): from start to the end. */
  static String substring(String text, long start) {
    return substring(text, start, Integer.MAX_VALUE);
  }

  /** REPLACE(text, from, to): every occurrence; an empty {@code from} changes nothing. */
  static String replace(String text, String from, String to) {
    return from.isEmpty() ? text : text.replace(from, to);
  }

  /** STRPOS(text, part): the 1-based character position of its first occurrence, else 0. */
  static long strpos(String text, String part) {
    int index = text.indexOf(part);
    return index < 0 ? 0 : text.codePointCount(0, index) + 1;
  }

  /** Which ends TRIM works on. */
  enum Ends {
    BOTH,
    LEADING,
    TRAILING
  }

  /** Removes the characters in {@code characters} from the given ends of {@code text}. */
  static String trim(String text, String characters, Ends ends) {
    int[] points = text.codePoints().toArray();
    int from = 0;
    int to = points.length;
    if (ends != Ends.TRAILING) {
      while (from < to && characters.indexOf(points[from]) >= 0) {
        from++;
      }
    }
    if (ends != Ends.LEADING) {
      while (to > from && characters.indexOf(points[to - 1]) >= 0) {
        to--;
      }
    }
    return new String(points, from, to - from);
  }
}
