package io.buzz.kernels.expr;

import io.buzz.kernels.batch.Batch;
import io.buzz.kernels.batch.Selection;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * The evaluated operands of a binary kernel. A non-NULL {@link Literal} operand is evaluated to a
 * one-row vector and marked scalar: kernels read row {@code i} of an operand at {@code i & mask}
 * ({@link #leftMask}, {@link #rightMask}), which is row 0 for a scalar, so one loop serves
 * column-column and column-constant without materializing the constant per row. Closing releases
 * both vectors.
 */
record Operands(FieldVector left, boolean leftScalar, FieldVector right, boolean rightScalar)
    implements AutoCloseable {

  /**
   * Evaluates both operands over the selected rows, or returns null when either is a NULL literal
   * (the result is then NULL on every row and nothing needs computing).
   */
  static Operands evaluate(
      Expression left,
      Expression right,
      Batch input,
      Selection selection,
      BufferAllocator allocator) {
    if (isNullLiteral(left) || isNullLiteral(right)) {
      return null;
    }
    boolean leftScalar = left instanceof Literal;
    boolean rightScalar = right instanceof Literal;
    FieldVector l =
        leftScalar
            ? ((Literal) left).evaluate(1, allocator)
            : left.evaluate(input, selection, allocator);
    try {
      FieldVector r =
          rightScalar
              ? ((Literal) right).evaluate(1, allocator)
              : right.evaluate(input, selection, allocator);
      return new Operands(l, leftScalar, r, rightScalar);
    } catch (RuntimeException e) {
      l.close();
      throw e;
    }
  }

  int leftMask() {
    return Vectors.indexMask(leftScalar);
  }

  int rightMask() {
    return Vectors.indexMask(rightScalar);
  }

  private static boolean isNullLiteral(Expression expression) {
    return expression instanceof Literal literal && literal.isNull();
  }

  @Override
  public void close() {
    try {
      left.close();
    } finally {
      right.close();
    }
  }
}
