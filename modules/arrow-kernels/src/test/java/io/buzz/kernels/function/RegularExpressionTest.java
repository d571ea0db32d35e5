package io.buzz.kernels.function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.buzz.kernels.KernelException;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The JDK's matcher answers exactly as RE2/J for every pattern {@link Re2Subset} accepts (random
 * patterns over random texts, both engines), patterns outside the subset stay on RE2/J, and a
 * pattern that would backtrack for ever still answers (the step budget hands the value to RE2/J).
 */
class RegularExpressionTest {
  private static final String ALPHABET = "ab-/.\n1\u000B";

  @Test
  void theSubsetAnswersAsRe2OnRandomPatternsAndTexts() {
    Random random = new Random(20261204);
    int fast = 0;
    for (int p = 0; p < 3_000; p++) {
      String pattern = randomPattern(random, 3);
      String flags = random.nextInt(4) == 0 ? "s" : "";
      RegularExpression re2;
      try {
        re2 = RegularExpression.compile(pattern, flags, false);
      } catch (KernelException invalidForRe2) {
        continue;
      }
      RegularExpression subset = RegularExpression.compile(pattern, flags, true);
      if (!subset.hasFastPath()) {
        continue;
      }
      fast++;
      RegularExpression.Replacement replacement =
          new RegularExpression.Replacement(
              re2.groupCount() > 0 ? "<\\1|\\0>" : "<\\0>", re2.groupCount());
      for (int t = 0; t < 30; t++) {
        String text = randomText(random, 12);
        String where = "pattern /" + pattern + "/" + flags + " on '" + text + "'";
        assertThat(subset.find(text)).as(where).isEqualTo(re2.find(text));
        for (int g = 0; g <= re2.groupCount(); g++) {
          assertThat(subset.extract(text, g))
              .as(where + " group " + g)
              .isEqualTo(re2.extract(text, g));
        }
        assertThat(subset.replace(text, replacement, false))
            .as(where)
            .isEqualTo(re2.replace(text, replacement, false));
        assertThat(subset.replace(text, replacement, true))
            .as(where + " global")
            .isEqualTo(re2.replace(text, replacement, true));
      }
    }
    assertThat(fast).as("patterns the JDK's matcher served").isGreaterThan(1_000);
  }

  @Test
  void translatesRe2sOwnMeaningsOrLeavesThePatternToRe2() {
    assertThat(Re2Subset.translate("item-([0-9]+)", "")).contains("item-([0-9]+)");
    assertThat(Re2Subset.translate("^a.b$", "")).contains("\\Aa.b\\z");
    assertThat(Re2Subset.translate("a\\sb[\\s-]", ""))
        .contains("a[\\t\\n\\f\\r ]b[\\t\\n\\f\\r \\-]");
    assertThat(Re2Subset.translate("x{,2}", "")).contains("x\\{,2\\}");
    // Case folding, multi-line, word boundaries, Unicode and POSIX classes, named groups and
    // flags, class operators of the JDK, nested or empty loops, patterns that match "": RE2/J.
    for (String pattern :
        new String[] {
          "\\bword",
          "\\pL+",
          "[[:alpha:]]",
          "(?P<n>a)",
          "(?i)a",
          "[a&&b]",
          "(a+)+",
          "(a|)*",
          "a*",
          "é",
          "(?:a*b?)+",
          "a{2}{3}",
          "[\\.-9]",
          "[\\t-\\r]",
          "a{01}",
          "a{1,02}"
        }) {
      assertThat(Re2Subset.translate(pattern, "")).as(pattern).isEmpty();
    }
    assertThat(Re2Subset.translate("abc", "i")).isEmpty();
    assertThat(Re2Subset.translate("abc", "m")).isEmpty();
  }

  /** Ranges from an escaped character and counts with a leading zero (RE2: literal text). */
  @Test
  void escapedRangeStartsAndZeroPaddedCountsAnswerAsRe2() {
    String[][] cases = {
      {"[\\.-9]", "5"},
      {"[\\t-\\r]", "\u000B"},
      {"a{01}", "a"},
      {"a{01}", "xa{01}"},
      {"a{1,02}", "aa"},
      {"x[\\.-]", "x-"},
      {"a{0}b", "b"}
    };
    for (String[] c : cases) {
      RegularExpression subset = RegularExpression.compile(c[0], "", true);
      RegularExpression re2 = RegularExpression.compile(c[0], "", false);
      String where = c[0] + " on " + c[1];
      assertThat(subset.find(c[1])).as(where).isEqualTo(re2.find(c[1]));
      assertThat(subset.extract(c[1], 0)).as(where).isEqualTo(re2.extract(c[1], 0));
    }
  }

  @Test
  void aPatternThatWouldBacktrackForEverIsAnsweredByRe2() {
    RegularExpression regex = RegularExpression.compile("(a|aa)+b", "");
    assertThat(regex.hasFastPath()).isTrue();
    String text = "a".repeat(400); // 2^400 ways to split it for a backtracking matcher
    assertThat(regex.find(text)).isFalse();
    assertThat(regex.find(text + "b")).isTrue();
    assertThat(regex.extract("x" + text + "b", 0)).isEqualTo(text + "b");
  }

  @Test
  void longValuesAndAmbiguousReplacementsAnswerAsRe2() {
    RegularExpression regex = RegularExpression.compile("(b)(c)", "");
    String longText = "a".repeat(RegularExpression.MAX_FAST_LENGTH) + "bc";
    RegularExpression.Replacement swap = new RegularExpression.Replacement("\\2\\1", 2);
    assertThat(regex.replace(longText, swap, false)).endsWith("acb");
    RegularExpression.Replacement digitAfterGroup = new RegularExpression.Replacement("\\10", 2);
    assertThat(digitAfterGroup.segments).isNull();
    assertThat(regex.replace("abc", digitAfterGroup, false))
        .isEqualTo(
            RegularExpression.compile("(b)(c)", "", false).replace("abc", digitAfterGroup, false));
    assertThat(regex.replace("abcbc", new RegularExpression.Replacement("[$\\\\]", 2), true))
        .isEqualTo("a[$\\][$\\]");
  }

  @Test
  void aBadOptionOrPatternIsAnErrorNamingIt() {
    assertThatThrownBy(() -> RegularExpression.compile("a", "x"))
        .hasMessageContaining("unknown regular expression option 'x'");
    assertThatThrownBy(() -> RegularExpression.compile("a(", ""))
        .hasMessageContaining("invalid regular expression 'a('");
  }

  private static String randomText(Random random, int maxLength) {
    StringBuilder text = new StringBuilder();
    int length = random.nextInt(maxLength + 1);
    for (int i = 0; i < length; i++) {
      text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return text.toString();
  }

  private static String randomPattern(Random random, int depth) {
    StringBuilder pattern = new StringBuilder();
    int branches = random.nextInt(5) == 0 ? 2 : 1;
    for (int b = 0; b < branches; b++) {
      if (b > 0) {
        pattern.append('|');
      }
      int atoms = 1 + random.nextInt(3);
      for (int a = 0; a < atoms; a++) {
        pattern.append(randomAtom(random, depth));
        int q = random.nextInt(8);
        String quantifier =
            switch (q) {
              case 0 -> "*";
              case 1 -> "+";
              case 2 -> "?";
              case 3 -> "{1,2}";
              case 4 -> "+?";
              case 5 -> "*?";
              default -> "";
            };
        pattern.append(quantifier);
      }
    }
    return pattern.toString();
  }

  private static String randomAtom(Random random, int depth) {
    int kind = random.nextInt(depth > 0 ? 12 : 9);
    return switch (kind) {
      case 0, 1, 2 -> String.valueOf("ab-/1".charAt(random.nextInt(5)));
      case 3 -> ".";
      case 4 -> random.nextBoolean() ? "[ab]" : "[^a-]";
      case 5 -> random.nextBoolean() ? "\\d" : "\\W";
      case 6 -> random.nextBoolean() ? "\\." : "\\s";
      case 7 -> random.nextBoolean() ? "^" : "$";
      case 8 -> "[a-b1]";
      case 9, 10 -> "(" + randomPattern(random, depth - 1) + ")";
      default -> "(?:" + randomPattern(random, depth - 1) + ")";
    };
  }
}
