package io.buzz.kernels.expr;

import io.buzz.kernels.KernelException;
import io.buzz.kernels.batch.ColumnType;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * Loops of {@link ArithmeticExpression} and {@link NegateExpression}: one plain loop per type and
 * operation over the operands' data buffers. An operand that is a literal arrives as a one-row
 * vector with index mask 0 ({@link Operands}), so the same loop serves column-column and
 * column-constant without materializing the constant per row.
 *
 * <p>The result's validity is the AND of the operands' (computed word by word first). Values are
 * then computed for every row, NULL or not: a NULL slot holds an arbitrary value, so checks that
 * can fail consult the result's validity before throwing. Overflow checks of ADD, SUBTRACT,
 * MULTIPLY and NEGATE accumulate a flag without branching and rescan only when it is set; the
 * rescan throws for the first valid row that overflows. Division and modulo branch on the rare zero
 * (or {@code MIN / -1}) divisor.
 *
 * <p>Stateless and thread-safe; results are owned by the caller.
 */
final class ArithmeticKernels {
  private ArithmeticKernels() {}

  static FieldVector int64(
      ArithmeticOperation op, Operands operands, int rows, BufferAllocator alloc) {
    FieldVector left = operands.left();
    FieldVector right = operands.right();
    int am = operands.leftMask();
    int bm = operands.rightMask();
    FieldVector out = Vectors.allocate(ColumnType.INT64, rows, alloc);
    try {
      Vectors.andValidity(out, left, am == 0, right, bm == 0, rows);
      ArrowBuf a = left.getDataBuffer();
      ArrowBuf b = right.getDataBuffer();
      ArrowBuf r = out.getDataBuffer();
      ArrowBuf valid = out.getValidityBuffer();
      long overflow = 0;
      switch (op) {
        case ADD -> {
          for (int i = 0; i < rows; i++) {
            long x = a.getLong((long) (i & am) << 3);
            long y = b.getLong((long) (i & bm) << 3);
            long z = x + y;
            overflow |= (x ^ z) & (y ^ z);
            r.setLong((long) i << 3, z);
          }
          overflow >>>= 63;
        }
        case SUBTRACT -> {
          for (int i = 0; i < rows; i++) {
            long x = a.getLong((long) (i & am) << 3);
            long y = b.getLong((long) (i & bm) << 3);
            long z = x - y;
            overflow |= (x ^ y) & (x ^ z);
            r.setLong((long) i << 3, z);
          }
          overflow >>>= 63;
        }
        case MULTIPLY -> {
          for (int i = 0; i < rows; i++) {
            long x = a.getLong((long) (i & am) << 3);
            long y = b.getLong((long) (i & bm) << 3);
            long z = x * y;
            overflow |= Math.multiplyHigh(x, y) ^ (z >> 63);
            r.setLong((long) i << 3, z);
          }
        }
        case DIVIDE, MODULO -> {
          boolean divide = op == ArithmeticOperation.DIVIDE;
          for (int i = 0; i < rows; i++) {
            long x = a.getLong((long) (i & am) << 3);
            long y = b.getLong((long) (i & bm) << 3);
            long z;
            if (y == 0 || (y == -1 && x == Long.MIN_VALUE)) {
              if (Vectors.bit(valid, i)) {
                if (y == 0) {
                  throw divisionByZero(op, Long.toString(x));
                }
                if (divide) {
                  throw overflow(op, Long.toString(x), "-1", ColumnType.INT64);
                }
              }
              z = 0;
            } else {
              z = divide ? x / y : x % y;
            }
            r.setLong((long) i << 3, z);
          }
        }
      }
      if (overflow != 0) {
        throwFirstOverflow64(op, a, am, b, bm, valid, rows);
      }
      out.setValueCount(rows);
      return out;
    } catch (RuntimeException e) {
      out.close();
      throw e;
    }
  }

  static FieldVector int32(
      ArithmeticOperation op, Operands operands, int rows, BufferAllocator alloc) {
    FieldVector left = operands.left();
    FieldVector right = operands.right();
    int am = operands.leftMask();
    int bm = operands.rightMask();
    FieldVector out = Vectors.allocate(ColumnType.INT32, rows, alloc);
    try {
      Vectors.andValidity(out, left, am == 0, right, bm == 0, rows);
      ArrowBuf a = left.getDataBuffer();
      ArrowBuf b = right.getDataBuffer();
      ArrowBuf r = out.getDataBuffer();
      ArrowBuf valid = out.getValidityBuffer();
      long overflow = 0;
      switch (op) {
        case ADD, SUBTRACT, MULTIPLY -> {
          int kind = op.ordinal();
          for (int i = 0; i < rows; i++) {
            long x = a.getInt((long) (i & am) << 2);
            long y = b.getInt((long) (i & bm) << 2);
            long z = kind == 0 ? x + y : kind == 1 ? x - y : x * y;
            overflow |= z ^ (int) z;
            r.setInt((long) i << 2, (int) z);
          }
        }
        case DIVIDE, MODULO -> {
          boolean divide = op == ArithmeticOperation.DIVIDE;
          for (int i = 0; i < rows; i++) {
            int x = a.getInt((long) (i & am) << 2);
            int y = b.getInt((long) (i & bm) << 2);
            int z;
            if (y == 0 || (y == -1 && x == Integer.MIN_VALUE)) {
              if (Vectors.bit(valid, i)) {
                if (y == 0) {
                  throw divisionByZero(op, Integer.toString(x));
                }
                if (divide) {
                  throw overflow(op, Integer.toString(x), "-1", ColumnType.INT32);
                }
              }
              z = 0;
            } else {
              z = divide ? x / y : x % y;
            }
            r.setInt((long) i << 2, z);
          }
        }
      }
      if (overflow != 0) {
        for (int i = 0; i < rows; i++) {
          long x = a.getInt((long) (i & am) << 2);
          long y = b.getInt((long) (i & bm) << 2);
          long z =
              op == ArithmeticOperation.ADD
                  ? x + y
                  : op == ArithmeticOperation.SUBTRACT ? x - y : x * y;
          if (z != (int) z && Vectors.bit(valid, i)) {
            throw overflow(op, Long.toString(x), Long.toString(y), ColumnType.INT32);
          }
        }
      }
      out.setValueCount(rows);
      return out;
    } catch (RuntimeException e) {
      out.close();
      throw e;
    }
  }

  static FieldVector float64(
      ArithmeticOperation op, Operands operands, int rows, BufferAllocator alloc) {
    FieldVector left = operands.left();
    FieldVector right = operands.right();
    int am = operands.leftMask();
    int bm = operands.rightMask();
    FieldVector out = Vectors.allocate(ColumnType.FLOAT64, rows, alloc);
    try {
      Vectors.andValidity(out, left, am == 0, right, bm == 0, rows);
      ArrowBuf a = left.getDataBuffer();
      ArrowBuf b = right.getDataBuffer();
      ArrowBuf r = out.getDataBuffer();
      switch (op) {
        case ADD -> {
          for (int i = 0; i < rows; i++) {
            r.setDouble(
                (long) i << 3,
                a.getDouble((long) (i & am) << 3) + b.getDouble((long) (i & bm) << 3));
          }
        }
        case SUBTRACT -> {
          for (int i = 0; i < rows; i++) {
            r.setDouble(
                (long) i << 3,
                a.getDouble((long) (i & am) << 3) - b.getDouble((long) (i & bm) << 3));
          }
        }
        case MULTIPLY -> {
          for (int i = 0; i < rows; i++) {
            r.setDouble(
                (long) i << 3,
                a.getDouble((long) (i & am) << 3) * b.getDouble((long) (i & bm) << 3));
          }
        }
        case DIVIDE -> {
          for (int i = 0; i < rows; i++) {
            r.setDouble(
                (long) i << 3,
                a.getDouble((long) (i & am) << 3) / b.getDouble((long) (i & bm) << 3));
          }
        }
        case MODULO -> {
          for (int i = 0; i < rows; i++) {
            r.setDouble(
                (long) i << 3,
                a.getDouble((long) (i & am) << 3) % b.getDouble((long) (i & bm) << 3));
          }
        }
      }
      out.setValueCount(rows);
      return out;
    } catch (RuntimeException e) {
      out.close();
      throw e;
    }
  }

  static FieldVector negate(ColumnType type, FieldVector operand, int rows, BufferAllocator alloc) {
    FieldVector out = Vectors.allocate(type, rows, alloc);
    try {
      Vectors.copyValidity(out, operand, rows);
      ArrowBuf a = operand.getDataBuffer();
      ArrowBuf r = out.getDataBuffer();
      ArrowBuf valid = out.getValidityBuffer();
      switch (type) {
        case INT32 -> {
          int overflow = 0;
          for (int i = 0; i < rows; i++) {
            int x = a.getInt((long) i << 2);
            overflow |= x & -x;
            r.setInt((long) i << 2, -x);
          }
          if (overflow < 0) {
            for (int i = 0; i < rows; i++) {
              if (a.getInt((long) i << 2) == Integer.MIN_VALUE && Vectors.bit(valid, i)) {
                throw negateOverflow(Integer.toString(Integer.MIN_VALUE), type);
              }
            }
          }
        }
        case INT64 -> {
          long overflow = 0;
          for (int i = 0; i < rows; i++) {
            long x = a.getLong((long) i << 3);
            overflow |= x & -x;
            r.setLong((long) i << 3, -x);
          }
          if (overflow < 0) {
            for (int i = 0; i < rows; i++) {
              if (a.getLong((long) i << 3) == Long.MIN_VALUE && Vectors.bit(valid, i)) {
                throw negateOverflow(Long.toString(Long.MIN_VALUE), type);
              }
            }
          }
        }
        case FLOAT64 -> {
          for (int i = 0; i < rows; i++) {
            r.setDouble((long) i << 3, -a.getDouble((long) i << 3));
          }
        }
        case BOOL, UTF8, VARBINARY, DATE32, TIMESTAMP_MICROS, DECIMAL128, FLOAT32, TIME_MICROS ->
            throw new IllegalStateException("not numeric: " + type);
      }
      out.setValueCount(rows);
      return out;
    } catch (RuntimeException e) {
      out.close();
      throw e;
    }
  }

  private static void throwFirstOverflow64(
      ArithmeticOperation op, ArrowBuf a, int am, ArrowBuf b, int bm, ArrowBuf valid, int rows) {
    for (int i = 0; i < rows; i++) {
      long x = a.getLong((long) (i & am) << 3);
      long y = b.getLong((long) (i & bm) << 3);
      boolean overflows =
          switch (op) {
            case ADD -> ((x ^ (x + y)) & (y ^ (x + y))) < 0;
            case SUBTRACT -> ((x ^ y) & (x ^ (x - y))) < 0;
            case MULTIPLY -> Math.multiplyHigh(x, y) != ((x * y) >> 63);
            case DIVIDE, MODULO -> false;
          };
      if (overflows && Vectors.bit(valid, i)) {
        throw overflow(op, Long.toString(x), Long.toString(y), ColumnType.INT64);
      }
    }
  }

  private static KernelException overflow(
      ArithmeticOperation op, String x, String y, ColumnType type) {
    return new KernelException(
        KernelException.Kind.ARITHMETIC,
        "integer overflow in "
            + op
            + ": "
            + x
            + " "
            + op.symbol()
            + " "
            + y
            + " is out of range for "
            + type);
  }

  private static KernelException negateOverflow(String x, ColumnType type) {
    return new KernelException(
        KernelException.Kind.ARITHMETIC,
        "integer overflow in NEGATE: -(" + x + ") is out of range for " + type);
  }

  private static KernelException divisionByZero(ArithmeticOperation op, String x) {
    return new KernelException(
        KernelException.Kind.ARITHMETIC,
        "division by zero in " + op + ": " + x + " " + op.symbol() + " 0");
  }
}
