package io.buzz.plan.sql;

import io.buzz.error.BuzzException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.calcite.avatica.util.TimeUnitRange;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlSelectKeyword;
import org.apache.calcite.sql.SqlUnknownLiteral;
import org.apache.calcite.sql.SqlWith;
import org.apache.calcite.sql.SqlWithItem;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Rejects, on the parsed SQL where positions are exact, every construct the Buzz plan cannot
 * express, and collects the tables a query reads. A query must be one linear chain over one table:
 * SELECT (with WHERE, GROUP BY, HAVING, ORDER BY, LIMIT/OFFSET/FETCH) whose FROM is a table or such
 * a query. Expressions may use the operators and functions plan.proto has.
 *
 * <p>Each rejection is an UNSUPPORTED {@link BuzzException} naming the construct and its {@code
 * line L, column C}, prefixed with the context ({@code step 'x'} or {@code partition_filter of step
 * 'x'}). Unknown functions are reported here too, before Calcite's validator would.
 */
final class SqlSupportChecker {
  /** Functions by name (calls Calcite's parser leaves unresolved until validation). */
  static final Set<String> AGGREGATE_FUNCTIONS =
      Set.copyOf(io.buzz.kernels.aggregate.AggregateFunction.allSqlNames());

  private static final Set<String> SCALAR_FUNCTIONS =
      Set.of(
          "COALESCE",
          "NULLIF",
          "MOD",
          "CONCAT",
          "GREATEST",
          "LEAST",
          "CURRENT_DATE",
          "CURRENT_TIMESTAMP",
          "LOCALTIMESTAMP");

  private static final String SUPPORTED_FUNCTIONS =
      String.join(", ", io.buzz.kernels.aggregate.AggregateFunction.allSqlNames())
          + ", COALESCE, NULLIF, MOD, CONCAT, GREATEST, LEAST,"
          + " CURRENT_DATE, CURRENT_TIMESTAMP, CAST, EXTRACT, "
          + String.join(", ", io.buzz.kernels.function.FunctionRegistry.STANDARD.sqlNames());

  /** Operators that need nothing but a look at their operands. */
  private static final Set<SqlKind> OPERATORS =
      EnumSet.of(
          SqlKind.PLUS,
          SqlKind.MINUS,
          SqlKind.TIMES,
          SqlKind.DIVIDE,
          SqlKind.MOD,
          SqlKind.MINUS_PREFIX,
          SqlKind.PLUS_PREFIX,
          SqlKind.EQUALS,
          SqlKind.NOT_EQUALS,
          SqlKind.LESS_THAN,
          SqlKind.LESS_THAN_OR_EQUAL,
          SqlKind.GREATER_THAN,
          SqlKind.GREATER_THAN_OR_EQUAL,
          SqlKind.AND,
          SqlKind.OR,
          SqlKind.NOT,
          SqlKind.IS_NULL,
          SqlKind.IS_NOT_NULL,
          SqlKind.IS_TRUE,
          SqlKind.IS_NOT_TRUE,
          SqlKind.IS_FALSE,
          SqlKind.IS_NOT_FALSE,
          SqlKind.BETWEEN,
          SqlKind.CASE,
          SqlKind.AS);

  private static final Set<SqlTypeName> CAST_TARGETS =
      EnumSet.of(
          SqlTypeName.BOOLEAN,
          SqlTypeName.TINYINT,
          SqlTypeName.SMALLINT,
          SqlTypeName.INTEGER,
          SqlTypeName.BIGINT,
          SqlTypeName.REAL,
          SqlTypeName.FLOAT,
          SqlTypeName.DOUBLE,
          SqlTypeName.DECIMAL,
          SqlTypeName.CHAR,
          SqlTypeName.VARCHAR,
          SqlTypeName.DATE,
          SqlTypeName.TIME,
          SqlTypeName.TIMESTAMP);

  /** The aggregates that accept DISTINCT (MIN and MAX ignore it). */
  private static final Set<String> DISTINCT_AGGREGATES =
      Set.of("COUNT", "SUM", "AVG", "MIN", "MAX");

  private static final Set<TimeUnitRange> EXTRACT_FIELDS =
      EnumSet.of(
          TimeUnitRange.YEAR,
          TimeUnitRange.MONTH,
          TimeUnitRange.DAY,
          TimeUnitRange.HOUR,
          TimeUnitRange.MINUTE,
          TimeUnitRange.SECOND,
          TimeUnitRange.DOW,
          TimeUnitRange.ISODOW,
          TimeUnitRange.DOY,
          TimeUnitRange.WEEK,
          TimeUnitRange.QUARTER,
          TimeUnitRange.ISOYEAR);

  private final String context;
  private final boolean aggregatesAllowed;
  private final List<SqlIdentifier> tables = new ArrayList<>();

  /** The names WITH gives queries in this statement (lower case): tables that are no catalog. */
  private final Set<String> withNames = new java.util.HashSet<>();

  private SqlSupportChecker(String context, boolean aggregatesAllowed) {
    this.context = context;
    this.aggregatesAllowed = aggregatesAllowed;
  }

  /**
   * Checks a step's query and returns the table identifiers in its FROM clauses, in order.
   *
   * @param context how messages name the step, e.g. {@code step 'nyc_taxi_map'}
   */
  static List<SqlIdentifier> checkQuery(SqlNode query, String context) {
    SqlSupportChecker checker = new SqlSupportChecker(context, true);
    checker.query(query);
    return List.copyOf(checker.tables);
  }

  /** Checks a standalone scalar expression (a partition filter): no aggregates, no subqueries. */
  static void checkExpression(SqlNode expression, String context) {
    new SqlSupportChecker(context, false).expression(expression);
  }

  private void query(SqlNode node) {
    switch (node.getKind()) {
      case SELECT -> select((SqlSelect) node);
      case ORDER_BY -> {
        SqlOrderBy orderBy = (SqlOrderBy) node;
        query(orderBy.query);
        orderItems(orderBy.orderList);
        rowCount(orderBy.offset);
        rowCount(orderBy.fetch);
      }
      case UNION -> ((SqlCall) node).getOperandList().forEach(this::query);
      case INTERSECT, EXCEPT ->
          throw unsupported(
              node.getKind().sql, node, "a step is one SELECT (or a UNION ALL of them)");
      case VALUES ->
          throw unsupported(
              "VALUES", node, "every step reads a table (a catalog or the HBee step)");
      case WITH -> with((SqlWith) node);
      default -> throw unsupported(describe(node), node, "write a SELECT query");
    }
  }

  /**
   * {@code WITH name AS (query), ... body}: each named query is checked as a query, and its name is
   * a table of this statement, not a catalog. Calcite inlines each use of a name, so a chain of
   * named queries is one pipeline; using one twice would be a join, refused as such.
   */
  private void with(SqlWith with) {
    for (SqlNode node : with.withList) {
      SqlWithItem item = (SqlWithItem) node;
      if (item.recursive.booleanValue()) {
        throw unsupported("WITH RECURSIVE", with, "");
      }
      query(item.query);
      withNames.add(item.name.getSimple().toLowerCase(Locale.ROOT));
    }
    query(with.body);
  }

  private void select(SqlSelect select) {
    if (select.getFrom() == null) {
      throw unsupported(
          "SELECT without FROM", select, "every step reads a table (a catalog or the HBee step)");
    }
    from(select.getFrom());
    expressions(select.getSelectList());
    expression(select.getWhere());
    if (select.getGroup() != null) {
      for (SqlNode key : select.getGroup()) {
        switch (key.getKind()) {
          case GROUPING_SETS, ROLLUP, CUBE ->
              throw unsupported(
                  describe(key), key, "group by plain expressions and run one query per grouping");
          default -> expression(key);
        }
      }
    }
    expression(select.getHaving());
    if (select.getWindowList() != null && !select.getWindowList().isEmpty()) {
      throw unsupported("a WINDOW clause", select.getWindowList().get(0), "");
    }
    if (select.getQualify() != null) {
      throw unsupported("QUALIFY", select.getQualify(), "");
    }
    orderItems(select.getOrderList());
    rowCount(select.getOffset());
    rowCount(select.getFetch());
  }

  private void from(SqlNode node) {
    switch (node.getKind()) {
      case IDENTIFIER -> {
        SqlIdentifier table = (SqlIdentifier) node;
        if (!table.isSimple() || !withNames.contains(table.getSimple().toLowerCase(Locale.ROOT))) {
          tables.add(table);
        }
      }
      case AS -> from(((SqlCall) node).operand(0));
      case SELECT, ORDER_BY, UNION, INTERSECT, EXCEPT, VALUES, WITH -> query(node);
      case JOIN ->
          throw unsupported(
              "JOIN", node, "a query reads exactly one table; joins are not supported yet");
      default ->
          throw unsupported(describe(node) + " in FROM", node, "FROM takes a table or a subquery");
    }
  }

  private void orderItems(SqlNodeList items) {
    if (items == null) {
      return;
    }
    for (SqlNode item : items) {
      SqlNode key = item;
      while (key.getKind() == SqlKind.DESCENDING
          || key.getKind() == SqlKind.NULLS_FIRST
          || key.getKind() == SqlKind.NULLS_LAST) {
        key = ((SqlCall) key).operand(0);
      }
      expression(key);
    }
  }

  /** LIMIT, OFFSET and FETCH must be constants. */
  private void rowCount(SqlNode node) {
    if (node == null) {
      return;
    }
    if (node instanceof SqlDynamicParam) {
      throw unsupported("a query parameter (?)", node, "write the number in the SQL");
    }
    if (!(node instanceof SqlLiteral)) {
      throw unsupported("a computed row count", node, "LIMIT and OFFSET take a number");
    }
  }

  private void expressions(SqlNodeList list) {
    if (list != null) {
      list.forEach(this::expression);
    }
  }

  private void expression(SqlNode node) {
    if (node == null || node instanceof SqlIdentifier) {
      return;
    }
    if (node instanceof SqlLiteral literal) {
      literal(literal);
    } else if (node instanceof SqlNodeList list) {
      expressions(list);
    } else if (node instanceof SqlDynamicParam) {
      throw unsupported("a query parameter (?)", node, "write the value in the SQL");
    } else if (node instanceof SqlDataTypeSpec spec) {
      castTarget(spec);
    } else if (node instanceof SqlCall call) {
      call(call);
    } else {
      throw unsupported(describe(node), node, "");
    }
  }

  private void call(SqlCall call) {
    SqlLiteral quantifier = call.getFunctionQuantifier();
    if (quantifier != null
        && quantifier.getValue() == SqlSelectKeyword.DISTINCT
        && !DISTINCT_AGGREGATES.contains(call.getOperator().getName().toUpperCase(Locale.ROOT))) {
      String name = call.getOperator().getName().toUpperCase(Locale.ROOT);
      throw unsupported(
          name + "(DISTINCT ...)", call, ": DISTINCT applies to COUNT, SUM, AVG, MIN and MAX");
    }
    switch (call.getKind()) {
      case SELECT -> {
        SubqueryCorrelation.check(call, context);
        query(call);
      }
      case ORDER_BY,
          UNION,
          INTERSECT,
          EXCEPT,
          VALUES,
          WITH,
          EXISTS,
          SOME,
          ALL,
          ARRAY_QUERY_CONSTRUCTOR,
          MAP_QUERY_CONSTRUCTOR,
          MULTISET_QUERY_CONSTRUCTOR ->
          throw unsupported(
              "a subquery in an expression", call, "only a subquery in FROM is supported");
      case SCALAR_QUERY -> query(call.operand(0));
      case OVER, WINDOW -> throw unsupported("a window function (OVER)", call, "");
      case FILTER -> call.getOperandList().forEach(this::expression); // agg FILTER (WHERE …)
      case WITHIN_GROUP, WITHIN_DISTINCT -> throw unsupported(describe(call), call, "");
      case LIKE -> call.getOperandList().forEach(this::expression); // LIKE, ILIKE, NOT …
      case SIMILAR, RLIKE ->
          throw unsupported(call.getOperator().getName(), call, ": use LIKE or ILIKE");
      case IN, NOT_IN -> {
        if (!(call.operand(1) instanceof SqlNodeList)) {
          if (call.getKind() == SqlKind.NOT_IN) {
            throw unsupported(
                "NOT IN with a subquery", call, "only IN (subquery) and NOT IN (value, ...) are");
          }
          expression(call.operand(0));
          SubqueryCorrelation.check(call.operand(1), context);
          query(call.operand(1)); // IN (subquery): a semi-join the HComb runs (BranchTranslation)
          return;
        }
        if (call.operand(0).getKind() == SqlKind.ROW) {
          throw unsupported("IN over a row value", call, "compare one column at a time");
        }
        call.getOperandList().forEach(this::expression);
      }
      case CAST -> {
        expression(call.operand(0));
        castTarget((SqlDataTypeSpec) call.operand(1));
      }
      case EXTRACT -> {
        SqlIntervalQualifier field = call.operand(0);
        if (!EXTRACT_FIELDS.contains(field.timeUnitRange)) {
          throw unsupported(
              "EXTRACT(" + field.timeUnitRange + " ...)",
              call,
              "supported fields: YEAR, MONTH, DAY, HOUR, MINUTE, SECOND, DOW, ISODOW, DOY, WEEK,"
                  + " QUARTER, ISOYEAR");
        }
        expression(call.operand(1));
      }
      default -> {
        if (call.getOperator() instanceof SqlFunction) {
          function(call);
        } else if (OPERATORS.contains(call.getKind())
            || RegisteredCalls.find(call.getOperator().getName()).isPresent()) {
          call.getOperandList().forEach(this::expression);
        } else {
          throw unsupported("operator " + call.getOperator().getName(), call, "");
        }
      }
    }
  }

  private void function(SqlCall call) {
    String name = call.getOperator().getName().toUpperCase(Locale.ROOT);
    if (AGGREGATE_FUNCTIONS.contains(name)) {
      if (!aggregatesAllowed) {
        throw BuzzException.badQuery(
            context
                + ": aggregate function "
                + name
                + SqlPositions.inParens(call.getParserPosition())
                + " is not allowed here");
      }
    } else if (!SCALAR_FUNCTIONS.contains(name) && RegisteredCalls.find(name).isEmpty()) {
      throw unsupported(
          "function " + call.getOperator().getName(),
          call,
          "supported functions: " + SUPPORTED_FUNCTIONS);
    }
    call.getOperandList().forEach(this::expression);
  }

  private void literal(SqlLiteral literal) {
    if (literal instanceof SqlUnknownLiteral unknown) {
      String tag = unknown.tag.toUpperCase(Locale.ROOT);
      if (!tag.equals("DATE") && !tag.equals("TIME") && !tag.equals("TIMESTAMP")) {
        throw unsupported(
            tag + " literal", literal, "supported: DATE '...', TIME '...' and TIMESTAMP '...'");
      }
      return;
    }
    SqlTypeName type = literal.getTypeName();
    switch (type) {
      case TIME_WITH_LOCAL_TIME_ZONE, TIME_TZ ->
          throw unsupported("a TIME WITH TIME ZONE literal", literal, "use TIME '...'");
      default -> {}
    }
  }

  private void castTarget(SqlDataTypeSpec spec) {
    SqlTypeName type = null;
    if (spec.getTypeNameSpec() instanceof SqlBasicTypeNameSpec basic) {
      type = SqlTypeName.get(basic.getTypeName().getSimple().toUpperCase(Locale.ROOT));
    }
    if (type == null || !CAST_TARGETS.contains(type) || spec.getTimeZone() != null) {
      throw unsupported(
          "CAST to " + spec.getTypeNameSpec().getTypeName().toString(),
          spec,
          "supported types: BOOLEAN, INTEGER (also TINYINT, SMALLINT), BIGINT, REAL (also FLOAT),"
              + " DOUBLE, DECIMAL(p, s), VARCHAR, DATE, TIME, TIMESTAMP");
    }
  }

  private static String describe(SqlNode node) {
    return node.getKind().sql.replace('_', ' ');
  }

  /**
   * An UNSUPPORTED error: {@code <context>: <construct> (line L, column C) is not supported; hint}.
   * A hint starting with a space continues the sentence instead ({@code " yet: ..."}).
   */
  private BuzzException unsupported(String construct, SqlNode node, String hint) {
    return BuzzException.unsupported(
        context
            + ": "
            + construct
            + SqlPositions.inParens(node.getParserPosition())
            + " is not supported"
            + (hint.isEmpty() || hint.startsWith(" ") ? hint : "; " + hint));
  }
}
