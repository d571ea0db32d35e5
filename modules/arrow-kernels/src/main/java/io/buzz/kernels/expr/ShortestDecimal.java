package io.buzz.kernels.expr;

import java.util.function.Predicate;

/**
 * The shortest decimal digits that read back as a given double (or float), with the decimal
 * exponent of the first digit: {@code value = d.ddd × 10^exponent}.
 *
 * <p>JDK 17's {@code Double.toString} and {@code Float.toString} yield digits that read back
 * correctly but not always the fewest (e.g. {@code 4.9E-324} where {@code 5e-324} suffices; fixed
 * in JDK 19). So their digits are rounded to one fewer digit for as long as the result still reads
 * back as the same value.
 *
 * @param digits significant digits without leading or trailing zeros, at least one
 * @param exponent decimal exponent of the first digit
 */
record ShortestDecimal(String digits, int exponent) {
  /** The shortest decimal of a finite, non-zero double's magnitude. */
  static ShortestDecimal of(double value) {
    double magnitude = Math.abs(value);
    return shortest(Double.toString(magnitude), text -> Double.parseDouble(text) == magnitude);
  }

  /** The shortest decimal of a finite, non-zero float's magnitude (as a float reads it back). */
  static ShortestDecimal of(float value) {
    float magnitude = Math.abs(value);
    return shortest(Float.toString(magnitude), text -> Float.parseFloat(text) == magnitude);
  }

  /**
   * Shortens the digits of {@code text} (a {@code toString} of a magnitude) while {@code readsBack}
   * accepts the shorter {@link #scientific} form.
   */
  private static ShortestDecimal shortest(String text, Predicate<String> readsBack) {
    int e = text.indexOf('E');
    String mantissa = e < 0 ? text : text.substring(0, e);
    int exponent = e < 0 ? 0 : Integer.parseInt(text.substring(e + 1));
    int dot = mantissa.indexOf('.');
    String all = mantissa.substring(0, dot) + mantissa.substring(dot + 1);
    exponent += dot - 1;
    int first = 0;
    while (first < all.length() - 1 && all.charAt(first) == '0') {
      first++;
    }
    exponent -= first;
    String digits = stripTrailingZeros(all.substring(first));
    while (digits.length() > 1) {
      ShortestDecimal shorter = round(digits, exponent, digits.length() - 1);
      if (!readsBack.test(shorter.scientific())) {
        break;
      }
      digits = shorter.digits;
      exponent = shorter.exponent;
    }
    return new ShortestDecimal(digits, exponent);
  }

  /** {@code d.dddEexp}, as {@code Double.parseDouble} reads it. */
  String scientific() {
    return digits.charAt(0)
        + "."
        + (digits.length() > 1 ? digits.substring(1) : "0")
        + "E"
        + exponent;
  }

  /** Rounds {@code digits} (half up) to {@code precision} digits. */
  private static ShortestDecimal round(String digits, int exponent, int precision) {
    char[] kept = digits.substring(0, precision).toCharArray();
    if (digits.charAt(precision) >= '5') {
      int i = precision - 1;
      while (i >= 0 && kept[i] == '9') {
        kept[i] = '0';
        i--;
      }
      if (i < 0) {
        return new ShortestDecimal("1", exponent + 1);
      }
      kept[i]++;
    }
    return new ShortestDecimal(stripTrailingZeros(new String(kept)), exponent);
  }

  private static String stripTrailingZeros(String digits) {
    int end = digits.length();
    while (end > 1 && digits.charAt(end - 1) == '0') {
      end--;
    }
    return digits.substring(0, end);
  }
}
