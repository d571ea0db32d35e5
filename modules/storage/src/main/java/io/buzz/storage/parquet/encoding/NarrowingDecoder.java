package io.buzz.storage.parquet.encoding;

/**
 * INT32 (or FLOAT) values of an encoding that decodes them as 64-bit values, narrowed to their low
 * 32 bits: DELTA_BINARY_PACKED (whose wrapping arithmetic agrees modulo 2^32) and
 * BYTE_STREAM_SPLIT.
 */
final class NarrowingDecoder implements ValuesDecoder<int[]> {
  private final ValuesDecoder<long[]> wide;
  private long[] scratch = new long[0];

  NarrowingDecoder(ValuesDecoder<long[]> wide) {
    this.wide = wide;
  }

  @Override
  public void read(int[] values, int offset, int length) {
    if (scratch.length < length) {
      scratch = new long[length];
    }
    long[] longs = scratch;
    wide.read(longs, 0, length);
    for (int i = 0; i < length; i++) {
      values[offset + i] = (int) longs[i];
    }
  }
}
