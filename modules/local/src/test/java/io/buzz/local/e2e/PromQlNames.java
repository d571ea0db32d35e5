package io.buzz.local.e2e;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL expression selects, the way Prometheus' parser sees them: identifiers
 * that are not functions or aggregations (followed by {@code (}), not keywords, and not inside
 * label matchers, range selectors, grouping clauses or strings.
 */
final class PromQlNames {
  private static final Pattern STRINGS = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'[^']*'");
  private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");
  private static final Pattern RANGES = Pattern.compile("\\[[^]]*]");
  private static final Pattern GROUPING =
      Pattern.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
  private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Set<String> KEYWORDS =
      Set.of(
          "and",
          "or",
          "unless",
          "bool",
          "offset",
          "by",
          "without",
          "on",
          "ignoring",
          "group_left",
          "group_right",
          "inf",
          "nan",
          "Inf",
          "NaN");

  private PromQlNames() {}

  static Set<String> of(String expression) {
    String text = STRINGS.matcher(expression).replaceAll("\"\"");
    text = MATCHERS.matcher(text).replaceAll("{}");
    text = RANGES.matcher(text).replaceAll("[]");
    text = GROUPING.matcher(text).replaceAll(" ");
    Set<String> names = new LinkedHashSet<>();
    Matcher identifier = IDENTIFIER.matcher(text);
    while (identifier.find()) {
      String token = identifier.group();
      int after = identifier.end();
      while (after < text.length() && Character.isWhitespace(text.charAt(after))) {
        after++;
      }
      boolean call = after < text.length() && text.charAt(after) == '(';
      boolean partOfNumber =
          identifier.start() > 0 && Character.isDigit(text.charAt(identifier.start() - 1));
      if (!call && !partOfNumber && !KEYWORDS.contains(token)) {
        names.add(token);
      }
    }
    return names;
  }
}
