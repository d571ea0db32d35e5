package io.buzz.storage.parquet;

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

  static void set(byte[] bits, int index) {
    bits[index >>> 3] |= (byte) (1 << (index & 7));
  }

  static boolean get(byte[] bits, int index) {
    return (bits[index >>> 3] & (1 << (index & 7))) != 0;
  }
}
