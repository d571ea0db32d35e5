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
 * {@code CAST(operand AS target)}. Supported: between INT32, INT64 and FLOAT64 ({@link
 * NumericCastKernels}); DATE32 to and from TIMESTAMP_MICROS; any type to UTF8 and UTF8 to any other
 * type ({@link Utf8CastKernels}); a type to itself (no copy). NULL stays NULL. Values that do not
 * convert throw {@link KernelException.Kind#INVALID_CAST} naming the value.
 */
public record CastExpression(Expression operand, ColumnType type) implements Expression {
  public CastExpression {
    requireNonNull(operand, "operand is null");
    requireNonNull(type, "type is null");
    if (!supports(operand.type(), type)) {
      throw new KernelException(
          KernelException.Kind.UNSUPPORTED,
          "CAST from " + operand.type() + " to " + type + " is not supported");
    }
  }

  /** True when values of {@code from} can be cast to {@code to}. */
  public static boolean supports(ColumnType from, ColumnType to) {
    return from == to
        || NumericCastKernels.supports(from, to)
        || Utf8CastKernels.supports(from, to);
  }

  @Override
  public FieldVector evaluate(Batch input, Selection selection, BufferAllocator allocator) {
    ColumnType from = operand.type();
    FieldVector value = operand.evaluate(input, selection, allocator);
    if (from == type) {
      return value;
    }
    int rows = Vectors.rowCount(input, selection);
    try (value) {
      if (type == ColumnType.UTF8) {
        return Utf8CastKernels.toUtf8(value, from, rows, allocator);
      }
      if (from == ColumnType.UTF8) {
        return Utf8CastKernels.fromUtf8(value, type, rows, allocator);
      }
      return NumericCastKernels.cast(value, from, type, rows, allocator);
    }
  }

  @Override
  public List<Expression> children() {
    return List.of(operand);
  }

  @Override
  public String toString() {
    return "CAST(" + operand + " AS " + type + ")";
  }
}
