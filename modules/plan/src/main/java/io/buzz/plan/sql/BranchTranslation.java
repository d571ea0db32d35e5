package io.buzz.plan.sql;

import io.buzz.error.BuzzException;
import io.buzz.plan.physical.PipelineStage;
import io.buzz.plan.physical.ValueType;
import io.buzz.protocol.plan.Aggregate;
import io.buzz.protocol.plan.AggregateMode;
import io.buzz.protocol.plan.NamedExpr;
import io.buzz.protocol.plan.Operator;
import io.buzz.protocol.plan.ScalarJoin;
import io.buzz.protocol.plan.Schema;
import io.buzz.protocol.plan.UnionAll;
import io.buzz.protocol.plan.UnionBranch;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntUnaryOperator;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.logical.LogicalAggregate;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.logical.LogicalJoin;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.logical.LogicalUnion;

/**
 * The relational operators with several inputs that Buzz runs as one pipeline, because every input
 * reads the same thing: UNION ALL (and UNION) of SELECTs over the one table, and a scalar subquery
 * over the same input as its query (a LEFT join on TRUE with a one-row aggregate). The inputs share
 * their bottom operators (at least the scan); what is shared runs once, and each input's own
 * operators become a branch of one {@link UnionAll} or {@link ScalarJoin} operator.
 */
final class BranchTranslation {
  private final RelToPipeline pipeline;

  BranchTranslation(RelToPipeline pipeline) {
    this.pipeline = pipeline;
  }

  /**
   * What several branches share: the scanned columns, the schema and column mapping their own first
   * operators read, and how many bottom operators they share ({@code common}).
   */
  private record Base(List<Integer> scanned, Schema input, IntUnaryOperator mapping, int common) {}

  /**
   * The shared bottom of {@code branches} (each bottom first), its operators added to {@code
   * stages}: right on the scan, the scan reads every column any branch uses.
   */
  private Base base(
      List<List<RelNode>> branches,
      List<PipelineStage> stages,
      String what,
      String inputs,
      String hint) {
    int common = commonDepth(branches);
    List<RelNode> prefix = branches.get(0).subList(0, common);
    if (common == 0 || !(prefix.get(0) instanceof TableScan)) {
      throw BuzzException.unsupported(
          "a "
              + what
              + " whose "
              + inputs
              + " read different inputs is not supported: each reads the one table (or the HBee"
              + " step)"
              + (hint.isEmpty() ? "" : ", and " + hint));
    }
    if (common == 1) {
      java.util.TreeSet<Integer> columns = new java.util.TreeSet<>();
      for (List<RelNode> branch : branches) {
        columns.addAll(pipeline.scannedColumns(branch.size() > 1 ? branch.get(1) : null));
      }
      List<Integer> scanned = List.copyOf(columns);
      return new Base(scanned, pipeline.schemaOf(scanned), pipeline.scanMapping(scanned), 1);
    }
    List<Integer> scanned = pipeline.scannedColumns(prefix.get(1));
    Schema input =
        pipeline.addOperators(
            prefix.subList(1, common),
            pipeline.schemaOf(scanned),
            pipeline.scanMapping(scanned),
            stages::add);
    return new Base(scanned, input, IntUnaryOperator.identity(), common);
  }

  /** {@code rels} translated over {@code base} as one branch (an identity projection if empty). */
  private UnionBranch branch(List<RelNode> rels, Base base) {
    UnionBranch.Builder operators = UnionBranch.newBuilder();
    pipeline.addOperators(
        rels, base.input(), base.mapping(), stage -> operators.addOperators(stage.operator()));
    if (operators.getOperatorsCount() == 0) {
      operators.addOperators(RelToPipeline.project(identity(base.input())));
    }
    return operators.build();
  }

  /**
   * An uncorrelated scalar subquery: {@code join} is a LEFT (or INNER) join on TRUE whose right
   * input is a global aggregate (one row, then projections) over the same input as its left, which
   * only filters and projects; or an IN subquery: an INNER join of a left column with the right's
   * one column of distinct values. Adds the shared stages and the join's stage; returns the scanned
   * columns.
   */
  List<Integer> scalarJoin(LogicalJoin join, List<PipelineStage> stages) {
    boolean onTrue = join.getCondition().isAlwaysTrue();
    int leftKey = inKey(join);
    if (!onTrue && leftKey < 0
        || (join.getJoinType() != JoinRelType.LEFT && join.getJoinType() != JoinRelType.INNER)) {
      throw BuzzException.unsupported(
          "JOIN is not supported: a query reads one table (a scalar or IN subquery over the same"
              + " input is)");
    }
    List<List<RelNode>> branches =
        List.of(RelToPipeline.chainDown(join.getLeft()), RelToPipeline.chainDown(join.getRight()));
    Base base = base(branches, stages, "scalar subquery", "query and subquery", "");
    int common = base.common();
    List<RelNode> left = branches.get(0).subList(common, branches.get(0).size());
    List<RelNode> right = branches.get(1).subList(common, branches.get(1).size());
    for (RelNode rel : left) {
      if (!(rel instanceof LogicalFilter) && !(rel instanceof LogicalProject)) {
        throw BuzzException.unsupported(
            "a query with a scalar subquery over "
                + RelToPipeline.describe(rel)
                + " is not supported: the subquery reads what the query reads");
      }
    }
    if (leftKey >= 0) { // IN (subquery): its distinct values
      boolean streaming = true; // filters and projections, then a DISTINCT (unless unique already)
      for (int i = 0; i < right.size(); i++) {
        RelNode rel = right.get(i);
        boolean distinct =
            i == right.size() - 1
                && rel instanceof LogicalAggregate aggregate
                && aggregate.getGroupSet().cardinality() == 1
                && aggregate.getAggCallList().isEmpty();
        streaming &= distinct || rel instanceof LogicalFilter || rel instanceof LogicalProject;
      }
      Boolean unique =
          join.getCluster()
              .getMetadataQuery()
              .areColumnsUnique(join.getRight(), org.apache.calcite.util.ImmutableBitSet.of(0));
      if (!streaming || !Boolean.TRUE.equals(unique)) {
        throw BuzzException.unsupported(
            "an IN subquery that is more than a SELECT of one column (with WHERE) is not"
                + " supported");
      }
      ScalarJoin.Builder out =
          ScalarJoin.newBuilder()
              .setLeft(branch(left, base))
              .setRight(branch(right, base))
              .setLeftKey(leftKey);
      stages.add(
          PipelineStage.over(base.input(), Operator.newBuilder().setScalarJoin(out).build()));
      return base.scanned();
    }
    int at = 0; // the subquery: filters and projections, one global aggregate, projections
    while (at < right.size()
        && (right.get(at) instanceof LogicalFilter || right.get(at) instanceof LogicalProject)) {
      at++;
    }
    boolean aggregated =
        at < right.size()
            && right.get(at) instanceof LogicalAggregate aggregate
            && aggregate.getGroupSet().isEmpty();
    for (int i = at + 1; aggregated && i < right.size(); i++) {
      aggregated = right.get(i) instanceof LogicalProject;
    }
    if (!aggregated) {
      throw BuzzException.unsupported(
          "a scalar subquery that is not one aggregate without GROUP BY (e.g. SELECT AVG(x) FROM"
              + " ...) is not supported");
    }
    ScalarJoin.Builder out =
        ScalarJoin.newBuilder().setLeft(branch(left, base)).setRight(branch(right, base));
    stages.add(PipelineStage.over(base.input(), Operator.newBuilder().setScalarJoin(out).build()));
    return base.scanned();
  }

  /**
   * The left column an IN subquery's join matches ({@code INNER} on {@code left = right}, the right
   * side one column), or -1.
   */
  private static int inKey(LogicalJoin join) {
    int width = join.getLeft().getRowType().getFieldCount();
    if (join.getJoinType() != JoinRelType.INNER
        || join.getRight().getRowType().getFieldCount() != 1
        || !(join.getCondition() instanceof org.apache.calcite.rex.RexCall call)
        || call.getKind() != org.apache.calcite.sql.SqlKind.EQUALS) {
      return -1;
    }
    if (call.getOperands().get(0) instanceof org.apache.calcite.rex.RexInputRef a
        && call.getOperands().get(1) instanceof org.apache.calcite.rex.RexInputRef b) {
      int low = Math.min(a.getIndex(), b.getIndex());
      int high = Math.max(a.getIndex(), b.getIndex());
      return low < width && high == width ? low : -1;
    }
    return -1;
  }

  /**
   * UNION ALL of SELECTs over the one table: each branch filters and projects the scan (nothing
   * that aggregates, sorts or limits); the scan reads the columns any branch uses. Adds the union's
   * stage to {@code stages} (and for UNION, an aggregation grouping every column) and returns the
   * scanned columns.
   */
  List<Integer> unionAll(LogicalUnion union, List<PipelineStage> stages) {
    List<List<RelNode>> branches = new ArrayList<>();
    flatten(union, branches);
    Base base = base(branches, stages, "UNION ALL", "SELECTs", "UNION ALL and UNION do not mix");
    int common = base.common();
    for (List<RelNode> branch : branches) {
      for (RelNode rel : branch.subList(common, branch.size())) {
        if (!(rel instanceof LogicalFilter) && !(rel instanceof LogicalProject)) {
          throw BuzzException.unsupported(
              "a SELECT of a UNION ALL with "
                  + RelToPipeline.describe(rel)
                  + " is not supported: filter and project in each SELECT, and aggregate, sort"
                  + " or limit over the UNION ALL");
        }
      }
    }
    UnionAll.Builder out = UnionAll.newBuilder();
    for (List<RelNode> branch : branches) {
      out.addBranches(branch(branch.subList(common, branch.size()), base));
    }
    Operator operator = Operator.newBuilder().setUnionAll(out).build();
    PipelineStage all;
    try {
      all = PipelineStage.over(base.input(), operator);
    } catch (IllegalArgumentException e) {
      throw BuzzException.unsupported("UNION ALL: " + e.getMessage());
    }
    stages.add(all);
    if (!union.all) { // UNION: UNION ALL, then one row per distinct row
      Aggregate.Builder rows =
          Aggregate.newBuilder().setMode(AggregateMode.SINGLE).setInputSchema(all.output());
      for (int i = 0; i < all.output().getFieldsCount(); i++) {
        rows.addGroupBy(i);
      }
      stages.add(
          PipelineStage.over(all.output(), Operator.newBuilder().setAggregate(rows).build()));
    }
    return base.scanned();
  }

  /**
   * The SELECTs of {@code union}, bottom first, with directly nested unions of its kind flattened.
   */
  private static void flatten(LogicalUnion union, List<List<RelNode>> branches) {
    for (RelNode input : union.getInputs()) {
      if (input instanceof LogicalUnion nested && nested.all == union.all) {
        flatten(nested, branches);
      } else {
        branches.add(RelToPipeline.chainDown(input));
      }
    }
  }

  /** How many operators, from the bottom, every branch shares (the scan at least, normally). */
  private static int commonDepth(List<List<RelNode>> branches) {
    List<RelNode> first = branches.get(0);
    for (int depth = 0; ; depth++) {
      for (List<RelNode> branch : branches) {
        if (depth >= branch.size()) {
          return depth;
        }
        RelNode node = branch.get(depth);
        if (node != first.get(depth) && !node.deepEquals(first.get(depth))) {
          return depth;
        }
      }
    }
  }

  /** Every column of {@code schema}, as is. */
  private static List<NamedExpr> identity(Schema schema) {
    List<NamedExpr> columns = new ArrayList<>();
    for (int i = 0; i < schema.getFieldsCount(); i++) {
      io.buzz.protocol.plan.Field field = schema.getFields(i);
      columns.add(
          RelToPipeline.named(
              field.getName(), Exprs.column(i, ValueType.of(field), field.getNullable())));
    }
    return columns;
  }
}
