package io.buzz.kernels.expr;

import static io.buzz.kernels.batch.ColumnType.BOOL;
import static io.buzz.kernels.batch.ColumnType.DATE32;
import static io.buzz.kernels.batch.ColumnType.FLOAT64;
import static io.buzz.kernels.batch.ColumnType.INT32;
import static io.buzz.kernels.batch.ColumnType.INT64;
import static io.buzz.kernels.batch.ColumnType.TIMESTAMP_MICROS;
import static io.buzz.kernels.batch.ColumnType.UTF8;
import static io.buzz.kernels.testing.TestBatches.batch;
import static io.buzz.kernels.testing.TestBatches.values;
import static org.assertj.core.api.Assertions.assertThat;

import io.buzz.kernels.batch.Batch;
import io.buzz.kernels.batch.ColumnType;
import io.buzz.kernels.batch.Selection;
import io.buzz.kernels.expr.LogicalExpression.Connective;
import io.buzz.kernels.testing.TestBatches;
import io.buzz.kernels.testing.TestBatches.Column;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ComparisonAndLogicTest {
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

  private List<List<Object>> compareAll(ColumnType type, Object[] left, Object[] right) {
    List<List<Object>> results = new ArrayList<>();
    try (Batch input = batch(allocator, Column.of("l", type, left), Column.of("r", type, right))) {
      for (ComparisonOperation op : ComparisonOperation.values()) {
        results.add(
            eval(
                new ComparisonExpression(
                    op, new ColumnReference(0, type), new ColumnReference(1, type)),
                input,
                null));
      }
    }
    return results;
  }

  @Test
  void everyTypeComparesWithNullsGivingNull() {
    Object[][] cases = {
      {INT32, new Object[] {1, 2, 3, null}, new Object[] {2, 2, 2, 2}},
      {INT64, new Object[] {1L, 2L, 3L, null}, new Object[] {2L, 2L, 2L, 2L}},
      {FLOAT64, new Object[] {1.0, 2.0, 3.0, null}, new Object[] {2.0, 2.0, 2.0, 2.0}},
      {UTF8, new Object[] {"a", "b", "c", null}, new Object[] {"b", "b", "b", "b"}},
      {DATE32, new Object[] {-1, 0, 1, null}, new Object[] {0, 0, 0, 0}},
      {TIMESTAMP_MICROS, new Object[] {-5L, 0L, 5L, null}, new Object[] {0L, 0L, 0L, 0L}},
      {BOOL, new Object[] {false, true, true, null}, new Object[] {true, true, false, true}},
    };
    for (Object[] c : cases) {
      List<List<Object>> results = compareAll((ColumnType) c[0], (Object[]) c[1], (Object[]) c[2]);
      // order: EQUAL, NOT_EQUAL, LT, LE, GT, GE over rows less, equal, greater, null
      assertThat(results)
          .as("type %s", c[0])
          .containsExactly(
              Arrays.asList(false, true, false, null),
              Arrays.asList(true, false, true, null),
              Arrays.asList(true, false, false, null),
              Arrays.asList(true, true, false, null),
              Arrays.asList(false, false, true, null),
              Arrays.asList(false, true, true, null));
    }
  }

  @Test
  void nullRowIsNullForEveryComparison() {
    List<List<Object>> results =
        compareAll(INT64, new Object[] {null, 1L}, new Object[] {1L, null});
    for (List<Object> result : results) {
      assertThat(result).containsExactly(null, null);
    }
  }

  @Test
  void utf8ComparesBytewiseAndDoublesOrderNanLast() {
    Object[] left = {"abc", "abcdefghij", "é", "abcdefgh1", "", "Z"};
    Object[] right = {"abd", "abcdefghi", "z", "abcdefgh2", "a", "a"};
    List<Object> lessThan = compareAll(UTF8, left, right).get(2);
    // 'é' (0xC3 0xA9) sorts after 'z' in code-point order; 'Z' < 'a'
    assertThat(lessThan).containsExactly(true, false, false, true, true, true);

    Object[] x = {Double.NaN, Double.NaN, -0.0, 1.0, Double.NEGATIVE_INFINITY};
    Object[] y = {Double.NaN, Double.POSITIVE_INFINITY, 0.0, Double.NaN, -1e308};
    List<List<Object>> results = compareAll(FLOAT64, x, y);
    assertThat(results.get(0)).isEqualTo(List.of(true, false, true, false, false)); // EQUAL
    assertThat(results.get(4)).isEqualTo(List.of(false, true, false, false, false)); // GT
  }

  @Test
  void andOrFollowThreeValuedLogic() {
    Object[] p = {true, true, true, false, false, false, null, null, null};
    Object[] q = {true, false, null, true, false, null, true, false, null};
    try (Batch input = batch(allocator, Column.of("p", BOOL, p), Column.of("q", BOOL, q))) {
      List<Expression> operands =
          List.of(new ColumnReference(0, BOOL), new ColumnReference(1, BOOL));
      assertThat(eval(new LogicalExpression(Connective.AND, operands), input, null))
          .containsExactly(true, false, null, false, false, false, null, false, null);
      assertThat(eval(new LogicalExpression(Connective.OR, operands), input, null))
          .containsExactly(true, true, true, true, false, null, true, null, null);
      assertThat(eval(new NotExpression(operands.get(0)), input, null))
          .containsExactly(false, false, false, true, true, true, null, null, null);
      Expression pRef = operands.get(0);
      assertThat(
              eval(
                  new BooleanTestExpression(BooleanTestExpression.Check.IS_NULL, pRef),
                  input,
                  null))
          .containsExactly(false, false, false, false, false, false, true, true, true);
      assertThat(
              eval(
                  new BooleanTestExpression(BooleanTestExpression.Check.IS_NOT_NULL, pRef),
                  input,
                  null))
          .containsExactly(true, true, true, true, true, true, false, false, false);
      assertThat(
              eval(
                  new BooleanTestExpression(BooleanTestExpression.Check.IS_TRUE, pRef),
                  input,
                  null))
          .containsExactly(true, true, true, false, false, false, false, false, false);
      assertThat(
              eval(
                  new BooleanTestExpression(BooleanTestExpression.Check.IS_NOT_TRUE, pRef),
                  input,
                  null))
          .containsExactly(false, false, false, true, true, true, true, true, true);
      assertThat(
              eval(
                  new BooleanTestExpression(BooleanTestExpression.Check.IS_FALSE, pRef),
                  input,
                  null))
          .containsExactly(false, false, false, true, true, true, false, false, false);
      assertThat(
              eval(
                  new BooleanTestExpression(BooleanTestExpression.Check.IS_NOT_FALSE, pRef),
                  input,
                  null))
          .containsExactly(true, true, true, false, false, false, true, true, true);
    }
  }

  @Test
  void andSkipsLaterOperandsForDecidedRowsAndHonoursSelection() {
    // x <> 0 AND 10 / x > 1: the division never sees x = 0
    try (Batch input = batch(allocator, Column.of("x", INT64, 0L, 5L, 20L, null, 0L, 2L))) {
      Expression x = new ColumnReference(0, INT64);
      Expression nonZero =
          new ComparisonExpression(ComparisonOperation.NOT_EQUAL, x, Literal.ofInt64(0));
      Expression ratio =
          new ComparisonExpression(
              ComparisonOperation.GREATER_THAN,
              new ArithmeticExpression(ArithmeticOperation.DIVIDE, Literal.ofInt64(10), x),
              Literal.ofInt64(1));
      Expression and = new LogicalExpression(Connective.AND, List.of(nonZero, ratio));
      assertThat(eval(and, input, null)).containsExactly(false, true, false, null, false, true);
      Selection some = new Selection(3);
      some.add(1);
      some.add(3);
      some.add(4);
      assertThat(eval(and, input, some)).containsExactly(true, null, false);
      Expression or =
          new LogicalExpression(
              Connective.OR, List.of(new NotExpression(nonZero), ratio, Literal.nullOf(BOOL)));
      assertThat(eval(or, input, null)).containsExactly(true, true, null, null, true, true);
    }
  }

  @Test
  void literalsOfEveryTypeIncludingTypedNull() {
    try (Batch input = batch(allocator, Column.of("x", INT32, 1, 2, 3))) {
      assertThat(eval(Literal.ofBool(true), input, null)).containsExactly(true, true, true);
      assertThat(eval(Literal.ofInt32(7), input, null)).containsExactly(7, 7, 7);
      assertThat(eval(Literal.ofInt64(-7), input, null)).containsExactly(-7L, -7L, -7L);
      assertThat(eval(Literal.ofFloat64(0.5), input, null)).containsExactly(0.5, 0.5, 0.5);
      assertThat(eval(Literal.ofUtf8("hé"), input, null)).containsExactly("hé", "hé", "hé");
      assertThat(eval(Literal.ofDate32(-3), input, null)).containsExactly(-3, -3, -3);
      assertThat(eval(Literal.ofTimestampMicros(9), input, null)).containsExactly(9L, 9L, 9L);
      for (ColumnType type : ColumnType.values()) {
        assertThat(eval(Literal.nullOf(TestBatches.arrowType(type)), input, null))
            .containsExactly(null, null, null);
      }
      Selection one = new Selection(1);
      one.add(2);
      assertThat(eval(Literal.ofUtf8("x"), input, one)).containsExactly("x");
    }
  }
}
