package io.buzz.kernels.function;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.buzz.kernels.KernelException;
import java.util.ArrayList;
import java.util.List;

/**
 * A compiled regular expression in RE2's syntax, searched the fastest way that gives RE2's answer.
 * A pattern in {@link Re2Subset} runs on the JDK's matcher within a step budget per value (every
 * character the matcher reads is a step; {@value #STEPS_PER_CHAR} per character of the value):
 * ordinary patterns never come near it, while one that would backtrack for long runs out of it and
 * that value is searched again by RE2/J, in linear time. Values longer than {@value
 * #MAX_FAST_LENGTH} characters go to RE2/J directly (the JDK's matcher recurses per repetition of a
 * group). Other patterns always run on RE2/J. Not thread-safe: one per bound expression.
 */
final class RegularExpression {
  static final int STEPS_PER_CHAR = 64;
  static final int MAX_FAST_LENGTH = 512;

  private final Pattern re2;
  private final java.util.regex.Matcher fast;
  private final BudgetedText text;

  private RegularExpression(Pattern re2, java.util.regex.Pattern fast) {
    this.re2 = re2;
    this.text = fast == null ? null : new BudgetedText();
    this.fast = fast == null ? null : fast.matcher(text);
  }

  /**
   * Compiles {@code pattern} with RE2's options {@code flags}: i (ignore case), c (case-sensitive,
   * the default), g (every match; for the caller), s (. matches a line break), m (multi-line).
   *
   * @throws KernelException INVALID_CAST naming the pattern or option and what is wrong with it
   */
  static RegularExpression compile(String pattern, String flags) {
    return compile(pattern, flags, true);
  }

  /** As {@link #compile(String, String)}; RE2/J only unless {@code fastPath} (tests compare). */
  static RegularExpression compile(String pattern, String flags, boolean fastPath) {
    int bits = 0;
    for (char c : flags.toCharArray()) {
      switch (c) {
        case 'i' -> bits |= Pattern.CASE_INSENSITIVE;
        case 'c', 'g' -> {}
        case 's' -> bits |= Pattern.DOTALL;
        case 'm' -> bits |= Pattern.MULTILINE;
        default ->
            throw new KernelException(
                KernelException.Kind.INVALID_CAST,
                "unknown regular expression option '" + c + "'; options: i, c, g, s, m");
      }
    }
    Pattern re2;
    try {
      re2 = Pattern.compile(pattern, bits);
    } catch (PatternSyntaxException e) {
      throw new KernelException(
          KernelException.Kind.INVALID_CAST,
          "invalid regular expression '" + pattern + "': " + e.getDescription());
    }
    int javaFlags =
        java.util.regex.Pattern.UNIX_LINES
            | (flags.indexOf('s') >= 0 ? java.util.regex.Pattern.DOTALL : 0);
    java.util.regex.Pattern fast = null;
    String translated = Re2Subset.translate(pattern, flags).filter(p -> fastPath).orElse(null);
    if (translated != null) {
      try {
        fast = java.util.regex.Pattern.compile(translated, javaFlags);
      } catch (java.util.regex.PatternSyntaxException e) {
        fast = null; // a translation the JDK refuses: RE2/J alone
      }
    }
    return new RegularExpression(re2, fast);
  }

  /** Whether the JDK's matcher serves this pattern (values within the budget). */
  boolean hasFastPath() {
    return fast != null;
  }

  int groupCount() {
    return re2.groupCount();
  }

  /** Whether the pattern occurs in {@code value}. */
  boolean find(String value) {
    if (armFastPath(value)) {
      try {
        return fast.reset(text).find();
      } catch (OverBudget | StackOverflowError e) {
        // searched again by RE2/J below
      }
    }
    return re2.matcher(value).find();
  }

  /** Group {@code group} of the first match ("" for none, or for a group that took no part). */
  String extract(String value, int group) {
    if (armFastPath(value)) {
      try {
        if (!fast.reset(text).find()) {
          return "";
        }
        String found = fast.group(group);
        return found == null ? "" : found;
      } catch (OverBudget | StackOverflowError e) {
        // searched again by RE2/J below
      }
    }
    Matcher matcher = re2.matcher(value);
    if (!matcher.find()) {
      return "";
    }
    String found = matcher.group(group);
    return found == null ? "" : found;
  }

  /** {@code value} with its first match (every match when {@code global}) replaced. */
  String replace(String value, Replacement replacement, boolean global) {
    if (replacement.segments != null && armFastPath(value)) {
      try {
        return replaceFast(value, replacement.segments, global);
      } catch (OverBudget | StackOverflowError e) {
        // replaced again by RE2/J below
      }
    }
    Matcher matcher = re2.matcher(value);
    return global ? matcher.replaceAll(replacement.re2j) : matcher.replaceFirst(replacement.re2j);
  }

  private String replaceFast(String value, Object[] segments, boolean global) {
    java.util.regex.Matcher m = fast.reset(text);
    if (!m.find()) {
      return value;
    }
    StringBuilder out = new StringBuilder(value.length() + 16);
    int copied = 0;
    do {
      out.append(value, copied, m.start());
      for (Object segment : segments) {
        if (segment instanceof String literal) {
          out.append(literal);
        } else {
          String group = m.group((Integer) segment);
          if (group != null) {
            out.append(group);
          }
        }
      }
      copied = m.end(); // never an empty match: Re2Subset refuses patterns that can match ""
    } while (global && m.find());
    return out.append(value, copied, value.length()).toString();
  }

  /**
   * Whether the JDK's matcher takes {@code value}; if so, {@link #text} now holds it and its
   * budget.
   */
  private boolean armFastPath(String value) {
    if (fast == null || value.length() > MAX_FAST_LENGTH) {
      return false;
    }
    text.reset(value, STEPS_PER_CHAR * (value.length() + 16));
    return true;
  }

  /**
   * A replacement in RE2's syntax ({@code \1} is group 1, {@code \\} a backslash), in RE2/J's
   * spelling and, when unambiguous, as segments: Strings and group numbers.
   */
  static final class Replacement {
    final String re2j;
    final Object[] segments;

    Replacement(String replacement, int groupCount) {
      this.re2j = TextFunctions.javaReplacement(replacement);
      this.segments = segments(replacement, groupCount);
    }

    /** Null where RE2/J's reading may differ (a group followed by a digit, a missing group). */
    private static Object[] segments(String replacement, int groupCount) {
      List<Object> segments = new ArrayList<>();
      StringBuilder literal = new StringBuilder();
      for (int i = 0; i < replacement.length(); i++) {
        char c = replacement.charAt(i);
        if (c != '\\' || i + 1 == replacement.length()) {
          literal.append(c);
          continue;
        }
        char next = replacement.charAt(++i);
        if (!Character.isDigit(next)) {
          literal.append(next);
          continue;
        }
        int group = next - '0';
        boolean digitFollows =
            i + 1 < replacement.length() && Character.isDigit(replacement.charAt(i + 1));
        if (group > groupCount || digitFollows) {
          return null;
        }
        if (!literal.isEmpty()) {
          segments.add(literal.toString());
          literal.setLength(0);
        }
        segments.add(group);
      }
      if (!literal.isEmpty()) {
        segments.add(literal.toString());
      }
      return segments.toArray();
    }
  }

  /** Thrown by {@link BudgetedText} when a search has read its budget of characters. */
  private static final class OverBudget extends RuntimeException {
    private static final OverBudget INSTANCE = new OverBudget();

    private OverBudget() {
      super("regular expression step budget exceeded", null, false, false);
    }
  }

  /** The value searched by the JDK's matcher, counting the characters it reads. */
  private static final class BudgetedText implements CharSequence {
    private String value = "";
    private int budget;

    void reset(String value, int budget) {
      this.value = value;
      this.budget = budget;
    }

    @Override
    public int length() {
      return value.length();
    }

    @Override
    public char charAt(int index) {
      if (--budget < 0) {
        throw OverBudget.INSTANCE;
      }
      return value.charAt(index);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return value.subSequence(start, end);
    }

    @Override
    public String toString() {
      return value;
    }
  }
}
