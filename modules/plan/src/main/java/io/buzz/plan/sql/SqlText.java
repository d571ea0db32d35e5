package io.buzz.plan.sql;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where in SQL text a pattern occurs as SQL rather than inside a string literal ({@code '…'}), a
 * quoted identifier ({@code "…"}) or a comment ({@code --…} and {@code /* … *}{@code /}): for the
 * few rewrites done on the text before Calcite parses it, which keep every other character (and so
 * every position in a message) in place.
 */
final class SqlText {
  private SqlText() {}

  private static final Pattern DATE_DIFF = Pattern.compile("(?i)\\bDATE_DIFF(?=\\s*\\()");

  /**
   * DuckDB's spelling {@code DATE_DIFF('unit', a, b)} as {@code DATEDIFF ('unit', a, b)}: Calcite's
   * parser reserves {@code DATE_DIFF(} for BigQuery's form. Same length, so positions stay.
   */
  static String respell(String sql) {
    boolean[] quoted = quoted(sql);
    Matcher matcher = DATE_DIFF.matcher(sql);
    StringBuilder out = null;
    while (matcher.find()) {
      if (!quoted[matcher.start()]) {
        out = out == null ? new StringBuilder(sql) : out;
        out.replace(matcher.start(), matcher.end(), "DATEDIFF ");
      }
    }
    return out == null ? sql : out.toString();
  }

  /** For each character, whether it is inside a literal, a quoted identifier or a comment. */
  static boolean[] quoted(String sql) {
    boolean[] quoted = new boolean[sql.length() + 1];
    int i = 0;
    while (i < sql.length()) {
      char c = sql.charAt(i);
      int end;
      if (c == '\'' || c == '"') {
        end = i + 1;
        while (end < sql.length()) {
          if (sql.charAt(end) == c) {
            if (end + 1 < sql.length() && sql.charAt(end + 1) == c) {
              end += 2; // a doubled quote
              continue;
            }
            break;
          }
          end++;
        }
        end = Math.min(end + 1, sql.length());
      } else if (sql.startsWith("--", i)) {
        end = sql.indexOf('\n', i);
        end = end < 0 ? sql.length() : end;
      } else if (sql.startsWith("/*", i)) {
        end = sql.indexOf("*/", i + 2);
        end = end < 0 ? sql.length() : end + 2;
      } else {
        i++;
        continue;
      }
      for (int k = i; k < end; k++) {
        quoted[k] = true;
      }
      i = end;
    }
    return quoted;
  }
}
