package io.buzz.kernels.expr;

import static io.buzz.kernels.batch.ColumnType.BOOL;
import static io.buzz.kernels.batch.ColumnType.INT64;
import static io.buzz.kernels.batch.ColumnType.UTF8;
import static io.buzz.kernels.testing.TestBatches.batch;
import static io.buzz.kernels.testing.TestBatches.values;
import static org.assertj.core.api.Assertions.assertThat;

import io.buzz.kernels.batch.Batch;
import io.buzz.kernels.batch.ColumnType;
import io.buzz.kernels.batch.Selection;
import io.buzz.kernels.testing.TestBatches;
import io.buzz.kernels.testing.TestBatches.Column;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CaseExpressionTest {
  private final BufferAllocator allocator = new RootAllocator();

  @AfterEach
  void closeAllocator() {
    allocator.close();
  }

  private List<Object> eval(Expression expression, Batch input, Selection selection) {
    try (FieldVector result = expression.evaluate(input, selection, allocator)) {
      return values(result);
    }
  }

  private static Expression compare(ComparisonOperation op, Expression l, Expression r) {
    return new ComparisonExpression(op, l, r);
  }

  @Test
  void branchesAreLazyAndNullConditionsFallThrough() {
    // CASE WHEN x = 0 THEN 0 WHEN x < 0 THEN -x ELSE 100 / x END
    try (Batch input = batch(allocator, Column.of("x", INT64, 0L, -4L, 25L, null, 0L, 3L))) {
      Expression x = new ColumnReference(0, INT64);
      Expression expression =
          new CaseExpression(
              List.of(
                  compare(ComparisonOperation.EQUAL, x, Literal.ofInt64(0)),
                  compare(ComparisonOperation.LESS_THAN, x, Literal.ofInt64(0))),
              List.of(Literal.ofInt64(0), new NegateExpression(x)),
              new ArithmeticExpression(ArithmeticOperation.DIVIDE, Literal.ofInt64(100), x));
      assertThat(eval(expression, input, null)).containsExactly(0L, 4L, 4L, null, 0L, 33L);
      Selection some = new Selection(3);
      some.add(1);
      some.add(4);
      some.add(5);
      assertThat(eval(expression, input, some)).containsExactly(4L, 0L, 33L);
    }
  }

  @Test
  void utf8BranchesInterleaveInRowOrder() {
    List<Object> xs = new ArrayList<>();
    List<Object> expected = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      xs.add(i % 11 == 0 ? null : (long) i);
      expected.add(
          i % 11 == 0 ? null : i % 3 == 0 ? "three" : i % 2 == 0 ? Integer.toString(i) : null);
    }
    try (Batch input = batch(allocator, new Column("x", INT64, xs))) {
      Expression x = new ColumnReference(0, INT64);
      Expression mod3 =
          compare(
              ComparisonOperation.EQUAL,
              new ArithmeticExpression(ArithmeticOperation.MODULO, x, Literal.ofInt64(3)),
              Literal.ofInt64(0));
      Expression mod2 =
          compare(
              ComparisonOperation.EQUAL,
              new ArithmeticExpression(ArithmeticOperation.MODULO, x, Literal.ofInt64(2)),
              Literal.ofInt64(0));
      Expression expression =
          new CaseExpression(
              List.of(mod3, mod2),
              List.of(
                  Literal.ofUtf8("three"),
                  new CastExpression(
                      new ArithmeticExpression(ArithmeticOperation.ADD, x, Literal.ofInt64(0)),
                      UTF8)),
              Literal.nullOf(UTF8));
      assertThat(eval(expression, input, null)).isEqualTo(expected);
    }
  }

  @Test
  void singleBranchTakingEveryRowAndElseOnly() {
    try (Batch input =
        batch(allocator, Column.of("b", BOOL, true, true), Column.of("v", INT64, 1L, 2L))) {
      Expression b = new ColumnReference(0, BOOL);
      Expression v = new ColumnReference(1, INT64);
      assertThat(eval(new CaseExpression(List.of(b), List.of(v), Literal.ofInt64(9)), input, null))
          .containsExactly(1L, 2L);
      assertThat(
              eval(
                  new CaseExpression(List.of(new NotExpression(b)), List.of(v), Literal.ofInt64(9)),
                  input,
                  null))
          .containsExactly(9L, 9L);
      for (ColumnType type : ColumnType.values()) {
        Expression otherwise = Literal.nullOf(TestBatches.arrowType(type));
        assertThat(
                eval(
                    new CaseExpression(
                        List.of(Literal.nullOf(BOOL)), List.of(otherwise), otherwise),
                    input,
                    null))
            .containsExactly(null, null);
      }
    }
  }
}
