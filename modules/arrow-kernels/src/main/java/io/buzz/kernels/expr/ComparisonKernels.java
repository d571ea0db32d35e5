package io.buzz.kernels.expr;

import io.buzz.kernels.batch.ColumnType;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;

/**
 * Loops of {@link ComparisonExpression}. Results are built 64 rows at a time: each row's three-way
 * comparison selects a bit of the operation's mask ({@link ComparisonOperation#mask()}), the bits
 * of 64 rows form one word, and the word is stored once. BOOL operands compare whole words with bit
 * logic. FLOAT32 operands are widened to FLOAT64 first (exactly, so the order, NaN and -0.0 are
 * unchanged) and compared by the FLOAT64 loop. Validity is the AND of the operands' validity;
 * values under NULL are computed but meaningless.
 *
 * <p>Stateless and thread-safe; results are owned by the caller.
 */
public final class ComparisonKernels {
  private ComparisonKernels() {}

  static BitVector compare(
      ColumnType type,
      ComparisonOperation op,
      Operands operands,
      int rows,
      BufferAllocator allocator) {
    if (type == ColumnType.FLOAT32) {
      try (Operands widened = widen(operands, allocator)) {
        return compare(ColumnType.FLOAT64, op, widened, rows, allocator);
      }
    }
    FieldVector left = operands.left();
    FieldVector right = operands.right();
    int am = operands.leftMask();
    int bm = operands.rightMask();
    BitVector out = Vectors.allocateBool(rows, allocator);
    try {
      Vectors.andValidity(out, left, am == 0, right, bm == 0, rows);
      ArrowBuf a = left.getDataBuffer();
      ArrowBuf b = right.getDataBuffer();
      ArrowBuf bits = out.getDataBuffer();
      int mask = op.mask();
      if (ConstantComparison.applies(type, am, bm)) {
        // a column and a constant, in either order
        if (bm == 0) {
          ConstantComparison.compare(type, a, b, mask, bits, rows);
        } else {
          ConstantComparison.compare(type, b, a, ConstantComparison.mirror(mask), bits, rows);
        }
        out.setValueCount(rows);
        return out;
      }
      switch (type) {
        case INT32, DATE32 -> compareInts(a, am, b, bm, mask, bits, rows);
        case INT64, TIMESTAMP_MICROS, TIME_MICROS -> compareLongs(a, am, b, bm, mask, bits, rows);
        case FLOAT64 -> compareDoubles(a, am, b, bm, mask, bits, rows);
        case FLOAT32 -> throw new IllegalStateException("FLOAT32 is compared widened");
        case BOOL -> compareBools(a, am, b, bm, mask, bits, rows);
        case DECIMAL128 -> DecimalKernels.compare(a, am, b, bm, mask, bits, rows);
        case UTF8, VARBINARY ->
            compareUtf8(
                left.getOffsetBuffer(), a, am, right.getOffsetBuffer(), b, bm, op, bits, rows);
      }
      out.setValueCount(rows);
      return out;
    } catch (RuntimeException e) {
      out.close();
      throw e;
    }
  }

  /** Both FLOAT32 operands as FLOAT64 vectors of their own lengths (a scalar stays one row). */
  private static Operands widen(Operands operands, BufferAllocator allocator) {
    FieldVector left = operands.left();
    FieldVector right = operands.right();
    FieldVector l = Float32CastKernels.toFloat64(left, left.getValueCount(), allocator);
    try {
      FieldVector r = Float32CastKernels.toFloat64(right, right.getValueCount(), allocator);
      return new Operands(l, operands.leftScalar(), r, operands.rightScalar());
    } catch (RuntimeException e) {
      l.close();
      throw e;
    }
  }

  private static void compareInts(
      ArrowBuf a, int am, ArrowBuf b, int bm, int mask, ArrowBuf bits, int rows) {
    for (int w = 0, words = Vectors.words(rows); w < words; w++) {
      int base = w << 6;
      int end = Math.min(64, rows - base);
      long word = 0;
      for (int j = 0; j < end; j++) {
        int i = base + j;
        int c = Integer.compare(a.getInt((long) (i & am) << 2), b.getInt((long) (i & bm) << 2));
        word |= (long) ((mask >>> (c + 1)) & 1) << j;
      }
      Vectors.putWord(bits, w, word, rows);
    }
  }

  private static void compareLongs(
      ArrowBuf a, int am, ArrowBuf b, int bm, int mask, ArrowBuf bits, int rows) {
    for (int w = 0, words = Vectors.words(rows); w < words; w++) {
      int base = w << 6;
      int end = Math.min(64, rows - base);
      long word = 0;
      for (int j = 0; j < end; j++) {
        int i = base + j;
        int c = Long.compare(a.getLong((long) (i & am) << 3), b.getLong((long) (i & bm) << 3));
        word |= (long) ((mask >>> (c + 1)) & 1) << j;
      }
      Vectors.putWord(bits, w, word, rows);
    }
  }

  /**
   * Compares with the processor's ordered comparisons, branch-free; a word with an unordered pair
   * (a NaN) is recomputed with {@link #compareDouble}, which orders NaN last.
   */
  private static void compareDoubles(
      ArrowBuf a, int am, ArrowBuf b, int bm, int mask, ArrowBuf bits, int rows) {
    int less = mask & 1;
    int equal = (mask >>> 1) & 1;
    int greater = (mask >>> 2) & 1;
    for (int w = 0, words = Vectors.words(rows); w < words; w++) {
      int base = w << 6;
      int end = Math.min(64, rows - base);
      long word = 0;
      boolean unordered = false;
      for (int j = 0; j < end; j++) {
        int i = base + j;
        double x = a.getDouble((long) (i & am) << 3);
        double y = b.getDouble((long) (i & bm) << 3);
        boolean lt = x < y;
        boolean eq = x == y;
        boolean gt = x > y;
        unordered |= !(lt | eq | gt);
        int bit = (lt ? less : 0) | (eq ? equal : 0) | (gt ? greater : 0);
        word |= (long) bit << j;
      }
      if (unordered) {
        word = 0;
        for (int j = 0; j < end; j++) {
          int i = base + j;
          int c =
              compareDouble(a.getDouble((long) (i & am) << 3), b.getDouble((long) (i & bm) << 3));
          word |= (long) ((mask >>> (c + 1)) & 1) << j;
        }
      }
      Vectors.putWord(bits, w, word, rows);
    }
  }

  private static void compareBools(
      ArrowBuf a, int am, ArrowBuf b, int bm, int mask, ArrowBuf bits, int rows) {
    long takeLess = (mask & 1) != 0 ? -1L : 0L;
    long takeEqual = (mask & 2) != 0 ? -1L : 0L;
    long takeGreater = (mask & 4) != 0 ? -1L : 0L;
    // A scalar's single bit, broadcast to a whole word.
    long aScalar = -(Vectors.word(a, 0) & 1);
    long bScalar = -(Vectors.word(b, 0) & 1);
    for (int w = 0, words = Vectors.words(rows); w < words; w++) {
      long x = am == 0 ? aScalar : Vectors.word(a, w);
      long y = bm == 0 ? bScalar : Vectors.word(b, w);
      long word = (~x & y & takeLess) | (~(x ^ y) & takeEqual) | (x & ~y & takeGreater);
      Vectors.putWord(bits, w, word, rows);
    }
  }

  private static void compareUtf8(
      ArrowBuf aOffsets,
      ArrowBuf a,
      int am,
      ArrowBuf bOffsets,
      ArrowBuf b,
      int bm,
      ComparisonOperation op,
      ArrowBuf bits,
      int rows) {
    boolean equalityOnly = op == ComparisonOperation.EQUAL || op == ComparisonOperation.NOT_EQUAL;
    int mask = op.mask();
    for (int w = 0, words = Vectors.words(rows); w < words; w++) {
      int base = w << 6;
      int end = Math.min(64, rows - base);
      long word = 0;
      for (int j = 0; j < end; j++) {
        int i = base + j;
        long aAt = (long) (i & am) << 2;
        long bAt = (long) (i & bm) << 2;
        int aStart = aOffsets.getInt(aAt);
        int aLength = aOffsets.getInt(aAt + 4) - aStart;
        int bStart = bOffsets.getInt(bAt);
        int bLength = bOffsets.getInt(bAt + 4) - bStart;
        int c =
            equalityOnly && aLength != bLength
                ? 1
                : compareBytes(a, aStart, aLength, b, bStart, bLength);
        word |= (long) ((mask >>> (c + 1)) & 1) << j;
      }
      Vectors.putWord(bits, w, word, rows);
    }
  }

  /** Three-way comparison of doubles: NaN is greater than everything and equal to NaN; -0 = 0. */
  public static int compareDouble(double x, double y) {
    if (x < y) {
      return -1;
    }
    if (x > y) {
      return 1;
    }
    if (x == y) {
      return 0;
    }
    boolean xNaN = x != x;
    boolean yNaN = y != y;
    return xNaN ? (yNaN ? 0 : 1) : -1;
  }

  /**
   * Three-way comparison (-1, 0, 1) of two byte ranges as unsigned bytes, then by length: UTF-8
   * code-point order. Compares 8 bytes per step.
   */
  public static int compareBytes(
      ArrowBuf a, long aStart, int aLength, ArrowBuf b, long bStart, int bLength) {
    int common = Math.min(aLength, bLength);
    int i = 0;
    for (; i + 8 <= common; i += 8) {
      long x = a.getLong(aStart + i);
      long y = b.getLong(bStart + i);
      if (x != y) {
        return Long.compareUnsigned(Long.reverseBytes(x), Long.reverseBytes(y)) < 0 ? -1 : 1;
      }
    }
    for (; i < common; i++) {
      int x = a.getByte(aStart + i) & 0xFF;
      int y = b.getByte(bStart + i) & 0xFF;
      if (x != y) {
        return x < y ? -1 : 1;
      }
    }
    return Integer.compare(aLength, bLength);
  }
}
