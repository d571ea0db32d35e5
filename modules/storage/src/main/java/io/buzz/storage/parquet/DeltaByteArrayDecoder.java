package io.buzz.storage.parquet;

import io.buzz.storage.parquet.metadata.MalformedParquetException;
import java.util.Arrays;

/**
 * DELTA_BYTE_ARRAY (incremental encoding): every value's prefix length (DELTA_BINARY_PACKED), then
 * the suffixes as DELTA_LENGTH_BYTE_ARRAY; value i is the first {@code prefix[i]} bytes of value
 * i-1 followed by its suffix. Values are rebuilt into scratch; the last one is kept for the next
 * run. A value longer than {@code maxLength} is rejected before it is built, so a corrupt page
 * cannot make the scratch grow beyond {@code count * maxLength} bytes.
 */
final class DeltaByteArrayDecoder implements BinaryValuesDecoder {
  private final DeltaBinaryPackedDecoder prefixes;
  private final BinaryValuesDecoder suffixes;
  private final int maxLength;
  private long[] prefixLengths = new long[0];
  private byte[] scratch = new byte[64];
  private byte[] previous = new byte[0];
  private int previousLength;

  DeltaByteArrayDecoder(byte[] buf, int pos, int end, int maxLength) {
    this.prefixes = new DeltaBinaryPackedDecoder(buf, pos, end);
    this.suffixes = new BinaryValuesDecoder.DeltaLength(buf, prefixes.endOffset(), end);
    this.maxLength = maxLength;
  }

  @Override
  public byte[] read(int count, int[] starts, int[] lengths) {
    if (prefixLengths.length < count) {
      prefixLengths = new long[count];
    }
    prefixes.readLongs(prefixLengths, 0, count);
    byte[] source = suffixes.read(count, starts, lengths);
    byte[] before = previous;
    int beforeStart = 0;
    int beforeLength = previousLength;
    int at = 0;
    for (int i = 0; i < count; i++) {
      long prefix = prefixLengths[i];
      if (prefix < 0 || prefix > beforeLength) {
        throw new MalformedParquetException(
            "DELTA_BYTE_ARRAY prefix of "
                + prefix
                + " bytes, but the previous value has "
                + beforeLength);
      }
      int suffix = lengths[i];
      long length = prefix + suffix;
      if (length > maxLength) {
        throw new MalformedParquetException(
            "a value of " + length + " bytes is longer than the " + maxLength + " allowed");
      }
      if (at + length > scratch.length) {
        scratch = Arrays.copyOf(scratch, (int) Math.max(2L * scratch.length, at + length));
        if (before != previous) {
          before = scratch; // the previous value was rebuilt in the old scratch, now copied
        }
      }
      System.arraycopy(before, beforeStart, scratch, at, (int) prefix);
      System.arraycopy(source, starts[i], scratch, at + (int) prefix, suffix);
      starts[i] = at;
      lengths[i] = (int) length;
      before = scratch;
      beforeStart = at;
      beforeLength = (int) length;
      at += (int) length;
    }
    if (count > 0) {
      if (previous.length < beforeLength) {
        previous = new byte[beforeLength];
      }
      System.arraycopy(before, beforeStart, previous, 0, beforeLength);
      previousLength = beforeLength;
    }
    return scratch;
  }
}
