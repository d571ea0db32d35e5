package io.buzz.hcomb;

import io.buzz.protocol.plan.Aggregate;
import io.buzz.protocol.plan.AggregateCall;
import io.buzz.protocol.plan.AggregateFunction;
import io.buzz.protocol.plan.AggregateMode;
import io.buzz.protocol.plan.DataType;
import io.buzz.protocol.plan.Field;
import io.buzz.protocol.plan.HCombPlan;
import io.buzz.protocol.plan.Limit;
import io.buzz.protocol.plan.Operator;
import io.buzz.protocol.plan.Schema;
import io.buzz.protocol.plan.Sort;
import io.buzz.protocol.plan.SortKey;

/**
 * Hand-built HComb plans over two raw columns {@code key UTF8, value INT64}, as the Fuse's planner
 * would cut them.
 */
final class TestPlans {
  /** The raw rows an HBee scans: {@code key UTF8, value INT64}. */
  static final Schema RAW =
      schema(field("key", DataType.UTF8, true), field("value", DataType.INT64, true));

  /**
   * The partial state of {@code SELECT key, COUNT(*) n, SUM(value) total, AVG(value) mean GROUP BY
   * key}: what HBees stream and the HComb's FINAL aggregate reads.
   */
  static final Schema STATE =
      schema(
          field("key", DataType.UTF8, true),
          field("n", DataType.INT64, false),
          field("total", DataType.INT64, true),
          field("mean$sum", DataType.FLOAT64, true),
          field("mean$count", DataType.INT64, false));

  private TestPlans() {}

  static Field field(String name, DataType type, boolean nullable) {
    return Field.newBuilder().setName(name).setType(type).setNullable(nullable).build();
  }

  static Schema schema(Field... fields) {
    Schema.Builder builder = Schema.newBuilder();
    for (Field field : fields) {
      builder.addFields(field);
    }
    return builder.build();
  }

  /**
   * FINAL merge of {@link #STATE}, grouped by key ({@code groupByKey}) or global, then ordered by
   * the first output column so results compare exactly.
   */
  static HCombPlan finalAggregate(boolean groupByKey) {
    Aggregate.Builder aggregate =
        Aggregate.newBuilder()
            .setMode(AggregateMode.FINAL)
            .setInputSchema(RAW)
            .addCalls(call(AggregateFunction.COUNT_STAR, 0, "n"))
            .addCalls(call(AggregateFunction.SUM, 1, "total"))
            .addCalls(call(AggregateFunction.AVG, 1, "mean"));
    Schema input = STATE;
    if (groupByKey) {
      aggregate.addGroupBy(0);
    } else {
      input =
          schema(STATE.getFields(1), STATE.getFields(2), STATE.getFields(3), STATE.getFields(4));
    }
    HCombPlan.Builder plan =
        HCombPlan.newBuilder()
            .setInputSchema(input)
            .setMerge(Operator.newBuilder().setAggregate(aggregate));
    if (groupByKey) {
      plan.addOperators(sort(null, false));
    }
    return plan.build();
  }

  /** Top-N by {@code value} descending over {@link #RAW}. */
  static HCombPlan topN(long fetch) {
    return HCombPlan.newBuilder()
        .setInputSchema(RAW)
        .setMerge(
            Operator.newBuilder()
                .setSort(
                    Sort.newBuilder()
                        .addKeys(SortKey.newBuilder().setColumn(1).setDescending(true))
                        .setFetch(fetch)))
        .build();
  }

  /** A LIMIT over {@link #RAW} in arrival order. */
  static HCombPlan limit(long fetch) {
    return HCombPlan.newBuilder()
        .setInputSchema(RAW)
        .setMerge(Operator.newBuilder().setLimit(Limit.newBuilder().setFetch(fetch)))
        .build();
  }

  /** No merge operator: every row of {@link #RAW} is kept, then sorted by value ascending. */
  static HCombPlan collectSorted() {
    return HCombPlan.newBuilder().setInputSchema(RAW).addOperators(sort(1, false)).build();
  }

  private static Operator sort(Integer column, boolean descending) {
    return Operator.newBuilder()
        .setSort(
            Sort.newBuilder()
                .addKeys(
                    SortKey.newBuilder()
                        .setColumn(column == null ? 0 : column)
                        .setDescending(descending)))
        .build();
  }

  private static AggregateCall call(AggregateFunction function, int argument, String name) {
    return AggregateCall.newBuilder()
        .setFunction(function)
        .setArgument(argument)
        .setName(name)
        .build();
  }
}
