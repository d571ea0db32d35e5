package io.buzz.exec;

import static java.util.Objects.requireNonNull;

import io.buzz.error.BuzzException;
import io.buzz.kernels.batch.Batch;
import io.buzz.kernels.operator.Accumulator;
import io.buzz.kernels.operator.CollectOperator;
import io.buzz.protocol.plan.AggregateMode;
import io.buzz.protocol.plan.HCombPlan;
import io.buzz.protocol.plan.Operator;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The HComb side of a query plan ({@code buzz.plan.v1.HCombPlan}), compiled once per query.
 *
 * <pre>
 *   task attempt streams ──add──▶ attempt MergeStates ──absorb (commit)──▶ query MergeState
 *   finish(query state): merge operator's finish ──▶ plan.operators (a Pipeline) ──▶ result rows
 * </pre>
 *
 * The merge operator is an Aggregate in FINAL mode, a Sort (with a fetch: top-N), a Limit, or, when
 * unset, a collect that keeps every row (bounded by the state allocator's limit, a clear
 * LIMIT_EXCEEDED when reached). Immutable and thread-safe; the {@link MergeState}s it creates are
 * not.
 */
public final class HCombMerge {
  private final PipelinePlan.Step merge; // null: collect every row
  private final Schema inputSchema;
  private final PipelinePlan operators;
  private final Schema outputSchema;

  private HCombMerge(
      PipelinePlan.Step merge, Schema inputSchema, PipelinePlan operators, Schema out) {
    this.merge = merge;
    this.inputSchema = inputSchema;
    this.operators = operators;
    this.outputSchema = out;
  }

  /**
   * Validates and compiles the plan.
   *
   * @throws BuzzException INTERNAL naming the offending part of a broken plan
   */
  public static HCombMerge compile(HCombPlan plan) {
    requireNonNull(plan, "plan is null");
    io.buzz.protocol.plan.Schema input = plan.getInputSchema();
    PlanTypes.columnTypes(input);
    PipelinePlan.Step merge = null;
    io.buzz.protocol.plan.Schema merged = input;
    if (plan.hasMerge()) {
      Operator operator = plan.getMerge();
      switch (operator.getKindCase()) {
        case AGGREGATE -> {
          String path = "merge (Aggregate)";
          AggregateLayout layout = AggregateLayout.of(operator.getAggregate(), path);
          if (operator.getAggregate().getMode() != AggregateMode.FINAL) {
            throw PipelinePlan.invalid(
                path, "mode is " + operator.getAggregate().getMode() + ", a merge must be FINAL");
          }
          layout.checkInput(input, path);
          merge = new PipelinePlan.AggregateStep(layout);
          merged = layout.outputSchema();
        }
        case SORT -> merge = PipelinePlan.sort(operator.getSort(), input, "merge (Sort)");
        case LIMIT -> merge = PipelinePlan.limit(operator.getLimit(), "merge (Limit)");
        case FILTER, PROJECT, UNION_ALL, SCALAR_JOIN ->
            throw PipelinePlan.invalid(
                "merge", operator.getKindCase() + " cannot merge partial results");
        case KIND_NOT_SET -> merge = null;
      }
    }
    PipelinePlan operators = PipelinePlan.compile(plan.getOperatorsList(), merged);
    io.buzz.protocol.plan.Schema derived = operators.outputSchema();
    io.buzz.protocol.plan.Schema declared = plan.getOutputSchema();
    io.buzz.protocol.plan.Schema output = derived;
    if (declared.getFieldsCount() > 0) {
      if (!PipelinePlan.sameTypes(declared, derived)) {
        throw PipelinePlan.invalid(
            "output_schema",
            "declares "
                + PlanTypes.columnTypes(declared)
                + " but the operators produce "
                + PlanTypes.columnTypes(derived));
      }
      output = declared;
    }
    return new HCombMerge(
        merge, PlanTypes.arrowSchema(input), operators, PlanTypes.arrowSchema(output));
  }

  /** The schema of the batches task attempts stream in ({@code HCombPlan.input_schema}). */
  public Schema inputSchema() {
    return inputSchema;
  }

  /** The schema of the result rows {@link #finish} returns. */
  public Schema outputSchema() {
    return outputSchema;
  }

  /**
   * A new, empty reduce state allocating from {@code allocator}: one per task attempt and one per
   * query. Owned by the caller.
   */
  public MergeState newState(BufferAllocator allocator) {
    requireNonNull(allocator, "allocator is null");
    Accumulator accumulator;
    try {
      accumulator =
          merge == null
              ? new CollectOperator(inputSchema, allocator.getLimit(), allocator)
              : PipelinePlan.accumulator(merge, inputSchema, allocator);
    } catch (RuntimeException e) {
      throw ExecErrors.toBuzz(e);
    }
    return new AccumulatorMergeState(this, accumulator);
  }

  /**
   * The result rows: finishes the merge operator of {@code queryState}, then runs its output
   * through the plan's operators, allocating from {@code allocator}. Returns batches owned by the
   * caller (possibly none). {@code queryState} holds nothing afterwards; the caller still closes
   * it.
   */
  public List<Batch> finish(MergeState queryState, BufferAllocator allocator) {
    requireNonNull(allocator, "allocator is null");
    if (!(queryState instanceof AccumulatorMergeState state)) {
      throw new IllegalArgumentException("not a state of this merge: " + queryState);
    }
    List<Batch> merged;
    try {
      merged = state.finishAccumulator();
    } catch (RuntimeException e) {
      throw ExecErrors.toBuzz(e);
    }
    List<Batch> out = new ArrayList<>();
    int next = 0;
    try (Pipeline pipeline = operators.instantiate(allocator)) {
      while (next < merged.size()) {
        out.addAll(pipeline.push(merged.get(next++)));
      }
      out.addAll(pipeline.finish());
      return out;
    } catch (RuntimeException e) {
      for (Batch batch : merged.subList(next, merged.size())) {
        batch.close();
      }
      for (Batch batch : out) {
        batch.close();
      }
      throw ExecErrors.toBuzz(e);
    }
  }
}
