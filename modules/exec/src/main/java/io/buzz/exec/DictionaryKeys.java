package io.buzz.exec;

import io.buzz.exec.PipelinePlan.AggregateStep;
import io.buzz.exec.PipelinePlan.FilterStep;
import io.buzz.exec.PipelinePlan.ProjectStep;
import io.buzz.exec.PipelinePlan.Step;
import io.buzz.kernels.expr.ColumnReference;
import io.buzz.kernels.expr.Expression;
import io.buzz.protocol.plan.Aggregate;
import io.buzz.protocol.plan.AggregateMode;
import io.buzz.protocol.plan.Schema;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which of a plan's input columns its operators would use as dictionary ids, and which of those may
 * reach it as their ids alone: hints a pipeline hands its scan, derived from the compiled steps
 * ({@link PipelinePlan}) by following each column through column-reference projections.
 */
final class DictionaryKeys {
  private final Schema input;
  private final List<Step> steps;

  DictionaryKeys(Schema input, List<Step> steps) {
    this.input = input;
    this.steps = steps;
  }

  /**
   * The input columns whose dictionary ids (see {@link io.buzz.kernels.batch.DictionaryIds}) an
   * operator of this plan would use: the single group key of a raw (not FINAL) aggregate that
   * reaches it as the input column itself — through column-reference projections, and filters fused
   * with the aggregate (a filter's selection drops a batch's ids otherwise). Empty when there is
   * none; a hint for the scan, never needed for correctness.
   */
  Set<Integer> dictionaryKeyColumns() {
    int[] origin = new int[input.getFieldsCount()];
    for (int c = 0; c < origin.length; c++) {
      origin[c] = c;
    }
    for (int i = 0; i < steps.size(); i++) {
      Step step = steps.get(i);
      Step next = i + 1 < steps.size() ? steps.get(i + 1) : null;
      if (step instanceof FilterStep) {
        if (!(next instanceof AggregateStep)) {
          return Set.of();
        }
      } else if (step instanceof ProjectStep project) {
        origin = origins(project, origin);
      } else if (step instanceof AggregateStep aggregate) {
        Aggregate message = aggregate.layout().aggregate();
        if (message.getMode() == AggregateMode.FINAL
            || message.getGroupByCount() != 1
            || origin[message.getGroupBy(0)] < 0) {
          return Set.of();
        }
        return Set.of(origin[message.getGroupBy(0)]);
      } else {
        return Set.of();
      }
    }
    return Set.of();
  }

  /**
   * The input columns that may reach the pipeline as their dictionary ids alone ({@link
   * io.buzz.kernels.batch.Batch#withIdsOnly}): the string group keys of a raw (not FINAL) aggregate
   * that reach it as the input column itself — through column-reference projections, and filters
   * fused with the aggregate — and whose values no operator before it reads (no filter, no computed
   * projection). The aggregate reads such a column from its ids alone, whatever its calls do with
   * it. Empty when there is none.
   */
  Set<Integer> idsOnlyKeyColumns() {
    int[] origin = new int[input.getFieldsCount()];
    for (int c = 0; c < origin.length; c++) {
      origin[c] = c;
    }
    Set<Integer> read = new HashSet<>();
    for (int i = 0; i < steps.size(); i++) {
      Step step = steps.get(i);
      if (step instanceof FilterStep filter) {
        if (!(i + 1 < steps.size() && steps.get(i + 1) instanceof AggregateStep)) {
          return Set.of(); // its selection would compact the rows, placeholders included
        }
        collectReads(filter.predicate(), origin, read);
      } else if (step instanceof ProjectStep project) {
        for (Expression expression : project.expressions()) {
          if (!(expression instanceof ColumnReference)) {
            collectReads(expression, origin, read);
          }
        }
        origin = origins(project, origin);
      } else if (step instanceof AggregateStep aggregate) {
        AggregateLayout layout = aggregate.layout();
        if (layout.aggregate().getMode() == AggregateMode.FINAL) {
          return Set.of();
        }
        Set<Integer> keys = new HashSet<>();
        for (int k = 0; k < layout.spec().groupCount(); k++) {
          int column = origin[layout.spec().groupColumn(k)];
          if (column >= 0
              && !read.contains(column)
              && layout.spec().groupType(k).isVariableWidth()) {
            keys.add(column);
          }
        }
        return Set.copyOf(keys);
      } else {
        return Set.of();
      }
    }
    return Set.of();
  }

  /** Per output column of {@code project}, the input column it passes on, or -1 (computed). */
  private static int[] origins(ProjectStep project, int[] origin) {
    int[] projected = new int[project.expressions().size()];
    for (int c = 0; c < projected.length; c++) {
      projected[c] =
          project.expressions().get(c) instanceof ColumnReference reference
              ? origin[reference.index()]
              : -1;
    }
    return projected;
  }

  /**
   * Adds the input columns (through {@code origin}) that {@code expression} reads to {@code read}.
   */
  private static void collectReads(Expression expression, int[] origin, Set<Integer> read) {
    if (expression instanceof ColumnReference reference) {
      if (origin[reference.index()] >= 0) {
        read.add(origin[reference.index()]);
      }
      return;
    }
    for (Expression child : expression.children()) {
      collectReads(child, origin, read);
    }
  }
}
