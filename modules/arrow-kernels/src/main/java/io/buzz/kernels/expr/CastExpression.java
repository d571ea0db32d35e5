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
 * {@code CAST(operand AS target)}. Supported: between INT32, INT64 and FLOAT64 ({@link
 * NumericCastKernels}); DATE32 to and from TIMESTAMP_MICROS; TIMESTAMP_MICROS to TIME_MICROS;
 * FLOAT32 to and from INT32, INT64 and FLOAT64 ({@link Float32CastKernels}); DECIMAL128 to and from
 * INT32, INT64, FLOAT32, FLOAT64, UTF8 and other decimals ({@link DecimalCastKernels}); any type to
 * UTF8 and UTF8 to any other type ({@link Utf8CastKernels}); a type to itself (no copy). NULL stays
 * NULL. Values that do not convert throw {@link KernelException.Kind#INVALID_CAST} naming the
 * value.
 *
 * @param arrowType the target's Arrow type, which for DECIMAL128 carries precision and scale
 */
public record CastExpression(Expression operand, ColumnType type, ArrowType arrowType)
    implements Expression {
  public CastExpression {
    requireNonNull(operand, "operand is null");
    requireNonNull(type, "type is null");
    requireNonNull(arrowType, "arrowType is null");
    if (ColumnType.of(arrowType) != type) {
      throw new IllegalArgumentException(arrowType + " is not of type " + type);
    }
    if (!supports(operand.type(), type)) {
      throw new KernelException(
          KernelException.Kind.UNSUPPORTED,
          "CAST from " + operand.arrowType() + " to " + arrowType + " is not supported");
    }
  }

  /** A cast to a type without parameters (not a decimal). */
  public CastExpression(Expression operand, ColumnType type) {
    this(operand, type, type.arrowType());
  }

  /** A cast to any supported Arrow type. */
  public static CastExpression to(Expression operand, ArrowType arrowType) {
    return new CastExpression(operand, ColumnType.of(arrowType), arrowType);
  }

  /** True when values of {@code from} can be cast to {@code to}. */
  public static boolean supports(ColumnType from, ColumnType to) {
    return from == to
        || NumericCastKernels.supports(from, to)
        || Float32CastKernels.supports(from, to)
        || DecimalCastKernels.supports(from, to)
        || Utf8CastKernels.supports(from, to);
  }

  @Override
  public FieldVector evaluate(Batch input, Selection selection, BufferAllocator allocator) {
    ColumnType from = operand.type();
    FieldVector value = operand.evaluate(input, selection, allocator);
    if (operand.arrowType().equals(arrowType)) {
      return value;
    }
    int rows = Vectors.rowCount(input, selection);
    try (value) {
      if (type == ColumnType.DECIMAL128) {
        return DecimalCastKernels.toDecimal(
            value, operand.arrowType(), (ArrowType.Decimal) arrowType, rows, allocator);
      }
      if (from == ColumnType.DECIMAL128) {
        return DecimalCastKernels.fromDecimal(
            value, (ArrowType.Decimal) operand.arrowType(), type, rows, allocator);
      }
      if (type == ColumnType.UTF8) {
        return Utf8CastKernels.toUtf8(value, from, rows, allocator);
      }
      if (from == ColumnType.UTF8) {
        return Utf8CastKernels.fromUtf8(value, type, rows, allocator);
      }
      if (Float32CastKernels.supports(from, type)) {
        return Float32CastKernels.cast(value, from, type, rows, allocator);
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
    return "CAST(" + operand + " AS " + (type == ColumnType.DECIMAL128 ? arrowType : type) + ")";
  }
}
