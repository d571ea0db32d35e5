package io.buzz.kernels.expr;

import static io.buzz.kernels.batch.ColumnType.FLOAT64;
import static io.buzz.kernels.batch.ColumnType.INT32;
import static io.buzz.kernels.batch.ColumnType.INT64;
import static io.buzz.kernels.testing.TestBatches.batch;
import static io.buzz.kernels.testing.TestBatches.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.buzz.kernels.KernelException;
import io.buzz.kernels.batch.Batch;
import io.buzz.kernels.batch.Selection;
import io.buzz.kernels.testing.TestBatches.Column;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ArithmeticExpressionTest {
  private final BufferAllocator allocator = new RootAllocator();

  @AfterEach
  void closeAllocator() {
    allocator.close();
  }

  private List<Object> eval(Expression expression, Batch input, Selection selection) {
    try (FieldVector result = expression.evaluate(input, selection, allocator)) {
      assertThat(result.getValueCount()).isEqualTo(Vectors.rowCount(input, selection));
      return values(result);
    }
  }

  private static Expression op(ArithmeticOperation op, Expression l, Expression r) {
    return new ArithmeticExpression(op, l, r);
  }

  @Test
  void int64OperationsWithNulls() {
    try (Batch input =
        batch(
            allocator,
            Column.of("a", INT64, 7L, -7L, null, 9L, 0L),
            Column.of("b", INT64, 2L, 2L, 5L, null, -3L))) {
      Expression a = new ColumnReference(0, INT64);
      Expression b = new ColumnReference(1, INT64);
      assertThat(eval(op(ArithmeticOperation.ADD, a, b), input, null))
          .containsExactly(9L, -5L, null, null, -3L);
      assertThat(eval(op(ArithmeticOperation.SUBTRACT, a, b), input, null))
          .containsExactly(5L, -9L, null, null, 3L);
      assertThat(eval(op(ArithmeticOperation.MULTIPLY, a, b), input, null))
          .containsExactly(14L, -14L, null, null, 0L);
      assertThat(eval(op(ArithmeticOperation.DIVIDE, a, b), input, null))
          .containsExactly(3L, -3L, null, null, 0L);
      assertThat(eval(op(ArithmeticOperation.MODULO, a, b), input, null))
          .containsExactly(1L, -1L, null, null, 0L);
      assertThat(eval(new NegateExpression(a), input, null))
          .containsExactly(-7L, 7L, null, -9L, 0L);
    }
  }

  @Test
  void int32DivisionTruncatesAndModuloTakesDividendSign() {
    try (Batch input =
        batch(allocator, Column.of("a", INT32, -7, 7, -7), Column.of("b", INT32, 2, -2, -2))) {
      Expression a = new ColumnReference(0, INT32);
      Expression b = new ColumnReference(1, INT32);
      assertThat(eval(op(ArithmeticOperation.DIVIDE, a, b), input, null))
          .containsExactly(-3, -3, 3);
      assertThat(eval(op(ArithmeticOperation.MODULO, a, b), input, null))
          .containsExactly(-1, 1, -1);
    }
  }

  @Test
  void overflowAndDivisionByZeroThrowNamingTheOperation() {
    try (Batch input =
        batch(
            allocator,
            Column.of("a", INT64, 1L, Long.MAX_VALUE),
            Column.of("b", INT64, 0L, 1L),
            Column.of("c", INT32, 1, Integer.MIN_VALUE),
            Column.of("d", INT32, 1, -1))) {
      Expression a = new ColumnReference(0, INT64);
      Expression b = new ColumnReference(1, INT64);
      Expression c = new ColumnReference(2, INT32);
      Expression d = new ColumnReference(3, INT32);
      assertArithmetic(op(ArithmeticOperation.ADD, a, b), input, "ADD");
      assertArithmetic(op(ArithmeticOperation.DIVIDE, a, b), input, "division by zero in DIVIDE");
      assertArithmetic(op(ArithmeticOperation.MODULO, a, b), input, "division by zero in MODULO");
      assertArithmetic(op(ArithmeticOperation.MULTIPLY, a, Literal.ofInt64(2)), input, "MULTIPLY");
      assertArithmetic(
          op(ArithmeticOperation.SUBTRACT, new NegateExpression(a), Literal.ofInt64(2)),
          input,
          "SUBTRACT");
      assertArithmetic(op(ArithmeticOperation.DIVIDE, c, d), input, "integer overflow in DIVIDE");
      assertArithmetic(
          op(ArithmeticOperation.MULTIPLY, c, d), input, "integer overflow in MULTIPLY");
      assertArithmetic(new NegateExpression(c), input, "NEGATE");
      // MIN % -1 is 0, not an error
      assertThat(eval(op(ArithmeticOperation.MODULO, c, d), input, null)).containsExactly(0, 0);
    }
  }

  @Test
  void errorsOnNullRowsOrUnselectedRowsAreIgnored() {
    try (Batch input =
        batch(
            allocator,
            Column.of("a", INT64, 1L, Long.MAX_VALUE, 10L),
            Column.of("b", INT64, null, 1L, 0L))) {
      Expression a = new ColumnReference(0, INT64);
      Expression b = new ColumnReference(1, INT64);
      Selection first = new Selection(1);
      first.add(0);
      // row 0: divisor NULL -> NULL, no error
      assertThat(eval(op(ArithmeticOperation.DIVIDE, a, b), input, first))
          .containsExactly((Object) null);
      // row 1 overflows, row 2 divides by zero; neither is selected
      assertThat(eval(op(ArithmeticOperation.ADD, a, b), input, first))
          .containsExactly((Object) null);
    }
  }

  @Test
  void float64FollowsIeee() {
    try (Batch input =
        batch(
            allocator,
            Column.of("a", FLOAT64, 1.0, -1.0, 0.0, 5.5, null),
            Column.of("b", FLOAT64, 0.0, 0.0, 0.0, -2.0, 1.0))) {
      Expression a = new ColumnReference(0, FLOAT64);
      Expression b = new ColumnReference(1, FLOAT64);
      List<Object> quotient = eval(op(ArithmeticOperation.DIVIDE, a, b), input, null);
      assertThat(quotient.subList(0, 2))
          .containsExactly(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);
      assertThat((Double) quotient.get(2)).isNaN();
      assertThat(quotient.get(3)).isEqualTo(-2.75);
      assertThat(quotient.get(4)).isNull();
      assertThat(eval(op(ArithmeticOperation.MODULO, a, b), input, null).get(3)).isEqualTo(1.5);
      assertThat(eval(new NegateExpression(a), input, null).get(3)).isEqualTo(-5.5);
    }
  }

  @Test
  void largeBatchesCrossWordBoundariesUnderASelection() {
    int rows = 1000;
    List<Object> a = new ArrayList<>();
    List<Object> b = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      a.add(i % 7 == 0 ? null : (long) i);
      b.add((long) (i * 3));
    }
    try (Batch input = batch(allocator, new Column("a", INT64, a), new Column("b", INT64, b))) {
      Selection odd = new Selection(rows);
      for (int i = 1; i < rows; i += 2) {
        odd.add(i);
      }
      List<Object> sums =
          eval(
              op(
                  ArithmeticOperation.ADD,
                  new ColumnReference(0, INT64),
                  new ColumnReference(1, INT64)),
              input,
              odd);
      for (int k = 0; k < odd.count(); k++) {
        int i = odd.get(k);
        assertThat(sums.get(k)).isEqualTo(i % 7 == 0 ? null : (long) (i + i * 3));
      }
    }
  }

  private void assertArithmetic(Expression expression, Batch input, String message) {
    assertThatThrownBy(() -> eval(expression, input, null))
        .isInstanceOfSatisfying(
            KernelException.class,
            e -> assertThat(e.kind()).isEqualTo(KernelException.Kind.ARITHMETIC))
        .hasMessageContaining(message);
  }
}
