package io.buzz.kernels.batch;

import io.buzz.kernels.KernelException;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;

/**
 * The value types the kernels compute with. Each maps to exactly one Arrow type and one vector
 * class, so kernels switch over this enum instead of inspecting Arrow types.
 */
public enum ColumnType {
  /** {@code BitVector}. */
  BOOL(ArrowType.Bool.INSTANCE, 0),
  /** {@code IntVector}. */
  INT32(new ArrowType.Int(32, true), 4),
  /** {@code BigIntVector}. */
  INT64(new ArrowType.Int(64, true), 8),
  /** {@code Float8Vector}. */
  FLOAT64(new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE), 8),
  /** {@code VarCharVector}. */
  UTF8(ArrowType.Utf8.INSTANCE, -1),
  /** {@code DateDayVector}: days since 1970-01-01. */
  DATE32(new ArrowType.Date(DateUnit.DAY), 4),
  /** {@code TimeStampMicroVector}: microseconds since 1970-01-01 00:00, no time zone. */
  TIMESTAMP_MICROS(new ArrowType.Timestamp(TimeUnit.MICROSECOND, null), 8);

  private final ArrowType arrowType;
  private final int byteWidth;

  ColumnType(ArrowType arrowType, int byteWidth) {
    this.arrowType = arrowType;
    this.byteWidth = byteWidth;
  }

  public ArrowType arrowType() {
    return arrowType;
  }

  /** Bytes per value in the data buffer; 0 for bit-packed BOOL, -1 for variable-width UTF8. */
  public int byteWidth() {
    return byteWidth;
  }

  public boolean isNumeric() {
    return this == INT32 || this == INT64 || this == FLOAT64;
  }

  public Field field(String name, boolean nullable) {
    return new Field(name, new FieldType(nullable, arrowType, null), null);
  }

  /** A new empty vector of this type, owned by the caller. */
  public FieldVector newVector(String name, boolean nullable, BufferAllocator allocator) {
    return field(name, nullable).createVector(allocator);
  }

  /**
   * The column type of an Arrow type. Timestamps in microseconds are accepted with or without a
   * time zone (both hold microseconds since the epoch).
   *
   * @throws KernelException of kind UNSUPPORTED for any other Arrow type
   */
  public static ColumnType of(ArrowType type) {
    for (ColumnType candidate : values()) {
      if (candidate.arrowType.equals(type)) {
        return candidate;
      }
    }
    if (type instanceof ArrowType.Timestamp ts && ts.getUnit() == TimeUnit.MICROSECOND) {
      return TIMESTAMP_MICROS;
    }
    throw new KernelException(KernelException.Kind.UNSUPPORTED, "unsupported Arrow type " + type);
  }
}
