package io.buzz.kernels.sort;

import java.util.Arrays;

/**
 * A UTF8 sort key: the values' bytes in one array ({@code bytes[offsets[i], offsets[i + 1])}),
 * compared as unsigned bytes without allocating. The prefix at depth d is bytes {@code [d, d + 8)}
 * big-endian, zero-padded, so a sort can settle most rows by prefixes and refine ties by the next
 * eight bytes.
 */
final class Utf8KeyColumn extends KeyColumn {
  private final byte[] bytes;
  private final int[] offsets;

  Utf8KeyColumn(SortKey key, byte[] bytes, int[] offsets, boolean[] nulls, boolean hasNulls) {
    super(key, nulls, hasNulls);
    this.bytes = bytes;
    this.offsets = offsets;
  }

  @Override
  int compareValues(int a, KeyColumn other, int b) {
    Utf8KeyColumn that = (Utf8KeyColumn) other;
    int c =
        Arrays.compareUnsigned(
            bytes, offsets[a], offsets[a + 1], that.bytes, that.offsets[b], that.offsets[b + 1]);
    return Integer.signum(c);
  }

  @Override
  long valuePrefix(int row, int depth) {
    int from = offsets[row] + depth;
    int to = Math.min(offsets[row + 1], from + 8);
    long prefix = 0;
    for (int p = from; p < from + 8; p++) {
      prefix = (prefix << 8) | (p < to ? bytes[p] & 0xFF : 0);
    }
    return prefix ^ Long.MIN_VALUE;
  }

  @Override
  int length(int row) {
    return offsets[row + 1] - offsets[row];
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
    return bytes.length + 4L * offsets.length + nulls.length;
  }
}
