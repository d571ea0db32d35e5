package io.buzz.exec;

import static java.util.Objects.requireNonNull;

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
 * selection to {@link HashAggregateOperator#add(Batch, Selection)} instead of compacting. In a
 * pipeline the output is renamed to the plan's layout; as the HComb's merge operator the kernel's
 * own names stand (the plan's operators and output schema decide what follows).
 */
final class AggregateBinding {
  private AggregateBinding() {}

  /** The kernels' description of a validated aggregate message. */
  static AggregateSpec spec(AggregateLayout layout) {
    return layout.spec();
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
    if (function == io.buzz.protocol.plan.AggregateFunction.AGGREGATE_FUNCTION_UNSPECIFIED
        || function == io.buzz.protocol.plan.AggregateFunction.UNRECOGNIZED) {
      throw PipelinePlan.invalid("aggregate", "function " + function + " is not set");
    }
    // plan.proto's enum spells the kernels' (AggregateFunctionNamesTest keeps them in step)
    return AggregateFunction.valueOf(function.name());
  }

  /** A new hash aggregation in the message's mode, allocating from {@code allocator}. */
  static HashAggregateOperator accumulator(AggregateLayout layout, BufferAllocator allocator) {
    return new HashAggregateOperator(spec(layout), mode(layout.aggregate().getMode()), allocator);
  }

  /**
   * The pipeline stage of an aggregation over {@code input}, reading only the rows {@code filter}
   * keeps when it is not null. Its output columns carry the plan's names and nullability ({@link
   * AggregateLayout}), so what an HBee sends matches the HComb plan's input schema.
   */
  static PipelineStage.Blocking stage(
      AggregateLayout layout, Schema input, FilterOperator filter, BufferAllocator allocator) {
    return new AggregateStage(
        filter,
        accumulator(layout, allocator),
        PlanTypes.arrowSchema(layout.outputSchema()),
        allocator);
  }

  /**
   * An aggregation, optionally with the filter before it fused in (the selection replaces a
   * compaction), emitting batches renamed to the plan's layout.
   */
  record AggregateStage(
      FilterOperator filter,
      HashAggregateOperator aggregate,
      Schema outputSchema,
      BufferAllocator allocator)
      implements PipelineStage.Blocking {
    AggregateStage {
      requireNonNull(aggregate, "aggregate is null");
      requireNonNull(outputSchema, "outputSchema is null");
      requireNonNull(allocator, "allocator is null");
    }

    @Override
    public void add(Batch input) {
      if (filter == null) {
        aggregate.add(input);
        return;
      }
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
    public List<Batch> drainReady() {
      return renamed(aggregate.drainReady());
    }

    @Override
    public List<Batch> finish() {
      return renamed(aggregate.finish());
    }

    private List<Batch> renamed(List<Batch> batches) {
      if (batches.isEmpty()) {
        return batches;
      }
      List<Batch> out = new ArrayList<>(batches.size());
      try {
        for (int i = 0; i < batches.size(); i++) {
          out.add(batches.get(i).renamedTo(outputSchema, allocator));
          batches.set(i, null);
        }
        return out;
      } catch (RuntimeException e) {
        for (Batch batch : batches) {
          if (batch != null) {
            batch.close();
          }
        }
        out.forEach(Batch::close);
        throw e;
      }
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
