package io.buzz.kernels.expr;

import static java.util.Objects.requireNonNull;

import io.buzz.kernels.KernelException;
import io.buzz.kernels.batch.Batch;
import io.buzz.kernels.batch.ColumnType;
import io.buzz.kernels.batch.Decimal128;
import io.buzz.kernels.batch.Selection;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * A constant of one {@link ColumnType}, possibly a typed NULL. Evaluates to a vector repeating the
 * value once per selected row.
 *
 * <p>The value is held unboxed: BOOL, INT32, INT64, DATE32, TIMESTAMP_MICROS and TIME_MICROS in a
 * long, FLOAT64 and FLOAT32 in a double (a FLOAT32 exactly widened), UTF8 and VARBINARY as bytes,
 * DECIMAL128 as two words of its unscaled value with its Arrow type. Immutable.
 */
public final class Literal implements Expression {
  private final ColumnType type;
  private final boolean isNull;
  private final long longValue;
  private final double doubleValue;
  private final byte[] utf8Value;
  private final ArrowType.Decimal decimalType;
  private final long highValue;

  private Literal(
      ColumnType type, boolean isNull, long longValue, double doubleValue, byte[] utf8) {
    this(type, isNull, longValue, doubleValue, utf8, null, 0);
  }

  private Literal(
      ColumnType type,
      boolean isNull,
      long longValue,
      double doubleValue,
      byte[] utf8,
      ArrowType.Decimal decimalType,
      long highValue) {
    this.type = requireNonNull(type, "type is null");
    this.isNull = isNull;
    this.longValue = longValue;
    this.doubleValue = doubleValue;
    this.utf8Value = utf8;
    this.decimalType = decimalType;
    this.highValue = highValue;
  }

  /**
   * A typed NULL.
   *
   * @throws KernelException INTERNAL for DECIMAL128: use {@link #nullOf(ArrowType)}
   */
  public static Literal nullOf(ColumnType type) {
    type.arrowType();
    return new Literal(type, true, 0, 0, null);
  }

  /** A typed NULL of any supported Arrow type, including decimals. */
  public static Literal nullOf(ArrowType arrowType) {
    ColumnType type = ColumnType.of(arrowType);
    if (type != ColumnType.DECIMAL128) {
      return nullOf(type);
    }
    return new Literal(type, true, 0, 0, null, (ArrowType.Decimal) arrowType, 0);
  }

  /**
   * A DECIMAL128 literal of {@code type}'s precision and scale.
   *
   * @throws KernelException INVALID_CAST when {@code value} does not fit the type after rounding to
   *     its scale
   */
  public static Literal ofDecimal(BigDecimal value, ArrowType.Decimal type) {
    requireNonNull(value, "value is null");
    ColumnType.decimal(type.getPrecision(), type.getScale());
    BigInteger unscaled = Decimal128.unscaled(value, type.getPrecision(), type.getScale());
    return new Literal(
        ColumnType.DECIMAL128,
        false,
        Decimal128.low(unscaled),
        0,
        null,
        type,
        Decimal128.high(unscaled));
  }

  public static Literal ofBool(boolean value) {
    return new Literal(ColumnType.BOOL, false, value ? 1 : 0, 0, null);
  }

  public static Literal ofInt32(int value) {
    return new Literal(ColumnType.INT32, false, value, 0, null);
  }

  public static Literal ofInt64(long value) {
    return new Literal(ColumnType.INT64, false, value, 0, null);
  }

  public static Literal ofFloat64(double value) {
    return new Literal(ColumnType.FLOAT64, false, 0, value, null);
  }

  public static Literal ofFloat32(float value) {
    return new Literal(ColumnType.FLOAT32, false, 0, value, null);
  }

  public static Literal ofUtf8(String value) {
    requireNonNull(value, "value is null");
    return new Literal(ColumnType.UTF8, false, 0, 0, value.getBytes(StandardCharsets.UTF_8));
  }

  /** A VARBINARY literal of a copy of {@code value}. */
  public static Literal ofBinary(byte[] value) {
    requireNonNull(value, "value is null");
    return new Literal(ColumnType.VARBINARY, false, 0, 0, value.clone());
  }

  /** The UTF8 or VARBINARY value's bytes, not copied: callers in this package only read them. */
  byte[] bytes() {
    return utf8Value;
  }

  /** The VARBINARY value (a copy), or null. */
  public byte[] binaryValue() {
    return utf8Value == null ? null : utf8Value.clone();
  }

  /** A DATE32 literal: days since 1970-01-01. */
  public static Literal ofDate32(int days) {
    return new Literal(ColumnType.DATE32, false, days, 0, null);
  }

  /** A TIMESTAMP_MICROS literal: microseconds since 1970-01-01 00:00:00. */
  public static Literal ofTimestampMicros(long micros) {
    return new Literal(ColumnType.TIMESTAMP_MICROS, false, micros, 0, null);
  }

  /** A TIME_MICROS literal: microseconds since midnight. */
  public static Literal ofTimeMicros(long micros) {
    return new Literal(ColumnType.TIME_MICROS, false, micros, 0, null);
  }

  /** The value at {@code row} of {@code vector} (NULL included) as a literal of its type. */
  public static Literal at(FieldVector vector, int row) {
    ArrowType arrowType = vector.getField().getType();
    if (vector.isNull(row)) {
      return nullOf(arrowType);
    }
    ArrowBuf data = vector.getDataBuffer();
    long int32 = (long) row << 2;
    long int64 = (long) row << 3;
    return switch (ColumnType.of(arrowType)) {
      case BOOL -> ofBool(((BitVector) vector).get(row) != 0);
      case INT32 -> ofInt32(data.getInt(int32));
      case DATE32 -> ofDate32(data.getInt(int32));
      case INT64 -> ofInt64(data.getLong(int64));
      case TIMESTAMP_MICROS -> ofTimestampMicros(data.getLong(int64));
      case TIME_MICROS -> ofTimeMicros(data.getLong(int64));
      case FLOAT64 -> ofFloat64(data.getDouble(int64));
      case FLOAT32 -> ofFloat32(data.getFloat(int32));
      case DECIMAL128 ->
          ofDecimal(((DecimalVector) vector).getObject(row), (ArrowType.Decimal) arrowType);
      case UTF8 -> ofUtf8(new String(((VarCharVector) vector).get(row), StandardCharsets.UTF_8));
      case VARBINARY -> ofBinary(((VarBinaryVector) vector).get(row));
    };
  }

  @Override
  public ColumnType type() {
    return type;
  }

  @Override
  public ArrowType arrowType() {
    return decimalType != null ? decimalType : type.arrowType();
  }

  /** The value of a DECIMAL128 literal, or null. */
  public BigDecimal decimalValue() {
    return decimalType == null || isNull
        ? null
        : Decimal128.toBigDecimal(highValue, longValue, decimalType.getScale());
  }

  public boolean isNull() {
    return isNull;
  }

  /**
   * The value of a BOOL, INT32, INT64, DATE32, TIMESTAMP_MICROS or TIME_MICROS literal (BOOL as 0
   * or 1).
   */
  public long longValue() {
    return longValue;
  }

  /** The value of a FLOAT64 or FLOAT32 literal. */
  public double doubleValue() {
    return doubleValue;
  }

  /** The UTF8 value as a string, or null. */
  public String utf8Value() {
    return utf8Value == null ? null : new String(utf8Value, StandardCharsets.UTF_8);
  }

  @Override
  public FieldVector evaluate(Batch input, Selection selection, BufferAllocator allocator) {
    return evaluate(Vectors.rowCount(input, selection), allocator);
  }

  /** The value repeated {@code rows} times, as a vector owned by the caller. */
  public FieldVector evaluate(int rows, BufferAllocator allocator) {
    if (type.isVariableWidth()) {
      return bytesVector(rows, allocator);
    }
    FieldVector out = Vectors.allocate(arrowType(), rows, allocator);
    if (isNull) {
      out.setValueCount(rows);
      return out;
    }
    Vectors.setAllValid(out, rows);
    ArrowBuf data = out.getDataBuffer();
    switch (type) {
      case BOOL -> {
        long word = longValue != 0 ? -1L : 0L;
        for (int w = 0; w < Vectors.words(rows); w++) {
          Vectors.putWord(data, w, word, rows);
        }
      }
      case INT32, DATE32 -> {
        int value = (int) longValue;
        for (int i = 0; i < rows; i++) {
          data.setInt((long) i << 2, value);
        }
      }
      case INT64, TIMESTAMP_MICROS, TIME_MICROS -> {
        for (int i = 0; i < rows; i++) {
          data.setLong((long) i << 3, longValue);
        }
      }
      case FLOAT64 -> {
        for (int i = 0; i < rows; i++) {
          data.setDouble((long) i << 3, doubleValue);
        }
      }
      case FLOAT32 -> {
        float value = (float) doubleValue;
        for (int i = 0; i < rows; i++) {
          data.setFloat((long) i << 2, value);
        }
      }
      case DECIMAL128 -> {
        for (int i = 0; i < rows; i++) {
          Decimal128.put(data, i, highValue, longValue);
        }
      }
      case UTF8, VARBINARY -> throw new IllegalStateException("unreachable");
    }
    out.setValueCount(rows);
    return out;
  }

  private FieldVector bytesVector(int rows, BufferAllocator allocator) {
    int length = isNull ? 0 : utf8Value.length;
    BaseVariableWidthVector out =
        Vectors.allocateVariableWidth(
            type.field("literal", true), rows, (long) length * rows, allocator);
    ArrowBuf offsets = out.getOffsetBuffer();
    ArrowBuf data = out.getDataBuffer();
    offsets.setInt(0, 0);
    for (int i = 0; i < rows; i++) {
      if (length > 0) {
        data.setBytes((long) i * length, utf8Value, 0, length);
      }
      offsets.setInt((long) (i + 1) << 2, (i + 1) * length);
    }
    if (!isNull) {
      Vectors.setAllValid(out, rows);
    }
    out.setLastSet(rows - 1);
    out.setValueCount(rows);
    return out;
  }

  @Override
  public List<Expression> children() {
    return List.of();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Literal other
        && type == other.type
        && isNull == other.isNull
        && longValue == other.longValue
        && highValue == other.highValue
        && java.util.Objects.equals(decimalType, other.decimalType)
        && Double.compare(doubleValue, other.doubleValue) == 0
        && Arrays.equals(utf8Value, other.utf8Value);
  }

  @Override
  public int hashCode() {
    return type.hashCode() * 31 + Long.hashCode(longValue) + Double.hashCode(doubleValue);
  }

  @Override
  public String toString() {
    if (isNull) {
      return "NULL::" + (decimalType != null ? decimalType : type);
    }
    return switch (type) {
      case BOOL -> longValue != 0 ? "TRUE" : "FALSE";
      case FLOAT64 -> Double.toString(doubleValue);
      case FLOAT32 -> Float.toString((float) doubleValue);
      case UTF8 -> "'" + utf8Value() + "'";
      case VARBINARY -> "X'" + java.util.HexFormat.of().formatHex(utf8Value) + "'";
      case INT32, INT64 -> Long.toString(longValue);
      case DATE32, TIMESTAMP_MICROS, TIME_MICROS -> type + " " + longValue;
      case DECIMAL128 -> decimalValue().toPlainString();
    };
  }
}
