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
 * {@code left <op> right} over two operands of one type, any {@link ColumnType}; result BOOL, NULL
 * when either operand is NULL. UTF8 compares bytes as unsigned (code-point order), BOOL orders
 * false before true, FLOAT64 orders NaN after every other value and equal to itself and treats -0.0
 * as equal to 0.0 (as DuckDB does); DECIMAL128 operands share one precision and scale. A string
 * column whose batch carries dictionary ids is compared with a constant once per dictionary entry
 * ({@link DictionaryComparison}).
 */
public record ComparisonExpression(ComparisonOperation operation, Expression left, Expression right)
    implements Expression {
  public ComparisonExpression {
    requireNonNull(operation, "operation is null");
    requireNonNull(left, "left is null");
    requireNonNull(right, "right is null");
    if (left.type() != right.type()
        || left.type() == ColumnType.DECIMAL128 && !left.arrowType().equals(right.arrowType())) {
      throw new KernelException(
          KernelException.Kind.UNSUPPORTED,
          operation
              + " needs two operands of one type, got "
              + left.arrowType()
              + " and "
              + right.arrowType());
    }
  }

  @Override
  public ColumnType type() {
    return ColumnType.BOOL;
  }

  @Override
  public FieldVector evaluate(Batch input, Selection selection, BufferAllocator allocator) {
    FieldVector viaDictionary =
        DictionaryComparison.evaluate(operation, left, right, input, selection, allocator);
    if (viaDictionary != null) {
      return viaDictionary;
    }
    int rows = Vectors.rowCount(input, selection);
    Operands operands = Operands.evaluate(left, right, input, selection, allocator);
    if (operands == null) {
      return Vectors.allNull(ColumnType.BOOL, rows, allocator);
    }
    try (operands) {
      return ComparisonKernels.compare(left.type(), operation, operands, rows, allocator);
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
