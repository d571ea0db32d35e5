package io.buzz.plan.physical;

import io.buzz.error.BuzzException;
import io.buzz.kernels.KernelException;
import io.buzz.kernels.aggregate.AggregateCall;
import io.buzz.kernels.aggregate.AggregateFunction;
import io.buzz.kernels.aggregate.AggregateSpec;
import io.buzz.protocol.plan.Aggregate;
import io.buzz.protocol.plan.Field;
import io.buzz.protocol.plan.Schema;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.types.pojo.FieldType;

/**
 * The column layouts an {@link Aggregate} produces, as the kernels' {@link AggregateSpec} defines
 * them: the planner, the HBees that emit partial states and the HComb that merges them read the
 * same definition, so they agree by construction. In short (the kernels' {@link AggregateCall} has
 * the whole of it):
 *
 * <pre>
 *   partial: group columns | per call, its state columns
 *            COUNT_STAR, COUNT -> count INT64 (not null)
 *            SUM, MIN, MAX     -> value of the result type
 *            AVG               -> name$sum FLOAT64, name$count INT64 (not null)
 *            DISTINCT call     -> name$distinct VARBINARY (the distinct values)
 *   final / single: group columns | one result column per call
 * </pre>
 */
public final class AggregateStateLayout {
  private AggregateStateLayout() {}

  /** The schema a PARTIAL aggregate outputs and its FINAL counterpart reads. */
  public static Schema partialSchema(Aggregate aggregate) {
    return planSchema(spec(aggregate).stateSchema());
  }

  /** The schema a SINGLE or FINAL aggregate outputs. */
  public static Schema resultSchema(Aggregate aggregate) {
    return planSchema(spec(aggregate).finalSchema());
  }

  /**
   * The kernels' description of {@code aggregate}.
   *
   * @throws BuzzException UNSUPPORTED when a function does not accept its argument's type
   */
  public static AggregateSpec spec(Aggregate aggregate) {
    int[] groupBy = aggregate.getGroupByList().stream().mapToInt(Integer::intValue).toArray();
    List<AggregateCall> calls = new ArrayList<>();
    for (io.buzz.protocol.plan.AggregateCall call : aggregate.getCallsList()) {
      calls.add(
          new AggregateCall(
              AggregateFunction.valueOf(call.getFunction().name()),
              call.getArgument(),
              call.getName(),
              call.getDistinct(),
              call.hasFilter() ? call.getFilter() : -1,
              call.getFraction()));
    }
    List<org.apache.arrow.vector.types.pojo.Field> input = new ArrayList<>();
    for (Field field : aggregate.getInputSchema().getFieldsList()) {
      input.add(
          new org.apache.arrow.vector.types.pojo.Field(
              field.getName(),
              new FieldType(field.getNullable(), ValueType.of(field).arrowType(), null),
              null));
    }
    try {
      return new AggregateSpec(
          groupBy, calls, new org.apache.arrow.vector.types.pojo.Schema(input));
    } catch (KernelException e) {
      throw BuzzException.unsupported(e.getMessage());
    }
  }

  private static Schema planSchema(org.apache.arrow.vector.types.pojo.Schema arrow) {
    Schema.Builder schema = Schema.newBuilder();
    for (org.apache.arrow.vector.types.pojo.Field field : arrow.getFields()) {
      schema.addFields(
          ValueType.of(field.getType())
              .applyTo(Field.newBuilder().setName(field.getName()))
              .setNullable(field.isNullable()));
    }
    return schema.build();
  }
}
