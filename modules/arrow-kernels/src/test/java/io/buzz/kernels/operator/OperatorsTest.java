package io.buzz.kernels.operator;

import static io.buzz.kernels.batch.ColumnType.BOOL;
import static io.buzz.kernels.batch.ColumnType.INT64;
import static io.buzz.kernels.batch.ColumnType.UTF8;
import static io.buzz.kernels.testing.TestBatches.batch;
import static io.buzz.kernels.testing.TestBatches.row;
import static io.buzz.kernels.testing.TestBatches.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.buzz.kernels.KernelException;
import io.buzz.kernels.batch.Batch;
import io.buzz.kernels.batch.ColumnType;
import io.buzz.kernels.batch.Selection;
import io.buzz.kernels.expr.ArithmeticExpression;
import io.buzz.kernels.expr.ArithmeticOperation;
import io.buzz.kernels.expr.ColumnReference;
import io.buzz.kernels.expr.ComparisonExpression;
import io.buzz.kernels.expr.ComparisonOperation;
import io.buzz.kernels.expr.Expression;
import io.buzz.kernels.expr.Literal;
import io.buzz.kernels.expr.TakeKernel;
import io.buzz.kernels.testing.TestBatches.Column;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.types.pojo.Field;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OperatorsTest {
  private final BufferAllocator allocator = new RootAllocator();

  @AfterEach
  void closeAllocator() {
    allocator.close();
  }

  @Test
  void takeGathersEveryTypeWithNulls() {
    try (Batch input = AllTypes.batch(allocator, 200)) {
      Selection selection = new Selection(10);
      int[] picks = {0, 3, 3, 64, 65, 127, 128, 150, 199, 8};
      for (int pick : picks) {
        selection.add(pick);
      }
      try (Batch taken = TakeKernel.take(input, selection, allocator)) {
        assertThat(taken.schema()).isEqualTo(input.schema());
        List<List<Object>> expected = new ArrayList<>();
        List<List<Object>> all = rows(input);
        for (int pick : picks) {
          expected.add(all.get(pick));
        }
        assertThat(rows(taken)).isEqualTo(expected);
      }
      try (Batch none = TakeKernel.take(input, new Selection(0), allocator)) {
        assertThat(none.rowCount()).isZero();
      }
    }
  }

  @Test
  void filterSelectsTrueRowsAndCompacts() {
    try (Batch input =
        batch(
            allocator,
            Column.of("x", INT64, 1L, 5L, null, 7L, 2L),
            Column.of("s", UTF8, "a", "b", "c", null, "e"))) {
      Expression predicate =
          new ComparisonExpression(
              ComparisonOperation.GREATER_THAN, new ColumnReference(0, INT64), Literal.ofInt64(1));
      FilterOperator filter = new FilterOperator(input.schema(), predicate, allocator);
      Selection selection = filter.select(input, null);
      assertThat(selection.count()).isEqualTo(3);
      assertThat(new int[] {selection.get(0), selection.get(1), selection.get(2)})
          .containsExactly(1, 3, 4);
      Selection within = new Selection(2);
      within.add(0);
      within.add(3);
      Selection narrowed = filter.select(input, within);
      assertThat(narrowed.count()).isEqualTo(1);
      assertThat(narrowed.get(0)).isEqualTo(3);
      try (Batch out = filter.apply(input.slice(0, 5, allocator))) {
        assertThat(rows(out)).containsExactly(row(5L, "b"), row(7L, null), row(2L, "e"));
      }
    }
  }

  @Test
  void filterPassingEveryRowReturnsItsInputAndNoneGivesEmpty() {
    try (Batch input = batch(allocator, Column.of("b", BOOL, true, true))) {
      FilterOperator all =
          new FilterOperator(input.schema(), new ColumnReference(0, BOOL), allocator);
      Batch copy = input.slice(0, 2, allocator);
      try (Batch out = all.apply(copy)) {
        assertThat(out).isSameAs(copy);
      }
      FilterOperator none = new FilterOperator(input.schema(), Literal.ofBool(false), allocator);
      try (Batch out = none.apply(input.slice(0, 2, allocator))) {
        assertThat(out.rowCount()).isZero();
        assertThat(out.schema()).isEqualTo(input.schema());
      }
    }
  }

  @Test
  void projectEvaluatesOverASelectionAndRenames() {
    try (Batch input =
        batch(
            allocator,
            Column.of("x", INT64, 1L, 2L, 3L, 4L),
            Column.of("s", UTF8, "a", "b", null, "d"))) {
      Expression x = new ColumnReference(0, INT64);
      ProjectOperator project =
          new ProjectOperator(
              List.of(
                  new ColumnReference(1, UTF8),
                  new ArithmeticExpression(ArithmeticOperation.MULTIPLY, x, x)),
              List.of(UTF8.field("label", true), INT64.field("square", false)),
              allocator);
      Selection selection = new Selection(2);
      selection.add(1);
      selection.add(2);
      try (Batch out = project.apply(input.slice(0, 4, allocator), selection)) {
        assertThat(out.schema().getFields().get(0).getName()).isEqualTo("label");
        assertThat(out.column(1).getField().getName()).isEqualTo("square");
        assertThat(out.column(1).getField().isNullable()).isFalse();
        assertThat(rows(out)).containsExactly(row("b", 4L), row(null, 9L));
      }
      try (Batch out = project.apply(input.slice(0, 4, allocator))) {
        assertThat(out.rowCount()).isEqualTo(4);
        assertThat(rows(out).get(3)).isEqualTo(row("d", 16L));
      }
    }
  }

  @Test
  void projectRejectsAFieldOfAnotherType() {
    assertThatThrownBy(
            () ->
                new ProjectOperator(
                    List.of(Literal.ofInt64(1)), List.<Field>of(UTF8.field("x", true)), allocator))
        .isInstanceOf(KernelException.class)
        .hasMessageContaining("x is UTF8");
  }

  private Batch numbers(long from, int count) {
    List<Object> values = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      values.add(from + i);
    }
    return batch(allocator, new Column("n", INT64, values));
  }

  @Test
  void limitKeepsTheFirstRowsAndSaturates() {
    try (Batch schemaSource = numbers(0, 0);
        LimitOperator limit =
            new LimitOperator(schemaSource.schema(), 3, OptionalLong.of(4), allocator)) {
      limit.add(numbers(0, 2));
      assertThat(limit.isSaturated()).isFalse();
      limit.add(numbers(2, 4));
      assertThat(limit.isSaturated()).isFalse();
      limit.add(numbers(6, 5));
      assertThat(limit.isSaturated()).isTrue();
      limit.add(numbers(100, 5)); // ignored
      assertThat(limit.memoryBytes()).isPositive();
      List<Batch> out = limit.finish();
      assertThat(rows(out)).containsExactly(row(3L), row(4L), row(5L), row(6L));
      out.forEach(Batch::close);
    }
  }

  @Test
  void limitAbsorbsAttemptsUntilFullAndHandlesNoFetch() {
    try (Batch schemaSource = numbers(0, 0)) {
      LimitOperator query =
          new LimitOperator(schemaSource.schema(), 1, OptionalLong.of(3), allocator);
      LimitOperator attempt =
          new LimitOperator(schemaSource.schema(), 1, OptionalLong.of(3), allocator);
      query.add(numbers(10, 2));
      attempt.add(numbers(20, 5));
      query.absorb(attempt);
      assertThat(query.isSaturated()).isTrue();
      List<Batch> out = query.finish();
      assertThat(rows(out)).containsExactly(row(11L), row(20L), row(21L));
      out.forEach(Batch::close);
      query.close();
      assertThatThrownBy(
              () ->
                  query.absorb(
                      new LimitOperator(schemaSource.schema(), 0, OptionalLong.of(3), allocator)))
          .isInstanceOf(IllegalArgumentException.class);

      try (LimitOperator offsetOnly =
          new LimitOperator(schemaSource.schema(), 2, OptionalLong.empty(), allocator)) {
        offsetOnly.add(numbers(0, 3));
        offsetOnly.add(numbers(3, 2));
        assertThat(offsetOnly.isSaturated()).isFalse();
        List<Batch> rest = offsetOnly.finish();
        assertThat(rows(rest)).containsExactly(row(2L), row(3L), row(4L));
        rest.forEach(Batch::close);
      }
      try (LimitOperator zero =
          new LimitOperator(schemaSource.schema(), 0, OptionalLong.of(0), allocator)) {
        assertThat(zero.isSaturated()).isTrue();
        zero.add(numbers(0, 3));
        assertThat(zero.finish()).isEmpty();
      }
    }
  }

  @Test
  void collectKeepsEverythingUpToItsByteLimit() {
    try (Batch schemaSource = numbers(0, 0)) {
      CollectOperator query = new CollectOperator(schemaSource.schema(), 1 << 20, allocator);
      CollectOperator attempt = new CollectOperator(schemaSource.schema(), 1 << 20, allocator);
      query.add(numbers(0, 2));
      attempt.add(numbers(2, 2));
      attempt.add(numbers(4, 0));
      query.absorb(attempt);
      assertThat(query.memoryBytes()).isPositive();
      List<Batch> out = query.finish();
      assertThat(rows(out)).containsExactly(row(0L), row(1L), row(2L), row(3L));
      out.forEach(Batch::close);
      query.close();

      try (CollectOperator tiny = new CollectOperator(schemaSource.schema(), 100, allocator)) {
        assertThatThrownBy(() -> tiny.add(numbers(0, 1000)))
            .isInstanceOfSatisfying(
                KernelException.class,
                e -> assertThat(e.kind()).isEqualTo(KernelException.Kind.LIMIT_EXCEEDED))
            .hasMessageContaining("limit of 100 bytes");
      }
    }
  }

  @Test
  void selectionOverEveryTypeThroughProject() {
    try (Batch input = AllTypes.batch(allocator, 130)) {
      List<Expression> columns = new ArrayList<>();
      List<String> names = new ArrayList<>();
      for (int c = 0; c < input.columnCount(); c++) {
        ColumnType type = input.columnType(c);
        columns.add(new ColumnReference(c, type));
        names.add("c" + c);
      }
      Selection odd = new Selection(65);
      for (int i = 1; i < 130; i += 2) {
        odd.add(i);
      }
      List<List<Object>> all = rows(input);
      try (Batch out =
          ProjectOperator.of(columns, names, allocator)
              .apply(input.slice(0, 130, allocator), odd)) {
        for (int k = 0; k < odd.count(); k++) {
          assertThat(rows(out).get(k)).isEqualTo(all.get(odd.get(k)));
        }
      }
    }
  }
}
