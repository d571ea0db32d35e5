package io.buzz.exec;

import static io.buzz.exec.Plans.field;
import static io.buzz.exec.Plans.schema;
import static org.assertj.core.api.Assertions.assertThat;

import io.buzz.kernels.batch.Batch;
import io.buzz.protocol.plan.Aggregate;
import io.buzz.protocol.plan.AggregateCall;
import io.buzz.protocol.plan.AggregateFunction;
import io.buzz.protocol.plan.AggregateMode;
import io.buzz.protocol.plan.DataType;
import io.buzz.protocol.plan.HBeePlan;
import io.buzz.protocol.plan.Operator;
import io.buzz.protocol.plan.Schema;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** When the footer's statistics hold a partial aggregate, and when they do not. */
class MetadataAggregateTest {
  private final BufferAllocator allocator = new RootAllocator();

  @AfterEach
  void close() {
    allocator.close();
  }

  private static final Schema INPUT =
      schema(
          field("n", DataType.INT64),
          field("day", DataType.DATE32),
          field("name", DataType.UTF8),
          field("ratio", DataType.FLOAT64));

  private static HBeePlan plan(int[] groupBy, AggregateCall... calls) {
    Aggregate.Builder aggregate =
        Aggregate.newBuilder().setMode(AggregateMode.PARTIAL).setInputSchema(INPUT);
    for (int g : groupBy) {
      aggregate.addGroupBy(g);
    }
    for (AggregateCall call : calls) {
      aggregate.addCalls(call);
    }
    return HBeePlan.newBuilder()
        .addOperators(Operator.newBuilder().setAggregate(aggregate))
        .build();
  }

  private static AggregateCall call(AggregateFunction function, int argument, String name) {
    return AggregateCall.newBuilder()
        .setFunction(function)
        .setArgument(argument)
        .setName(name)
        .build();
  }

  private static StatisticsPruner.Bounds group(
      long rows, Map<Integer, StatisticsPruner.ColumnBounds> columns) {
    return Plans.unit(rows, columns);
  }

  private static StatisticsPruner.ColumnBounds stats(long nulls, Object min, Object max) {
    return new StatisticsPruner.ColumnBounds(
        OptionalLong.of(nulls), Optional.ofNullable(min), Optional.ofNullable(max));
  }

  private static final List<StatisticsPruner.Bounds> GROUPS =
      List.of(
          group(100, Map.of(0, stats(10, 5L, 90L), 1, stats(0, 18000, 18100))),
          group(50, Map.of(0, stats(50, null, null), 1, stats(0, 17990, 18050))),
          group(70, Map.of(0, stats(0, -3L, 40L), 1, stats(0, 18010, 18200))));

  @Test
  void countsAndExtremesOfIntegersAndDatesComeFromTheStatistics() {
    HBeePlan plan =
        plan(
            new int[0],
            call(AggregateFunction.COUNT_STAR, 0, "rows"),
            call(AggregateFunction.COUNT, 0, "values"),
            call(AggregateFunction.MIN, 0, "lo"),
            call(AggregateFunction.MAX, 0, "hi"),
            call(AggregateFunction.MIN, 1, "first"));
    try (Batch batch = MetadataAggregate.answer(plan, GROUPS, allocator).orElseThrow()) {
      assertThat(batch.rowCount()).isEqualTo(1);
      assertThat(batch.column(0).getObject(0)).isEqualTo(220L);
      assertThat(batch.column(1).getObject(0)).isEqualTo(160L); // NULLs left out
      assertThat(batch.column(2).getObject(0)).isEqualTo(-3L); // the NULL-only group adds nothing
      assertThat(batch.column(3).getObject(0)).isEqualTo(90L);
      assertThat(batch.column(4).getObject(0)).isEqualTo(17990);
    }
  }

  @Test
  void aColumnOfNullsOnlyHasANullExtreme() {
    List<StatisticsPruner.Bounds> nulls =
        List.of(group(5, Map.of(0, stats(5, null, null))), group(0, Map.of()));
    HBeePlan plan = plan(new int[0], call(AggregateFunction.MAX, 0, "hi"));
    try (Batch batch =
        MetadataAggregate.answer(plan, nulls.subList(0, 1), allocator).orElseThrow()) {
      assertThat(batch.column(0).isNull(0)).isTrue();
    }
  }

  @Test
  void anythingTheStatisticsDoNotHoldExactlyReadsThePages() {
    // strings may be truncated, doubles leave NaN out
    assertThat(
            MetadataAggregate.answer(
                plan(new int[0], call(AggregateFunction.MAX, 2, "s")), GROUPS, allocator))
        .isEmpty();
    assertThat(
            MetadataAggregate.answer(
                plan(new int[0], call(AggregateFunction.MIN, 3, "r")), GROUPS, allocator))
        .isEmpty();
    // grouped, or other aggregates
    assertThat(
            MetadataAggregate.answer(
                plan(new int[] {1}, call(AggregateFunction.COUNT_STAR, 0, "n")), GROUPS, allocator))
        .isEmpty();
    assertThat(
            MetadataAggregate.answer(
                plan(new int[0], call(AggregateFunction.SUM, 0, "s")), GROUPS, allocator))
        .isEmpty();
    // distinct values and filtered rows are not in the footer
    assertThat(
            MetadataAggregate.answer(
                plan(
                    new int[0],
                    call(AggregateFunction.COUNT, 0, "d").toBuilder().setDistinct(true).build()),
                GROUPS,
                allocator))
        .isEmpty();
    assertThat(
            MetadataAggregate.answer(
                plan(
                    new int[0],
                    call(AggregateFunction.COUNT_STAR, 0, "f").toBuilder().setFilter(0).build()),
                GROUPS,
                allocator))
        .isEmpty();
    // a missing bound or null count in any row group
    List<StatisticsPruner.Bounds> missing =
        List.of(
            GROUPS.get(0),
            group(
                10,
                Map.of(
                    0,
                    new StatisticsPruner.ColumnBounds(
                        OptionalLong.empty(), Optional.of(1L), Optional.empty()))));
    assertThat(
            MetadataAggregate.answer(
                plan(new int[0], call(AggregateFunction.MAX, 0, "hi")), missing, allocator))
        .isEmpty();
    assertThat(
            MetadataAggregate.answer(
                plan(new int[0], call(AggregateFunction.COUNT, 0, "c")), missing, allocator))
        .isEmpty();
  }
}
