package io.buzz.kernels.expr;

import static io.buzz.kernels.batch.ColumnType.BOOL;
import static io.buzz.kernels.testing.TestBatches.batch;
import static io.buzz.kernels.testing.TestBatches.values;
import static org.assertj.core.api.Assertions.assertThat;

import io.buzz.kernels.batch.Batch;
import io.buzz.kernels.batch.ColumnType;
import io.buzz.kernels.batch.Selection;
import io.buzz.kernels.operator.AllTypes;
import io.buzz.kernels.testing.TestBatches.Column;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Checks the fast paths against simpler evaluations of the same thing: literal operands (read as
 * scalars) against the literal materialized as a column, and n-ary AND/OR against a row-by-row
 * truth table, over several 64-row words and under selections.
 */
class DifferentialExpressionTest {
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

  private static Literal literal(ColumnType type, Object value) {
    return switch (type) {
      case BOOL -> Literal.ofBool((Boolean) value);
      case INT32 -> Literal.ofInt32((Integer) value);
      case INT64 -> Literal.ofInt64((Long) value);
      case FLOAT64 -> Literal.ofFloat64((Double) value);
      case FLOAT32 -> Literal.ofFloat32((Float) value);
      case UTF8 -> Literal.ofUtf8((String) value);
      case DATE32 -> Literal.ofDate32((Integer) value);
      case TIMESTAMP_MICROS -> Literal.ofTimestampMicros((Long) value);
      case TIME_MICROS -> Literal.ofTimeMicros((Long) value);
      case DECIMAL128 -> Literal.ofDecimal((java.math.BigDecimal) value, AllTypes.DECIMAL);
      case VARBINARY -> Literal.ofBinary(java.util.HexFormat.of().parseHex((String) value));
    };
  }

  @Test
  void literalOperandsMatchMaterializedColumns() {
    int rows = 150;
    try (Batch input = AllTypes.batch(allocator, rows)) {
      Selection odd = new Selection(rows);
      for (int i = 1; i < rows; i += 2) {
        odd.add(i);
      }
      for (int c = 0; c < input.columnCount(); c++) {
        ColumnType type = input.columnType(c);
        Object constant = AllTypes.value(type, 40);
        List<Object> repeated = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
          repeated.add(constant);
        }
        try (Batch withConstant =
            batch(
                allocator,
                new Column("x", type, values(input.column(c))),
                new Column("k", type, repeated))) {
          Expression x = new ColumnReference(0, type);
          Expression k = new ColumnReference(1, type);
          Literal lit = literal(type, constant);
          for (ComparisonOperation op : ComparisonOperation.values()) {
            for (Selection selection : new Selection[] {null, odd}) {
              List<Object> expected =
                  eval(new ComparisonExpression(op, x, k), withConstant, selection);
              assertThat(eval(new ComparisonExpression(op, x, lit), withConstant, selection))
                  .as("%s %s literal", type, op)
                  .isEqualTo(expected);
              assertThat(eval(new ComparisonExpression(op, k, x), withConstant, selection))
                  .isEqualTo(eval(new ComparisonExpression(op, lit, x), withConstant, selection));
              assertThat(eval(new ComparisonExpression(op, lit, lit), withConstant, selection))
                  .isEqualTo(eval(new ComparisonExpression(op, k, k), withConstant, selection));
              assertThat(
                      eval(
                          new ComparisonExpression(op, x, Literal.nullOf(type)),
                          withConstant,
                          selection))
                  .containsOnlyNulls();
            }
          }
          if (ArithmeticExpression.supports(type)) {
            for (ArithmeticOperation op : ArithmeticOperation.values()) {
              if (type != ColumnType.FLOAT64 && (op == ArithmeticOperation.MULTIPLY)) {
                continue; // large products overflow; covered elsewhere
              }
              assertThat(eval(new ArithmeticExpression(op, x, lit), withConstant, odd))
                  .as("%s %s literal", type, op)
                  .isEqualTo(eval(new ArithmeticExpression(op, x, k), withConstant, odd));
            }
          }
        }
      }
    }
  }

  @Test
  void floatComparisonsWithNanAgainstAScalar() {
    try (Batch input =
        batch(allocator, Column.of("x", ColumnType.FLOAT64, 1.0, Double.NaN, -0.0, null, 5.0))) {
      Expression x = new ColumnReference(0, ColumnType.FLOAT64);
      assertThat(
              eval(
                  new ComparisonExpression(
                      ComparisonOperation.GREATER_THAN, x, Literal.ofFloat64(2.0)),
                  input,
                  null))
          .containsExactly(false, true, false, null, true);
      assertThat(
              eval(
                  new ComparisonExpression(
                      ComparisonOperation.EQUAL, x, Literal.ofFloat64(Double.NaN)),
                  input,
                  null))
          .containsExactly(false, true, false, null, false);
      assertThat(
              eval(
                  new ComparisonExpression(ComparisonOperation.EQUAL, Literal.ofFloat64(0.0), x),
                  input,
                  null))
          .containsExactly(false, false, true, null, false);
    }
  }

  /** Row-by-row three-valued AND/OR: 1 TRUE, 0 FALSE, -1 NULL. */
  private static Object truth(
      LogicalExpression.Connective connective, List<Boolean[]> operands, int row) {
    boolean sawNull = false;
    boolean dominant = connective == LogicalExpression.Connective.OR;
    for (Boolean[] operand : operands) {
      Boolean value = operand[row];
      if (value == null) {
        sawNull = true;
      } else if (value == dominant) {
        return dominant;
      }
    }
    return sawNull ? null : !dominant;
  }

  @Test
  void naryAndOrMatchATruthTableAcrossWordsAndSelections() {
    Random random = new Random(11);
    int rows = 300;
    for (int trial = 0; trial < 20; trial++) {
      int arity = 2 + random.nextInt(4);
      List<Boolean[]> operands = new ArrayList<>();
      Column[] columns = new Column[arity];
      for (int k = 0; k < arity; k++) {
        Boolean[] values = new Boolean[rows];
        int bias = random.nextInt(10);
        for (int i = 0; i < rows; i++) {
          int r = random.nextInt(10);
          values[i] = r == 0 ? null : r <= bias;
        }
        operands.add(values);
        columns[k] = new Column("b" + k, BOOL, java.util.Arrays.asList((Object[]) values));
      }
      Selection selection = new Selection(rows);
      for (int i = 0; i < rows; i++) {
        if (random.nextInt(3) != 0) {
          selection.add(i);
        }
      }
      try (Batch input = batch(allocator, columns)) {
        List<Expression> refs = new ArrayList<>();
        for (int k = 0; k < arity; k++) {
          refs.add(new ColumnReference(k, BOOL));
        }
        for (LogicalExpression.Connective connective : LogicalExpression.Connective.values()) {
          LogicalExpression expression = new LogicalExpression(connective, refs);
          List<Object> all = eval(expression, input, null);
          List<Object> selected = eval(expression, input, selection);
          for (int i = 0; i < rows; i++) {
            assertThat(all.get(i))
                .as("%s row %d", connective, i)
                .isEqualTo(truth(connective, operands, i));
          }
          for (int s = 0; s < selection.count(); s++) {
            assertThat(selected.get(s)).isEqualTo(truth(connective, operands, selection.get(s)));
          }
        }
      }
    }
  }
}
