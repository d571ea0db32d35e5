package io.buzz.kernels.function;

import io.buzz.kernels.batch.Batch;
import io.buzz.kernels.batch.Selection;
import io.buzz.kernels.expr.Expression;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * A function's operands evaluated over one batch, closed together: if one operand fails, those
 * already evaluated are released. Use in try-with-resources around the function's own loop.
 */
final class EvaluatedOperands implements AutoCloseable {
  final FieldVector[] vectors;

  private EvaluatedOperands(FieldVector[] vectors) {
    this.vectors = vectors;
  }

  static EvaluatedOperands of(
      List<Expression> operands, Batch input, Selection selection, BufferAllocator allocator) {
    EvaluatedOperands evaluated = new EvaluatedOperands(new FieldVector[operands.size()]);
    try {
      for (int i = 0; i < operands.size(); i++) {
        evaluated.vectors[i] = operands.get(i).evaluate(input, selection, allocator);
      }
      return evaluated;
    } catch (RuntimeException e) {
      evaluated.close();
      throw e;
    }
  }

  @Override
  public void close() {
    for (FieldVector vector : vectors) {
      if (vector != null) {
        vector.close();
      }
    }
  }
}
