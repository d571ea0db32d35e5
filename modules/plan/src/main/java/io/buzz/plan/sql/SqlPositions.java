package io.buzz.plan.sql;

import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * How messages cite SQL: {@code line L, column C}, 1-based as Calcite reports them, and how
 * positions of an expression parsed on its own are shown.
 */
final class SqlPositions {
  private SqlPositions() {}

  /** {@code line 1, column 8}, or an empty string for a node without position. */
  static String at(SqlParserPos pos) {
    if (pos == null || pos.getLineNum() <= 0) {
      return "";
    }
    return "line " + pos.getLineNum() + ", column " + pos.getColumnNum();
  }

  /** {@link #at(SqlParserPos)} of a node. */
  static String at(SqlNode node) {
    return at(node.getParserPosition());
  }

  /** {@code " (line 1, column 8)"}, or an empty string for a node without position. */
  static String inParens(SqlParserPos pos) {
    String at = at(pos);
    return at.isEmpty() ? "" : " (" + at + ")";
  }

  /**
   * The SQL text a node spans, whitespace runs collapsed to one space; empty when the node has no
   * position. Columns count characters of the line, as Calcite's lexer does.
   */
  static String text(String sql, SqlParserPos pos) {
    if (pos == null || pos.getLineNum() <= 0 || pos.getEndLineNum() <= 0) {
      return "";
    }
    int start = offset(sql, pos.getLineNum(), pos.getColumnNum());
    int end = offset(sql, pos.getEndLineNum(), pos.getEndColumnNum());
    if (start < 0 || end < start || end >= sql.length()) {
      return "";
    }
    return sql.substring(start, end + 1).replaceAll("\\s+", " ").trim();
  }

  /** The 0-based offset of 1-based (line, column) in {@code text}, or -1 if out of range. */
  private static int offset(String text, int line, int column) {
    int offset = 0;
    for (int l = 1; l < line; l++) {
      int newline = text.indexOf('\n', offset);
      if (newline < 0) {
        return -1;
      }
      offset = newline + 1;
    }
    return offset + column - 1;
  }
}
