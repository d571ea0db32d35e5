package io.buzz.storage.parquet.encoding;

import io.buzz.storage.parquet.metadata.MalformedParquetException;

/**
 * DELTA_BYTE_ARRAY (incremental encoding), for BYTE_ARRAY and FIXED_LEN_BYTE_ARRAY values: every
 * value's prefix length (DELTA_BINARY_PACKED), then the suffixes as DELTA_LENGTH_BYTE_ARRAY; value
 * i is the first {@code prefix[i]} bytes of value i-1 followed by its suffix. Values are rebuilt
 * straight into the caller's {@link BinaryValues}; the last one is kept for the next read. A value
 * longer than {@code maxLength} is rejected before it is built, so a corrupt page cannot make the
 * values grow beyond {@code count * maxLength} bytes.
 */
final class DeltaByteArrayDecoder implements ValuesDecoder<BinaryValues> {
  private final DeltaBinaryPackedDecoder prefixes;
  private final DeltaLengthByteArrayDecoder suffixes;
  private final int maxLength;
  private long[] prefixLengths = new long[0];
  private int[] suffixLengths = new int[0];
  private byte[] previous = new byte[0];
  private int previousLength;

  DeltaByteArrayDecoder(EncodedValues page) {
    byte[] buf = page.bytes();
    this.prefixes = new DeltaBinaryPackedDecoder(buf, page.offset(), page.end());
    this.suffixes = new DeltaLengthByteArrayDecoder(buf, prefixes.endOffset(), page.end());
    this.maxLength = page.maxLength();
  }

  @Override
  public void read(BinaryValues values, int offset, int length) {
    if (prefixLengths.length < length) {
      prefixLengths = new long[length];
      suffixLengths = new int[length];
    }
    prefixes.readLongs(prefixLengths, 0, length);
    int suffixAt = suffixes.readLengths(length, suffixLengths);
    byte[] source = suffixes.bytes();
    // the previous value: in this decoder's copy at first, then the value appended last
    int beforeStart = 0;
    int beforeLength = previousLength;
    boolean beforeAppended = false;
    for (int i = 0; i < length; i++) {
      long prefix = prefixLengths[i];
      if (prefix < 0 || prefix > beforeLength) {
        throw new MalformedParquetException(
            "DELTA_BYTE_ARRAY prefix of "
                + prefix
                + " bytes, but the previous value has "
                + beforeLength);
      }
      int suffix = suffixLengths[i];
      long valueLength = prefix + suffix;
      if (valueLength > maxLength) {
        throw new MalformedParquetException(
            "a value of " + valueLength + " bytes is longer than the " + maxLength + " allowed");
      }
      int at = values.reserve(valueLength);
      byte[] out = values.bytes();
      System.arraycopy(beforeAppended ? out : previous, beforeStart, out, at, (int) prefix);
      System.arraycopy(source, suffixAt, out, at + (int) prefix, suffix);
      values.commit(offset + i, (int) valueLength);
      suffixAt += suffix;
      beforeStart = at;
      beforeLength = (int) valueLength;
      beforeAppended = true;
    }
    if (beforeAppended) {
      if (previous.length < beforeLength) {
        previous = new byte[beforeLength];
      }
      System.arraycopy(values.bytes(), beforeStart, previous, 0, beforeLength);
      previousLength = beforeLength;
    }
  }
}
