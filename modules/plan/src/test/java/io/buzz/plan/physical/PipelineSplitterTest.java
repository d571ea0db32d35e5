package io.buzz.plan.physical;

import static org.assertj.core.api.Assertions.assertThat;

import io.buzz.protocol.plan.Aggregate;
import io.buzz.protocol.plan.AggregateCall;
import io.buzz.protocol.plan.AggregateFunction;
import io.buzz.protocol.plan.AggregateMode;
import io.buzz.protocol.plan.DataType;
import io.buzz.protocol.plan.Expr;
import io.buzz.protocol.plan.Filter;
import io.buzz.protocol.plan.Limit;
import io.buzz.protocol.plan.Literal;
import io.buzz.protocol.plan.Operator;
import io.buzz.protocol.plan.QueryPlan;
import io.buzz.protocol.plan.ScanColumn;
import io.buzz.protocol.plan.Schema;
import io.buzz.protocol.plan.Sort;
import io.buzz.protocol.plan.SortKey;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The cut of a pipeline at its first blocking operator, on hand-built pipelines. */
class PipelineSplitterTest {
  private static final List<ScanColumn> SCAN =
      List.of(
          ScanColumn.newBuilder()
              .setName("k")
              .setType(DataType.UTF8)
              .setNullable(true)
              .setParquetColumn("k")
              .build(),
          ScanColumn.newBuilder()
              .setName("v")
              .setType(DataType.INT64)
              .setParquetColumn("v")
              .build());

  private static final Operator FILTER =
      Operator.newBuilder()
          .setFilter(
              Filter.newBuilder()
                  .setPredicate(
                      Expr.newBuilder()
                          .setType(DataType.BOOL)
                          .setLiteral(Literal.newBuilder().setBoolValue(true))))
          .build();

  private static Pipeline pipeline(Operator... operators) {
    Schema schema = new Pipeline(SCAN, List.of()).scanSchema();
    List<PipelineStage> stages = new ArrayList<>();
    for (Operator operator : operators) {
      PipelineStage stage = PipelineStage.over(schema, operator);
      stages.add(stage);
      schema = stage.output();
    }
    return new Pipeline(SCAN, stages);
  }

  private static Operator sumByKey(Schema input) {
    return Operator.newBuilder()
        .setAggregate(
            Aggregate.newBuilder()
                .setMode(AggregateMode.SINGLE)
                .addGroupBy(0)
                .addCalls(
                    AggregateCall.newBuilder()
                        .setFunction(AggregateFunction.SUM)
                        .setArgument(1)
                        .setName("total"))
                .setInputSchema(input))
        .build();
  }

  private static Operator sort(Long fetch, long offset) {
    Sort.Builder sort =
        Sort.newBuilder()
            .addKeys(SortKey.newBuilder().setColumn(1).setDescending(true))
            .setOffset(offset);
    if (fetch != null) {
      sort.setFetch(fetch);
    }
    return Operator.newBuilder().setSort(sort).build();
  }

  private static Operator limit(Long fetch, long offset) {
    Limit.Builder limit = Limit.newBuilder().setOffset(offset);
    if (fetch != null) {
      limit.setFetch(fetch);
    }
    return Operator.newBuilder().setLimit(limit).build();
  }

  private static Schema scanSchema() {
    return new Pipeline(SCAN, List.of()).scanSchema();
  }

  @Test
  void noBlockingOperatorRunsEverythingInTheHBees() {
    QueryPlan plan = PipelineSplitter.split(pipeline(FILTER));
    PlanInvariants.check(plan);
    assertThat(plan.getHbee().getOperatorsList()).containsExactly(FILTER);
    assertThat(plan.getHcomb().hasMerge()).isFalse();
    assertThat(plan.getHcomb().getOperatorsList()).isEmpty();
    assertThat(plan.getHcomb().getOutputSchema()).isEqualTo(scanSchema());
  }

  @Test
  void aggregateIsSplitIntoPartialAndFinalAndLaterAggregatesStaySingle() {
    Operator first = sumByKey(scanSchema());
    Schema firstOutput = OperatorSchemas.output(first, scanSchema());
    Operator second = sumByKey(firstOutput);
    QueryPlan plan = PipelineSplitter.split(pipeline(FILTER, first, second));
    PlanInvariants.check(plan);
    assertThat(plan.getHbee().getOperatorsCount()).isEqualTo(2);
    assertThat(plan.getHbee().getOperators(1).getAggregate().getMode())
        .isEqualTo(AggregateMode.PARTIAL);
    assertThat(plan.getHbee().getOutputSchema())
        .isEqualTo(AggregateStateLayout.partialSchema(first.getAggregate()));
    assertThat(plan.getHcomb().getMerge().getAggregate().getMode()).isEqualTo(AggregateMode.FINAL);
    assertThat(plan.getHcomb().getOperatorsList()).containsExactly(second);
  }

  @Test
  void topNKeepsOffsetPlusFetchPerFile() {
    QueryPlan plan = PipelineSplitter.split(pipeline(FILTER, sort(10L, 5), FILTER));
    PlanInvariants.check(plan);
    Sort local = plan.getHbee().getOperators(1).getSort();
    assertThat(local.getFetch()).isEqualTo(15);
    assertThat(local.getOffset()).isZero();
    assertThat(plan.getHcomb().getMerge()).isEqualTo(sort(10L, 5));
    assertThat(plan.getHcomb().getOperatorsList()).containsExactly(FILTER);
  }

  @Test
  void offsetPlusFetchSaturates() {
    QueryPlan plan = PipelineSplitter.split(pipeline(sort(Long.MAX_VALUE, 5)));
    assertThat(plan.getHbee().getOperators(0).getSort().getFetch()).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void limitKeepsOffsetPlusFetchPerFile() {
    QueryPlan plan = PipelineSplitter.split(pipeline(limit(3L, 4)));
    PlanInvariants.check(plan);
    assertThat(plan.getHbee().getOperatorsList()).containsExactly(limit(7L, 0));
    assertThat(plan.getHcomb().getMerge()).isEqualTo(limit(3L, 4));
  }

  @Test
  void limitWithOnlyAnOffsetCannotBePushedDown() {
    QueryPlan plan = PipelineSplitter.split(pipeline(FILTER, limit(null, 4)));
    PlanInvariants.check(plan);
    assertThat(plan.getHbee().getOperatorsList()).containsExactly(FILTER);
    assertThat(plan.getHcomb().getMerge()).isEqualTo(limit(null, 4));
  }

  @Test
  void fullSortRunsInTheHComb() {
    QueryPlan plan = PipelineSplitter.split(pipeline(FILTER, sort(null, 0), limit(2L, 0)));
    PlanInvariants.check(plan);
    assertThat(plan.getHbee().getOperatorsList()).containsExactly(FILTER);
    assertThat(plan.getHcomb().hasMerge()).isFalse();
    assertThat(plan.getHcomb().getOperatorsList()).containsExactly(sort(null, 0), limit(2L, 0));
  }

  @Test
  void sortWithOffsetButNoFetchIsAFullSort() {
    QueryPlan plan = PipelineSplitter.split(pipeline(sort(null, 3)));
    assertThat(plan.getHbee().getOperatorsList()).isEmpty();
    assertThat(plan.getHcomb().getOperatorsList()).containsExactly(sort(null, 3));
  }

  @Test
  void unobservedSortsAreDropped() {
    Operator aggregate = sumByKey(scanSchema());
    QueryPlan beforeAggregate = PipelineSplitter.split(pipeline(sort(null, 0), FILTER, aggregate));
    assertThat(beforeAggregate.getHbee().getOperatorsCount()).isEqualTo(2);
    assertThat(beforeAggregate.getHbee().getOperators(0)).isEqualTo(FILTER);
    QueryPlan beforeTopN = PipelineSplitter.split(pipeline(sort(null, 0), sort(3L, 0)));
    assertThat(beforeTopN.getHbee().getOperatorsList()).containsExactly(sort(3L, 0));
    QueryPlan beforeLimit = PipelineSplitter.split(pipeline(sort(null, 0), limit(3L, 0)));
    assertThat(beforeLimit.getHcomb().getOperatorsList())
        .containsExactly(sort(null, 0), limit(3L, 0));
  }
}
