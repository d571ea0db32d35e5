package io.buzz.kernels.function;

import java.nio.charset.StandardCharsets;

/**
 * Character-level helpers over UTF-8 bytes: case mapping by code point (Unicode's simple, one to
 * one mapping, as DuckDB's LOWER and UPPER, with DuckDB's {@code upper('ß') = 'ẞ'}) with an ASCII
 * fast path, and counting code points.
 */
final class Utf8Text {
  private Utf8Text() {}

  /** Lower-cases {@code in[0, length)} into {@code out} (3 × length bytes); returns the length. */
  static int lower(byte[] in, int length, byte[] out) {
    return mapCase(in, length, out, false);
  }

  /** Upper-cases {@code in[0, length)} into {@code out} (3 × length bytes); returns the length. */
  static int upper(byte[] in, int length, byte[] out) {
    return mapCase(in, length, out, true);
  }

  private static int mapCase(byte[] in, int length, byte[] out, boolean upper) {
    for (int i = 0; i < length; i++) {
      byte b = in[i];
      if (b < 0) {
        return mapCaseSlow(in, length, out, upper);
      }
      out[i] =
          upper
              ? (b >= 'a' && b <= 'z' ? (byte) (b - 32) : b)
              : (b >= 'A' && b <= 'Z' ? (byte) (b + 32) : b);
    }
    return length;
  }

  private static int mapCaseSlow(byte[] in, int length, byte[] out, boolean upper) {
    String text = new String(in, 0, length, StandardCharsets.UTF_8);
    StringBuilder mapped = new StringBuilder(text.length());
    text.codePoints()
        .forEach(c -> mapped.appendCodePoint(upper ? toUpper(c) : Character.toLowerCase(c)));
    byte[] bytes = mapped.toString().getBytes(StandardCharsets.UTF_8);
    System.arraycopy(bytes, 0, out, 0, bytes.length);
    return bytes.length;
  }

  /** Unicode's simple upper case, except 'ß', which becomes 'ẞ' as in DuckDB (utf8proc). */
  private static int toUpper(int c) {
    return c == 0xDF ? 0x1E9E : Character.toUpperCase(c);
  }

  /** The code points in {@code in[0, length)}: bytes that do not continue a sequence. */
  static long codePoints(byte[] in, int length) {
    long count = 0;
    for (int i = 0; i < length; i++) {
      if ((in[i] & 0xC0) != 0x80) {
        count++;
      }
    }
    return count;
  }
}
