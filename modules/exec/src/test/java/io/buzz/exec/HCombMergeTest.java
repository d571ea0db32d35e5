package io.buzz.exec;

import static io.buzz.exec.Batches.batch;
import static io.buzz.exec.Batches.drain;
import static io.buzz.exec.Batches.row;
import static io.buzz.exec.Plans.call;
import static io.buzz.exec.Plans.col;
import static io.buzz.exec.Plans.field;
import static io.buzz.exec.Plans.limit;
import static io.buzz.exec.Plans.lit;
import static io.buzz.exec.Plans.project;
import static io.buzz.exec.Plans.schema;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import io.buzz.exec.Batches.Column;
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
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HCombMergeTest {
  private static final Schema INPUT =
      schema(field("id", DataType.INT64), field("name", DataType.UTF8));

  private final BufferAllocator allocator = new RootAllocator();

  @AfterEach
  void closeAllocator() {
    allocator.close();
  }

  private Batch rows(long from, int count) {
    List<Object> ids = new ArrayList<>();
    List<Object> names = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ids.add(from + i);
      names.add("n" + (from + i));
    }
    return batch(
        allocator,
        new Column("id", ColumnType.INT64, ids),
        new Column("name", ColumnType.UTF8, names));
  }

  @Test
  void limitMergeCommitsAttemptsInOrderAndSaturates() {
    HCombPlan plan =
        HCombPlan.newBuilder()
            .setInputSchema(INPUT)
            .setMerge(limit(1, 4L))
            .addOperators(
                project(
                    "doubled",
                    call(Function.MULTIPLY, DataType.INT64, col(0, DataType.INT64), lit(2L))))
            .build();
    HCombMerge merge = HCombMerge.compile(plan);
    assertThat(merge.outputSchema().getFields())
        .extracting(f -> f.getName())
        .containsExactly("doubled");
    try (BufferAllocator query = allocator.newChildAllocator("query", 0, 1 << 20);
        MergeState queryState = merge.newState(query)) {
      try (BufferAllocator task0 = allocator.newChildAllocator("task0", 0, 1 << 20);
          BufferAllocator task1 = allocator.newChildAllocator("task1", 0, 1 << 20);
          BufferAllocator failed = allocator.newChildAllocator("failed", 0, 1 << 20)) {
        MergeState attempt0 = merge.newState(task0);
        MergeState attempt1 = merge.newState(task1);
        MergeState lost = merge.newState(failed);
        attempt0.add(rows(10, 2));
        attempt1.add(rows(20, 2));
        lost.add(rows(99, 3));
        attempt1.add(rows(22, 3));
        assertThat(attempt1.isSaturated()).isTrue();
        assertThat(attempt1.memoryBytes()).isPositive();
        lost.close(); // a failed attempt is never committed
        queryState.absorb(attempt0);
        assertThat(queryState.isSaturated()).isFalse();
        queryState.absorb(attempt1);
        assertThat(queryState.isSaturated()).isTrue();
        assertThat(task0.getAllocatedMemory()).isZero();
        assertThat(task1.getAllocatedMemory()).isZero();
      }
      List<Batch> result = merge.finish(queryState, query);
      assertThat(drain(result)).containsExactly(row(22L), row(40L), row(42L), row(44L));
    }
  }

  @Test
  void collectKeepsEveryRowAndRespectsTheAllocatorLimit() {
    HCombPlan plan = HCombPlan.newBuilder().setInputSchema(INPUT).build();
    HCombMerge merge = HCombMerge.compile(plan);
    assertThat(merge.outputSchema()).isEqualTo(merge.inputSchema());
    try (MergeState queryState = merge.newState(allocator)) {
      MergeState a = merge.newState(allocator);
      MergeState b = merge.newState(allocator);
      a.add(rows(0, 2));
      b.add(rows(5, 1));
      queryState.absorb(b);
      queryState.absorb(a);
      assertThat(queryState.isSaturated()).isFalse();
      assertThat(drain(merge.finish(queryState, allocator)))
          .containsExactly(row(5L, "n5"), row(0L, "n0"), row(1L, "n1"));
    }
    try (BufferAllocator small = allocator.newChildAllocator("small", 0, 4096);
        MergeState tiny = merge.newState(small)) {
      assertThatThrownBy(() -> tiny.add(rows(0, 2000)))
          .isInstanceOfSatisfying(
              BuzzException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.LIMIT_EXCEEDED))
          .hasMessageContaining("limit of 4096 bytes");
    }
  }

  @Test
  void statesOfAnotherMergeAreRejected() {
    HCombMerge one = HCombMerge.compile(HCombPlan.newBuilder().setInputSchema(INPUT).build());
    HCombMerge other = HCombMerge.compile(HCombPlan.newBuilder().setInputSchema(INPUT).build());
    try (MergeState mine = one.newState(allocator);
        MergeState theirs = other.newState(allocator)) {
      assertThatThrownBy(() -> mine.absorb(theirs)).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void brokenPlansAreInternalErrors() {
    Operator partial =
        Operator.newBuilder()
            .setAggregate(
                Aggregate.newBuilder()
                    .setMode(AggregateMode.PARTIAL)
                    .setInputSchema(INPUT)
                    .addCalls(
                        AggregateCall.newBuilder()
                            .setFunction(AggregateFunction.COUNT_STAR)
                            .setName("n")))
            .build();
    assertThatThrownBy(
            () ->
                HCombMerge.compile(
                    HCombPlan.newBuilder().setInputSchema(INPUT).setMerge(partial).build()))
        .isInstanceOfSatisfying(
            BuzzException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL))
        .hasMessageContaining("a merge must be FINAL");
    assertThatThrownBy(
            () ->
                HCombMerge.compile(
                    HCombPlan.newBuilder()
                        .setInputSchema(INPUT)
                        .setOutputSchema(schema(field("x", DataType.BOOL)))
                        .build()))
        .hasMessageContaining("output_schema");
    assertThatThrownBy(
            () ->
                HCombMerge.compile(
                    HCombPlan.newBuilder()
                        .setInputSchema(INPUT)
                        .setMerge(Plans.filter(lit(true)))
                        .build()))
        .hasMessageContaining("cannot merge partial results");
  }
}
