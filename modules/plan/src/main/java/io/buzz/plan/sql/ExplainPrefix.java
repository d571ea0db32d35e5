package io.buzz.plan.sql;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A statement's leading {@code EXPLAIN} keyword, as in DuckDB and PostgreSQL ({@code EXPLAIN SELECT
 * ...}): the query is planned, its files chosen, and the plan returned instead of run. The keyword
 * is blanked out rather than cut, so that every line and column in a message still points into the
 * text the user wrote.
 *
 * @param sql the statement with the keyword replaced by spaces
 * @param explain whether the statement started with {@code EXPLAIN}
 */
public record ExplainPrefix(String sql, boolean explain) {
  private static final Pattern EXPLAIN = Pattern.compile("(?i)^\\s*(EXPLAIN)\\s");

  /** The statement with its leading {@code EXPLAIN}, if any, blanked out. */
  public static ExplainPrefix of(String statement) {
    Matcher matcher = EXPLAIN.matcher(statement);
    if (!matcher.find()) {
      return new ExplainPrefix(statement, false);
    }
    StringBuilder blanked = new StringBuilder(statement);
    for (int i = matcher.start(1); i < matcher.end(1); i++) {
      blanked.setCharAt(i, ' ');
    }
    return new ExplainPrefix(blanked.toString(), true);
  }
}
