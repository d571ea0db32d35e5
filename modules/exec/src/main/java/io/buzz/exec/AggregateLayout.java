package io.buzz.exec;

import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import io.buzz.kernels.KernelException;
import io.buzz.kernels.aggregate.AggregateFunction;
import io.buzz.protocol.plan.Aggregate;
import io.buzz.protocol.plan.AggregateCall;
import io.buzz.protocol.plan.Field;
import io.buzz.protocol.plan.Schema;
import java.util.List;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * The column layouts an {@link Aggregate} implies, derived from its raw input schema as plan.proto
 * specifies: the partial state (group columns, then per call COUNT_STAR/COUNT: count INT64; SUM,
 * MIN, MAX: a value of the result type; AVG: sum FLOAT64 and count INT64) and the final output
 * (group columns, then one column per call). Used to validate plans, to type what follows an
 * aggregate before any kernel exists, and to name the aggregate's output columns: group columns
 * keep their input names, a call's column is its name, and AVG's state columns are {@code name$sum}
 * and {@code name$count}, as the planner names them. Immutable.
 *
 * @param aggregate the validated message
 * @param stateSchema the PARTIAL output and FINAL input
 * @param finalSchema the SINGLE and FINAL output
 */
record AggregateLayout(Aggregate aggregate, Schema stateSchema, Schema finalSchema) {

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
    Schema input = aggregate.getInputSchema();
    List<ArrowType> types = PlanTypes.arrowTypes(input);
    Schema.Builder state = Schema.newBuilder();
    Schema.Builder output = Schema.newBuilder();
    for (int i = 0; i < aggregate.getGroupByCount(); i++) {
      int column = aggregate.getGroupBy(i);
      if (column < 0 || column >= types.size()) {
        throw invalid(path, "group_by[" + i + "] = " + column + " is out of range");
      }
      state.addFields(input.getFields(column));
      output.addFields(input.getFields(column));
    }
    for (int i = 0; i < aggregate.getCallsCount(); i++) {
      AggregateCall call = aggregate.getCalls(i);
      String where = path + ".calls[" + i + "] (" + call.getFunction() + ")";
      if (call.getName().isEmpty()) {
        throw invalid(where, "has no name");
      }
      ArrowType argument = null;
      if (call.getFunction() != io.buzz.protocol.plan.AggregateFunction.COUNT_STAR) {
        if (call.getArgument() < 0 || call.getArgument() >= types.size()) {
          throw invalid(where, "argument " + call.getArgument() + " is out of range");
        }
        argument = types.get(call.getArgument());
      }
      String name = call.getName();
      AggregateFunction function = AggregateBinding.function(call.getFunction());
      List<ArrowType> stateTypes;
      ArrowType result;
      try {
        stateTypes = function.stateArrowTypes(argument);
        result = function.resultArrowType(argument);
      } catch (KernelException e) {
        throw invalid(where, e.getMessage());
      }
      boolean counts =
          function == AggregateFunction.COUNT || function == AggregateFunction.COUNT_STAR;
      for (int k = 0; k < stateTypes.size(); k++) {
        // a count is never NULL; so is AVG's count (its second state column)
        boolean nullable = !counts && k == 0;
        state.addFields(field(function.stateName(name, k), stateTypes.get(k), nullable));
      }
      output.addFields(field(name, result, !counts));
    }
    return new AggregateLayout(aggregate, state.build(), output.build());
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

  private static Field field(String name, ArrowType type, boolean nullable) {
    return PlanTypes.field(name, type, nullable);
  }

  private static BuzzException invalid(String path, String problem) {
    return new BuzzException(ErrorCode.INTERNAL, "invalid plan: " + path + ": " + problem);
  }
}
