package io.buzz.kernels.aggregate;

import io.buzz.kernels.KernelException;
import io.buzz.kernels.batch.ColumnType;
import io.buzz.kernels.batch.Decimal128;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Builds output vectors from per-group Java arrays: elements {@code [from, to)} of the arrays
 * become rows {@code 0 .. to - from} of a new vector. A group is NULL when {@code valid} is
 * non-null and its bit is clear. The vector is allocated from {@code allocator} and owned by the
 * caller; on failure nothing is leaked.
 */
final class StateVectors {
  private StateVectors() {}

  /**
   * A vector of {@code type} from longs: BOOL as 0/1, INT32 and DATE32 narrowed, FLOAT64 as the
   * double's bits ({@link Double#longBitsToDouble}), FLOAT32 as the bits of its value as a double,
   * DECIMAL128 as an unscaled value that fits a long (sign-extended to 128 bits; precision and
   * scale come from {@code field}).
   */
  static FieldVector fromLongs(
      Field field,
      ColumnType type,
      long[] values,
      long[] valid,
      int from,
      int to,
      BufferAllocator allocator) {
    int count = to - from;
    FieldVector vector = field.createVector(allocator);
    try {
      ((BaseFixedWidthVector) vector).allocateNew(count);
      switch (type) {
        case BOOL -> {
          BitVector out = (BitVector) vector;
          for (int g = from; g < to; g++) {
            if (valid == null || GroupBits.get(valid, g)) {
              out.set(g - from, (int) values[g]);
            }
          }
        }
        case INT32, DATE32 -> {
          ArrowBuf data = vector.getDataBuffer();
          ArrowBuf validity = vector.getValidityBuffer();
          for (int g = from; g < to; g++) {
            if (valid == null || GroupBits.get(valid, g)) {
              data.setInt((long) (g - from) << 2, (int) values[g]);
              BitVectorHelper.setBit(validity, g - from);
            }
          }
        }
        case INT64, TIMESTAMP_MICROS, TIME_MICROS -> {
          ArrowBuf data = vector.getDataBuffer();
          ArrowBuf validity = vector.getValidityBuffer();
          for (int g = from; g < to; g++) {
            if (valid == null || GroupBits.get(valid, g)) {
              data.setLong((long) (g - from) << 3, values[g]);
              BitVectorHelper.setBit(validity, g - from);
            }
          }
        }
        case FLOAT32 -> {
          Float4Vector out = (Float4Vector) vector;
          for (int g = from; g < to; g++) {
            if (valid == null || GroupBits.get(valid, g)) {
              out.set(g - from, (float) Double.longBitsToDouble(values[g]));
            }
          }
        }
        case FLOAT64 -> {
          Float8Vector out = (Float8Vector) vector;
          for (int g = from; g < to; g++) {
            if (valid == null || GroupBits.get(valid, g)) {
              out.set(g - from, Double.longBitsToDouble(values[g]));
            }
          }
        }
        case DECIMAL128 -> {
          ArrowBuf data = vector.getDataBuffer();
          ArrowBuf validity = vector.getValidityBuffer();
          for (int g = from; g < to; g++) {
            if (valid == null || GroupBits.get(valid, g)) {
              Decimal128.putLong(data, g - from, values[g]);
              BitVectorHelper.setBit(validity, g - from);
            }
          }
        }
        case UTF8, VARBINARY ->
            throw new KernelException(
                KernelException.Kind.INTERNAL,
                field.getName() + " (variable width) built from longs");
      }
      vector.setValueCount(count);
      return vector;
    } catch (RuntimeException e) {
      vector.close();
      throw e;
    }
  }

  /** A FLOAT64 vector from doubles. */
  static FieldVector fromDoubles(
      Field field, double[] values, long[] valid, int from, int to, BufferAllocator allocator) {
    int count = to - from;
    Float8Vector vector = (Float8Vector) field.createVector(allocator);
    try {
      vector.allocateNew(count);
      for (int g = from; g < to; g++) {
        if (valid == null || GroupBits.get(valid, g)) {
          vector.set(g - from, values[g]);
        }
      }
      vector.setValueCount(count);
      return vector;
    } catch (RuntimeException e) {
      vector.close();
      throw e;
    }
  }

  /**
   * A DECIMAL128 vector (precision and scale from {@code field}) whose value for group g has the
   * words {@code highs[g]} and {@code lows[g]}.
   */
  static FieldVector fromDecimals(
      Field field,
      long[] highs,
      long[] lows,
      long[] valid,
      int from,
      int to,
      BufferAllocator allocator) {
    int count = to - from;
    DecimalVector vector = (DecimalVector) field.createVector(allocator);
    try {
      vector.allocateNew(count);
      ArrowBuf data = vector.getDataBuffer();
      ArrowBuf validity = vector.getValidityBuffer();
      for (int g = from; g < to; g++) {
        if (valid == null || GroupBits.get(valid, g)) {
          Decimal128.put(data, g - from, highs[g], lows[g]);
          BitVectorHelper.setBit(validity, g - from);
        }
      }
      vector.setValueCount(count);
      return vector;
    } catch (RuntimeException e) {
      vector.close();
      throw e;
    }
  }

  /**
   * A UTF8 or VARBINARY vector of groups {@code [from, to)} whose values lie one after another in
   * {@code data}: group g is {@code data[starts[g], starts[g + 1])}. One bulk copy of the bytes and
   * one pass over the offsets; every group is valid except {@code nullGroup} (-1: none).
   */
  static FieldVector fromContiguous(
      Field field,
      byte[] data,
      int[] starts,
      int nullGroup,
      int from,
      int to,
      BufferAllocator allocator) {
    int count = to - from;
    int base = starts[from];
    int total = starts[to] - base;
    BaseVariableWidthVector vector = (BaseVariableWidthVector) field.createVector(allocator);
    try {
      vector.allocateNew(Math.max(total, 1), count);
      if (total > 0) {
        vector.getDataBuffer().setBytes(0, data, base, total);
      }
      ArrowBuf offsets = vector.getOffsetBuffer();
      for (int i = 0; i <= count; i++) {
        offsets.setInt((long) i << 2, starts[from + i] - base);
      }
      ArrowBuf validity = vector.getValidityBuffer();
      int fullBytes = count >>> 3;
      validity.setOne(0L, (long) fullBytes);
      for (int i = fullBytes << 3; i < count; i++) {
        BitVectorHelper.setBit(validity, i);
      }
      if (nullGroup >= from && nullGroup < to) {
        BitVectorHelper.unsetBit(validity, nullGroup - from);
      }
      vector.setLastSet(count - 1);
      vector.setValueCount(count);
      return vector;
    } catch (RuntimeException e) {
      vector.close();
      throw e;
    }
  }

  /** A UTF8 vector whose value for group g is {@code data[starts[g], starts[g] + lengths[g])}. */
  static FieldVector fromUtf8(
      Field field,
      byte[] data,
      int[] starts,
      int[] lengths,
      long[] valid,
      int from,
      int to,
      BufferAllocator allocator) {
    int count = to - from;
    long total = 0;
    for (int g = from; g < to; g++) {
      if (valid == null || GroupBits.get(valid, g)) {
        total += lengths[g];
      }
    }
    if (total > Integer.MAX_VALUE) {
      throw new KernelException(
          KernelException.Kind.LIMIT_EXCEEDED,
          "more than 2 GiB of UTF8 data in one output batch of " + field.getName());
    }
    BaseVariableWidthVector vector = (BaseVariableWidthVector) field.createVector(allocator);
    try {
      vector.allocateNew(Math.max(total, 1), count);
      ArrowBuf bytes = vector.getDataBuffer();
      ArrowBuf offsets = vector.getOffsetBuffer();
      ArrowBuf validity = vector.getValidityBuffer();
      int position = 0;
      offsets.setInt(0, 0);
      for (int g = from; g < to; g++) {
        if (valid == null || GroupBits.get(valid, g)) {
          int length = lengths[g];
          if (length > 0) {
            bytes.setBytes(position, data, starts[g], length);
          }
          position += length;
          BitVectorHelper.setBit(validity, g - from);
        }
        offsets.setInt((long) (g - from + 1) << 2, position);
      }
      vector.setLastSet(count - 1);
      vector.setValueCount(count);
      return vector;
    } catch (RuntimeException e) {
      vector.close();
      throw e;
    }
  }
}
