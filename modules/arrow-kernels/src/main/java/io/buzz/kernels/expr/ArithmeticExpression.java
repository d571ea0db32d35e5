package io.buzz.kernels.expr;

import static java.util.Objects.requireNonNull;

import io.buzz.kernels.KernelException;
import io.buzz.kernels.batch.Batch;
import io.buzz.kernels.batch.ColumnType;
import io.buzz.kernels.batch.Selection;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * {@code left <op> right} over two operands of one of INT32, INT64 and FLOAT64; NULL in, NULL out.
 * Decimals have {@link DecimalArithmeticExpression}; FLOAT32 has none (the planner computes in
 * FLOAT64 and casts back).
 */
public record ArithmeticExpression(ArithmeticOperation operation, Expression left, Expression right)
    implements Expression {
  public ArithmeticExpression {
    requireNonNull(operation, "operation is null");
    requireNonNull(left, "left is null");
    requireNonNull(right, "right is null");
    if (!supports(left.type()) || left.type() != right.type()) {
      throw new KernelException(
          KernelException.Kind.UNSUPPORTED,
          operation
              + " needs two operands of one numeric type, got "
              + left.type()
              + " and "
              + right.type());
    }
  }

  /** True for the types this expression computes in: INT32, INT64 and FLOAT64. */
  public static boolean supports(ColumnType type) {
    return type == ColumnType.INT32 || type == ColumnType.INT64 || type == ColumnType.FLOAT64;
  }

  @Override
  public ColumnType type() {
    return left.type();
  }

  @Override
  public FieldVector evaluate(Batch input, Selection selection, BufferAllocator allocator) {
    int rows = Vectors.rowCount(input, selection);
    Operands operands = Operands.evaluate(left, right, input, selection, allocator);
    if (operands == null) {
      return Vectors.allNull(type(), rows, allocator);
    }
    try (operands) {
      return switch (type()) {
        case INT32 -> ArithmeticKernels.int32(operation, operands, rows, allocator);
        case INT64 -> ArithmeticKernels.int64(operation, operands, rows, allocator);
        case FLOAT64 -> ArithmeticKernels.float64(operation, operands, rows, allocator);
        case BOOL, UTF8, VARBINARY, DATE32, TIMESTAMP_MICROS, DECIMAL128, FLOAT32, TIME_MICROS ->
            throw new IllegalStateException("not numeric: " + type());
      };
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
