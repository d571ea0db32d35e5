package io.buzz.plan.sql;

import io.buzz.error.BuzzException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.util.SqlBasicVisitor;

/**
 * Finds, on the parsed SQL where positions are exact, a subquery in an expression that refers to
 * the outer query by a qualified name ({@code m.zone} where {@code m} names a table of the outer
 * query): a correlated subquery, which Buzz does not run. A correlation through an unqualified name
 * is found later, when the subquery is planned, without a position.
 */
final class SubqueryCorrelation {
  private SubqueryCorrelation() {}

  /**
   * @throws BuzzException UNSUPPORTED naming the outer reference and its position
   */
  static void check(SqlNode subquery, String context) {
    Set<String> own = new HashSet<>();
    subquery.accept(
        new SqlBasicVisitor<Void>() {
          @Override
          public Void visit(SqlCall call) {
            if (call instanceof SqlSelect select && select.getFrom() != null) {
              names(select.getFrom(), own);
            }
            return super.visit(call);
          }
        });
    subquery.accept(
        new SqlBasicVisitor<Void>() {
          @Override
          public Void visit(SqlIdentifier id) {
            if (id.names.size() >= 2 && !own.contains(id.names.get(0).toLowerCase(Locale.ROOT))) {
              throw BuzzException.unsupported(
                  context
                      + ": a correlated subquery"
                      + SqlPositions.inParens(id.getParserPosition())
                      + " is not supported: it refers to "
                      + id
                      + " of the outer query; a subquery that reads only its own FROM is");
            }
            return null;
          }
        });
  }

  /** The names the FROM item {@code from} gives its rows: a table's name, an alias. */
  private static void names(SqlNode from, Set<String> out) {
    if (from instanceof SqlIdentifier table) {
      out.add(table.names.get(table.names.size() - 1).toLowerCase(Locale.ROOT));
    } else if (from.getKind() == SqlKind.AS) {
      SqlCall as = (SqlCall) from;
      out.add(as.operand(1).toString().toLowerCase(Locale.ROOT));
      names(as.operand(0), out);
    }
  }
}
