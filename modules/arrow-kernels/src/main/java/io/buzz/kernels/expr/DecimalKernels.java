package io.buzz.kernels.expr;

import io.buzz.kernels.KernelException;
import io.buzz.kernels.batch.Decimal128;
import java.math.BigInteger;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * Loops over DECIMAL128 vectors: comparison, negation, addition, subtraction and multiplication of
 * unscaled values. Each loop takes the long path (no allocation) while both operands and the result
 * fit 64 bits, which covers every value of up to 18 digits, and {@link BigInteger} otherwise. A
 * result with more digits than the result type's precision is an ARITHMETIC error naming the type.
 * Values under NULL are skipped.
 *
 * <p>Stateless and thread-safe; results are owned by the caller.
 */
final class DecimalKernels {
  private DecimalKernels() {}

  /**
   * Three-way comparison of row {@code i & am} of {@code a} with row {@code i & bm} of {@code b}.
   */
  static void compare(ArrowBuf a, int am, ArrowBuf b, int bm, int mask, ArrowBuf bits, int rows) {
    for (int w = 0, words = Vectors.words(rows); w < words; w++) {
      int base = w << 6;
      int end = Math.min(64, rows - base);
      long word = 0;
      for (int j = 0; j < end; j++) {
        int i = base + j;
        int x = i & am;
        int y = i & bm;
        int c =
            Integer.signum(
                Decimal128.compare(
                    Decimal128.high(a, x),
                    Decimal128.low(a, x),
                    Decimal128.high(b, y),
                    Decimal128.low(b, y)));
        word |= (long) ((mask >>> (c + 1)) & 1) << j;
      }
      Vectors.putWord(bits, w, word, rows);
    }
  }

  /** {@code -value}; never overflows, a decimal's range is symmetric. */
  static FieldVector negate(FieldVector value, int rows, BufferAllocator allocator) {
    FieldVector out = Vectors.allocate(value.getField().getType(), rows, allocator);
    try {
      boolean hasNulls = Vectors.copyValidity(out, value, rows);
      ArrowBuf valid = out.getValidityBuffer();
      ArrowBuf from = value.getDataBuffer();
      ArrowBuf to = out.getDataBuffer();
      for (int i = 0; i < rows; i++) {
        if (hasNulls && !Vectors.bit(valid, i)) {
          continue;
        }
        long high = Decimal128.high(from, i);
        long low = Decimal128.low(from, i);
        // two's complement: invert both words, add one with the carry into the high word
        long negatedLow = -low;
        long negatedHigh = ~high + (low == 0 ? 1 : 0);
        Decimal128.put(to, i, negatedHigh, negatedLow);
      }
      out.setValueCount(rows);
      return out;
    } catch (RuntimeException e) {
      out.close();
      throw e;
    }
  }

  /**
   * ADD or SUBTRACT of operands at the result's scale, or MULTIPLY of operands whose scales sum to
   * the result's.
   */
  static FieldVector arithmetic(
      ArithmeticOperation operation,
      Operands operands,
      ArrowType.Decimal result,
      int rows,
      BufferAllocator allocator) {
    FieldVector out = Vectors.allocate(result, rows, allocator);
    try {
      FieldVector left = operands.left();
      FieldVector right = operands.right();
      int am = operands.leftMask();
      int bm = operands.rightMask();
      boolean hasNulls = Vectors.andValidity(out, left, am == 0, right, bm == 0, rows);
      ArrowBuf valid = out.getValidityBuffer();
      ArrowBuf a = left.getDataBuffer();
      ArrowBuf b = right.getDataBuffer();
      ArrowBuf to = out.getDataBuffer();
      int precision = result.getPrecision();
      for (int i = 0; i < rows; i++) {
        if (hasNulls && !Vectors.bit(valid, i)) {
          continue;
        }
        int x = i & am;
        int y = i & bm;
        long xh = Decimal128.high(a, x);
        long xl = Decimal128.low(a, x);
        long yh = Decimal128.high(b, y);
        long yl = Decimal128.low(b, y);
        if (Decimal128.isLong(xh, xl) && Decimal128.isLong(yh, yl)) {
          long value;
          try {
            value =
                switch (operation) {
                  case ADD -> Math.addExact(xl, yl);
                  case SUBTRACT -> Math.subtractExact(xl, yl);
                  case MULTIPLY -> Math.multiplyExact(xl, yl);
                  case DIVIDE, MODULO -> throw unsupported(operation);
                };
          } catch (ArithmeticException beyondLong) {
            put(to, i, wide(operation, xh, xl, yh, yl), operation, result);
            continue;
          }
          if (!Decimal128.fits(value, precision)) {
            throw Decimal128.overflow(describe(operation), precision, result.getScale());
          }
          Decimal128.putLong(to, i, value);
        } else {
          put(to, i, wide(operation, xh, xl, yh, yl), operation, result);
        }
      }
      out.setValueCount(rows);
      return out;
    } catch (RuntimeException e) {
      out.close();
      throw e;
    }
  }

  private static BigInteger wide(
      ArithmeticOperation operation, long xh, long xl, long yh, long yl) {
    BigInteger x = Decimal128.toBigInteger(xh, xl);
    BigInteger y = Decimal128.toBigInteger(yh, yl);
    return switch (operation) {
      case ADD -> x.add(y);
      case SUBTRACT -> x.subtract(y);
      case MULTIPLY -> x.multiply(y);
      case DIVIDE, MODULO -> throw unsupported(operation);
    };
  }

  private static void put(
      ArrowBuf to,
      int i,
      BigInteger value,
      ArithmeticOperation operation,
      ArrowType.Decimal result) {
    if (!Decimal128.fits(value, result.getPrecision())) {
      throw Decimal128.overflow(describe(operation), result.getPrecision(), result.getScale());
    }
    Decimal128.put(to, i, value);
  }

  private static String describe(ArithmeticOperation operation) {
    return "'" + operation.symbol() + "'";
  }

  /** Decimal division is planned in DOUBLE. */
  static KernelException unsupported(ArithmeticOperation operation) {
    return new KernelException(
        KernelException.Kind.UNSUPPORTED,
        "DECIMAL " + operation + " is not supported: divide in DOUBLE");
  }
}
