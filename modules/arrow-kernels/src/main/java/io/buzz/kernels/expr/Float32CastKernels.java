package io.buzz.kernels.expr;

import io.buzz.kernels.KernelException;
import io.buzz.kernels.batch.ColumnType;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * Casts between FLOAT32 and INT32, INT64 and FLOAT64, as DuckDB does them: an integer or a FLOAT64
 * becomes the nearest float (one rounding, never through a double); a finite FLOAT64 beyond
 * FLOAT32's range is an INVALID_CAST naming the value, while NaN and infinities stay what they are.
 * FLOAT32 to FLOAT64 is exact; FLOAT32 to an integer converts the exact double and then rounds like
 * FLOAT64 ({@link NumericCastKernels}: half to even, NaN, infinities and out of range are errors).
 * Casts to and from UTF8 and DECIMAL128 live with those types.
 *
 * <p>Stateless and thread-safe; results are owned by the caller.
 */
final class Float32CastKernels {
  private Float32CastKernels() {}

  static boolean supports(ColumnType from, ColumnType to) {
    return from == ColumnType.FLOAT32 && partner(to) || to == ColumnType.FLOAT32 && partner(from);
  }

  private static boolean partner(ColumnType type) {
    return type == ColumnType.INT32 || type == ColumnType.INT64 || type == ColumnType.FLOAT64;
  }

  static FieldVector cast(
      FieldVector value, ColumnType from, ColumnType to, int rows, BufferAllocator allocator) {
    if (from == ColumnType.FLOAT32 && to != ColumnType.FLOAT64) {
      try (FieldVector widened = toFloat64(value, rows, allocator)) {
        return NumericCastKernels.fromFloat64(widened, ColumnType.FLOAT32, to, rows, allocator);
      }
    }
    if (from == ColumnType.FLOAT32) {
      return toFloat64(value, rows, allocator);
    }
    FieldVector out = Vectors.allocate(ColumnType.FLOAT32, rows, allocator);
    try {
      Vectors.copyValidity(out, value, rows);
      ArrowBuf a = value.getDataBuffer();
      ArrowBuf r = out.getDataBuffer();
      switch (from) {
        case INT32 -> {
          for (int i = 0; i < rows; i++) {
            r.setFloat((long) i << 2, (float) a.getInt((long) i << 2));
          }
        }
        case INT64 -> {
          for (int i = 0; i < rows; i++) {
            r.setFloat((long) i << 2, (float) a.getLong((long) i << 3));
          }
        }
        case FLOAT64 -> narrow(a, r, out.getValidityBuffer(), rows);
        default -> throw new IllegalStateException("not a FLOAT32 cast: " + from);
      }
      out.setValueCount(rows);
      return out;
    } catch (RuntimeException e) {
      out.close();
      throw e;
    }
  }

  /**
   * The first {@code rows} values of a FLOAT32 vector as FLOAT64, exactly (NaN, infinities and -0.0
   * included), with its validity; owned by the caller.
   */
  static FieldVector toFloat64(FieldVector value, int rows, BufferAllocator allocator) {
    FieldVector out = Vectors.allocate(ColumnType.FLOAT64, rows, allocator);
    try {
      Vectors.copyValidity(out, value, rows);
      ArrowBuf a = value.getDataBuffer();
      ArrowBuf r = out.getDataBuffer();
      for (int i = 0; i < rows; i++) {
        r.setDouble((long) i << 3, a.getFloat((long) i << 2));
      }
      out.setValueCount(rows);
      return out;
    } catch (RuntimeException e) {
      out.close();
      throw e;
    }
  }

  private static void narrow(ArrowBuf a, ArrowBuf r, ArrowBuf valid, int rows) {
    boolean overflow = false;
    for (int i = 0; i < rows; i++) {
      double x = a.getDouble((long) i << 3);
      float y = (float) x;
      overflow |= Float.isInfinite(y) && Double.isFinite(x);
      r.setFloat((long) i << 2, y);
    }
    if (overflow) {
      for (int i = 0; i < rows; i++) {
        double x = a.getDouble((long) i << 3);
        if (Float.isInfinite((float) x) && Double.isFinite(x) && Vectors.bit(valid, i)) {
          throw new KernelException(
              KernelException.Kind.INVALID_CAST,
              "cannot cast FLOAT64 value "
                  + Utf8Formatter.formatDouble(x)
                  + " to FLOAT32: out of range");
        }
      }
    }
  }
}
