package io.buzz.storage.parquet.encoding;

import java.io.ByteArrayOutputStream;

/** DELTA_BINARY_PACKED written the straightforward way, for tests of the reader's decoders. */
public final class DeltaBinaryPackedEncoder {
  private DeltaBinaryPackedEncoder() {}

  /** A straightforward encoder: blocks of 128 values in 4 miniblocks of 32. */
  public static byte[] encode(long[] values) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    varint(out, 128);
    varint(out, 4);
    varint(out, values.length);
    varint(out, zigzag(values.length == 0 ? 0 : values[0]));
    for (int start = 1; start < values.length; start += 128) {
      int count = Math.min(128, values.length - start);
      long[] deltas = new long[count];
      long min = Long.MAX_VALUE;
      for (int i = 0; i < count; i++) {
        deltas[i] = values[start + i] - values[start + i - 1];
        min = Math.min(min, deltas[i]);
      }
      varint(out, zigzag(min));
      int[] widths = new int[4];
      for (int m = 0; m < 4; m++) {
        for (int i = m * 32; i < Math.min(count, m * 32 + 32); i++) {
          widths[m] = Math.max(widths[m], 64 - Long.numberOfLeadingZeros(deltas[i] - min));
        }
        out.write(widths[m]);
      }
      for (int m = 0; m < 4 && m * 32 < count; m++) {
        byte[] packed = new byte[widths[m] * 32 / 8];
        for (int i = 0; i < 32; i++) {
          int index = m * 32 + i;
          long v = index < count ? deltas[index] - min : 0;
          for (int b = 0; b < widths[m]; b++) {
            long bit = (long) i * widths[m] + b;
            if ((v >>> b & 1) != 0) {
              packed[(int) (bit >>> 3)] |= (byte) (1 << (bit & 7));
            }
          }
        }
        out.writeBytes(packed);
      }
    }
    return out.toByteArray();
  }

  private static long zigzag(long v) {
    return (v << 1) ^ (v >> 63);
  }

  private static void varint(ByteArrayOutputStream out, long value) {
    long v = value;
    while ((v & ~0x7FL) != 0) {
      out.write((int) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    out.write((int) v);
  }
}
