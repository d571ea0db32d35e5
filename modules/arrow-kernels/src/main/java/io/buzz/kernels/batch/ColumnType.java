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
 * The value types the kernels compute with. Each maps to one Arrow type and one vector class, so
 * kernels switch over this enum instead of inspecting Arrow types; DECIMAL128 is a family of Arrow
 * types, one per precision and scale, which its vectors carry.
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
  TIMESTAMP_MICROS(new ArrowType.Timestamp(TimeUnit.MICROSECOND, null), 8),
  /**
   * {@code DecimalVector}: an exact number, 128-bit two's complement unscaled value, little-endian.
   * Its precision (at most {@link #MAX_DECIMAL_PRECISION} digits) and scale live in the vector's
   * Arrow type, not here: a decimal vector is made from an {@link ArrowType.Decimal} ({@link
   * #decimal}), never from this constant.
   */
  DECIMAL128(null, 16),
  /**
   * {@code Float4Vector}: an IEEE 754 single-precision number (SQL REAL/FLOAT). Arithmetic on it is
   * not a kernel: the planner computes in FLOAT64 and casts back, which is exact for + - * / and %.
   */
  FLOAT32(new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE), 4),
  /** {@code TimeMicroVector}: a time of day, microseconds since midnight (SQL TIME(6)). */
  TIME_MICROS(new ArrowType.Time(TimeUnit.MICROSECOND, 64), 8),
  /**
   * {@code VarBinaryVector}: bytes with no encoding (SQL VARBINARY, DuckDB's BLOB). Laid out,
   * hashed, compared and sorted exactly as UTF8 is (unsigned bytes), but never taken for text.
   */
  VARBINARY(ArrowType.Binary.INSTANCE, -1);

  /** The most digits a DECIMAL128 holds, as in SQL engines with 128-bit decimals. */
  public static final int MAX_DECIMAL_PRECISION = 38;

  private final ArrowType arrowType;
  private final int byteWidth;

  ColumnType(ArrowType arrowType, int byteWidth) {
    this.arrowType = arrowType;
    this.byteWidth = byteWidth;
  }

  /**
   * The Arrow type of this column type.
   *
   * @throws KernelException INTERNAL for DECIMAL128, whose Arrow type needs a precision and scale
   */
  public ArrowType arrowType() {
    if (arrowType == null) {
      throw new KernelException(
          KernelException.Kind.INTERNAL, name() + " needs a precision and scale: use decimal()");
    }
    return arrowType;
  }

  /**
   * The Arrow type of a DECIMAL128 with {@code precision} digits, {@code scale} of them after the
   * point.
   *
   * @throws KernelException UNSUPPORTED when precision is not in [1, 38] or scale not in [0,
   *     precision]
   */
  public static ArrowType.Decimal decimal(int precision, int scale) {
    if (precision < 1 || precision > MAX_DECIMAL_PRECISION || scale < 0 || scale > precision) {
      throw new KernelException(
          KernelException.Kind.UNSUPPORTED,
          "DECIMAL("
              + precision
              + ","
              + scale
              + ") is not supported: precision must be 1 to "
              + MAX_DECIMAL_PRECISION
              + " and scale 0 to the precision");
    }
    return new ArrowType.Decimal(precision, scale, 128);
  }

  /**
   * Bytes per value in the data buffer; 0 for bit-packed BOOL, -1 for variable-width UTF8 and
   * VARBINARY.
   */
  public int byteWidth() {
    return byteWidth;
  }

  /**
   * True for UTF8 and VARBINARY: offsets and bytes ({@code BaseVariableWidthVector}), compared,
   * hashed and sorted as unsigned bytes.
   */
  public boolean isVariableWidth() {
    return byteWidth < 0;
  }

  /** True for numbers: INT32, INT64, FLOAT32, FLOAT64 and DECIMAL128. */
  public boolean isNumeric() {
    return this == INT32
        || this == INT64
        || this == FLOAT32
        || this == FLOAT64
        || this == DECIMAL128;
  }

  /** True for the IEEE 754 types, FLOAT32 and FLOAT64 (NaN, infinities, signed zeros). */
  public boolean isFloatingPoint() {
    return this == FLOAT32 || this == FLOAT64;
  }

  /**
   * @throws KernelException INTERNAL for DECIMAL128 (see {@link #arrowType})
   */
  public Field field(String name, boolean nullable) {
    return new Field(name, new FieldType(nullable, arrowType(), null), null);
  }

  /**
   * True when a column of Arrow type {@code actual} may stand where {@code expected} is declared:
   * the same column type and, for DECIMAL128, the same precision and scale (unscaled values mean
   * nothing without their scale). Other parameters, such as a timestamp's time zone, do not change
   * the values.
   *
   * @throws KernelException UNSUPPORTED when either is not a kernel type
   */
  public static boolean interchangeable(ArrowType expected, ArrowType actual) {
    ColumnType type = of(expected);
    return type == of(actual) && (type != DECIMAL128 || expected.equals(actual));
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
      if (type.equals(candidate.arrowType)) {
        return candidate;
      }
    }
    if (type instanceof ArrowType.Timestamp ts && ts.getUnit() == TimeUnit.MICROSECOND) {
      return TIMESTAMP_MICROS;
    }
    if (type instanceof ArrowType.Decimal d
        && d.getBitWidth() == 128
        && d.getPrecision() <= MAX_DECIMAL_PRECISION
        && d.getScale() >= 0
        && d.getScale() <= d.getPrecision()) {
      return DECIMAL128;
    }
    throw new KernelException(KernelException.Kind.UNSUPPORTED, "unsupported Arrow type " + type);
  }
}
