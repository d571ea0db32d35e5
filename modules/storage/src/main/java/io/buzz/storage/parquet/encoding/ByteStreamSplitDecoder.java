package io.buzz.storage.parquet.encoding;

import io.buzz.storage.parquet.metadata.MalformedParquetException;

/**
 * BYTE_STREAM_SPLIT, for FLOAT, DOUBLE, INT32, INT64 and FIXED_LEN_BYTE_ARRAY values: for N values
 * of W bytes, byte k of value i is at {@code k * N + i}, so each stream holds one byte position of
 * every value. Values of 4 or 8 bytes come out as their little-endian bits (FLOAT and DOUBLE as
 * their IEEE 754 bits, which is what Arrow stores); FIXED_LEN_BYTE_ARRAY values as their bytes.
 */
final class ByteStreamSplitDecoder implements ValuesDecoder<long[]> {
  private final byte[] buf;
  private final int start;
  private final int width;
  private final int count;
  private int next;

  static ValuesDecoder<long[]> longs(EncodedValues page) {
    return new ByteStreamSplitDecoder(page.bytes(), page.offset(), page.end(), 8);
  }

  static ValuesDecoder<int[]> ints(EncodedValues page) {
    return new NarrowingDecoder(
        new ByteStreamSplitDecoder(page.bytes(), page.offset(), page.end(), 4));
  }

  static ValuesDecoder<BinaryValues> fixed(EncodedValues page) {
    int width = page.typeLength();
    ByteStreamSplitDecoder split =
        new ByteStreamSplitDecoder(page.bytes(), page.offset(), page.end(), width);
    return (values, offset, length) -> {
      int at = values.appendFixed(offset, length, width);
      split.readBytes(values.bytes(), at, length);
    };
  }

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

  /**
   * Reads the next {@code n} values' bits (values of up to 8 bytes) into {@code out[off, off + n)}.
   */
  @Override
  public void read(long[] out, int off, int n) {
    checkAvailable(n);
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

  /**
   * Reads the next {@code n} values' bytes, in their stored order, into {@code out[off, off + n *
   * width)}: value i at {@code off + i * width}. For values of any width (FIXED_LEN_BYTE_ARRAY).
   */
  void readBytes(byte[] out, int off, int n) {
    checkAvailable(n);
    for (int k = 0; k < width; k++) {
      int stream = start + k * count + next;
      for (int i = 0; i < n; i++) {
        out[off + i * width + k] = buf[stream + i];
      }
    }
    next += n;
  }

  private void checkAvailable(int n) {
    if (n > count - next) {
      throw new MalformedParquetException(
          "BYTE_STREAM_SPLIT data holds " + (count - next) + " more values, " + n + " needed");
    }
  }
}
