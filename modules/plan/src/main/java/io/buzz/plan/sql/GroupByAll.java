package io.buzz.plan.sql;

import io.buzz.error.BuzzException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlWith;
import org.apache.calcite.sql.SqlWithItem;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * DuckDB's {@code GROUP BY ALL}: group by every item of the select list that is not an aggregate
 * (none: one global group). Calcite's parser does not know it, so the keyword {@code ALL} is first
 * blanked to {@code ()} (the same length, so every position in a message stays the user's), and
 * each SELECT whose GROUP BY sits where a blanked {@code ALL} was gets the ordinals of its
 * non-aggregate items.
 *
 * @param sql the text to parse
 * @param at the (line, column) of each blanked {@code ALL}
 */
record GroupByAll(String sql, List<SqlParserPos> at) {
  private static final Pattern GROUP_BY_ALL =
      Pattern.compile(
          "(?i)\\bGROUP\\s+BY\\s+(ALL)\\b(?=\\s*(\\)|$|;|ORDER\\b|HAVING\\b|LIMIT\\b|OFFSET\\b"
              + "|FETCH\\b|UNION\\b))");

  /** {@code sql} with each {@code GROUP BY ALL} written {@code GROUP BY ()}. */
  static GroupByAll of(String sql) {
    Matcher matcher = GROUP_BY_ALL.matcher(sql);
    StringBuilder text = new StringBuilder(sql);
    List<SqlParserPos> positions = new ArrayList<>();
    boolean[] quoted = SqlText.quoted(sql);
    while (matcher.find()) {
      int start = matcher.start(1);
      if (quoted[matcher.start()]) {
        continue; // inside a literal or a comment
      }
      text.replace(start, start + 3, "() ");
      positions.add(position(sql, start));
    }
    return new GroupByAll(text.toString(), positions);
  }

  /** Gives each marked SELECT of {@code query} its non-aggregate items as group keys. */
  void expand(SqlNode query) {
    if (at.isEmpty() || query == null) {
      return;
    }
    switch (query.getKind()) {
      case SELECT -> {
        SqlSelect select = (SqlSelect) query;
        SqlNodeList group = select.getGroup();
        if (group != null && group.size() == 1 && marked(group.get(0).getParserPosition())) {
          select.setGroupBy(keys(select));
        }
        expand(select.getFrom());
      }
      case ORDER_BY -> expand(((SqlOrderBy) query).query);
      case WITH -> {
        SqlWith with = (SqlWith) query;
        for (SqlNode item : with.withList) {
          expand(((SqlWithItem) item).query);
        }
        expand(with.body);
      }
      case AS -> expand(((SqlCall) query).operand(0));
      default -> {}
    }
  }

  private boolean marked(SqlParserPos position) {
    for (SqlParserPos blanked : at) {
      if (blanked.getLineNum() == position.getLineNum()
          && blanked.getColumnNum() == position.getColumnNum()) {
        return true;
      }
    }
    return false;
  }

  /** The ordinals of the select list's items that aggregate nothing; null for none. */
  private static SqlNodeList keys(SqlSelect select) {
    List<SqlNode> keys = new ArrayList<>();
    SqlNodeList items = select.getSelectList();
    for (int i = 0; i < items.size(); i++) {
      SqlNode item = items.get(i);
      if (item instanceof SqlIdentifier identifier && identifier.isStar()) {
        throw BuzzException.unsupported(
            "GROUP BY ALL over SELECT *"
                + SqlPositions.inParens(item.getParserPosition())
                + " is not supported; name the columns");
      }
      if (!aggregates(item)) {
        keys.add(SqlLiteral.createExactNumeric(String.valueOf(i + 1), item.getParserPosition()));
      }
    }
    return keys.isEmpty() ? null : new SqlNodeList(keys, select.getGroup().getParserPosition());
  }

  /** Whether {@code node} calls an aggregate function anywhere (not inside a subquery). */
  private static boolean aggregates(SqlNode node) {
    if (!(node instanceof SqlCall call) || node.getKind() == SqlKind.SELECT) {
      return false;
    }
    String name = call.getOperator().getName().toUpperCase(Locale.ROOT);
    if (call.getOperator().isAggregator()
        || SqlSupportChecker.AGGREGATE_FUNCTIONS.contains(name)
        || call.getKind() == SqlKind.FILTER) {
      return true;
    }
    for (SqlNode operand : call.getOperandList()) {
      if (operand != null && aggregates(operand)) {
        return true;
      }
    }
    return false;
  }

  /** The 1-based line and column of character {@code offset} of {@code sql}. */
  private static SqlParserPos position(String sql, int offset) {
    int line = 1;
    int column = 1;
    for (int i = 0; i < offset; i++) {
      if (sql.charAt(i) == '\n') {
        line++;
        column = 1;
      } else {
        column++;
      }
    }
    return new SqlParserPos(line, column);
  }
}
