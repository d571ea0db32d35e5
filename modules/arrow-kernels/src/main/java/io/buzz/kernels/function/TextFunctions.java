package io.buzz.kernels.function;

import io.buzz.kernels.KernelException;
import io.buzz.kernels.batch.ColumnType;
import io.buzz.kernels.function.ScalarFunction.Signature;
import java.util.List;

/**
 * String functions of the registry computed row by row, with DuckDB's semantics: SPLIT_PART, LEFT,
 * RIGHT, LPAD, RPAD (counting characters, i.e. code points), and the regular expressions
 * REGEXP_MATCHES/REGEXP_LIKE, REGEXP_REPLACE and REGEXP_EXTRACT in RE2's syntax and with RE2's
 * answers ({@link RegularExpression}: linear time, no pattern can make a query backtrack for
 * hours). A pattern is compiled once per query evaluation while it stays the same (a constant), and
 * a bad one is an error naming it.
 */
final class TextFunctions {
  private static final ColumnType UTF8 = ColumnType.UTF8;
  private static final ColumnType I64 = ColumnType.INT64;
  private static final ColumnType BOOL = ColumnType.BOOL;

  private TextFunctions() {}

  static List<ScalarFunction> all() {
    return List.of(
        FunctionRegistry.rowWise(
            "split_part",
            List.of("SPLIT_PART"),
            List.of(new Signature(List.of(UTF8, UTF8, I64), UTF8)),
            args -> splitPart((String) args[0], (String) args[1], (Long) args[2]),
            "SPLIT_PART(text, delimiter, n): the n-th field (negative: from the end), '' if none"),
        FunctionRegistry.rowWise(
            "left",
            List.of("LEFT"),
            List.of(new Signature(List.of(UTF8, I64), UTF8)),
            args -> left((String) args[0], (Long) args[1]),
            "LEFT(text, n): the first n characters (negative: all but the last -n)"),
        FunctionRegistry.rowWise(
            "right",
            List.of("RIGHT"),
            List.of(new Signature(List.of(UTF8, I64), UTF8)),
            args -> right((String) args[0], (Long) args[1]),
            "RIGHT(text, n): the last n characters (negative: all but the first -n)"),
        FunctionRegistry.rowWise(
            "lpad",
            List.of("LPAD"),
            List.of(new Signature(List.of(UTF8, I64, UTF8), UTF8)),
            args -> pad((String) args[0], (Long) args[1], (String) args[2], true),
            "LPAD(text, length, fill): fill repeated before the text up to length characters"),
        FunctionRegistry.rowWise(
            "rpad",
            List.of("RPAD"),
            List.of(new Signature(List.of(UTF8, I64, UTF8), UTF8)),
            args -> pad((String) args[0], (Long) args[1], (String) args[2], false),
            "RPAD(text, length, fill): fill repeated after the text up to length characters"),
        FunctionRegistry.rowWise(
            "regexp_matches",
            List.of("REGEXP_MATCHES", "REGEXP_LIKE"),
            List.of(
                new Signature(List.of(UTF8, UTF8), BOOL),
                new Signature(List.of(UTF8, UTF8, UTF8), BOOL)),
            () -> {
              Patterns patterns = new Patterns();
              return args -> patterns.get((String) args[1], flags(args, 2)).find((String) args[0]);
            },
            "REGEXP_MATCHES(text, pattern[, options]): whether the pattern occurs in the text"),
        FunctionRegistry.rowWise(
            "regexp_replace",
            List.of("REGEXP_REPLACE"),
            List.of(
                new Signature(List.of(UTF8, UTF8, UTF8), UTF8),
                new Signature(List.of(UTF8, UTF8, UTF8, UTF8), UTF8)),
            () -> {
              Patterns patterns = new Patterns();
              return args -> {
                String options = flags(args, 3);
                RegularExpression regex = patterns.get((String) args[1], options);
                return regex.replace(
                    (String) args[0],
                    patterns.replacement((String) args[2]),
                    options.indexOf('g') >= 0);
              };
            },
            "REGEXP_REPLACE(text, pattern, replacement[, options]): the first match replaced"
                + " (every match with option 'g'); \\1 in the replacement is group 1"),
        FunctionRegistry.rowWise(
            "regexp_extract",
            List.of("REGEXP_EXTRACT"),
            List.of(
                new Signature(List.of(UTF8, UTF8), UTF8),
                new Signature(List.of(UTF8, UTF8, I64), UTF8)),
            () -> {
              Patterns patterns = new Patterns();
              return args -> {
                RegularExpression regex = patterns.get((String) args[1], "");
                long group = args.length > 2 ? (Long) args[2] : 0;
                if (group < 0 || group > regex.groupCount()) {
                  throw new KernelException(
                      KernelException.Kind.INVALID_CAST,
                      "REGEXP_EXTRACT: pattern '"
                          + args[1]
                          + "' has no group "
                          + group
                          + " (it has "
                          + regex.groupCount()
                          + ")");
                }
                return regex.extract((String) args[0], (int) group);
              };
            },
            "REGEXP_EXTRACT(text, pattern[, group]): the first match (or its group), '' if none"));
  }

  /** The options operand at {@code index}, if given: 'i' ignores case, 'g' replaces globally. */
  private static String flags(Object[] args, int index) {
    return args.length > index ? (String) args[index] : "";
  }

  /**
   * Checks the constant pattern (and options) of a call of a regular-expression function as the
   * kernel will compile them, so that a bad one is reported when the query is planned.
   *
   * @param constants the call's operands that are text constants, null for the others
   * @throws KernelException INVALID_CAST naming the pattern and what is wrong with it
   */
  static void checkConstants(ScalarFunction function, List<String> constants) {
    String name = function.name();
    if (!name.startsWith("regexp_") || constants.size() < 2 || constants.get(1) == null) {
      return;
    }
    int optionsAt = name.equals("regexp_replace") ? 3 : name.equals("regexp_matches") ? 2 : -1;
    String options =
        optionsAt > 0 && optionsAt < constants.size() && constants.get(optionsAt) != null
            ? constants.get(optionsAt)
            : "";
    new Patterns().get(constants.get(1), options);
  }

  /**
   * The last pattern compiled, reused while the pattern and options stay the same, and the last
   * replacement parsed for it.
   */
  private static final class Patterns {
    private String text;
    private String options;
    private RegularExpression compiled;
    private String replacementText;
    private RegularExpression.Replacement replacement;

    RegularExpression get(String pattern, String flags) {
      if (!pattern.equals(text) || !flags.equals(options)) {
        compiled = RegularExpression.compile(pattern, flags);
        text = pattern;
        options = flags;
        replacementText = null;
      }
      return compiled;
    }

    /** The replacement for the pattern {@link #get} returned last. */
    RegularExpression.Replacement replacement(String replacementText) {
      if (!replacementText.equals(this.replacementText)) {
        replacement = new RegularExpression.Replacement(replacementText, compiled.groupCount());
        this.replacementText = replacementText;
      }
      return replacement;
    }
  }

  /**
   * RE2's replacement syntax ({@code \1}, {@code \\}) in the matcher's ({@code $1}, {@code \\}).
   */
  static String javaReplacement(String replacement) {
    StringBuilder out = new StringBuilder(replacement.length() + 8);
    for (int i = 0; i < replacement.length(); i++) {
      char c = replacement.charAt(i);
      if (c == '\\' && i + 1 < replacement.length()) {
        char next = replacement.charAt(++i);
        if (Character.isDigit(next)) {
          out.append('$').append(next);
        } else {
          out.append('\\').append(next);
        }
      } else if (c == '$') {
        out.append("\\$");
      } else if (c == '\\') {
        out.append("\\\\");
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  static String splitPart(String text, String delimiter, long index) {
    List<String> parts;
    if (delimiter.isEmpty()) {
      parts = text.codePoints().mapToObj(Character::toString).toList();
    } else {
      parts = new java.util.ArrayList<>();
      int from = 0;
      int at;
      while ((at = text.indexOf(delimiter, from)) >= 0) {
        parts.add(text.substring(from, at));
        from = at + delimiter.length();
      }
      parts.add(text.substring(from));
    }
    long position = index > 0 ? index - 1 : parts.size() + index;
    return index == 0 || position < 0 || position >= parts.size() ? "" : parts.get((int) position);
  }

  static String left(String text, long n) {
    int size = text.codePointCount(0, text.length());
    long keep = n >= 0 ? Math.min(n, size) : Math.max(0, size + n);
    return text.substring(0, text.offsetByCodePoints(0, (int) keep));
  }

  static String right(String text, long n) {
    int size = text.codePointCount(0, text.length());
    long keep = n >= 0 ? Math.min(n, size) : Math.max(0, size + n);
    return text.substring(text.offsetByCodePoints(0, (int) (size - keep)));
  }

  static String pad(String text, long length, String fill, boolean before) {
    if (length <= 0) {
      return "";
    }
    int size = text.codePointCount(0, text.length());
    if (length <= size) {
      return left(text, length);
    }
    if (length > 100_000_000L) {
      throw new KernelException(
          KernelException.Kind.LIMIT_EXCEEDED,
          (before ? "LPAD" : "RPAD") + " to " + length + " characters is too long");
    }
    if (fill.isEmpty()) {
      throw new KernelException(
          KernelException.Kind.INVALID_CAST,
          (before ? "LPAD" : "RPAD") + ": nothing to pad with (the fill is empty)");
    }
    int[] fillPoints = fill.codePoints().toArray();
    StringBuilder padding = new StringBuilder();
    for (long i = 0; i < length - size; i++) {
      padding.appendCodePoint(fillPoints[(int) (i % fillPoints.length)]);
    }
    return before ? padding + text : text + padding;
  }
}
