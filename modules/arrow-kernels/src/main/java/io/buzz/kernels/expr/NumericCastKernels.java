package io.buzz.kernels.expr;

import io.buzz.kernels.KernelException;
import io.buzz.kernels.batch.ColumnType;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * Casts between INT32, INT64 and FLOAT64, between DATE32 and TIMESTAMP_MICROS, and from
 * TIMESTAMP_MICROS to TIME_MICROS (its time of day): one loop per pair. Narrowing checks the range
 * of valid rows only and throws {@link KernelException.Kind#INVALID_CAST} naming the value. FLOAT64
 * to an integer rounds half to even (as DuckDB: 2.5 becomes 2, 3.5 becomes 4); NaN and infinities
 * are out of range. A date becomes its midnight; a timestamp becomes its day (rounding toward the
 * past).
 *
 * <p>Stateless and thread-safe; results are owned by the caller.
 */
final class NumericCastKernels {
  /** The largest |days| whose midnight fits in a TIMESTAMP_MICROS. */
  private static final long MAX_TIMESTAMP_DAYS = Long.MAX_VALUE / CivilCalendar.MICROS_PER_DAY;

  private NumericCastKernels() {}

  static boolean supports(ColumnType from, ColumnType to) {
    return (isBasicNumber(from) && isBasicNumber(to))
        || (from == ColumnType.DATE32 && to == ColumnType.TIMESTAMP_MICROS)
        || (from == ColumnType.TIMESTAMP_MICROS
            && (to == ColumnType.DATE32 || to == ColumnType.TIME_MICROS));
  }

  private static boolean isBasicNumber(ColumnType type) {
    return type == ColumnType.INT32 || type == ColumnType.INT64 || type == ColumnType.FLOAT64;
  }

  static FieldVector cast(
      FieldVector value, ColumnType from, ColumnType to, int rows, BufferAllocator allocator) {
    return cast(value, from, from, to, rows, allocator);
  }

  /**
   * FLOAT64 {@code value} (possibly a FLOAT32 widened exactly) to the integer type {@code to};
   * errors name the value as a {@code source}.
   */
  static FieldVector fromFloat64(
      FieldVector value, ColumnType source, ColumnType to, int rows, BufferAllocator allocator) {
    return cast(value, ColumnType.FLOAT64, source, to, rows, allocator);
  }

  private static FieldVector cast(
      FieldVector value,
      ColumnType from,
      ColumnType source,
      ColumnType to,
      int rows,
      BufferAllocator allocator) {
    FieldVector out = Vectors.allocate(to, rows, allocator);
    try {
      Vectors.copyValidity(out, value, rows);
      ArrowBuf a = value.getDataBuffer();
      ArrowBuf r = out.getDataBuffer();
      ArrowBuf valid = out.getValidityBuffer();
      switch (from) {
        case INT32 -> fromInt32(a, to, r, rows);
        case INT64 -> fromInt64(a, to, r, valid, rows);
        case FLOAT64 -> fromFloat64(a, source, to, r, valid, rows);
        case DATE32 -> {
          for (int i = 0; i < rows; i++) {
            long days = a.getInt((long) i << 2);
            if (Math.abs(days) > MAX_TIMESTAMP_DAYS && Vectors.bit(valid, i)) {
              throw outOfRange(from, Long.toString(days), to);
            }
            r.setLong((long) i << 3, days * CivilCalendar.MICROS_PER_DAY);
          }
        }
        case TIMESTAMP_MICROS -> {
          if (to == ColumnType.TIME_MICROS) {
            for (int i = 0; i < rows; i++) {
              r.setLong((long) i << 3, CivilCalendar.microsOfDay(a.getLong((long) i << 3)));
            }
          } else {
            for (int i = 0; i < rows; i++) {
              r.setInt((long) i << 2, (int) CivilCalendar.epochDayOf(a.getLong((long) i << 3)));
            }
          }
        }
        case BOOL, UTF8, VARBINARY, DECIMAL128, FLOAT32, TIME_MICROS ->
            throw new IllegalStateException("not a numeric cast: " + from);
      }
      out.setValueCount(rows);
      return out;
    } catch (RuntimeException e) {
      out.close();
      throw e;
    }
  }

  private static void fromInt32(ArrowBuf a, ColumnType to, ArrowBuf r, int rows) {
    switch (to) {
      case INT64 -> {
        for (int i = 0; i < rows; i++) {
          r.setLong((long) i << 3, a.getInt((long) i << 2));
        }
      }
      case FLOAT64 -> {
        for (int i = 0; i < rows; i++) {
          r.setDouble((long) i << 3, a.getInt((long) i << 2));
        }
      }
      default -> throw new IllegalStateException("INT32 to " + to);
    }
  }

  private static void fromInt64(ArrowBuf a, ColumnType to, ArrowBuf r, ArrowBuf valid, int rows) {
    switch (to) {
      case INT32 -> {
        long outOfRange = 0;
        for (int i = 0; i < rows; i++) {
          long x = a.getLong((long) i << 3);
          outOfRange |= x ^ (int) x;
          r.setInt((long) i << 2, (int) x);
        }
        if (outOfRange != 0) {
          for (int i = 0; i < rows; i++) {
            long x = a.getLong((long) i << 3);
            if (x != (int) x && Vectors.bit(valid, i)) {
              throw outOfRange(ColumnType.INT64, Long.toString(x), to);
            }
          }
        }
      }
      case FLOAT64 -> {
        for (int i = 0; i < rows; i++) {
          r.setDouble((long) i << 3, a.getLong((long) i << 3));
        }
      }
      default -> throw new IllegalStateException("INT64 to " + to);
    }
  }

  private static void fromFloat64(
      ArrowBuf a, ColumnType source, ColumnType to, ArrowBuf r, ArrowBuf valid, int rows) {
    switch (to) {
      case INT32 -> {
        for (int i = 0; i < rows; i++) {
          double x = Math.rint(a.getDouble((long) i << 3));
          if (!(x >= Integer.MIN_VALUE && x <= Integer.MAX_VALUE)) {
            if (Vectors.bit(valid, i)) {
              throw outOfRange(source, format(source, a.getDouble((long) i << 3)), to);
            }
            x = 0;
          }
          r.setInt((long) i << 2, (int) x);
        }
      }
      case INT64 -> {
        for (int i = 0; i < rows; i++) {
          double x = Math.rint(a.getDouble((long) i << 3));
          // 2^63 is exactly representable; every double below it converts without overflow.
          if (!(x >= -0x1p63 && x < 0x1p63)) {
            if (Vectors.bit(valid, i)) {
              throw outOfRange(source, format(source, a.getDouble((long) i << 3)), to);
            }
            x = 0;
          }
          r.setLong((long) i << 3, (long) x);
        }
      }
      default -> throw new IllegalStateException("FLOAT64 to " + to);
    }
  }

  private static String format(ColumnType source, double value) {
    return source == ColumnType.FLOAT32
        ? Utf8Formatter.formatFloat((float) value)
        : Utf8Formatter.formatDouble(value);
  }

  private static KernelException outOfRange(ColumnType from, String value, ColumnType to) {
    return new KernelException(
        KernelException.Kind.INVALID_CAST,
        "cannot cast " + from + " value " + value + " to " + to + ": out of range");
  }
}
