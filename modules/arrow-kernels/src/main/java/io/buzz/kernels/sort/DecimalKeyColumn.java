package io.buzz.kernels.sort;

import io.buzz.kernels.batch.Decimal128;

/**
 * A DECIMAL128 sort key of more than 18 digits (narrower ones are {@link LongKeyColumn}s): the
 * unscaled values as two words, {@code highs[i]} and {@code lows[i]}, all of one scale, so their
 * order is the order of the 128-bit integers: the high word signed, then the low word unsigned.
 *
 * <p>The prefix at depth 0 is the high word and at depth 8 the low word (sign bit flipped, so the
 * signed order of prefixes is the unsigned order of low words): a sort settles rows by high words
 * and refines ties by low words, as it does with the bytes of a string.
 */
final class DecimalKeyColumn extends KeyColumn {
  private static final int LENGTH = Decimal128.WIDTH;

  private final long[] highs;
  private final long[] lows;

  DecimalKeyColumn(SortKey key, long[] highs, long[] lows, boolean[] nulls, boolean hasNulls) {
    super(key, nulls, hasNulls);
    this.highs = highs;
    this.lows = lows;
  }

  @Override
  int compareValues(int a, KeyColumn other, int b) {
    DecimalKeyColumn that = (DecimalKeyColumn) other;
    return Decimal128.compare(highs[a], lows[a], that.highs[b], that.lows[b]);
  }

  @Override
  long valuePrefix(int row, int depth) {
    return depth == 0 ? highs[row] : lows[row] ^ Long.MIN_VALUE;
  }

  @Override
  int length(int row) {
    return LENGTH;
  }

  @Override
  boolean valuePrefixIsExact() {
    return false;
  }

  @Override
  boolean valuePrefixAvoidsExtremes() {
    return false;
  }

  @Override
  long memoryBytes() {
    return 8L * (highs.length + lows.length) + nulls.length;
  }
}
