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
 * Column {@code index} of the input. Without a selection the result shares the column's buffers (no
 * copy); with one it is a gather of the selected rows ({@link TakeKernel}).
 */
public record ColumnReference(int index, ColumnType type) implements Expression {
  public ColumnReference {
    requireNonNull(type, "type is null");
    if (index < 0) {
      throw new IllegalArgumentException("column index " + index + " is negative");
    }
  }

  @Override
  public FieldVector evaluate(Batch input, Selection selection, BufferAllocator allocator) {
    if (index >= input.columnCount()) {
      throw new KernelException(
          KernelException.Kind.INTERNAL,
          "column " + index + " out of range: the batch has " + input.columnCount() + " columns");
    }
    ColumnType actual = input.columnType(index);
    if (actual != type) {
      throw new KernelException(
          KernelException.Kind.INTERNAL,
          "column " + index + " is " + actual + ", the expression expects " + type);
    }
    FieldVector column = input.column(index);
    if (selection == null) {
      return Vectors.view(column, type, allocator);
    }
    FieldVector taken = TakeKernel.take(column, selection, allocator);
    if (taken.getField().getType().equals(type.arrowType())) {
      return taken;
    }
    try (taken) {
      return Vectors.view(taken, type, allocator);
    }
  }

  @Override
  public List<Expression> children() {
    return List.of();
  }

  @Override
  public String toString() {
    return "$" + index;
  }
}
