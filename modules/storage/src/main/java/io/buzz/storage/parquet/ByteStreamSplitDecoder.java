package io.buzz.storage.parquet;

/**
 * Decodes BYTE_STREAM_SPLIT values: for N values of W bytes, byte k of value i is at {@code k * N +
 * i}, so each stream holds one byte position of every value. Values come out as their raw
 * little-endian bits in a long (callers reinterpret FLOAT/DOUBLE bits).
 */
final class ByteStreamSplitDecoder {
  private final byte[] buf;
  private final int start;
  private final int width;
  private final int count;
  private int next;

  ByteStreamSplitDecoder(byte[] buf, int pos, int end, int width) {
    int length = end - pos;
    if (length % width != 0) {
      throw new MalformedParquetException(
          "BYTE_STREAM_SPLIT data of " + length + " bytes is not a multiple of " + width);
    }
    this.buf = buf;
    this.start = pos;
    this.width = width;
    this.count = length / width;
  }

  /** Reads the next {@code n} values' bits into {@code out[off, off + n)}. */
  void readBits(long[] out, int off, int n) {
    if (n > count - next) {
      throw new MalformedParquetException(
          "BYTE_STREAM_SPLIT data holds " + (count - next) + " more values, " + n + " needed");
    }
    for (int i = 0; i < n; i++) {
      int at = start + next + i;
      long bits = 0;
      for (int k = 0; k < width; k++) {
        bits |= (buf[at + k * count] & 0xFFL) << (8 * k);
      }
      out[off + i] = bits;
    }
    next += n;
  }
}
