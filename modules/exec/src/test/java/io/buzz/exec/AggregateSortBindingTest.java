package io.buzz.exec;

import static io.buzz.exec.Batches.batch;
import static io.buzz.exec.Batches.drain;
import static io.buzz.exec.Batches.row;
import static io.buzz.exec.Plans.call;
import static io.buzz.exec.Plans.col;
import static io.buzz.exec.Plans.field;
import static io.buzz.exec.Plans.filter;
import static io.buzz.exec.Plans.lit;
import static io.buzz.exec.Plans.project;
import static io.buzz.exec.Plans.schema;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import io.buzz.exec.Batches.Column;
import io.buzz.kernels.aggregate.AggregateSpec;
import io.buzz.kernels.batch.Batch;
import io.buzz.kernels.batch.ColumnType;
import io.buzz.protocol.plan.Aggregate;
import io.buzz.protocol.plan.AggregateCall;
import io.buzz.protocol.plan.AggregateFunction;
import io.buzz.protocol.plan.AggregateMode;
import io.buzz.protocol.plan.DataType;
import io.buzz.protocol.plan.Function;
import io.buzz.protocol.plan.HCombPlan;
import io.buzz.protocol.plan.Operator;
import io.buzz.protocol.plan.Schema;
import io.buzz.protocol.plan.Sort;
import io.buzz.protocol.plan.SortKey;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.types.pojo.Field;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AggregateSortBindingTest {
  private static final Schema TRIPS =
      schema(
          field("vendor", DataType.UTF8),
          field("distance", DataType.FLOAT64),
          field("passengers", DataType.INT32));

  private final BufferAllocator allocator = new RootAllocator();

  @AfterEach
  void closeAllocator() {
    allocator.close();
  }

  private Batch trips(int from) {
    String[] vendors = {"CMT", "VTS", null, "DDS", "CMT", "VTS"};
    List<Object> vendor = new ArrayList<>();
    List<Object> distance = new ArrayList<>();
    List<Object> passengers = new ArrayList<>();
    for (int i = from; i < from + 6; i++) {
      vendor.add(vendors[i % 6]);
      distance.add(i % 5 == 4 ? null : i * 0.5);
      passengers.add(i % 4);
    }
    return batch(
        allocator,
        new Column("vendor", ColumnType.UTF8, vendor),
        new Column("distance", ColumnType.FLOAT64, distance),
        new Column("passengers", ColumnType.INT32, passengers));
  }

  private static AggregateCall aggregateCall(
      AggregateFunction function, int argument, String name) {
    return AggregateCall.newBuilder()
        .setFunction(function)
        .setArgument(argument)
        .setName(name)
        .build();
  }

  /** GROUP BY vendor: COUNT(*), SUM(passengers), AVG(distance), MAX(distance), COUNT(distance). */
  private static Operator aggregate(AggregateMode mode) {
    return Operator.newBuilder()
        .setAggregate(
            Aggregate.newBuilder()
                .setMode(mode)
                .setInputSchema(TRIPS)
                .addGroupBy(0)
                .addCalls(aggregateCall(AggregateFunction.COUNT_STAR, 0, "n"))
                .addCalls(aggregateCall(AggregateFunction.SUM, 2, "riders"))
                .addCalls(aggregateCall(AggregateFunction.AVG, 1, "mean"))
                .addCalls(aggregateCall(AggregateFunction.MAX, 1, "longest"))
                .addCalls(aggregateCall(AggregateFunction.COUNT, 1, "measured")))
        .build();
  }

  private static Operator sort(Long fetch, long offset, SortKey... keys) {
    Sort.Builder sort = Sort.newBuilder().setOffset(offset);
    for (SortKey key : keys) {
      sort.addKeys(key);
    }
    if (fetch != null) {
      sort.setFetch(fetch);
    }
    return Operator.newBuilder().setSort(sort).build();
  }

  private static SortKey key(int column, boolean descending) {
    return SortKey.newBuilder()
        .setColumn(column)
        .setDescending(descending)
        .setNullsFirst(true)
        .build();
  }

  @Test
  void layoutsMatchTheKernelsSchemas() {
    for (AggregateMode mode :
        List.of(AggregateMode.SINGLE, AggregateMode.PARTIAL, AggregateMode.FINAL)) {
      AggregateLayout layout = AggregateLayout.of(aggregate(mode).getAggregate(), "aggregate");
      AggregateSpec spec = AggregateBinding.spec(layout);
      assertThat(types(PlanTypes.arrowSchema(layout.stateSchema())))
          .isEqualTo(types(spec.stateSchema()));
      assertThat(types(PlanTypes.arrowSchema(layout.finalSchema())))
          .isEqualTo(types(spec.finalSchema()));
    }
  }

  @Test
  void partialPipelineEmitsThePlansStateLayout() {
    Schema state =
        AggregateLayout.of(aggregate(AggregateMode.PARTIAL).getAggregate(), "a").stateSchema();
    try (Pipeline hbee =
        Pipeline.compile(List.of(aggregate(AggregateMode.PARTIAL)), TRIPS, allocator)) {
      assertThat(hbee.outputSchema()).isEqualTo(PlanTypes.arrowSchema(state));
      assertThat(hbee.outputSchema().getFields())
          .extracting(Field::getName)
          .containsExactly(
              "vendor", "n", "riders", "mean$sum", "mean$count", "longest", "measured");
      hbee.push(trips(0));
      List<Batch> out = hbee.finish();
      for (Batch batch : out) {
        assertThat(batch.schema()).isEqualTo(hbee.outputSchema());
        assertThat(batch.column(3).getField().getName()).isEqualTo("mean$sum");
      }
      assertThat(drain(out)).hasSize(4);
    }
  }

  /**
   * A partial aggregation over a nearly unique key hands state batches out of push() early, in the
   * plan's state layout; with what finish() returns they hold every row once.
   */
  @Test
  void partialPipelineOverAUniqueKeyStreamsStatesFromPush() {
    try (Pipeline hbee =
        Pipeline.compile(List.of(aggregate(AggregateMode.PARTIAL)), TRIPS, allocator)) {
      List<Batch> early = new ArrayList<>();
      for (int b = 0; b < 4; b++) {
        List<Object> vendor = new ArrayList<>();
        List<Object> distance = new ArrayList<>();
        List<Object> passengers = new ArrayList<>();
        for (int i = 0; i < 40_000; i++) {
          vendor.add("v" + (b * 40_000 + i));
          distance.add(0.5);
          passengers.add(1);
        }
        early.addAll(
            hbee.push(
                batch(
                    allocator,
                    new Column("vendor", ColumnType.UTF8, vendor),
                    new Column("distance", ColumnType.FLOAT64, distance),
                    new Column("passengers", ColumnType.INT32, passengers))));
      }
      assertThat(early).isNotEmpty();
      for (Batch batch : early) {
        assertThat(batch.schema()).isEqualTo(hbee.outputSchema());
      }
      List<Batch> all = new ArrayList<>(early);
      all.addAll(hbee.finish());
      List<List<Object>> rows = drain(all);
      assertThat(rows).hasSize(160_000);
      assertThat(rows).allSatisfy(row -> assertThat(row.get(1)).isEqualTo(1L));
    }
  }

  private static List<ColumnType> types(org.apache.arrow.vector.types.pojo.Schema schema) {
    List<ColumnType> types = new ArrayList<>();
    for (Field field : schema.getFields()) {
      types.add(ColumnType.of(field.getType()));
    }
    return types;
  }

  private List<List<Object>> runSingle(List<Operator> operators, Batch... inputs) {
    try (Pipeline pipeline = Pipeline.compile(operators, TRIPS, allocator)) {
      List<Batch> out = new ArrayList<>();
      for (Batch input : inputs) {
        out.addAll(pipeline.push(input));
      }
      out.addAll(pipeline.finish());
      return drain(out);
    }
  }

  @Test
  void filterFusedIntoSingleAggregateThenSortAtFinish() {
    // WHERE passengers > 0 GROUP BY vendor ... ORDER BY vendor NULLS FIRST
    List<Operator> operators =
        List.of(
            filter(
                call(
                    Function.GREATER_THAN,
                    DataType.BOOL,
                    col(2, DataType.INT32),
                    Plans.call(Function.CAST, DataType.INT32, lit(0L)))),
            aggregate(AggregateMode.SINGLE),
            sort(null, 0, key(0, false)));
    List<List<Object>> rows = runSingle(operators, trips(0), trips(6));
    // rows with passengers > 0 (i % 4 != 0): i = 1, 2, 3, 5, 6, 7, 9, 10, 11
    assertThat(rows)
        .containsExactly(
            row(null, 1L, 2L, 1.0, 1.0, 1L), // i = 2
            row("CMT", 2L, 4L, 4.0, 5.0, 2L), // i = 6, 10
            row("DDS", 2L, 4L, 1.5, 1.5, 1L), // i = 3, 9 (distance NULL)
            row("VTS", 4L, 8L, 3.0, 5.5, 4L)); // i = 1, 5, 7, 11
  }

  @Test
  void partialThenFinalThroughTheHCombEqualsSingle() {
    List<Operator> single = List.of(aggregate(AggregateMode.SINGLE), sort(null, 0, key(0, false)));
    List<List<Object>> expected = runSingle(single, trips(0), trips(6), trips(12));

    HCombPlan hcomb =
        HCombPlan.newBuilder()
            .setInputSchema(
                AggregateLayout.of(aggregate(AggregateMode.PARTIAL).getAggregate(), "a")
                    .stateSchema())
            .setMerge(aggregate(AggregateMode.FINAL))
            .addOperators(sort(null, 0, key(0, false)))
            .build();
    HCombMerge merge = HCombMerge.compile(hcomb);
    try (MergeState query = merge.newState(allocator)) {
      for (int file = 0; file < 3; file++) {
        MergeState attempt = merge.newState(allocator);
        try (Pipeline hbee =
            Pipeline.compile(List.of(aggregate(AggregateMode.PARTIAL)), TRIPS, allocator)) {
          assertThat(hbee.push(trips(file * 6))).isEmpty();
          for (Batch partial : hbee.finish()) {
            attempt.add(partial);
          }
        }
        query.absorb(attempt);
      }
      assertThat(drain(merge.finish(query, allocator))).isEqualTo(expected);
    }
  }

  @Test
  void globalFinalAggregateOverNoInputHasOneRow() {
    Aggregate count =
        Aggregate.newBuilder()
            .setMode(AggregateMode.FINAL)
            .setInputSchema(TRIPS)
            .addCalls(aggregateCall(AggregateFunction.COUNT_STAR, 0, "n"))
            .addCalls(aggregateCall(AggregateFunction.SUM, 1, "total"))
            .build();
    HCombMerge merge =
        HCombMerge.compile(
            HCombPlan.newBuilder()
                .setInputSchema(AggregateLayout.of(count, "a").stateSchema())
                .setMerge(Operator.newBuilder().setAggregate(count))
                .build());
    try (MergeState query = merge.newState(allocator)) {
      assertThat(drain(merge.finish(query, allocator))).containsExactly(row(0L, null));
    }
  }

  @Test
  void topNMergeKeepsTheBestRowsAcrossAttempts() {
    Schema ids = schema(field("id", DataType.INT64));
    HCombMerge merge =
        HCombMerge.compile(
            HCombPlan.newBuilder()
                .setInputSchema(ids)
                .setMerge(sort(3L, 1, key(0, true)))
                .addOperators(project("id", col(0, DataType.INT64)))
                .build());
    try (MergeState query = merge.newState(allocator)) {
      long[][] attempts = {{5, 1, 9}, {7, 3}, {8, 2, 6, 4}};
      for (long[] values : attempts) {
        MergeState attempt = merge.newState(allocator);
        List<Object> column = new ArrayList<>();
        for (long value : values) {
          column.add(value);
        }
        attempt.add(batch(allocator, new Column("id", ColumnType.INT64, column)));
        query.absorb(attempt);
      }
      // descending: 9 8 7 6 ... ; offset 1, fetch 3 -> 8 7 6
      assertThat(drain(merge.finish(query, allocator))).containsExactly(row(8L), row(7L), row(6L));
    }
  }

  @Test
  void mismatchedAggregateInputIsAnInternalError() {
    assertThatThrownBy(
            () -> Pipeline.compile(List.of(aggregate(AggregateMode.FINAL)), TRIPS, allocator))
        .isInstanceOfSatisfying(
            BuzzException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL))
        .hasMessageContaining("FINAL aggregate expects input columns");
    assertThatThrownBy(() -> Pipeline.compile(List.of(sort(null, 0)), TRIPS, allocator))
        .hasMessageContaining("has no keys");
  }
}
