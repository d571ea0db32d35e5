package io.buzz.plan.physical;

import static org.assertj.core.api.Assertions.assertThat;

import io.buzz.protocol.plan.Aggregate;
import io.buzz.protocol.plan.AggregateCall;
import io.buzz.protocol.plan.AggregateFunction;
import io.buzz.protocol.plan.DataType;
import io.buzz.protocol.plan.Field;
import io.buzz.protocol.plan.Schema;
import java.util.List;
import org.junit.jupiter.api.Test;

class AggregateStateLayoutTest {
  private static final Schema INPUT =
      Schema.newBuilder()
          .addFields(field("g", DataType.UTF8, true))
          .addFields(field("i", DataType.INT32, false))
          .addFields(field("f", DataType.FLOAT64, true))
          .addFields(field("d", DataType.DATE32, true))
          .build();

  private static Field field(String name, DataType type, boolean nullable) {
    return Field.newBuilder().setName(name).setType(type).setNullable(nullable).build();
  }

  private static AggregateCall call(AggregateFunction function, int argument, String name) {
    return AggregateCall.newBuilder()
        .setFunction(function)
        .setArgument(argument)
        .setName(name)
        .build();
  }

  private static Aggregate aggregate(List<Integer> groupBy) {
    return Aggregate.newBuilder()
        .addAllGroupBy(groupBy)
        .addCalls(call(AggregateFunction.COUNT_STAR, 0, "n"))
        .addCalls(call(AggregateFunction.COUNT, 2, "nf"))
        .addCalls(call(AggregateFunction.SUM, 1, "si"))
        .addCalls(call(AggregateFunction.SUM, 2, "sf"))
        .addCalls(call(AggregateFunction.MIN, 3, "md"))
        .addCalls(call(AggregateFunction.MAX, 1, "mi"))
        .addCalls(call(AggregateFunction.AVG, 1, "a"))
        .setInputSchema(INPUT)
        .build();
  }

  @Test
  void partialLayoutFollowsPlanProto() {
    assertThat(AggregateStateLayout.partialSchema(aggregate(List.of(0))).getFieldsList())
        .containsExactly(
            field("g", DataType.UTF8, true),
            field("n", DataType.INT64, false),
            field("nf", DataType.INT64, false),
            field("si", DataType.INT64, false),
            field("sf", DataType.FLOAT64, true),
            field("md", DataType.DATE32, true),
            field("mi", DataType.INT32, false),
            field("a$sum", DataType.FLOAT64, false),
            field("a$count", DataType.INT64, false));
  }

  @Test
  void distinctCallsKeepTheirValuesAndFiltersMakeValuesNullable() {
    Aggregate aggregate =
        Aggregate.newBuilder()
            .addGroupBy(0)
            .addCalls(call(AggregateFunction.COUNT, 1, "cd").toBuilder().setDistinct(true))
            .addCalls(call(AggregateFunction.AVG, 1, "ad").toBuilder().setDistinct(true))
            .addCalls(call(AggregateFunction.MAX, 1, "xd").toBuilder().setDistinct(true))
            .addCalls(call(AggregateFunction.SUM, 1, "sw").toBuilder().setFilter(4))
            .setInputSchema(INPUT.toBuilder().addFields(field("w", DataType.BOOL, true)))
            .build();
    assertThat(AggregateStateLayout.partialSchema(aggregate).getFieldsList())
        .containsExactly(
            field("g", DataType.UTF8, true),
            field("cd$distinct", DataType.VARBINARY, false),
            field("ad$distinct", DataType.VARBINARY, false),
            field("xd", DataType.INT32, false),
            field("sw", DataType.INT64, true));
    assertThat(AggregateStateLayout.resultSchema(aggregate).getFieldsList())
        .containsExactly(
            field("g", DataType.UTF8, true),
            field("cd", DataType.INT64, false),
            field("ad", DataType.FLOAT64, false),
            field("xd", DataType.INT32, false),
            field("sw", DataType.INT64, true));
  }

  @Test
  void groupedResultsAreNullableOnlyWhenTheirInputIs() {
    assertThat(AggregateStateLayout.resultSchema(aggregate(List.of(0))).getFieldsList())
        .containsExactly(
            field("g", DataType.UTF8, true),
            field("n", DataType.INT64, false),
            field("nf", DataType.INT64, false),
            field("si", DataType.INT64, false),
            field("sf", DataType.FLOAT64, true),
            field("md", DataType.DATE32, true),
            field("mi", DataType.INT32, false),
            field("a", DataType.FLOAT64, false));
  }

  @Test
  void globalResultsAreNullableBecauseTheInputMayBeEmpty() {
    assertThat(AggregateStateLayout.resultSchema(aggregate(List.of())).getFieldsList())
        .containsExactly(
            field("n", DataType.INT64, false),
            field("nf", DataType.INT64, false),
            field("si", DataType.INT64, true),
            field("sf", DataType.FLOAT64, true),
            field("md", DataType.DATE32, true),
            field("mi", DataType.INT32, true),
            field("a", DataType.FLOAT64, true));
  }
}
