package io.buzz.storage.parquet.encoding;

import io.buzz.storage.parquet.metadata.MalformedParquetException;

/**
 * RLE, for BOOLEAN values (the only values it encodes): a 4-byte little-endian length, then the
 * RLE/bit-packed hybrid with bit width 1 ({@link RleBitPackedDecoder}).
 */
final class RleBooleanDecoder implements ValuesDecoder<byte[]> {
  private final RleBitPackedDecoder runs;

  RleBooleanDecoder(EncodedValues page) {
    byte[] buf = page.bytes();
    int pos = page.offset();
    int end = page.end();
    PlainDecoder.need(pos, end, 4);
    int length = LittleEndian.getInt(buf, pos);
    if (length < 0 || length > end - pos - 4) {
      throw new MalformedParquetException("RLE boolean run length " + length + " exceeds the page");
    }
    this.runs = new RleBitPackedDecoder(buf, pos + 4, pos + 4 + length, 1);
  }

  @Override
  public void read(byte[] values, int offset, int length) {
    runs.readBytes(values, offset, length);
  }
}
