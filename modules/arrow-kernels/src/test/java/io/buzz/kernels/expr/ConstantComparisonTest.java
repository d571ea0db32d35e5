package io.buzz.kernels.expr;

import static io.buzz.kernels.batch.ColumnType.INT32;
import static io.buzz.kernels.batch.ColumnType.INT64;
import static io.buzz.kernels.testing.TestBatches.batch;
import static io.buzz.kernels.testing.TestBatches.values;
import static org.assertj.core.api.Assertions.assertThat;

import io.buzz.kernels.batch.Batch;
import io.buzz.kernels.batch.ColumnType;
import io.buzz.kernels.batch.Selection;
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
 * An integer column against a constant, on either side ({@link ConstantComparison}: a range test):
 * every operation and constants at and next to the type's ends and zero, over values at the same
 * places, NULLs and random ones, in batches that end inside a word, with a selection too — each
 * row's result the three-way comparison's.
 */
class ConstantComparisonTest {
  private final BufferAllocator allocator = new RootAllocator();

  @AfterEach
  void closeAllocator() {
    allocator.close();
  }

  @Test
  void int32ColumnsAgainstConstantsAtTheEdges() {
    long[] edges = {Integer.MIN_VALUE, Integer.MIN_VALUE + 1L, -1, 0, 1, 3, Integer.MAX_VALUE - 1L};
    check(INT32, edges, Integer.MAX_VALUE, new Random(3).ints(150).asLongStream().toArray());
  }

  @Test
  void int64ColumnsAgainstConstantsAtTheEdges() {
    long[] edges = {Long.MIN_VALUE, Long.MIN_VALUE + 1, -1, 0, 1, 3, Long.MAX_VALUE - 1};
    check(INT64, edges, Long.MAX_VALUE, new Random(4).longs(150).toArray());
  }

  private void check(ColumnType type, long[] edges, long max, long[] random) {
    List<Long> values = new ArrayList<>();
    for (long edge : edges) {
      values.add(edge);
    }
    values.add(max);
    values.add(null);
    for (long value : random) {
      values.add(value);
      values.add(value % 5); // small values, near the small constants
    }
    List<Long> constants = new ArrayList<>(values.subList(0, edges.length + 1));
    constants.add(random[0]);
    Object[] column = new Object[values.size()];
    for (int i = 0; i < column.length; i++) {
      Long value = values.get(i);
      column[i] = value == null ? null : type == INT32 ? (Object) value.intValue() : value;
    }
    Selection odd = new Selection(column.length);
    for (int i = 1; i < column.length; i += 2) {
      odd.add(i);
    }
    try (Batch input = batch(allocator, Column.of("v", type, column))) {
      for (long k : constants) {
        Literal constant = type == INT32 ? Literal.ofInt32((int) k) : Literal.ofInt64(k);
        for (ComparisonOperation op : ComparisonOperation.values()) {
          ColumnReference v = new ColumnReference(0, type);
          List<Object> expected = new ArrayList<>();
          List<Object> mirrored = new ArrayList<>();
          for (Long value : values) {
            expected.add(value == null ? null : accepts(op, Long.compare(value, k)));
            mirrored.add(value == null ? null : accepts(op, Long.compare(k, value)));
          }
          String what = "v " + op.symbol() + " " + k;
          assertThat(eval(new ComparisonExpression(op, v, constant), input, null))
              .as(what)
              .isEqualTo(expected);
          assertThat(eval(new ComparisonExpression(op, constant, v), input, null))
              .as(k + " " + op.symbol() + " v")
              .isEqualTo(mirrored);
          List<Object> selected = new ArrayList<>();
          for (int i = 1; i < expected.size(); i += 2) {
            selected.add(expected.get(i));
          }
          assertThat(eval(new ComparisonExpression(op, v, constant), input, odd))
              .as(what + " over odd rows")
              .isEqualTo(selected);
        }
      }
    }
  }

  private static boolean accepts(ComparisonOperation op, int ordering) {
    return ((op.mask() >>> (ordering + 1)) & 1) != 0;
  }

  private List<Object> eval(Expression expression, Batch input, Selection selection) {
    try (FieldVector result = expression.evaluate(input, selection, allocator)) {
      return values(result);
    }
  }
}
