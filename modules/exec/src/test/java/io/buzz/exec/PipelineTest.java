package io.buzz.exec;

import static io.buzz.exec.Batches.batch;
import static io.buzz.exec.Batches.drain;
import static io.buzz.exec.Batches.row;
import static io.buzz.exec.Plans.call;
import static io.buzz.exec.Plans.col;
import static io.buzz.exec.Plans.field;
import static io.buzz.exec.Plans.filter;
import static io.buzz.exec.Plans.limit;
import static io.buzz.exec.Plans.lit;
import static io.buzz.exec.Plans.nullOf;
import static io.buzz.exec.Plans.project;
import static io.buzz.exec.Plans.schema;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import io.buzz.exec.Batches.Column;
import io.buzz.kernels.batch.Batch;
import io.buzz.kernels.batch.ColumnType;
import io.buzz.protocol.plan.DataType;
import io.buzz.protocol.plan.Expr;
import io.buzz.protocol.plan.Function;
import io.buzz.protocol.plan.Operator;
import io.buzz.protocol.plan.Schema;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PipelineTest {
  private static final Schema TRIPS =
      schema(
          field("vendor", DataType.UTF8),
          field("distance", DataType.FLOAT64),
          field("passengers", DataType.INT64),
          field("paid", DataType.BOOL));

  private final BufferAllocator allocator = new RootAllocator();

  @AfterEach
  void closeAllocator() {
    allocator.close();
  }

  private Batch trips() {
    return batch(
        allocator,
        Column.of("vendor", ColumnType.UTF8, "CMT", "VTS", null, "DDS", "CMT"),
        Column.of("distance", ColumnType.FLOAT64, 1.5, 12.0, 3.25, null, 0.0),
        Column.of("passengers", ColumnType.INT64, 1L, 2L, 0L, 4L, null),
        Column.of("paid", ColumnType.BOOL, true, null, false, true, null));
  }

  private List<List<Object>> run(List<Operator> operators, Schema input, Batch... batches) {
    try (Pipeline pipeline = Pipeline.compile(operators, input, allocator)) {
      List<Batch> out = new ArrayList<>();
      for (Batch batch : batches) {
        out.addAll(pipeline.push(batch));
      }
      out.addAll(pipeline.finish());
      return drain(out);
    }
  }

  @Test
  void filterThenProjectReadsOnlySelectedRows() {
    // WHERE distance > 2.0 SELECT vendor, passengers * 10 AS p10, CAST(distance AS UTF8)
    List<Operator> operators =
        List.of(
            filter(call(Function.GREATER_THAN, DataType.BOOL, col(1, DataType.FLOAT64), lit(2.0))),
            project(
                "vendor", col(0, DataType.UTF8),
                "p10", call(Function.MULTIPLY, DataType.INT64, col(2, DataType.INT64), lit(10L)),
                "d", call(Function.CAST, DataType.UTF8, col(1, DataType.FLOAT64))));
    try (Pipeline pipeline = Pipeline.compile(operators, TRIPS, allocator)) {
      assertThat(pipeline.outputSchema().getFields())
          .extracting(f -> f.getName())
          .containsExactly("vendor", "p10", "d");
      List<Batch> out = pipeline.push(trips());
      assertThat(drain(out)).containsExactly(row("VTS", 20L, "12.0"), row(null, 0L, "3.25"));
      assertThat(pipeline.finish()).isEmpty();
    }
  }

  @Test
  void threeValuedLogicInFiltersKeepsOnlyTrue() {
    // WHERE paid OR passengers > 3  -> rows: T, NULL OR F = NULL, F OR F, T, NULL OR NULL
    Expr predicate =
        call(
            Function.OR,
            DataType.BOOL,
            col(3, DataType.BOOL),
            call(Function.GREATER_THAN, DataType.BOOL, col(2, DataType.INT64), lit(3L)));
    List<List<Object>> rows =
        run(List.of(filter(predicate), project("v", col(0, DataType.UTF8))), TRIPS, trips());
    assertThat(rows).containsExactly(row("CMT"), row("DDS"));
    // NOT paid IS NOT FALSE keeps NULLs: SELECT paid IS NOT TRUE, NOT paid
    List<List<Object>> tests =
        run(
            List.of(
                project(
                    "not_true", call(Function.IS_NOT_TRUE, DataType.BOOL, col(3, DataType.BOOL)),
                    "not", call(Function.NOT, DataType.BOOL, col(3, DataType.BOOL)),
                    "and",
                        call(
                            Function.AND,
                            DataType.BOOL,
                            col(3, DataType.BOOL),
                            nullOf(DataType.BOOL)))),
            TRIPS,
            trips());
    assertThat(tests)
        .containsExactly(
            row(false, false, null),
            row(true, null, null),
            row(true, true, false),
            row(false, false, null),
            row(true, null, null));
  }

  @Test
  void caseAndCastsThroughAPlan() {
    // CASE WHEN passengers = 0 THEN 'empty' WHEN passengers > 1 THEN 'group' ELSE 'solo' END,
    // CAST('  42 ' AS INT64) + passengers
    Expr label =
        call(
            Function.CASE,
            DataType.UTF8,
            call(Function.EQUAL, DataType.BOOL, col(2, DataType.INT64), lit(0L)),
            lit("empty"),
            call(Function.GREATER_THAN, DataType.BOOL, col(2, DataType.INT64), lit(1L)),
            lit("group"),
            lit("solo"));
    Expr parsed =
        call(
            Function.ADD,
            DataType.INT64,
            call(Function.CAST, DataType.INT64, lit("  42 ")),
            col(2, DataType.INT64));
    List<List<Object>> rows = run(List.of(project("label", label, "n", parsed)), TRIPS, trips());
    assertThat(rows)
        .containsExactly(
            row("solo", 43L),
            row("group", 44L),
            row("empty", 42L),
            row("group", 46L),
            row("solo", null));
  }

  @Test
  void arithmeticAndCastErrorsSurfaceAsBadQuery() {
    List<Operator> divide =
        List.of(
            project("x", call(Function.DIVIDE, DataType.INT64, lit(10L), col(2, DataType.INT64))));
    try (Pipeline pipeline = Pipeline.compile(divide, TRIPS, allocator)) {
      assertThatThrownBy(() -> pipeline.push(trips()))
          .isInstanceOfSatisfying(
              BuzzException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_QUERY))
          .hasMessageContaining("division by zero in DIVIDE");
    }
    List<Operator> cast =
        List.of(project("x", call(Function.CAST, DataType.INT64, col(0, DataType.UTF8))));
    try (Pipeline pipeline = Pipeline.compile(cast, TRIPS, allocator)) {
      assertThatThrownBy(() -> pipeline.push(trips()))
          .isInstanceOfSatisfying(
              BuzzException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_QUERY))
          .hasMessageContaining("'CMT' to INT64");
    }
  }

  @Test
  void limitSaturatesAndItsOutputFlowsThroughTheRestAtFinish() {
    Schema numbers = schema(field("n", DataType.INT64));
    List<Operator> operators =
        List.of(
            filter(
                call(
                    Function.EQUAL,
                    DataType.BOOL,
                    call(Function.MODULO, DataType.INT64, col(0, DataType.INT64), lit(2L)),
                    lit(0L))),
            limit(1, 3L),
            project(
                "half", call(Function.DIVIDE, DataType.INT64, col(0, DataType.INT64), lit(2L))));
    try (Pipeline pipeline = Pipeline.compile(operators, numbers, allocator)) {
      assertThat(pipeline.isSaturated()).isFalse();
      assertThat(pipeline.push(batch(allocator, Column.of("n", ColumnType.INT64, 0L, 1L, 2L, 3L))))
          .isEmpty();
      assertThat(pipeline.isSaturated()).isFalse();
      assertThat(pipeline.push(batch(allocator, Column.of("n", ColumnType.INT64, 4L, 5L, 6L, 8L))))
          .isEmpty();
      assertThat(pipeline.isSaturated()).isTrue();
      // ignored once saturated
      assertThat(pipeline.push(batch(allocator, Column.of("n", ColumnType.INT64, 10L)))).isEmpty();
      assertThat(drain(pipeline.finish())).containsExactly(row(1L), row(2L), row(3L));
      assertThat(pipeline.outputSchema().getFields().get(0).getName()).isEqualTo("half");
    }
  }

  @Test
  void zeroRowBatchesAndEmptyResultsAreHandled() {
    List<Operator> operators = List.of(filter(lit(false)), limit(0, null));
    Schema numbers = schema(field("n", DataType.INT64));
    assertThat(run(operators, numbers, batch(allocator, Column.of("n", ColumnType.INT64, 1L, 2L))))
        .isEmpty();
    assertThat(run(List.of(), numbers, batch(allocator, Column.of("n", ColumnType.INT64))))
        .isEmpty();
    assertThat(run(List.of(), numbers, batch(allocator, Column.of("n", ColumnType.INT64, 7L))))
        .containsExactly(row(7L));
  }

  @Test
  void brokenPlansAreInternalErrorsNamingTheOperator() {
    assertThatThrownBy(
            () ->
                Pipeline.compile(
                    List.of(limit(0, 1L), filter(col(7, DataType.BOOL))), TRIPS, allocator))
        .isInstanceOfSatisfying(
            BuzzException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL))
        .hasMessageContaining("operators[1] (Filter).predicate")
        .hasMessageContaining("column 7 out of range");
    assertThatThrownBy(
            () -> Pipeline.compile(List.of(filter(col(1, DataType.FLOAT64))), TRIPS, allocator))
        .hasMessageContaining("predicate is FLOAT64, not BOOL")
        .isInstanceOf(BuzzException.class);
    assertThatThrownBy(() -> Pipeline.compile(List.of(limit(-1, null)), TRIPS, allocator))
        .hasMessageContaining("operators[0] (Limit)");
    assertThatThrownBy(
            () -> Pipeline.compile(List.of(Operator.getDefaultInstance()), TRIPS, allocator))
        .hasMessageContaining("operator has no kind");
  }
}
