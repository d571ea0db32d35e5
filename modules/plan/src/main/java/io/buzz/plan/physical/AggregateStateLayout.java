package io.buzz.plan.physical;

import io.buzz.protocol.plan.Aggregate;
import io.buzz.protocol.plan.AggregateCall;
import io.buzz.protocol.plan.Field;
import io.buzz.protocol.plan.Schema;

/**
 * The column layouts an {@link Aggregate} produces, as plan.proto defines them. HBees emit the
 * partial layout, HCombs read it; both derive it from the same message, so the planner and the
 * runtimes agree by construction.
 *
 * <pre>
 *   partial: group columns | per call, its state columns
 *            COUNT_STAR, COUNT -> count INT64 (not null)
 *            SUM, MIN, MAX     -> value of the result type (NULL when no value): SUM is INT64
 *                                 for integers, FLOAT64 for FLOAT64, DECIMAL(38, s) for DECIMAL(p, s)
 *            AVG               -> sum FLOAT64 (NULL when no value), count INT64 (not null)
 *   final / single: group columns | one result column per call
 * </pre>
 *
 * <p>Names: group columns keep their input names; a call's result column is the call's name; state
 * columns are the call's name, and for AVG {@code name$sum} and {@code name$count}.
 */
public final class AggregateStateLayout {
  private AggregateStateLayout() {}

  /** The schema a PARTIAL aggregate outputs and its FINAL counterpart reads. */
  public static Schema partialSchema(Aggregate aggregate) {
    Schema.Builder schema = Schema.newBuilder();
    addGroupColumns(aggregate, schema);
    for (AggregateCall call : aggregate.getCallsList()) {
      switch (call.getFunction()) {
        case COUNT_STAR, COUNT -> schema.addFields(field(call.getName(), ValueType.INT64, false));
        case SUM, MIN, MAX ->
            schema.addFields(field(call.getName(), resultType(aggregate, call), true));
        case AVG -> {
          schema.addFields(field(call.getName() + "$sum", ValueType.FLOAT64, true));
          schema.addFields(field(call.getName() + "$count", ValueType.INT64, false));
        }
        case AGGREGATE_FUNCTION_UNSPECIFIED, UNRECOGNIZED ->
            throw new IllegalArgumentException("aggregate call has no function: " + call);
      }
    }
    return schema.build();
  }

  /**
   * The schema a SINGLE or FINAL aggregate outputs. A result is nullable when its input column is
   * or when there is no GROUP BY (a global aggregate over no rows yields NULL); counts never are.
   */
  public static Schema resultSchema(Aggregate aggregate) {
    Schema.Builder schema = Schema.newBuilder();
    addGroupColumns(aggregate, schema);
    boolean global = aggregate.getGroupByCount() == 0;
    for (AggregateCall call : aggregate.getCallsList()) {
      boolean nullable =
          switch (call.getFunction()) {
            case COUNT_STAR, COUNT -> false;
            case SUM, MIN, MAX, AVG -> global || argument(aggregate, call).getNullable();
            case AGGREGATE_FUNCTION_UNSPECIFIED, UNRECOGNIZED ->
                throw new IllegalArgumentException("aggregate call has no function: " + call);
          };
      schema.addFields(field(call.getName(), resultType(aggregate, call), nullable));
    }
    return schema.build();
  }

  /** The type of a call's final value: see {@code AggregateFunction} in plan.proto. */
  public static ValueType resultType(Aggregate aggregate, AggregateCall call) {
    return switch (call.getFunction()) {
      case COUNT_STAR, COUNT -> ValueType.INT64;
      case SUM -> sumType(ValueType.of(argument(aggregate, call)));
      case MIN, MAX -> ValueType.of(argument(aggregate, call));
      case AVG -> ValueType.FLOAT64;
      case AGGREGATE_FUNCTION_UNSPECIFIED, UNRECOGNIZED ->
          throw new IllegalArgumentException("aggregate call has no function: " + call);
    };
  }

  private static ValueType sumType(ValueType argument) {
    return switch (argument.id()) {
      case FLOAT64, FLOAT32 -> ValueType.FLOAT64;
      case DECIMAL128 -> ValueType.decimal(ValueType.MAX_PRECISION, argument.scale());
      default -> ValueType.INT64;
    };
  }

  private static Field argument(Aggregate aggregate, AggregateCall call) {
    return aggregate.getInputSchema().getFields(call.getArgument());
  }

  private static void addGroupColumns(Aggregate aggregate, Schema.Builder schema) {
    for (int column : aggregate.getGroupByList()) {
      schema.addFields(aggregate.getInputSchema().getFields(column));
    }
  }

  private static Field field(String name, ValueType type, boolean nullable) {
    return type.applyTo(Field.newBuilder().setName(name)).setNullable(nullable).build();
  }
}
