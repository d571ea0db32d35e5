package io.buzz.plan.sql;

import io.buzz.error.BuzzException;
import io.buzz.plan.physical.AggregateStateLayout;
import io.buzz.plan.physical.ValueType;
import io.buzz.protocol.plan.Aggregate;
import io.buzz.protocol.plan.AggregateCall;
import io.buzz.protocol.plan.AggregateFunction;
import io.buzz.protocol.plan.AggregateMode;
import io.buzz.protocol.plan.Operator;
import io.buzz.protocol.plan.Schema;
import java.util.List;
import java.util.function.IntUnaryOperator;
import org.apache.calcite.rel.logical.LogicalAggregate;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;

/**
 * A Calcite aggregate as plan.proto's {@link Aggregate} (SINGLE mode, for {@link
 * io.buzz.plan.physical.PipelineSplitter} to split): each call mapped to the kernels' function of
 * its name, checked to have the type Calcite gave it.
 */
final class AggregateTranslation {
  private AggregateTranslation() {}

  static Operator aggregate(LogicalAggregate aggregate, Schema input, IntUnaryOperator mapping) {
    if (aggregate.getGroupType() != org.apache.calcite.rel.core.Aggregate.Group.SIMPLE) {
      throw BuzzException.unsupported("GROUPING SETS, ROLLUP and CUBE are not supported");
    }
    Aggregate.Builder out =
        Aggregate.newBuilder().setMode(AggregateMode.SINGLE).setInputSchema(input);
    for (int column : aggregate.getGroupSet()) {
      out.addGroupBy(mapping.applyAsInt(column));
    }
    List<RelDataTypeField> fields = aggregate.getRowType().getFieldList();
    int groups = aggregate.getGroupCount();
    for (int i = 0; i < aggregate.getAggCallList().size(); i++) {
      org.apache.calcite.rel.core.AggregateCall call = aggregate.getAggCallList().get(i);
      String name = fields.get(groups + i).getName();
      if (call.hasCollation()) {
        throw BuzzException.unsupported("aggregate " + call + ": WITHIN GROUP is not supported");
      }
      AggregateFunction function = function(call);
      AggregateCall.Builder buzzCall =
          AggregateCall.newBuilder()
              .setFunction(function)
              .setName(name)
              .setDistinct(call.isDistinct() && !call.isApproximate());
      if (function == AggregateFunction.APPROX_QUANTILE) {
        buzzCall.setFraction(fraction(aggregate, call));
      }
      if (function != AggregateFunction.COUNT_STAR) {
        buzzCall.setArgument(mapping.applyAsInt(call.getArgList().get(0)));
      }
      if (call.hasFilter()) {
        buzzCall.setFilter(mapping.applyAsInt(call.filterArg));
      }
      out.addCalls(buzzCall);
    }
    Aggregate built = out.build();
    Schema result = AggregateStateLayout.resultSchema(built);
    for (int i = 0; i < built.getCallsCount(); i++) {
      ValueType expected = ValueType.of(result.getFields(built.getGroupByCount() + i));
      ValueType calcite =
          BuzzTypes.toBuzz(aggregate.getAggCallList().get(i).getType(), "an aggregate");
      if (!expected.equals(calcite)) {
        throw new IllegalStateException(
            "aggregate "
                + aggregate.getAggCallList().get(i)
                + " is typed "
                + calcite
                + " by Calcite but "
                + expected
                + " by plan.proto");
      }
    }
    return Operator.newBuilder().setAggregate(built).build();
  }

  private static AggregateFunction function(org.apache.calcite.rel.core.AggregateCall call) {
    int arguments = call.getArgList().size();
    AggregateFunction function =
        switch (call.getAggregation().getKind()) {
          case COUNT ->
              arguments == 0
                  ? AggregateFunction.COUNT_STAR
                  : call.isApproximate()
                      ? AggregateFunction.APPROX_COUNT_DISTINCT
                      : AggregateFunction.COUNT;
          case SUM -> AggregateFunction.SUM;
          case MIN -> AggregateFunction.MIN;
          case MAX -> AggregateFunction.MAX;
          case AVG -> AggregateFunction.AVG;
          case STDDEV_SAMP -> AggregateFunction.STDDEV_SAMP;
          case STDDEV_POP -> AggregateFunction.STDDEV_POP;
          case VAR_SAMP -> AggregateFunction.VAR_SAMP;
          case VAR_POP -> AggregateFunction.VAR_POP;
          case ANY_VALUE -> AggregateFunction.MIN; // any value of the group: the least is one
          case OTHER_FUNCTION ->
              call.getAggregation() instanceof ApproxQuantileOperator
                  ? AggregateFunction.APPROX_QUANTILE
                  : null;
          case SINGLE_VALUE ->
              throw BuzzException.unsupported(
                  "a scalar subquery that is not one aggregate without GROUP BY (e.g. SELECT"
                      + " AVG(x) FROM ...) is not supported");
          default -> null;
        };
    if (function == null) {
      throw BuzzException.unsupported(
          "aggregate function " + call.getAggregation().getName() + " is not supported");
    }
    int expected = function == AggregateFunction.APPROX_QUANTILE ? 2 : 1;
    if (function != AggregateFunction.COUNT_STAR && arguments != expected) {
      throw BuzzException.unsupported(
          "aggregate " + call + " has " + arguments + " arguments; it takes " + expected);
    }
    return function;
  }

  /**
   * APPROX_QUANTILE's second argument: a constant from 0 to 1 that the aggregate's input projects.
   */
  private static double fraction(
      LogicalAggregate aggregate, org.apache.calcite.rel.core.AggregateCall call) {
    int column = call.getArgList().get(1);
    RexNode argument =
        aggregate.getInput() instanceof LogicalProject project
            ? project.getProjects().get(column)
            : null;
    Double fraction =
        argument instanceof RexLiteral literal ? literal.getValueAs(Double.class) : null;
    if (fraction == null || !(fraction >= 0 && fraction <= 1)) {
      throw BuzzException.badQuery(
          "the fraction of "
              + call.getAggregation().getName()
              + " must be a number from 0 to 1, not "
              + (argument == null ? "a column" : argument));
    }
    return fraction;
  }
}
