package io.buzz.exec;

import static io.buzz.exec.Plans.call;
import static io.buzz.exec.Plans.col;
import static io.buzz.exec.Plans.field;
import static io.buzz.exec.Plans.filter;
import static io.buzz.exec.Plans.limit;
import static io.buzz.exec.Plans.lit;
import static io.buzz.exec.Plans.project;
import static io.buzz.exec.Plans.schema;
import static org.assertj.core.api.Assertions.assertThat;

import io.buzz.protocol.plan.Aggregate;
import io.buzz.protocol.plan.AggregateCall;
import io.buzz.protocol.plan.AggregateFunction;
import io.buzz.protocol.plan.AggregateMode;
import io.buzz.protocol.plan.DataType;
import io.buzz.protocol.plan.Function;
import io.buzz.protocol.plan.Operator;
import io.buzz.protocol.plan.Schema;
import java.util.List;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Which scan columns a pipeline asks to carry dictionary ids: the single group key of its
 * aggregate, followed back through column-reference projections and a filter fused with the
 * aggregate; nothing where the ids could not reach it or would not be used.
 */
class DictionaryKeyColumnsTest {
  private static final Schema SCAN =
      schema(
          field("vendor", DataType.UTF8),
          field("total", DataType.FLOAT64),
          field("passengers", DataType.INT64));
  private static final Operator TOTAL_OVER_2 =
      filter(call(Function.GREATER_THAN, DataType.BOOL, col(1, DataType.FLOAT64), lit(2.0)));

  private final BufferAllocator allocator = new RootAllocator();

  @AfterEach
  void closeAllocator() {
    allocator.close();
  }

  @Test
  void theSingleGroupKeyIsAskedForThroughFusedFiltersAndColumnProjections() {
    assertThat(keys(aggregate(SCAN, AggregateMode.PARTIAL, 2))).containsExactly(2);
    assertThat(keys(aggregate(SCAN, AggregateMode.SINGLE, 1))).containsExactly(1);
    assertThat(keys(TOTAL_OVER_2, aggregate(SCAN, AggregateMode.PARTIAL, 2))).containsExactly(2);
    Schema projected =
        schema(
            field("t", DataType.FLOAT64), field("p10", DataType.INT64), field("p", DataType.INT64));
    Operator reorder =
        project(
            "t",
            col(1, DataType.FLOAT64),
            "p10",
            call(Function.MULTIPLY, DataType.INT64, col(2, DataType.INT64), lit(10L)),
            "p",
            col(2, DataType.INT64));
    assertThat(keys(reorder, aggregate(projected, AggregateMode.PARTIAL, 2))).containsExactly(2);
    assertThat(keys(reorder, aggregate(projected, AggregateMode.PARTIAL, 0))).containsExactly(1);
  }

  @Test
  void nothingIsAskedForWhereIdsCannotReachAGroupKeyOrNoneUsesThem() {
    Schema projected = schema(field("p10", DataType.INT64));
    Operator computed =
        project("p10", call(Function.MULTIPLY, DataType.INT64, col(2, DataType.INT64), lit(10L)));
    assertThat(keys(computed, aggregate(projected, AggregateMode.PARTIAL, 0))).isEmpty();
    Schema kept = schema(field("p", DataType.INT64));
    // a filter before a projection hands on compacted rows, without ids
    assertThat(
            keys(
                TOTAL_OVER_2,
                project("p", col(2, DataType.INT64)),
                aggregate(kept, AggregateMode.PARTIAL, 0)))
        .isEmpty();
    assertThat(keys(aggregate(SCAN, AggregateMode.PARTIAL, 0, 2))).isEmpty();
    assertThat(keys(aggregate(SCAN, AggregateMode.PARTIAL))).isEmpty();
    assertThat(keys(limit(0, 10L), aggregate(SCAN, AggregateMode.PARTIAL, 2))).isEmpty();
    assertThat(keys(project("p", col(2, DataType.INT64)))).isEmpty();
  }

  /**
   * A string key read as its ids alone: no operator before the aggregate reads its values (the
   * aggregate reads them from the ids, whatever its calls), one key or several.
   */
  @Test
  void aStringKeyNoOperatorBeforeTheAggregateReadsIsReadIdsOnly() {
    assertThat(idsOnly(aggregate(SCAN, AggregateMode.PARTIAL, List.of(count(0, false)), 0)))
        .containsExactly(0);
    assertThat(idsOnly(aggregate(SCAN, AggregateMode.SINGLE, List.of(min(0), count(0, true)), 0)))
        .containsExactly(0);
    assertThat(idsOnly(TOTAL_OVER_2, aggregate(SCAN, AggregateMode.PARTIAL, 2, 0)))
        .containsExactly(0);
    Schema projected =
        schema(
            field("over2", DataType.BOOL), field("v", DataType.UTF8), field("t", DataType.FLOAT64));
    Operator reorder =
        project(
            "over2",
            call(Function.GREATER_THAN, DataType.BOOL, col(1, DataType.FLOAT64), lit(2.0)),
            "v",
            col(0, DataType.UTF8),
            "t",
            col(1, DataType.FLOAT64));
    assertThat(
            idsOnly(
                reorder,
                aggregate(
                    projected, AggregateMode.PARTIAL, List.of(count(1, false), sum(2)), 0, 1)))
        .containsExactly(0);
  }

  @Test
  void aKeyAnOperatorBeforeTheAggregateReadsOrThatIsNotAStringIsReadWithItsValues() {
    Operator vendorIsX =
        filter(call(Function.EQUAL, DataType.BOOL, col(0, DataType.UTF8), lit("x")));
    assertThat(keys(vendorIsX, aggregate(SCAN, AggregateMode.PARTIAL, 0))).containsExactly(0);
    assertThat(idsOnly(vendorIsX, aggregate(SCAN, AggregateMode.PARTIAL, 0))).isEmpty();
    // the key and a value computed from it
    Schema withFlag = schema(field("v", DataType.UTF8), field("isX", DataType.BOOL));
    Operator flag =
        project(
            "v",
            col(0, DataType.UTF8),
            "isX",
            call(Function.EQUAL, DataType.BOOL, col(0, DataType.UTF8), lit("x")));
    assertThat(idsOnly(flag, aggregate(withFlag, AggregateMode.PARTIAL, 0))).isEmpty();
    // a filter before a projection compacts the rows
    Schema kept = schema(field("v", DataType.UTF8));
    assertThat(
            idsOnly(
                TOTAL_OVER_2,
                project("v", col(0, DataType.UTF8)),
                aggregate(kept, AggregateMode.PARTIAL, 0)))
        .isEmpty();
    assertThat(idsOnly(aggregate(SCAN, AggregateMode.PARTIAL, 2))).isEmpty();
    assertThat(idsOnly(aggregate(SCAN, AggregateMode.PARTIAL))).isEmpty();
    assertThat(idsOnly(project("v", col(0, DataType.UTF8)))).isEmpty();
  }

  private Set<Integer> keys(Operator... operators) {
    try (Pipeline pipeline = Pipeline.compile(List.of(operators), SCAN, allocator)) {
      return pipeline.dictionaryKeyColumns();
    }
  }

  private Set<Integer> idsOnly(Operator... operators) {
    try (Pipeline pipeline = Pipeline.compile(List.of(operators), SCAN, allocator)) {
      return pipeline.idsOnlyKeyColumns();
    }
  }

  private static AggregateCall count(int argument, boolean distinct) {
    return AggregateCall.newBuilder()
        .setFunction(AggregateFunction.COUNT)
        .setArgument(argument)
        .setDistinct(distinct)
        .setName("c" + argument + (distinct ? "d" : ""))
        .build();
  }

  private static AggregateCall min(int argument) {
    return AggregateCall.newBuilder()
        .setFunction(AggregateFunction.MIN)
        .setArgument(argument)
        .setName("min" + argument)
        .build();
  }

  private static AggregateCall sum(int argument) {
    return AggregateCall.newBuilder()
        .setFunction(AggregateFunction.SUM)
        .setArgument(argument)
        .setName("sum" + argument)
        .build();
  }

  private static Operator aggregate(Schema input, AggregateMode mode, int... groupBy) {
    return aggregate(
        input,
        mode,
        List.of(
            AggregateCall.newBuilder()
                .setFunction(AggregateFunction.COUNT_STAR)
                .setName("n")
                .build()),
        groupBy);
  }

  private static Operator aggregate(
      Schema input, AggregateMode mode, List<AggregateCall> calls, int... groupBy) {
    Aggregate.Builder aggregate =
        Aggregate.newBuilder().setMode(mode).setInputSchema(input).addAllCalls(calls);
    for (int column : groupBy) {
      aggregate.addGroupBy(column);
    }
    return Operator.newBuilder().setAggregate(aggregate).build();
  }
}
