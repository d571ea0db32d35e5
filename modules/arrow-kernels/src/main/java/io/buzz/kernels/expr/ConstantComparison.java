package io.buzz.kernels.expr;

import io.buzz.kernels.batch.ColumnType;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.util.MemoryUtil;

/**
 * An integer column compared with a constant, the common shape of a filter ({@code passengers >=
 * 3}): the operation and the constant become the range of values that pass ({@code >= 3}: [3, MAX];
 * {@code <>} negates {@code =}'s), and each row costs one unsigned comparison of {@code value -
 * low} with {@code high - low} (which wraps correctly at the type's ends), with no three-way
 * comparison and no mask lookup; 64 rows make one word of result bits, as in {@link
 * ComparisonKernels}. INT32 and DATE32 values compare as ints, INT64, TIMESTAMP_MICROS and
 * TIME_MICROS as longs.
 *
 * <p>Stateless and thread-safe.
 */
final class ConstantComparison {
  private ConstantComparison() {}

  /**
   * True when one operand is a column and the other a constant ({@code am}, {@code bm}: the
   * operands' index masks, 0 for a constant) of an integer type.
   */
  static boolean applies(ColumnType type, int am, int bm) {
    boolean oneConstant = (am == 0) != (bm == 0);
    return oneConstant
        && switch (type) {
          case INT32, DATE32, INT64, TIMESTAMP_MICROS, TIME_MICROS -> true;
          default -> false;
        };
  }

  /** The mask of the same operation with its operands swapped: less and greater trade places. */
  static int mirror(int mask) {
    return (mask & 0b010) | (mask & 0b001) << 2 | (mask & 0b100) >>> 2;
  }

  /**
   * Writes {@code column[i] <op> constant} for rows {@code [0, rows)} into {@code bits}; {@code
   * mask} is the operation's ({@link ComparisonOperation#mask()}), {@code constant} holds the value
   * at row 0.
   */
  static void compare(
      ColumnType type, ArrowBuf column, ArrowBuf constant, int mask, ArrowBuf bits, int rows) {
    boolean negate = mask == 0b101; // <> is "not in [k, k]"
    int range = negate ? 0b010 : mask;
    if (type == ColumnType.INT32 || type == ColumnType.DATE32) {
      int k = constant.getInt(0);
      long low = (range & 0b001) != 0 ? Integer.MIN_VALUE : (range & 0b010) != 0 ? k : k + 1L;
      long high = (range & 0b100) != 0 ? Integer.MAX_VALUE : (range & 0b010) != 0 ? k : k - 1L;
      ints(address(column, 4L * rows), low, high, negate, bits, rows);
    } else {
      long k = constant.getLong(0);
      // an empty range (< MIN, > MAX, no accepted ordering) is low > high, with no overflow
      boolean empty =
          range == 0
              || range == 0b001 && k == Long.MIN_VALUE
              || range == 0b100 && k == Long.MAX_VALUE;
      long low = (range & 0b001) != 0 ? Long.MIN_VALUE : (range & 0b010) != 0 ? k : k + 1;
      long high = (range & 0b100) != 0 ? Long.MAX_VALUE : (range & 0b010) != 0 ? k : k - 1;
      longs(address(column, 8L * rows), low, high, empty, negate, bits, rows);
    }
  }

  private static void ints(
      long values, long low, long high, boolean negate, ArrowBuf bits, int rows) {
    long flip = negate ? -1L : 0L;
    if (low > high) {
      fill(flip, bits, rows); // nothing passes (< MIN, > MAX, no accepted ordering)
      return;
    }
    int lo = (int) low;
    int bound = (int) (high - low) + Integer.MIN_VALUE; // unsigned span, biased to compare signed
    for (int w = 0, words = Vectors.words(rows); w < words; w++) {
      int base = w << 6;
      int end = Math.min(64, rows - base);
      long at = values + ((long) base << 2);
      long word = 0;
      for (int j = 0; j < end; j++) {
        int biased = MemoryUtil.getInt(at + ((long) j << 2)) - lo + Integer.MIN_VALUE;
        word |= (biased <= bound ? 1L : 0L) << j;
      }
      Vectors.putWord(bits, w, word ^ flip, rows);
    }
  }

  private static void longs(
      long values, long low, long high, boolean empty, boolean negate, ArrowBuf bits, int rows) {
    long flip = negate ? -1L : 0L;
    if (empty) {
      fill(flip, bits, rows);
      return;
    }
    long bound = high - low + Long.MIN_VALUE;
    for (int w = 0, words = Vectors.words(rows); w < words; w++) {
      int base = w << 6;
      int end = Math.min(64, rows - base);
      long at = values + ((long) base << 3);
      long word = 0;
      for (int j = 0; j < end; j++) {
        long biased = MemoryUtil.getLong(at + ((long) j << 3)) - low + Long.MIN_VALUE;
        word |= (biased <= bound ? 1L : 0L) << j;
      }
      Vectors.putWord(bits, w, word ^ flip, rows);
    }
  }

  private static void fill(long word, ArrowBuf bits, int rows) {
    for (int w = 0, words = Vectors.words(rows); w < words; w++) {
      Vectors.putWord(bits, w, word, rows);
    }
  }

  /** The buffer's address after checking it holds {@code bytes} bytes: the loops read unchecked. */
  private static long address(ArrowBuf buffer, long bytes) {
    if (buffer.capacity() < bytes) {
      throw new IllegalArgumentException(
          "Arrow buffer of " + buffer.capacity() + " bytes, expected at least " + bytes);
    }
    return buffer.memoryAddress();
  }
}
