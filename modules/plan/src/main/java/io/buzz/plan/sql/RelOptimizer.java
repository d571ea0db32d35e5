package io.buzz.plan.sql;

import java.util.List;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.hep.HepMatchOrder;
import org.apache.calcite.plan.hep.HepPlanner;
import org.apache.calcite.plan.hep.HepProgram;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.RelFactories;
import org.apache.calcite.rel.rules.CoreRules;
import org.apache.calcite.sql2rel.RelFieldTrimmer;

/**
 * Rule-based clean-up of a converted query; there is no cost-based optimization.
 *
 * <ol>
 *   <li>Simplify: constant folding in filters and projections, merging adjacent filters and
 *       projections, removing trivial projections, and folding a projection into the aggregate
 *       above it.
 *   <li>Trim: drop every column nobody uses, so the scan reads only what is needed and the HBee
 *       ships only what the HComb step reads.
 *   <li>Tidy: merge the projections trimming created; aggregates are left alone here so that the
 *       trimming projection stays right above the scan (see {@link RelToPipeline}).
 * </ol>
 */
final class RelOptimizer {
  private static final List<RelOptRule> SIMPLIFY =
      List.of(
          CoreRules.FILTER_REDUCE_EXPRESSIONS,
          CoreRules.PROJECT_REDUCE_EXPRESSIONS,
          CoreRules.FILTER_MERGE,
          CoreRules.PROJECT_MERGE,
          CoreRules.PROJECT_REMOVE,
          CoreRules.AGGREGATE_PROJECT_MERGE,
          CoreRules.UNION_MERGE);

  private static final List<RelOptRule> TIDY =
      List.of(CoreRules.PROJECT_MERGE, CoreRules.PROJECT_REMOVE);

  private RelOptimizer() {}

  static RelNode optimize(RelNode rel) {
    RelNode simplified = run(rel, SIMPLIFY);
    RelFieldTrimmer trimmer =
        new RelFieldTrimmer(null, RelFactories.LOGICAL_BUILDER.create(rel.getCluster(), null));
    RelNode trimmed = trimmer.trim(simplified);
    return run(trimmed, TIDY);
  }

  static RelNode removeSubQueries(RelNode rel) {
    return run(
        rel,
        List.of(CoreRules.FILTER_SUB_QUERY_TO_CORRELATE, CoreRules.PROJECT_SUB_QUERY_TO_CORRELATE));
  }

  /** Only constant folding: for a standalone expression such as a partition filter. */
  static RelNode foldConstants(RelNode rel) {
    return run(rel, List.of(CoreRules.PROJECT_REDUCE_EXPRESSIONS));
  }

  private static RelNode run(RelNode rel, List<RelOptRule> rules) {
    HepProgram program =
        HepProgram.builder()
            .addMatchOrder(HepMatchOrder.BOTTOM_UP)
            .addRuleCollection(rules)
            .build();
    HepPlanner planner = new HepPlanner(program);
    planner.setRoot(rel);
    return planner.findBestExp();
  }
}
