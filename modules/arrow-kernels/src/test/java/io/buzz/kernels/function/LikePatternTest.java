package io.buzz.kernels.function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.buzz.kernels.KernelException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** LIKE patterns in every shape, against a reference built on java.util.regex. */
class LikePatternTest {
  private static boolean like(String value, String pattern, String escape, boolean folded) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    return LikePattern.compile(pattern, escape, folded)
        .matches(bytes, bytes.length, new byte[3 * bytes.length + 3]);
  }

  private static boolean like(String value, String pattern) {
    return like(value, pattern, null, false);
  }

  /** The reference: % as .*, _ as one code point, everything else quoted. */
  private static boolean reference(String value, String pattern, char escape) {
    StringBuilder regex = new StringBuilder();
    int[] points = pattern.codePoints().toArray();
    for (int i = 0; i < points.length; i++) {
      int c = points[i];
      if (c == escape && i + 1 < points.length) {
        regex.append(Pattern.quote(new String(Character.toChars(points[++i]))));
      } else if (c == '%') {
        regex.append(".*");
      } else if (c == '_') {
        regex.append('.');
      } else {
        regex.append(Pattern.quote(new String(Character.toChars(c))));
      }
    }
    return Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(value).matches();
  }

  @Test
  void everyShapeMatchesItsValues() {
    assertThat(like("Cash", "Cash")).isTrue();
    assertThat(like("Cash", "cash")).isFalse();
    assertThat(like("Cash", "C%")).isTrue();
    assertThat(like("Credit", "C%")).isTrue();
    assertThat(like("xCash", "C%")).isFalse();
    assertThat(like("café", "%é")).isTrue();
    assertThat(like("cafe", "%é")).isFalse();
    assertThat(like("a 🦆 duck", "%🦆%")).isTrue();
    assertThat(like("", "")).isTrue();
    assertThat(like("", "%")).isTrue();
    assertThat(like("", "_")).isFalse();
    assertThat(like("x", "")).isFalse();
    assertThat(like("🦆", "_")).isTrue(); // one character of four bytes
    assertThat(like("é", "__")).isFalse();
    assertThat(like("abcabc", "%a%c%")).isTrue();
    assertThat(like("abcab", "%a%c")).isFalse();
    assertThat(like("aXbYc", "a%b%c")).isTrue();
    assertThat(like("abc", "a%%%c")).isTrue();
  }

  @Test
  void theEscapeMakesWildcardsLiteral() {
    assertThat(like("100%_done", "100!%!_%", "!", false)).isTrue();
    assertThat(like("100x_done", "100!%!_%", "!", false)).isFalse();
    assertThat(like("a!b", "a!!b", "!", false)).isTrue();
    assertThat(like("a_b", "a_b", "", false)).isTrue(); // an empty escape is none
    assertThatThrownBy(() -> LikePattern.compile("a%", "xy", false))
        .isInstanceOf(KernelException.class)
        .hasMessageContaining("ESCAPE must be one character");
    assertThatThrownBy(() -> LikePattern.compile("abc!", "!", false))
        .hasMessageContaining("ends with its escape character");
  }

  @Test
  void ilikeFoldsCaseOfValueAndPattern() {
    assertThat(like("Ünïcödé CAFÉ", "%café%", null, true)).isTrue();
    assertThat(like("No Charge", "NO%", null, true)).isTrue();
    assertThat(like("İstanbul", "i%", null, true)).isTrue();
    assertThat(like("Cash", "C_SH", null, true)).isTrue();
    assertThat(like("Cash", "C_SH", null, false)).isFalse();
  }

  @Test
  void randomPatternsAgreeWithTheRegexReference() {
    Random random = new Random(42);
    String alphabet = "ab%_!é🦆";
    int[] letters = alphabet.codePoints().toArray();
    for (int n = 0; n < 20_000; n++) {
      StringBuilder pattern = new StringBuilder();
      for (int i = random.nextInt(7); i > 0; i--) {
        pattern.appendCodePoint(letters[random.nextInt(letters.length)]);
      }
      StringBuilder value = new StringBuilder();
      for (int i = random.nextInt(8); i > 0; i--) {
        value.appendCodePoint(letters[random.nextInt(letters.length)]);
      }
      String p = pattern.toString();
      if (p.endsWith("!") && (p.length() - p.replaceAll("!+$", "").length()) % 2 == 1) {
        continue; // a dangling escape is an error, tested above
      }
      assertThat(like(value.toString(), p, "!", false))
          .as("'%s' LIKE '%s' ESCAPE '!'", value, p)
          .isEqualTo(reference(value.toString(), p, '!'));
    }
  }
}
