package io.buzz.plan.sql;

import io.buzz.plan.physical.ValueType;
import io.buzz.protocol.plan.Call;
import io.buzz.protocol.plan.Expr;
import io.buzz.protocol.plan.Function;
import io.buzz.protocol.plan.HBeePlan;
import io.buzz.protocol.plan.NamedExpr;
import io.buzz.protocol.plan.Operator;
import io.buzz.protocol.plan.ScanColumn;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The part of a query's {@code WHERE} that the Fuse can decide per file from its partition values
 * alone, so that a query need not repeat it as a {@code partition_filter}: the conjuncts of the
 * HBee plan's filters that read nothing but partition columns.
 *
 * <p>Sound because a partition column is constant within a file: when such a conjunct is FALSE or
 * NULL for a file's values, no row of that file passes the filter, so skipping the file changes no
 * answer. Only filters that every row meets before anything else happens count — those of the
 * leading run of Filter and Project operators; a Limit, Sort or Aggregate ends the run. A Project
 * in between is seen through by substituting its expressions.
 */
final class PartitionPruning {
  private PartitionPruning() {}

  /**
   * The conjuncts of {@code hbee}'s leading filters over partition columns only, ANDed, with column
   * indices into {@code partitionColumns}; empty when there are none.
   *
   * @param partitionColumns the table's partition columns in table order (the partition schema)
   */
  static Optional<Expr> derive(HBeePlan hbee, List<String> partitionColumns) {
    List<ScanColumn> scan = hbee.getScan().getColumnsList();
    int[] partitionIndex = new int[scan.size()];
    List<Expr> current = new ArrayList<>();
    for (int i = 0; i < scan.size(); i++) {
      ScanColumn column = scan.get(i);
      partitionIndex[i] =
          column.hasPartitionKey() ? partitionColumns.indexOf(column.getPartitionKey()) : -1;
      current.add(
          Exprs.column(i, ValueType.of(column), column.getNullable())); // as the scan outputs it
    }
    List<Expr> conjuncts = new ArrayList<>();
    for (Operator operator : hbee.getOperatorsList()) {
      if (operator.hasFilter()) {
        for (Expr conjunct : conjuncts(operator.getFilter().getPredicate())) {
          Expr overScan = substitute(conjunct, current);
          if (readsOnly(overScan, partitionIndex)) {
            conjuncts.add(remap(overScan, partitionIndex));
          }
        }
      } else if (operator.hasProject()) {
        List<Expr> next = new ArrayList<>();
        for (NamedExpr expr : operator.getProject().getExprsList()) {
          next.add(substitute(expr.getExpr(), current));
        }
        current = next;
      } else {
        break;
      }
    }
    if (conjuncts.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(and(conjuncts));
  }

  /** {@code a AND b AND ...}; the one conjunct when there is one. */
  static Expr and(List<Expr> conjuncts) {
    if (conjuncts.size() == 1) {
      return conjuncts.get(0);
    }
    boolean nullable = conjuncts.stream().anyMatch(Expr::getNullable);
    return Exprs.call(Function.AND, ValueType.BOOL, nullable, conjuncts);
  }

  private static List<Expr> conjuncts(Expr predicate) {
    List<Expr> out = new ArrayList<>();
    if (predicate.hasCall() && predicate.getCall().getFunction() == Function.AND) {
      for (Expr arg : predicate.getCall().getArgsList()) {
        out.addAll(conjuncts(arg));
      }
    } else {
      out.add(predicate);
    }
    return out;
  }

  /** {@code expr} with each column reference replaced by the expression that computes it. */
  private static Expr substitute(Expr expr, List<Expr> columns) {
    return switch (expr.getKindCase()) {
      case COLUMN -> columns.get(expr.getColumn());
      case CALL -> {
        Call.Builder call = expr.getCall().toBuilder().clearArgs();
        for (Expr arg : expr.getCall().getArgsList()) {
          call.addArgs(substitute(arg, columns));
        }
        yield expr.toBuilder().setCall(call).build();
      }
      default -> expr;
    };
  }

  /** True when {@code expr} reads at least one column and only partition columns. */
  private static boolean readsOnly(Expr expr, int[] partitionIndex) {
    List<Integer> columns = new ArrayList<>();
    collectColumns(expr, columns);
    return !columns.isEmpty() && columns.stream().allMatch(c -> partitionIndex[c] >= 0);
  }

  private static void collectColumns(Expr expr, List<Integer> out) {
    if (expr.hasColumn()) {
      out.add(expr.getColumn());
    } else if (expr.hasCall()) {
      expr.getCall().getArgsList().forEach(arg -> collectColumns(arg, out));
    }
  }

  /** {@code expr} over the scan with its column indices turned into partition schema indices. */
  private static Expr remap(Expr expr, int[] partitionIndex) {
    if (expr.hasColumn()) {
      return expr.toBuilder().setColumn(partitionIndex[expr.getColumn()]).build();
    }
    if (!expr.hasCall()) {
      return expr;
    }
    Call.Builder call = expr.getCall().toBuilder().clearArgs();
    for (Expr arg : expr.getCall().getArgsList()) {
      call.addArgs(remap(arg, partitionIndex));
    }
    return expr.toBuilder().setCall(call).build();
  }
}
