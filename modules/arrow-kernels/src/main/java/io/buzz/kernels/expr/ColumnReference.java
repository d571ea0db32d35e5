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
 * Column {@code index} of the input. Without a selection the result shares the column's buffers (no
 * copy); with one it is a gather of the selected rows ({@link TakeKernel}).
 */
public record ColumnReference(int index, ColumnType type, ArrowType arrowType)
    implements Expression {
  public ColumnReference {
    requireNonNull(type, "type is null");
    requireNonNull(arrowType, "arrowType is null");
    if (index < 0) {
      throw new IllegalArgumentException("column index " + index + " is negative");
    }
    if (ColumnType.of(arrowType) != type) {
      throw new IllegalArgumentException(arrowType + " is not of type " + type);
    }
  }

  /** A reference to a column of a type without parameters (not a decimal). */
  public ColumnReference(int index, ColumnType type) {
    this(index, type, type.arrowType());
  }

  /** A reference to a column of any supported Arrow type. */
  public static ColumnReference of(int index, ArrowType arrowType) {
    return new ColumnReference(index, ColumnType.of(arrowType), arrowType);
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalStateException when the batch holds the column only as dictionary ids ({@link
   *     Batch#withIdsOnly})
   */
  @Override
  public FieldVector evaluate(Batch input, Selection selection, BufferAllocator allocator) {
    if (index < input.columnCount() && input.idsOnly(index)) {
      input.requireValues(index, "expression " + this);
    }
    return read(input, selection, allocator);
  }

  /**
   * The column as it is, without a selection, even when the batch holds it only as dictionary ids
   * (its placeholder values then): for an operator that passes the column on together with its ids.
   */
  public FieldVector passOn(Batch input, BufferAllocator allocator) {
    return read(input, null, allocator);
  }

  private FieldVector read(Batch input, Selection selection, BufferAllocator allocator) {
    if (index >= input.columnCount()) {
      throw new KernelException(
          KernelException.Kind.INTERNAL,
          "column " + index + " out of range: the batch has " + input.columnCount() + " columns");
    }
    ColumnType actual = input.columnType(index);
    FieldVector column = input.column(index);
    if (actual != type
        || type == ColumnType.DECIMAL128 && !column.getField().getType().equals(arrowType)) {
      throw new KernelException(
          KernelException.Kind.INTERNAL,
          "column "
              + index
              + " is "
              + column.getField().getType()
              + ", the expression expects "
              + arrowType);
    }
    if (selection == null) {
      return Vectors.view(column, arrowType, allocator);
    }
    FieldVector taken = TakeKernel.take(column, selection, allocator);
    if (taken.getField().getType().equals(arrowType)) {
      return taken;
    }
    try (taken) {
      return Vectors.view(taken, arrowType, allocator);
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
