package io.buzz.exec;

import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import io.buzz.kernels.KernelException;
import io.buzz.kernels.aggregate.AggregateCall;
import io.buzz.kernels.aggregate.AggregateFunction;
import io.buzz.kernels.aggregate.AggregateSpec;
import io.buzz.protocol.plan.Aggregate;
import io.buzz.protocol.plan.Schema;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * The column layouts an {@link Aggregate} implies, as the kernels' {@link AggregateSpec} (the one
 * definition of the partial-state layout) derives them from its raw input schema: the partial state
 * (group columns, then each call's state columns) and the final output (group columns, then one
 * column per call), here as plan schemas. Used to validate plans, to type what follows an aggregate
 * before any kernel exists, and to name the aggregate's output columns. Immutable.
 *
 * @param aggregate the validated message
 * @param spec the kernels' description of it
 * @param stateSchema the PARTIAL output and FINAL input
 * @param finalSchema the SINGLE and FINAL output
 */
record AggregateLayout(
    Aggregate aggregate, AggregateSpec spec, Schema stateSchema, Schema finalSchema) {

  /**
   * Validates {@code aggregate} ({@code path} names it in messages) and derives its layouts.
   *
   * @throws BuzzException INTERNAL for a broken message
   */
  static AggregateLayout of(Aggregate aggregate, String path) {
    if (aggregate.getMode() != io.buzz.protocol.plan.AggregateMode.SINGLE
        && aggregate.getMode() != io.buzz.protocol.plan.AggregateMode.PARTIAL
        && aggregate.getMode() != io.buzz.protocol.plan.AggregateMode.FINAL) {
      throw invalid(path, "mode " + aggregate.getMode() + " is not SINGLE, PARTIAL or FINAL");
    }
    int width = aggregate.getInputSchema().getFieldsCount();
    int[] groupBy = new int[aggregate.getGroupByCount()];
    for (int i = 0; i < groupBy.length; i++) {
      groupBy[i] = aggregate.getGroupBy(i);
      if (groupBy[i] < 0 || groupBy[i] >= width) {
        throw invalid(path, "group_by[" + i + "] = " + groupBy[i] + " is out of range");
      }
    }
    List<AggregateCall> calls = new ArrayList<>(aggregate.getCallsCount());
    for (int i = 0; i < aggregate.getCallsCount(); i++) {
      io.buzz.protocol.plan.AggregateCall call = aggregate.getCalls(i);
      String where = path + ".calls[" + i + "] (" + call.getFunction() + ")";
      if (call.getName().isEmpty()) {
        throw invalid(where, "has no name");
      }
      AggregateFunction function = AggregateBinding.function(call.getFunction());
      if (function.usesArgument() && (call.getArgument() < 0 || call.getArgument() >= width)) {
        throw invalid(where, "argument " + call.getArgument() + " is out of range");
      }
      if (call.hasFilter() && (call.getFilter() < 0 || call.getFilter() >= width)) {
        throw invalid(where, "filter " + call.getFilter() + " is out of range");
      }
      try {
        calls.add(
            new AggregateCall(
                function,
                call.getArgument(),
                call.getName(),
                call.getDistinct(),
                call.hasFilter() ? call.getFilter() : -1,
                call.getFraction()));
      } catch (IllegalArgumentException e) {
        throw invalid(where, e.getMessage());
      }
    }
    AggregateSpec spec;
    try {
      spec = new AggregateSpec(groupBy, calls, PlanTypes.arrowSchema(aggregate.getInputSchema()));
    } catch (KernelException | IllegalArgumentException e) {
      throw invalid(path, e.getMessage());
    }
    return new AggregateLayout(
        aggregate,
        spec,
        PlanTypes.planSchema(spec.stateSchema()),
        PlanTypes.planSchema(spec.finalSchema()));
  }

  /** The schema the aggregate reads in its mode: the raw input, or the state for FINAL. */
  Schema inputSchema() {
    return aggregate.getMode() == io.buzz.protocol.plan.AggregateMode.FINAL
        ? stateSchema
        : aggregate.getInputSchema();
  }

  /** The schema the aggregate emits in its mode: the state for PARTIAL, else the final values. */
  Schema outputSchema() {
    return aggregate.getMode() == io.buzz.protocol.plan.AggregateMode.PARTIAL
        ? stateSchema
        : finalSchema;
  }

  /**
   * Checks that {@code actual}, the schema flowing into the aggregate, has the column types the
   * aggregate expects in its mode.
   */
  void checkInput(Schema actual, String path) {
    List<ArrowType> expected = PlanTypes.arrowTypes(inputSchema());
    List<ArrowType> found = PlanTypes.arrowTypes(actual);
    if (!expected.equals(found)) {
      throw invalid(
          path,
          aggregate.getMode()
              + " aggregate expects input columns "
              + expected
              + " but gets "
              + found);
    }
  }

  private static BuzzException invalid(String path, String problem) {
    return new BuzzException(ErrorCode.INTERNAL, "invalid plan: " + path + ": " + problem);
  }
}
