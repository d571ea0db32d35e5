package io.buzz.kernels.function;

import io.buzz.kernels.KernelException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A compiled SQL LIKE pattern: {@code %} matches any run of characters, {@code _} exactly one, the
 * escape character (if any) makes the next character literal. Matching works on the value's UTF-8
 * bytes: patterns that are one literal, a prefix ({@code 'abc%'}), a suffix ({@code '%abc'}) or a
 * contained text ({@code '%abc%'}) compare bytes directly; any other pattern runs a linear
 * backtracking matcher over code points (no regex, no exponential case). ILIKE lower-cases the
 * pattern here and each value before matching, as DuckDB does.
 */
final class LikePattern {
  private enum Shape {
    EXACT,
    PREFIX,
    SUFFIX,
    CONTAINS,
    GENERAL
  }

  private static final int ANY = -1;
  private static final int ONE = -2;

  private final Shape shape;
  private final byte[] literal;
  private final int[] tokens;
  private final boolean caseInsensitive;

  private LikePattern(Shape shape, byte[] literal, int[] tokens, boolean caseInsensitive) {
    this.shape = shape;
    this.literal = literal;
    this.tokens = tokens;
    this.caseInsensitive = caseInsensitive;
  }

  /**
   * @param escape the escape text: empty or null for none, else exactly one character
   * @throws KernelException INVALID_CAST (a bad query) for an escape of more than one character or
   *     a pattern ending in its escape character
   */
  static LikePattern compile(String pattern, String escape, boolean caseInsensitive) {
    if (escape != null && escape.codePointCount(0, escape.length()) > 1) {
      throw new KernelException(
          KernelException.Kind.INVALID_CAST,
          "LIKE's ESCAPE must be one character, got '" + escape + "'");
    }
    int escapeChar = escape == null || escape.isEmpty() ? -3 : escape.codePointAt(0);
    String text = caseInsensitive ? lower(pattern) : pattern;
    int[] points = text.codePoints().toArray();
    int[] tokens = new int[points.length];
    int count = 0;
    for (int i = 0; i < points.length; i++) {
      int c = points[i];
      if (c == escapeChar) {
        if (i + 1 == points.length) {
          throw new KernelException(
              KernelException.Kind.INVALID_CAST,
              "LIKE pattern '" + pattern + "' ends with its escape character");
        }
        tokens[count++] = points[++i];
      } else if (c == '%') {
        if (count == 0 || tokens[count - 1] != ANY) {
          tokens[count++] = ANY; // %% is %
        }
      } else {
        tokens[count++] = c == '_' ? ONE : c;
      }
    }
    tokens = Arrays.copyOf(tokens, count);
    return classify(tokens, caseInsensitive);
  }

  private static LikePattern classify(int[] tokens, boolean caseInsensitive) {
    int n = tokens.length;
    boolean leading = n > 0 && tokens[0] == ANY;
    boolean trailing = n > (leading ? 1 : 0) && tokens[n - 1] == ANY;
    int from = leading ? 1 : 0;
    int to = trailing ? n - 1 : n;
    StringBuilder middle = new StringBuilder();
    for (int i = from; i < to; i++) {
      if (tokens[i] < 0) {
        return new LikePattern(Shape.GENERAL, null, tokens, caseInsensitive);
      }
      middle.appendCodePoint(tokens[i]);
    }
    byte[] literal = middle.toString().getBytes(StandardCharsets.UTF_8);
    Shape shape =
        leading && trailing
            ? Shape.CONTAINS
            : leading ? Shape.SUFFIX : trailing ? Shape.PREFIX : Shape.EXACT;
    return new LikePattern(shape, literal, tokens, caseInsensitive);
  }

  /**
   * Whether {@code value[0, length)} matches; {@code scratch} holds 3 × length bytes (ILIKE
   * lower-cases the value into it).
   */
  boolean matches(byte[] value, int length, byte[] scratch) {
    byte[] v = value;
    int n = length;
    if (caseInsensitive) {
      n = Utf8Text.lower(value, length, scratch);
      v = scratch;
    }
    return switch (shape) {
      case EXACT -> n == literal.length && Arrays.equals(v, 0, n, literal, 0, n);
      case PREFIX ->
          n >= literal.length && Arrays.equals(v, 0, literal.length, literal, 0, literal.length);
      case SUFFIX ->
          n >= literal.length
              && Arrays.equals(v, n - literal.length, n, literal, 0, literal.length);
      case CONTAINS -> indexOf(v, n, literal) >= 0;
      case GENERAL -> general(new String(v, 0, n, StandardCharsets.UTF_8).codePoints().toArray());
    };
  }

  private static int indexOf(byte[] v, int n, byte[] needle) {
    if (needle.length == 0) {
      return 0;
    }
    byte first = needle[0];
    for (int i = 0, last = n - needle.length; i <= last; i++) {
      if (v[i] == first && Arrays.equals(v, i, i + needle.length, needle, 0, needle.length)) {
        return i;
      }
    }
    return -1;
  }

  /** The classic wildcard matcher: on a mismatch, the last % absorbs one more character. */
  private boolean general(int[] value) {
    int p = 0;
    int v = 0;
    int star = -1;
    int resume = 0;
    while (v < value.length) {
      if (p < tokens.length && tokens[p] != ANY && (tokens[p] == ONE || tokens[p] == value[v])) {
        p++;
        v++;
      } else if (p < tokens.length && tokens[p] == ANY) {
        star = p++;
        resume = v;
      } else if (star >= 0) {
        p = star + 1;
        v = ++resume;
      } else {
        return false;
      }
    }
    while (p < tokens.length && tokens[p] == ANY) {
      p++;
    }
    return p == tokens.length;
  }

  private static String lower(String text) {
    StringBuilder lowered = new StringBuilder(text.length());
    text.codePoints().forEach(c -> lowered.appendCodePoint(Character.toLowerCase(c)));
    return lowered.toString();
  }
}
