package io.buzz.storage.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.buzz.storage.parquet.metadata.MalformedParquetException;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DeltaBinaryPackedDecoderTest {
  /** A straightforward encoder: blocks of 128 values in 4 miniblocks of 32. */
  static byte[] encode(long[] values) {
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

  @Test
  void decodesValuesOfEveryBitWidthIncludingSixtyFour() {
    Random random = new Random(5);
    long[] values = new long[1000];
    for (int i = 0; i < values.length; i++) {
      values[i] =
          switch (i % 5) {
            case 0 -> random.nextLong();
            case 1 -> i == 1 ? Long.MIN_VALUE : Long.MAX_VALUE;
            case 2 -> random.nextInt(1000);
            default -> i * 3L;
          };
    }
    byte[] encoded = encode(values);
    DeltaBinaryPackedDecoder decoder = new DeltaBinaryPackedDecoder(encoded, 0, encoded.length);
    assertThat(decoder.total()).isEqualTo(1000);
    assertThat(decoder.endOffset()).isEqualTo(encoded.length);

    long[] decoded = new long[1000];
    int done = 0;
    for (int step : new int[] {1, 31, 200, 7, 761}) {
      decoder.readLongs(decoded, done, step);
      done += step;
    }
    assertThat(decoded).isEqualTo(values);
    assertThatThrownBy(() -> decoder.readLongs(new long[1], 0, 1))
        .isInstanceOf(MalformedParquetException.class);
  }

  @Test
  void rejectsTruncatedData() {
    long[] values = new long[300];
    Arrays.setAll(values, i -> (long) i * i * 1_000_003L);
    byte[] encoded = encode(values);
    // cut into the values themselves, not just the padding of the last miniblock
    byte[] truncated = Arrays.copyOf(encoded, encoded.length - 200);

    DeltaBinaryPackedDecoder decoder = new DeltaBinaryPackedDecoder(truncated, 0, truncated.length);
    assertThatThrownBy(decoder::endOffset).isInstanceOf(MalformedParquetException.class);
    assertThatThrownBy(() -> decoder.readLongs(new long[300], 0, 300))
        .isInstanceOf(MalformedParquetException.class);
  }
}
