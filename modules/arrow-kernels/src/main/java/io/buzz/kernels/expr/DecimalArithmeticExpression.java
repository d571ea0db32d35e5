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
 * {@code left <op> right} over two DECIMAL128 operands, exactly, into {@code result}: ADD and
 * SUBTRACT take operands at the result's scale, MULTIPLY operands whose scales sum to it (the
 * planner casts operands so). A value beyond the result's precision is an ARITHMETIC error. NULL
 * in, NULL out.
 */
public record DecimalArithmeticExpression(
    ArithmeticOperation operation, Expression left, Expression right, ArrowType.Decimal result)
    implements Expression {
  public DecimalArithmeticExpression {
    requireNonNull(operation, "operation is null");
    requireNonNull(left, "left is null");
    requireNonNull(right, "right is null");
    requireNonNull(result, "result is null");
    if (left.type() != ColumnType.DECIMAL128 || right.type() != ColumnType.DECIMAL128) {
      throw new KernelException(
          KernelException.Kind.UNSUPPORTED,
          "DECIMAL "
              + operation
              + " needs two decimals, got "
              + left.type()
              + " and "
              + right.type());
    }
    ColumnType.decimal(result.getPrecision(), result.getScale());
    int leftScale = ((ArrowType.Decimal) left.arrowType()).getScale();
    int rightScale = ((ArrowType.Decimal) right.arrowType()).getScale();
    boolean scalesFit =
        switch (operation) {
          case ADD, SUBTRACT -> leftScale == result.getScale() && rightScale == result.getScale();
          case MULTIPLY -> leftScale + rightScale == result.getScale();
          case DIVIDE, MODULO -> throw DecimalKernels.unsupported(operation);
        };
    if (!scalesFit) {
      throw new KernelException(
          KernelException.Kind.UNSUPPORTED,
          "DECIMAL "
              + operation
              + " of "
              + left.arrowType()
              + " and "
              + right.arrowType()
              + " cannot produce "
              + result);
    }
  }

  @Override
  public ColumnType type() {
    return ColumnType.DECIMAL128;
  }

  @Override
  public ArrowType arrowType() {
    return result;
  }

  @Override
  public FieldVector evaluate(Batch input, Selection selection, BufferAllocator allocator) {
    int rows = Vectors.rowCount(input, selection);
    Operands operands = Operands.evaluate(left, right, input, selection, allocator);
    if (operands == null) {
      return Vectors.allNull(result, rows, allocator);
    }
    try (operands) {
      return DecimalKernels.arithmetic(operation, operands, result, rows, allocator);
    }
  }

  @Override
  public List<Expression> children() {
    return List.of(left, right);
  }

  @Override
  public String toString() {
    return "(" + left + " " + operation.symbol() + " " + right + ")";
  }
}
