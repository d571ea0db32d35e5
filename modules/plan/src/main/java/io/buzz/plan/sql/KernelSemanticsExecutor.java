package io.buzz.plan.sql;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexExecutor;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.rex.RexVisitorImpl;
import org.apache.calcite.sql.SqlKind;

/**
 * Constant folding that never evaluates a function of the kernels' registry in Calcite: Calcite's
 * own UPPER, SUBSTRING or LIKE differ from Buzz's (DuckDB's) at the edges — {@code UPPER('ß')}, a
 * SUBSTRING from 0 or from a negative start — and a query must give the same answer whether an
 * operand is a column or a literal. Such expressions are left as they are for the kernels to
 * compute; everything else folds with Calcite's executor.
 */
final class KernelSemanticsExecutor implements RexExecutor {
  static final KernelSemanticsExecutor INSTANCE = new KernelSemanticsExecutor();

  private KernelSemanticsExecutor() {}

  @Override
  public void reduce(RexBuilder rexBuilder, List<RexNode> constExps, List<RexNode> reducedValues) {
    // Calcite compiles one class per call of its executor: fold the others all at once.
    List<RexNode> foldable = new ArrayList<>();
    for (RexNode expression : constExps) {
      if (!callsTheRegistry(expression)) {
        foldable.add(expression);
      }
    }
    List<RexNode> folded = new ArrayList<>(foldable.size());
    if (!foldable.isEmpty()) {
      RexUtil.EXECUTOR.reduce(rexBuilder, foldable, folded);
    }
    Iterator<RexNode> next = folded.iterator();
    for (RexNode expression : constExps) {
      reducedValues.add(callsTheRegistry(expression) ? expression : next.next());
    }
  }

  private static boolean callsTheRegistry(RexNode expression) {
    boolean[] found = {false};
    expression.accept(
        new RexVisitorImpl<Void>(true) {
          @Override
          public Void visitCall(RexCall call) {
            if (call.getKind() == SqlKind.LIKE
                || call.getKind() == SqlKind.TRIM
                || call.getKind() == SqlKind.EXTRACT // Calcite's DOW counts from 1, DuckDB's 0
                || call.getOperator().getName().equalsIgnoreCase("CONCAT") // NULL is '' here
                || call.getOperator().getName().equalsIgnoreCase("GREATEST") // NULLs ignored
                || call.getOperator().getName().equalsIgnoreCase("LEAST")
                || RegisteredCalls.find(call.getOperator().getName()).isPresent()) {
              found[0] = true;
            }
            return super.visitCall(call);
          }
        });
    return found[0];
  }
}
