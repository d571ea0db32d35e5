package io.buzz.kernels.function;

import java.util.Optional;

/**
 * Translates a pattern in RE2's syntax into java.util.regex's, when the pattern lies in a subset on
 * which both engines find the same matches with the same groups — else nothing, and RE2/J runs it.
 *
 * <p>Why: RE2/J has no DFA, so a search runs its NFA over the text and, to read a group, runs it a
 * second time; the JDK's backtracking matcher does the same search several times faster. What it
 * lacks is RE2's linear-time guarantee, which {@link RegularExpression} restores with a step budget
 * per value (over budget, RE2/J answers). What this class guarantees is the same answer:
 *
 * <ul>
 *   <li>ASCII literals and escaped punctuation; {@code .} (the JDK's with UNIX_LINES, or DOTALL for
 *       option 's': only {@code \n} is not matched, as in RE2); {@code \d \D \w \W} (ASCII in
 *       both); {@code \s \S} spelled out as RE2's {@code [\t\n\f\r ]} (the JDK adds {@code \x0B});
 *       {@code \v} as {@code \x0B}; {@code \t \n \r \f}; {@code \A}, {@code \z};
 *   <li>bracket classes of ASCII characters, ranges and those escapes ({@code &} and {@code [},
 *       which the JDK reads as class operators, are refused);
 *   <li>capturing and {@code (?:…)} groups, alternation, the greedy and lazy quantifiers {@code * +
 *       ? {n} {n,} {n,m}} — a quantified group holding no quantifier and unable to match the empty
 *       string (where RE2 and Perl may disagree about groups of empty iterations);
 *   <li>{@code ^} as the start of the text and {@code $} as its end ({@code \z}: the JDK's {@code
 *       $} would also match before a final line break); the whole pattern cannot match the empty
 *       string (so replacing every match steps over no empty match, where the engines differ).
 * </ul>
 *
 * Everything else — case-insensitive and multi-line options, {@code \b}, Unicode classes, POSIX
 * classes, flags groups, named groups, non-ASCII characters — is left to RE2/J.
 */
final class Re2Subset {
  private final String pattern;
  private final StringBuilder out = new StringBuilder();
  private int at;

  private Re2Subset(String pattern) {
    this.pattern = pattern;
  }

  /**
   * The JDK's spelling of {@code pattern} (options {@code flags}, RE2's: i, c, g, s, m), if it lies
   * in the subset; the pattern is valid RE2 (compiled by RE2/J first).
   */
  static Optional<String> translate(String pattern, String flags) {
    if (flags.indexOf('i') >= 0 || flags.indexOf('m') >= 0) {
      return Optional.empty();
    }
    Re2Subset subset = new Re2Subset(pattern);
    Shape shape = subset.alternation();
    if (shape == null || subset.at != pattern.length() || shape.nullable) {
      return Optional.empty();
    }
    return Optional.of(subset.out.toString());
  }

  /** What a parsed piece can do: match the empty string, contain a quantifier. */
  private record Shape(boolean nullable, boolean quantified) {}

  private Shape alternation() {
    Shape branch = sequence();
    if (branch == null) {
      return null;
    }
    boolean nullable = branch.nullable;
    boolean quantified = branch.quantified;
    while (at < pattern.length() && pattern.charAt(at) == '|') {
      at++;
      out.append('|');
      branch = sequence();
      if (branch == null) {
        return null;
      }
      nullable |= branch.nullable;
      quantified |= branch.quantified;
    }
    return new Shape(nullable, quantified);
  }

  private Shape sequence() {
    boolean nullable = true;
    boolean quantified = false;
    while (at < pattern.length() && pattern.charAt(at) != '|' && pattern.charAt(at) != ')') {
      Shape atom = atom();
      if (atom == null) {
        return null;
      }
      int repeat = quantifier();
      if (repeat < 0) {
        return null;
      }
      if (repeat > 0) {
        if (at < pattern.length() && "*+?{".indexOf(pattern.charAt(at)) >= 0) {
          return null; // a repetition of a repetition
        }
        if (atom.nullable || atom.quantified) {
          return null; // an empty or nested loop: the engines may disagree about its groups
        }
        quantified = true;
        nullable &= repeat == 2; // '*', '?' or a repetition from zero
      } else {
        quantified |= atom.quantified;
        nullable &= atom.nullable;
      }
    }
    return new Shape(nullable, quantified);
  }

  /** One atom, written to {@link #out}; null when outside the subset. */
  private Shape atom() {
    char c = pattern.charAt(at++);
    switch (c) {
      case '(' -> {
        if (pattern.startsWith("?:", at)) {
          at += 2;
          out.append("(?:");
        } else if (at < pattern.length() && pattern.charAt(at) == '?') {
          return null; // flags or a named group
        } else {
          out.append('(');
        }
        Shape inner = alternation();
        if (inner == null || at >= pattern.length() || pattern.charAt(at) != ')') {
          return null;
        }
        at++;
        out.append(')');
        return inner;
      }
      case '[' -> {
        return bracketClass() ? new Shape(false, false) : null;
      }
      case '.' -> {
        out.append('.');
        return new Shape(false, false);
      }
      case '^' -> {
        out.append("\\A");
        return new Shape(true, false);
      }
      case '$' -> {
        out.append("\\z");
        return new Shape(true, false);
      }
      case '\\' -> {
        return escape(false);
      }
      case '*', '+', '?' -> {
        return null; // RE2 refuses a quantifier without an atom; never reached for valid patterns
      }
      case '{' -> {
        // RE2 reads a '{' that starts no repetition as itself; the JDK would refuse it.
        out.append("\\{");
        return new Shape(false, false);
      }
      default -> {
        if (!printableAscii(c)) {
          return null;
        }
        out.append(c == '}' || c == ']' ? "\\" + c : String.valueOf(c));
        return new Shape(false, false);
      }
    }
  }

  /**
   * The quantifier after an atom, written to {@link #out}: 0 none, 1 at least one, 2 possibly zero,
   * -1 outside the subset.
   */
  private int quantifier() {
    if (at >= pattern.length()) {
      return 0;
    }
    char c = pattern.charAt(at);
    int kind;
    if (c == '*' || c == '?') {
      kind = 2;
      out.append(c);
      at++;
    } else if (c == '+') {
      kind = 1;
      out.append(c);
      at++;
    } else if (c == '{') {
      int close = pattern.indexOf('}', at);
      String inside = close < 0 ? "" : pattern.substring(at + 1, close);
      if (!inside.matches("[0-9]+(,[0-9]*)?")) {
        return 0; // a literal '{', the next atom
      }
      if (inside.matches(".*(^|,)0[0-9].*")) {
        return -1; // RE2 reads a count with a leading zero as literal text, the JDK as a count
      }
      kind = Integer.parseInt(inside.split(",", -1)[0]) == 0 ? 2 : 1;
      out.append(pattern, at, close + 1);
      at = close + 1;
    } else {
      return 0;
    }
    if (at < pattern.length() && pattern.charAt(at) == '?') {
      out.append('?'); // lazy, the same in both
      at++;
    } else if (at < pattern.length() && pattern.charAt(at) == '+') {
      return -1; // RE2 refuses it; the JDK would read it as possessive
    }
    return kind;
  }

  /** An escape after its backslash; inside a bracket class only single characters and classes. */
  private Shape escape(boolean inClass) {
    if (at >= pattern.length()) {
      return null;
    }
    char c = pattern.charAt(at++);
    switch (c) {
      case 'd', 'D', 'w', 'W', 't', 'n', 'r', 'f' -> out.append('\\').append(c);
      case 's' -> out.append(inClass ? "\\t\\n\\f\\r " : "[\\t\\n\\f\\r ]");
      case 'S' -> {
        if (inClass) {
          return null;
        }
        out.append("[^\\t\\n\\f\\r ]");
      }
      case 'v' -> out.append("\\x0B");
      case 'A', 'z' -> {
        if (inClass) {
          return null;
        }
        out.append('\\').append(c);
        return new Shape(true, false);
      }
      default -> {
        if (!printableAscii(c) || Character.isLetterOrDigit(c)) {
          return null; // \b, \p, \Q, \x, \C, octal and the like
        }
        out.append('\\').append(c);
      }
    }
    return new Shape(false, false);
  }

  /** A bracket class after its '[', written to {@link #out}; false when outside the subset. */
  private boolean bracketClass() {
    out.append('[');
    if (at < pattern.length() && pattern.charAt(at) == '^') {
      out.append('^');
      at++;
    }
    boolean first = true;
    while (at < pattern.length()) {
      char c = pattern.charAt(at++);
      if (c == ']' && !first) {
        out.append(']');
        return true;
      }
      first = false;
      if (c == '\\') {
        if (escape(true) == null) {
          return false;
        }
        if (at + 1 < pattern.length()
            && pattern.charAt(at) == '-'
            && pattern.charAt(at + 1) != ']') {
          return false; // a range from an escaped character, e.g. [\.-9]: left to RE2/J
        }
        continue;
      }
      if (!printableAscii(c) || c == '[' || c == '&' || c == ']') {
        return false;
      }
      out.append(c == '-' || c == '^' ? "\\" + c : String.valueOf(c));
      if (at + 1 < pattern.length() && pattern.charAt(at) == '-' && pattern.charAt(at + 1) != ']') {
        char to = pattern.charAt(at + 1);
        if (!printableAscii(to) || to == '\\' || to == '[' || to == '&') {
          return false;
        }
        out.append('-').append(to == '-' || to == '^' || to == ']' ? "\\" + to : to);
        at += 2;
      }
    }
    return false;
  }

  private static boolean printableAscii(char c) {
    return c >= 0x20 && c < 0x7f;
  }
}
