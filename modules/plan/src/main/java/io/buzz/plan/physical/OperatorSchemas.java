package io.buzz.plan.physical;

import io.buzz.protocol.plan.Aggregate;
import io.buzz.protocol.plan.Field;
import io.buzz.protocol.plan.NamedExpr;
import io.buzz.protocol.plan.Operator;
import io.buzz.protocol.plan.Schema;
import java.util.List;

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
      case UNION_ALL -> unionOutput(operator.getUnionAll(), input);
      case SCALAR_JOIN -> scalarJoinOutput(operator.getScalarJoin(), input);
      case KIND_NOT_SET -> throw new IllegalArgumentException("operator has no kind");
    };
  }

  /**
   * The first branch's columns, each nullable where any branch's is.
   *
   * @throws IllegalArgumentException when the branches' column types differ
   */
  public static Schema unionOutput(io.buzz.protocol.plan.UnionAll union, Schema input) {
    Schema result = null;
    for (io.buzz.protocol.plan.UnionBranch branch : union.getBranchesList()) {
      Schema output = input;
      for (Operator operator : branch.getOperatorsList()) {
        output = output(operator, output);
      }
      if (result == null) {
        result = output;
        continue;
      }
      if (output.getFieldsCount() != result.getFieldsCount()) {
        throw new IllegalArgumentException("UNION ALL branches output different column counts");
      }
      Schema.Builder merged = result.toBuilder();
      for (int i = 0; i < output.getFieldsCount(); i++) {
        Field theirs = output.getFields(i);
        Field ours = result.getFields(i);
        if (!ValueType.of(theirs).equals(ValueType.of(ours))) {
          throw new IllegalArgumentException(
              "UNION ALL column "
                  + (i + 1)
                  + " is "
                  + ValueType.of(ours)
                  + " and "
                  + ValueType.of(theirs));
        }
        merged.setFields(
            i, ours.toBuilder().setNullable(ours.getNullable() || theirs.getNullable()));
      }
      result = merged.build();
    }
    if (result == null) {
      throw new IllegalArgumentException("UNION ALL has no branch");
    }
    return result;
  }

  /**
   * The left branch's columns, then the right's: nullable for a scalar subquery (it may give no
   * row), as they are for an IN subquery (its value, which matched).
   */
  public static Schema scalarJoinOutput(io.buzz.protocol.plan.ScalarJoin join, Schema input) {
    Schema.Builder out = Schema.newBuilder();
    for (io.buzz.protocol.plan.UnionBranch branch : List.of(join.getLeft(), join.getRight())) {
      Schema output = input;
      for (Operator operator : branch.getOperatorsList()) {
        output = output(operator, output);
      }
      boolean scalar = branch == join.getRight() && !join.hasLeftKey(); // NULL for no row
      for (Field field : output.getFieldsList()) {
        out.addFields(field.toBuilder().setNullable(scalar || field.getNullable()));
      }
    }
    return out.build();
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
