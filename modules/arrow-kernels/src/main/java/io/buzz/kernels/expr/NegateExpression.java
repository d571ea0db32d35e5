package io.buzz.kernels.expr;

import static java.util.Objects.requireNonNull;

import io.buzz.kernels.KernelException;
import io.buzz.kernels.batch.Batch;
import io.buzz.kernels.batch.ColumnType;
import io.buzz.kernels.batch.Selection;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * {@code -operand} of INT32, INT64, FLOAT64 or DECIMAL128 (FLOAT32 is negated in FLOAT64 by the
 * planner); negating the minimum integer is an overflow error.
 */
public record NegateExpression(Expression operand) implements Expression {
  public NegateExpression {
    requireNonNull(operand, "operand is null");
    if (!ArithmeticExpression.supports(operand.type()) && operand.type() != ColumnType.DECIMAL128) {
      throw new KernelException(
          KernelException.Kind.UNSUPPORTED,
          "NEGATE needs an INT32, INT64, FLOAT64 or DECIMAL128 operand, got " + operand.type());
    }
  }

  @Override
  public ColumnType type() {
    return operand.type();
  }

  @Override
  public ArrowType arrowType() {
    return operand.arrowType();
  }

  @Override
  public FieldVector evaluate(Batch input, Selection selection, BufferAllocator allocator) {
    int rows = Vectors.rowCount(input, selection);
    try (FieldVector value = operand.evaluate(input, selection, allocator)) {
      if (type() == ColumnType.DECIMAL128) {
        return DecimalKernels.negate(value, rows, allocator);
      }
      return ArithmeticKernels.negate(type(), value, rows, allocator);
    }
  }

  @Override
  public List<Expression> children() {
    return List.of(operand);
  }

  @Override
  public String toString() {
    return "(-" + operand + ")";
  }
}
