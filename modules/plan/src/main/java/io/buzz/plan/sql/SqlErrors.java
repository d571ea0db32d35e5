package io.buzz.plan.sql;

import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.sql.parser.SqlAbstractParserImpl;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;

/**
 * Turns Calcite's exceptions into {@link BuzzException}s that say where: the step (or partition
 * filter) and the SQL {@code line L, column C} Calcite reports (1-based, kept as is).
 */
final class SqlErrors {
  private static final Pattern UNKNOWN_COLUMN =
      Pattern.compile("Column '([^']+)' not found in (any table|table '[^']*')");
  private static final int MAX_EXPECTED_TOKENS = 12;
  private static final Pattern ENCOUNTERED_WORD = Pattern.compile("^Encountered \"([A-Za-z_]+)");
  private static final SqlAbstractParserImpl.Metadata KEYWORDS =
      SqlParser.create("", CalciteSession.PARSER_CONFIG).getMetadata();

  private SqlErrors() {}

  /** A syntax error: BAD_QUERY with position, what was found and, if short, what was expected. */
  static BuzzException syntax(SqlParseException e, String context) {
    String message = e.getMessage() == null ? "syntax error" : e.getMessage();
    String first = message.lines().findFirst().orElse(message).trim();
    if (first.endsWith(".")) {
      first = first.substring(0, first.length() - 1);
    }
    Collection<String> expected = e.getExpectedTokenNames();
    String expectation = "";
    if (expected != null && !expected.isEmpty() && expected.size() <= MAX_EXPECTED_TOKENS) {
      expectation = "; expected one of: " + String.join(", ", expected.stream().sorted().toList());
    }
    first = first.replaceAll(" at line \\d+, column \\d+", "");
    Matcher encountered = ENCOUNTERED_WORD.matcher(first);
    if (encountered.find()
        && KEYWORDS.isReservedWord(encountered.group(1).toUpperCase(Locale.ROOT))) {
      String word = encountered.group(1);
      expectation =
          "; "
              + word
              + " is a reserved word in SQL: to use it as a name, quote it: \""
              + word
              + "\"";
    }
    String at = SqlPositions.at(e.getPos());
    return new BuzzException(
        ErrorCode.BAD_QUERY,
        context
            + ": SQL syntax error"
            + (at.isEmpty() ? "" : " at " + at)
            + ": "
            + first
            + expectation,
        e);
  }

  /**
   * A validation error. Unknown columns are NOT_FOUND and list the table's columns; a column the
   * catalog reports as unsupported is UNSUPPORTED with the reason; other errors are BAD_QUERY.
   */
  static BuzzException validation(CalciteContextException e, String context, TableHint table) {
    String reason =
        (e.getCause() != null && e.getCause().getMessage() != null
                ? e.getCause().getMessage()
                : e.getMessage())
            .replaceAll("\\s*\\n\\s*", " ");
    String at =
        e.getPosLine() > 0 ? " (line " + e.getPosLine() + ", column " + e.getPosColumn() + ")" : "";
    Matcher unknown = UNKNOWN_COLUMN.matcher(reason);
    if (unknown.find() && table != null) {
      String column = unknown.group(1);
      String why = unsupportedReason(table.unsupported(), column);
      if (why != null) {
        return new BuzzException(
            ErrorCode.UNSUPPORTED,
            context
                + ": column '"
                + column
                + "'"
                + at
                + " of "
                + table.description()
                + " cannot be used: "
                + why,
            e);
      }
      return new BuzzException(
          ErrorCode.NOT_FOUND,
          context
              + ": column '"
              + column
              + "'"
              + at
              + " not found in "
              + table.description()
              + "; its columns: "
              + list(table.columns()),
          e);
    }
    ErrorCode code = reason.contains("not found") ? ErrorCode.NOT_FOUND : ErrorCode.BAD_QUERY;
    return new BuzzException(code, context + ": " + reason + at, e);
  }

  private static String unsupportedReason(Map<String, String> unsupported, String column) {
    for (Map.Entry<String, String> entry : unsupported.entrySet()) {
      if (entry.getKey().equalsIgnoreCase(column)) {
        return entry.getValue();
      }
    }
    return null;
  }

  static String list(List<String> names) {
    return names.isEmpty() ? "(none)" : String.join(", ", names);
  }
}
