package io.buzz.storage.parquet.column;

import io.buzz.storage.parquet.encoding.LittleEndian;
import java.util.Arrays;

/** Bit helpers over little-endian (LSB-first) bitmaps held in byte arrays, as Arrow lays them. */
final class Bits {
  private Bits() {}

  /** Sets bits {@code [start, start + count)}. */
  static void setRange(byte[] bits, int start, int count) {
    int bit = start;
    int endBit = start + count;
    while (bit < endBit && (bit & 7) != 0) {
      bits[bit >>> 3] |= (byte) (1 << (bit & 7));
      bit++;
    }
    int fullBytesEnd = endBit >>> 3;
    if (bit >>> 3 < fullBytesEnd) {
      Arrays.fill(bits, bit >>> 3, fullBytesEnd, (byte) 0xFF);
      bit = fullBytesEnd << 3;
    }
    while (bit < endBit) {
      bits[bit >>> 3] |= (byte) (1 << (bit & 7));
      bit++;
    }
  }

  /**
   * Sets the bit of each of rows {@code [out, out + n)} whose definition level {@code defs[row -
   * out]} is {@code maxLevel}, and counts them. Eight aligned rows that are all defined (the common
   * case) take one 8-byte compare and one byte store.
   */
  static int markDefined(byte[] bits, byte[] defs, int out, int n, int maxLevel) {
    int defined = 0;
    byte max = (byte) maxLevel;
    long allDefined = (max & 0xFFL) * 0x0101010101010101L;
    int i = 0;
    while (i < n && ((out + i) & 7) != 0) {
      defined += markOne(bits, out + i, defs[i] == max);
      i++;
    }
    for (; i + 8 <= n; i += 8) {
      int row = out + i;
      if ((long) LittleEndian.LONG.get(defs, i) == allDefined) {
        bits[row >>> 3] = (byte) 0xFF;
        defined += 8;
      } else {
        for (int k = 0; k < 8; k++) {
          defined += markOne(bits, row + k, defs[i + k] == max);
        }
      }
    }
    for (; i < n; i++) {
      defined += markOne(bits, out + i, defs[i] == max);
    }
    return defined;
  }

  private static int markOne(byte[] bits, int row, boolean isDefined) {
    if (isDefined) {
      bits[row >>> 3] |= (byte) (1 << (row & 7));
      return 1;
    }
    return 0;
  }
}
