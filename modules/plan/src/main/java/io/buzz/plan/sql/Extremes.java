package io.buzz.plan.sql;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;

/**
 * {@code GREATEST(a, b, …)} and {@code LEAST(a, b, …)} as DuckDB and PostgreSQL define them: NULL
 * operands are ignored, the result is NULL only when every operand is. Written as a CASE that picks
 * the first operand not beaten by any other — {@code CASE WHEN a IS NOT NULL AND (b IS NULL OR a >=
 * b) AND … THEN a WHEN … ELSE NULL END} — which the kernels evaluate a batch at a time; n operands
 * make n² comparisons, each operand computed once per use.
 */
final class Extremes {
  private Extremes() {}

  static RexNode rewrite(RexCall call, boolean greatest, RexBuilder rexBuilder) {
    List<RexNode> operands = new ArrayList<>();
    for (RexNode operand : call.getOperands()) {
      operands.add(rexBuilder.ensureType(call.getType(), operand, true));
    }
    List<RexNode> caseArgs = new ArrayList<>();
    for (int i = 0; i < operands.size(); i++) {
      RexNode candidate = operands.get(i);
      List<RexNode> wins = new ArrayList<>();
      wins.add(rexBuilder.makeCall(SqlStdOperatorTable.IS_NOT_NULL, candidate));
      for (int j = 0; j < operands.size(); j++) {
        if (j != i) {
          RexNode other = operands.get(j);
          wins.add(
              rexBuilder.makeCall(
                  SqlStdOperatorTable.OR,
                  rexBuilder.makeCall(SqlStdOperatorTable.IS_NULL, other),
                  rexBuilder.makeCall(
                      greatest
                          ? SqlStdOperatorTable.GREATER_THAN_OR_EQUAL
                          : SqlStdOperatorTable.LESS_THAN_OR_EQUAL,
                      candidate,
                      other)));
        }
      }
      caseArgs.add(rexBuilder.makeCall(SqlStdOperatorTable.AND, wins));
      caseArgs.add(candidate);
    }
    caseArgs.add(rexBuilder.makeNullLiteral(call.getType()));
    return rexBuilder.makeCall(call.getType(), SqlStdOperatorTable.CASE, caseArgs);
  }
}
