package io.buzz.plan.physical;

import io.buzz.protocol.plan.Aggregate;
import io.buzz.protocol.plan.Field;
import io.buzz.protocol.plan.NamedExpr;
import io.buzz.protocol.plan.Operator;
import io.buzz.protocol.plan.Schema;

/** The schema each operator outputs, derived from the operator and its input schema alone. */
public final class OperatorSchemas {
  private OperatorSchemas() {}

  /**
   * The output schema of {@code operator} over {@code input}. Filter, Sort and Limit keep their
   * input; Project outputs its expressions; Aggregate outputs per {@link AggregateStateLayout}
   * according to its mode.
   */
  public static Schema output(Operator operator, Schema input) {
    return switch (operator.getKindCase()) {
      case FILTER, SORT, LIMIT -> input;
      case PROJECT -> {
        Schema.Builder schema = Schema.newBuilder();
        for (NamedExpr expr : operator.getProject().getExprsList()) {
          schema.addFields(
              ValueType.of(expr.getExpr())
                  .applyTo(Field.newBuilder().setName(expr.getName()))
                  .setNullable(expr.getExpr().getNullable()));
        }
        yield schema.build();
      }
      case AGGREGATE -> aggregateOutput(operator.getAggregate());
      case KIND_NOT_SET -> throw new IllegalArgumentException("operator has no kind");
    };
  }

  private static Schema aggregateOutput(Aggregate aggregate) {
    return switch (aggregate.getMode()) {
      case PARTIAL -> AggregateStateLayout.partialSchema(aggregate);
      case SINGLE, FINAL -> AggregateStateLayout.resultSchema(aggregate);
      case AGGREGATE_MODE_UNSPECIFIED, UNRECOGNIZED ->
          throw new IllegalArgumentException("aggregate has no mode");
    };
  }
}
