package io.buzz.kernels.expr;

import io.buzz.kernels.KernelException;
import io.buzz.kernels.batch.ColumnType;
import io.buzz.kernels.batch.Decimal128;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * Casts to and from DECIMAL128: from INT32, INT64, FLOAT32, FLOAT64, UTF8 and other decimals, and
 * to INT32, INT64, FLOAT32, FLOAT64 and UTF8. Losing digits after the point rounds half away from
 * zero (as DuckDB and PostgreSQL); a FLOAT32 converts from its exact binary value (as DuckDB: the
 * float nearest 2.675 is 2.67 at scale 2), a FLOAT64 from its shortest text; a decimal becomes the
 * nearest float or double; a value with too many digits before the point, NaN, an infinity or text
 * that is not a number is an INVALID_CAST naming the value. A decimal's text has every digit of its
 * scale ({@code 1.50}). NULL rows are skipped.
 *
 * <p>Stateless and thread-safe; results are owned by the caller.
 */
final class DecimalCastKernels {
  private DecimalCastKernels() {}

  static boolean supports(ColumnType from, ColumnType to) {
    boolean decimalFrom = from == ColumnType.DECIMAL128;
    boolean decimalTo = to == ColumnType.DECIMAL128;
    return decimalFrom && decimalTo
        || decimalFrom && convertible(to)
        || decimalTo && convertible(from);
  }

  private static boolean convertible(ColumnType other) {
    return other == ColumnType.INT32
        || other == ColumnType.INT64
        || other == ColumnType.FLOAT32
        || other == ColumnType.FLOAT64
        || other == ColumnType.UTF8;
  }

  /** {@code value} of {@code from} as DECIMAL128 {@code to}. */
  static FieldVector toDecimal(
      FieldVector value, ArrowType from, ArrowType.Decimal to, int rows, BufferAllocator alloc) {
    ColumnType fromType = ColumnType.of(from);
    FieldVector out = Vectors.allocate(to, rows, alloc);
    try {
      boolean hasNulls = Vectors.copyValidity(out, value, rows);
      ArrowBuf valid = out.getValidityBuffer();
      ArrowBuf data = value.getDataBuffer();
      ArrowBuf result = out.getDataBuffer();
      int precision = to.getPrecision();
      int scale = to.getScale();
      for (int i = 0; i < rows; i++) {
        if (hasNulls && !Vectors.bit(valid, i)) {
          continue;
        }
        switch (fromType) {
          case INT32 -> putInteger(result, i, data.getInt((long) i << 2), precision, scale);
          case INT64 -> putInteger(result, i, data.getLong((long) i << 3), precision, scale);
          case FLOAT64 -> {
            double x = data.getDouble((long) i << 3);
            if (!Double.isFinite(x)) {
              throw Decimal128.outOfRange(Utf8Formatter.formatDouble(x), precision, scale);
            }
            Decimal128.put(result, i, Decimal128.unscaled(BigDecimal.valueOf(x), precision, scale));
          }
          case DECIMAL128 -> {
            int fromScale = Decimal128.scale(from);
            long high = Decimal128.high(data, i);
            long low = Decimal128.low(data, i);
            if (fromScale > scale && Decimal128.isLong(high, low)) {
              Decimal128.putLong(result, i, Decimal128.divideRounded(low, fromScale - scale));
            } else {
              Decimal128.put(
                  result,
                  i,
                  Decimal128.rescale(Decimal128.toBigInteger(high, low), fromScale, scale));
            }
            if (!Decimal128.fits(
                Decimal128.high(result, i), Decimal128.low(result, i), precision)) {
              throw Decimal128.outOfRange(
                  Decimal128.toString(high, low, fromScale), precision, scale);
            }
          }
          case FLOAT32 -> {
            float x = data.getFloat((long) i << 2);
            if (!Float.isFinite(x)) {
              throw Decimal128.outOfRange(Utf8Formatter.formatFloat(x), precision, scale);
            }
            Decimal128.put(result, i, Decimal128.unscaled(new BigDecimal(x), precision, scale));
          }
          case UTF8 -> Decimal128.put(result, i, parse((VarCharVector) value, i, to));
          case BOOL, DATE32, TIMESTAMP_MICROS, TIME_MICROS, VARBINARY ->
              throw new IllegalStateException("not a decimal cast: " + fromType);
        }
      }
      out.setValueCount(rows);
      return out;
    } catch (RuntimeException e) {
      out.close();
      throw e;
    }
  }

  private static void putInteger(ArrowBuf result, int i, long value, int precision, int scale) {
    if (scale <= Decimal128.LONG_DIGITS) {
      long power = Decimal128.longPower(scale);
      long high = Math.multiplyHigh(value, power);
      long low = value * power;
      if (Decimal128.isLong(high, low)) {
        if (!Decimal128.fits(low, precision)) {
          throw Decimal128.outOfRange(Long.toString(value), precision, scale);
        }
        Decimal128.putLong(result, i, low);
        return;
      }
    }
    BigInteger unscaled = BigInteger.valueOf(value).multiply(Decimal128.power(scale));
    if (!Decimal128.fits(unscaled, precision)) {
      throw Decimal128.outOfRange(Long.toString(value), precision, scale);
    }
    Decimal128.put(result, i, unscaled);
  }

  private static BigInteger parse(VarCharVector value, int i, ArrowType.Decimal to) {
    String text = new String(value.get(i), StandardCharsets.UTF_8);
    BigDecimal number;
    try {
      number = new BigDecimal(text.strip());
    } catch (NumberFormatException e) {
      throw new KernelException(
          KernelException.Kind.INVALID_CAST,
          "could not convert string '"
              + text
              + "' to DECIMAL("
              + to.getPrecision()
              + ","
              + to.getScale()
              + ")");
    }
    return Decimal128.unscaled(number, to.getPrecision(), to.getScale());
  }

  /** DECIMAL128 {@code value} of type {@code from} as {@code to}. */
  static FieldVector fromDecimal(
      FieldVector value, ArrowType.Decimal from, ColumnType to, int rows, BufferAllocator alloc) {
    if (to == ColumnType.UTF8) {
      return toUtf8(value, from.getScale(), rows, alloc);
    }
    FieldVector out = Vectors.allocate(to, rows, alloc);
    try {
      boolean hasNulls = Vectors.copyValidity(out, value, rows);
      ArrowBuf valid = out.getValidityBuffer();
      ArrowBuf data = value.getDataBuffer();
      ArrowBuf result = out.getDataBuffer();
      int scale = from.getScale();
      for (int i = 0; i < rows; i++) {
        if (hasNulls && !Vectors.bit(valid, i)) {
          continue;
        }
        long high = Decimal128.high(data, i);
        long low = Decimal128.low(data, i);
        switch (to) {
          case FLOAT64 -> result.setDouble((long) i << 3, Decimal128.toDouble(high, low, scale));
          case FLOAT32 -> result.setFloat((long) i << 2, Decimal128.toFloat(high, low, scale));
          case INT32 -> {
            long integer = integer(high, low, scale, to);
            if (integer != (int) integer) {
              throw outOfRange(high, low, scale, to);
            }
            result.setInt((long) i << 2, (int) integer);
          }
          case INT64 -> result.setLong((long) i << 3, integer(high, low, scale, to));
          default -> throw new IllegalStateException("not a decimal cast: " + to);
        }
      }
      out.setValueCount(rows);
      return out;
    } catch (RuntimeException e) {
      out.close();
      throw e;
    }
  }

  /** The value rounded half away from zero to an integer. */
  private static long integer(long high, long low, int scale, ColumnType to) {
    if (Decimal128.isLong(high, low) && scale <= Decimal128.LONG_DIGITS) {
      return scale == 0 ? low : Decimal128.divideRounded(low, scale);
    }
    BigInteger rounded = Decimal128.rescale(Decimal128.toBigInteger(high, low), scale, 0);
    if (rounded.bitLength() > 63) {
      throw outOfRange(high, low, scale, to);
    }
    return rounded.longValue();
  }

  private static KernelException outOfRange(long high, long low, int scale, ColumnType to) {
    return new KernelException(
        KernelException.Kind.INVALID_CAST,
        "value " + Decimal128.toString(high, low, scale) + " is out of range for " + to);
  }

  private static FieldVector toUtf8(FieldVector value, int scale, int rows, BufferAllocator alloc) {
    VarCharVector out = Vectors.allocateUtf8(rows, rows * 16L, alloc);
    try {
      boolean noNulls = !Vectors.hasNulls(value);
      ArrowBuf valid = value.getValidityBuffer();
      ArrowBuf data = value.getDataBuffer();
      for (int i = 0; i < rows; i++) {
        if (!noNulls && !Vectors.bit(valid, i)) {
          continue;
        }
        byte[] text =
            Decimal128.toString(Decimal128.high(data, i), Decimal128.low(data, i), scale)
                .getBytes(StandardCharsets.US_ASCII);
        out.setSafe(i, text, 0, text.length);
      }
      out.setValueCount(rows);
      return out;
    } catch (RuntimeException e) {
      out.close();
      throw e;
    }
  }
}
