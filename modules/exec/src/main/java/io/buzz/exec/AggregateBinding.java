package io.buzz.exec;

import static java.util.Objects.requireNonNull;

import io.buzz.kernels.aggregate.AggregateCall;
import io.buzz.kernels.aggregate.AggregateFunction;
import io.buzz.kernels.aggregate.AggregateMode;
import io.buzz.kernels.aggregate.AggregateSpec;
import io.buzz.kernels.aggregate.HashAggregateOperator;
import io.buzz.kernels.batch.Batch;
import io.buzz.kernels.batch.Selection;
import io.buzz.kernels.operator.FilterOperator;
import io.buzz.protocol.plan.Aggregate;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Binds the plan's {@link Aggregate} to the kernels' {@link HashAggregateOperator}: the message's
 * group columns and calls become an {@link AggregateSpec} over the raw input schema, the plan's
 * mode the kernels' {@link AggregateMode}. A filter directly before the aggregation passes its
 * selection to {@link HashAggregateOperator#add(Batch, Selection)} instead of compacting.
 */
final class AggregateBinding {
  private AggregateBinding() {}

  /** The kernels' description of a validated aggregate message. */
  static AggregateSpec spec(AggregateLayout layout) {
    Aggregate aggregate = layout.aggregate();
    int[] groupBy = new int[aggregate.getGroupByCount()];
    for (int i = 0; i < groupBy.length; i++) {
      groupBy[i] = aggregate.getGroupBy(i);
    }
    List<AggregateCall> calls = new ArrayList<>(aggregate.getCallsCount());
    for (io.buzz.protocol.plan.AggregateCall call : aggregate.getCallsList()) {
      calls.add(
          new AggregateCall(function(call.getFunction()), call.getArgument(), call.getName()));
    }
    return new AggregateSpec(groupBy, calls, PlanTypes.arrowSchema(aggregate.getInputSchema()));
  }

  static AggregateMode mode(io.buzz.protocol.plan.AggregateMode mode) {
    return switch (mode) {
      case SINGLE -> AggregateMode.SINGLE;
      case PARTIAL -> AggregateMode.PARTIAL;
      case FINAL -> AggregateMode.FINAL;
      case AGGREGATE_MODE_UNSPECIFIED, UNRECOGNIZED ->
          throw PipelinePlan.invalid("aggregate", "mode " + mode + " is not set");
    };
  }

  static AggregateFunction function(io.buzz.protocol.plan.AggregateFunction function) {
    return switch (function) {
      case COUNT_STAR -> AggregateFunction.COUNT_STAR;
      case COUNT -> AggregateFunction.COUNT;
      case SUM -> AggregateFunction.SUM;
      case MIN -> AggregateFunction.MIN;
      case MAX -> AggregateFunction.MAX;
      case AVG -> AggregateFunction.AVG;
      case AGGREGATE_FUNCTION_UNSPECIFIED, UNRECOGNIZED ->
          throw PipelinePlan.invalid("aggregate", "function " + function + " is not set");
    };
  }

  /** A new hash aggregation in the message's mode, allocating from {@code allocator}. */
  static HashAggregateOperator accumulator(AggregateLayout layout, BufferAllocator allocator) {
    return new HashAggregateOperator(spec(layout), mode(layout.aggregate().getMode()), allocator);
  }

  /**
   * The pipeline stage of an aggregation over {@code input}, reading only the rows {@code filter}
   * keeps when it is not null.
   */
  static PipelineStage.Blocking stage(
      AggregateLayout layout, Schema input, FilterOperator filter, BufferAllocator allocator) {
    HashAggregateOperator aggregate = accumulator(layout, allocator);
    return filter == null
        ? new PipelineStage.AccumulatorStage(aggregate)
        : new FilteredAggregateStage(filter, aggregate);
  }

  /** A filter fused into the aggregation that follows it: the selection replaces a compaction. */
  record FilteredAggregateStage(FilterOperator filter, HashAggregateOperator aggregate)
      implements PipelineStage.Blocking {
    FilteredAggregateStage {
      requireNonNull(filter, "filter is null");
      requireNonNull(aggregate, "aggregate is null");
    }

    @Override
    public Schema outputSchema() {
      return aggregate.outputSchema();
    }

    @Override
    public void add(Batch input) {
      Selection selection;
      try {
        selection = filter.select(input, null);
      } catch (RuntimeException e) {
        input.close();
        throw e;
      }
      aggregate.add(input, selection.count() == input.rowCount() ? null : selection);
    }

    @Override
    public boolean isSaturated() {
      return false;
    }

    @Override
    public List<Batch> finish() {
      return aggregate.finish();
    }

    @Override
    public long memoryBytes() {
      return aggregate.memoryBytes();
    }

    @Override
    public void close() {
      aggregate.close();
    }
  }
}
