package io.buzz.cli.format.parquet;

import org.apache.arrow.memory.ArrowBuf;

/**
 * The definition levels of one data page of an OPTIONAL flat column (1 defined, 0 NULL), kept as a
 * bitmap and encoded at the page's end in the RLE/bit-packed hybrid with bit width 1.
 *
 * <p>Width 1 makes a bit-packed group of 8 levels exactly one byte of the bitmap (LSB first), so
 * the encoder works byte by byte: runs of at least {@link #MIN_RUN_BYTES} equal all-0 or all-1
 * bytes become RLE runs, everything between them bit-packed groups copied as they are. A page
 * without NULLs is one RLE run of 2 to 4 bytes.
 */
final class DefinitionLevels {
  private static final int MIN_RUN_BYTES = 4;

  private final GrowableBytes bits = new GrowableBytes(1024);
  private int count;
  private int nulls;

  int count() {
    return count;
  }

  int nulls() {
    return nulls;
  }

  void clear() {
    bits.clear();
    count = 0;
    nulls = 0;
  }

  /**
   * Appends the levels of rows {@code [from, from + rows)} of a vector with this validity buffer.
   *
   * @param noNulls the vector has no NULL (its validity buffer need not be read)
   * @return the NULLs among those rows
   */
  int append(ArrowBuf validity, boolean noNulls, int from, int rows) {
    for (int end = (count + rows + 7) >>> 3; bits.size() < end; ) {
      bits.put(0);
    }
    int added = 0;
    for (int i = 0; i < rows; i++) {
      if (noNulls || isSet(validity, from + i)) {
        bits.setBit(count + i);
      } else {
        added++;
      }
    }
    count += rows;
    nulls += added;
    return added;
  }

  static boolean isSet(ArrowBuf validity, int index) {
    return (validity.getByte(index >>> 3) >> (index & 7) & 1) != 0;
  }

  /** Appends the levels to {@code out} as a data page v1 holds them: 4-byte length, then runs. */
  void encodeTo(GrowableBytes out) {
    int lengthAt = out.size();
    out.putInt(0);
    byte[] bitmap = bits.array();
    int fullBytes = count >>> 3;
    int tailBits = count & 7;
    int totalBytes = fullBytes + (tailBits == 0 ? 0 : 1);
    int packedFrom = 0;
    int i = 0;
    while (i < totalBytes) {
      int run = uniformRun(bitmap, i, fullBytes, tailBits);
      if (run >= MIN_RUN_BYTES || (run > 0 && i + run == totalBytes && packedFrom == i)) {
        bitPacked(out, bitmap, packedFrom, i);
        int levels = i + run > fullBytes ? (run - 1) * 8 + tailBits : run * 8;
        out.putVarint((long) levels << 1);
        out.put(bitmap[i] == 0 ? 0 : 1);
        i += run;
        packedFrom = i;
      } else {
        i += Math.max(1, run);
      }
    }
    bitPacked(out, bitmap, packedFrom, totalBytes);
    int length = out.size() - lengthAt - 4;
    byte[] bytes = out.array();
    bytes[lengthAt] = (byte) length;
    bytes[lengthAt + 1] = (byte) (length >>> 8);
    bytes[lengthAt + 2] = (byte) (length >>> 16);
    bytes[lengthAt + 3] = (byte) (length >>> 24);
  }

  /**
   * How many bytes from {@code at} are all 0 or all 1 like the byte at {@code at} (the tail byte
   * compared on its {@code tailBits} levels only); 0 when the byte at {@code at} is mixed.
   */
  private static int uniformRun(byte[] bitmap, int at, int fullBytes, int tailBits) {
    int first = value(bitmap, at, fullBytes, tailBits);
    if (first < 0) {
      return 0;
    }
    int end = at + 1;
    int total = fullBytes + (tailBits == 0 ? 0 : 1);
    while (end < total && value(bitmap, end, fullBytes, tailBits) == first) {
      end++;
    }
    return end - at;
  }

  /** 0 or 1 when every level of byte {@code at} is that value, else -1. */
  private static int value(byte[] bitmap, int at, int fullBytes, int tailBits) {
    int mask = at < fullBytes ? 0xFF : (1 << tailBits) - 1;
    int b = bitmap[at] & mask;
    return b == 0 ? 0 : b == mask ? 1 : -1;
  }

  /** Bytes {@code [from, to)} of the bitmap as one bit-packed run of that many 8-level groups. */
  private static void bitPacked(GrowableBytes out, byte[] bitmap, int from, int to) {
    if (to > from) {
      out.putVarint((long) (to - from) << 1 | 1);
      out.put(bitmap, from, to - from);
    }
  }
}
