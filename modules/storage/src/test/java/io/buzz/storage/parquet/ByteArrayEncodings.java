package io.buzz.storage.parquet;

import static io.buzz.storage.parquet.HandmadeParquet.concat;

import io.buzz.storage.parquet.encoding.DeltaBinaryPackedEncoder;
import java.util.Arrays;

/**
 * Encoders of byte-array values for hand-made pages: DELTA_LENGTH_BYTE_ARRAY, DELTA_BYTE_ARRAY and
 * BYTE_STREAM_SPLIT, written the straightforward way (the reader's decoders are the ones tested).
 */
final class ByteArrayEncodings {
  private ByteArrayEncodings() {}

  private static byte[] lengths(byte[]... values) {
    long[] lengths = new long[values.length];
    for (int i = 0; i < values.length; i++) {
      lengths[i] = values[i].length;
    }
    return DeltaBinaryPackedEncoder.encode(lengths);
  }

  /** DELTA_LENGTH_BYTE_ARRAY: the lengths, then all bytes. */
  static byte[] deltaLength(byte[]... values) {
    return concat(lengths(values), concat(values));
  }

  /** DELTA_BYTE_ARRAY: the prefix lengths shared with the previous value, then the suffixes. */
  static byte[] deltaByteArray(byte[]... values) {
    long[] prefixes = new long[values.length];
    byte[][] suffixes = new byte[values.length][];
    byte[] previous = new byte[0];
    for (int i = 0; i < values.length; i++) {
      int prefix = Arrays.mismatch(previous, values[i]);
      prefix = prefix < 0 ? values[i].length : Math.min(prefix, values[i].length);
      prefixes[i] = prefix;
      suffixes[i] = Arrays.copyOfRange(values[i], prefix, values[i].length);
      previous = values[i];
    }
    return concat(DeltaBinaryPackedEncoder.encode(prefixes), deltaLength(suffixes));
  }

  /** BYTE_STREAM_SPLIT of fixed-width values: byte k of value i at {@code k * n + i}. */
  static byte[] byteStreamSplit(byte[][] values) {
    return split(concat(values), values[0].length);
  }

  /** BYTE_STREAM_SPLIT of the PLAIN values {@code plain}, each {@code width} bytes. */
  static byte[] split(byte[] plain, int width) {
    int n = plain.length / width;
    byte[] out = new byte[plain.length];
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < width; k++) {
        out[k * n + i] = plain[i * width + k];
      }
    }
    return out;
  }
}
