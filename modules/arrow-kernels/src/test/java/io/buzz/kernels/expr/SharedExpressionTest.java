package io.buzz.kernels.expr;

import static io.buzz.kernels.testing.TestBatches.batch;
import static io.buzz.kernels.testing.TestBatches.values;
import static org.assertj.core.api.Assertions.assertThat;

import io.buzz.kernels.batch.Batch;
import io.buzz.kernels.batch.ColumnType;
import io.buzz.kernels.batch.Selection;
import io.buzz.kernels.operator.ProjectOperator;
import io.buzz.kernels.testing.TestBatches.Column;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.junit.jupiter.api.Test;

/** A subexpression shared by a projection's columns: computed once per batch, nothing leaked. */
class SharedExpressionTest {
  /** -x, counting its evaluations. */
  private static final class CountingNegate implements Expression {
    final AtomicInteger evaluations = new AtomicInteger();
    final Expression negate = new NegateExpression(new ColumnReference(0, ColumnType.INT64));

    @Override
    public ColumnType type() {
      return ColumnType.INT64;
    }

    @Override
    public FieldVector evaluate(Batch input, Selection selection, BufferAllocator allocator) {
      evaluations.incrementAndGet();
      return negate.evaluate(input, selection, allocator);
    }

    @Override
    public List<Expression> children() {
      return List.of(negate);
    }
  }

  @Test
  void computesOncePerBatchAndEachUseSeesTheSameValues() {
    CountingNegate counting = new CountingNegate();
    SharedExpression shared = new SharedExpression(counting);
    try (BufferAllocator allocator = new RootAllocator()) {
      ProjectOperator project =
          ProjectOperator.of(
              List.of(
                  shared, new ArithmeticExpression(ArithmeticOperation.MULTIPLY, shared, shared)),
              List.of("neg", "square"),
              allocator);
      for (int round = 1; round <= 3; round++) {
        Batch input =
            batch(allocator, Column.of("x", ColumnType.INT64, new Object[] {1L, null, -3L}));
        try (Batch out = project.apply(input)) {
          assertThat(values(out.column(0))).containsExactly(-1L, null, 3L);
          assertThat(values(out.column(1))).containsExactly(1L, null, 9L);
        }
        assertThat(counting.evaluations.get()).isEqualTo(round);
      }
    } // the allocator's close fails on anything a shared result leaked
  }
}
