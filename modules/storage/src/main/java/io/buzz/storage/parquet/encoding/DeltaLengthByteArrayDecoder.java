package io.buzz.storage.parquet.encoding;

import io.buzz.storage.parquet.metadata.MalformedParquetException;

/**
 * DELTA_LENGTH_BYTE_ARRAY, for BYTE_ARRAY values: every value's length (DELTA_BINARY_PACKED), then
 * every value's bytes, back to back, so a run of values is one bulk copy. Also the suffixes of
 * DELTA_BYTE_ARRAY.
 */
final class DeltaLengthByteArrayDecoder implements ValuesDecoder<BinaryValues> {
  private final byte[] buf;
  private final int end;
  private final DeltaBinaryPackedDecoder lengthDecoder;
  private long[] scratch = new long[0];
  private int[] lengths = new int[0];
  private int data;

  DeltaLengthByteArrayDecoder(EncodedValues page) {
    this(page.bytes(), page.offset(), page.end());
  }

  DeltaLengthByteArrayDecoder(byte[] buf, int pos, int end) {
    this.buf = buf;
    this.end = end;
    this.lengthDecoder = new DeltaBinaryPackedDecoder(buf, pos, end);
    this.data = lengthDecoder.endOffset();
  }

  @Override
  public void read(BinaryValues values, int offset, int length) {
    if (lengths.length < length) {
      lengths = new int[length];
    }
    int from = readLengths(length, lengths);
    values.addAll(offset, length, buf, from, lengths);
  }

  /** The page's bytes, where {@link #readLengths} points. */
  byte[] bytes() {
    return buf;
  }

  /**
   * Reads the next {@code count} values' lengths into {@code out[0, count)}, checked to fit in the
   * page, and returns where the first value's bytes start in {@link #bytes()}; the others follow.
   */
  int readLengths(int count, int[] out) {
    if (scratch.length < count) {
      scratch = new long[count];
    }
    lengthDecoder.readLongs(scratch, 0, count);
    int start = data;
    int at = start;
    for (int i = 0; i < count; i++) {
      long size = scratch[i];
      if (size < 0 || size > end - at) {
        throw new MalformedParquetException(
            "byte array of " + size + " bytes exceeds the " + (end - at) + " bytes left");
      }
      out[i] = (int) size;
      at += (int) size;
    }
    data = at;
    return start;
  }
}
