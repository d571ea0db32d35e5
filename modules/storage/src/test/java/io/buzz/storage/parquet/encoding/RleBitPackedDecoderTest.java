package io.buzz.storage.parquet.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.buzz.storage.parquet.metadata.MalformedParquetException;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The RLE/bit-packed hybrid decoder against an encoder written here: every bit width, RLE and
 * bit-packed runs mixed, read in chunks of random sizes (so that reads start inside a group of 8 as
 * well as on one) and with the data ending right after the last group, as dictionary indices and as
 * levels; an index beyond the dictionary in a whole group is caught.
 */
class RleBitPackedDecoderTest {
  @Test
  void everyBitWidthDecodesAsEncodedInChunksOfAnySize() {
    Random random = new Random(42);
    for (int bitWidth = 0; bitWidth <= 32; bitWidth++) {
      for (int round = 0; round < 20; round++) {
        Encoded encoded = encode(random, bitWidth, 1 + random.nextInt(700));
        long limit = bitWidth == 32 ? Integer.MAX_VALUE : 1L << bitWidth;
        int[] indices = new int[encoded.values.length];
        RleBitPackedDecoder decoder = decoder(encoded, bitWidth);
        for (int done = 0; done < indices.length; ) {
          int n = Math.min(indices.length - done, 1 + random.nextInt(50));
          decoder.readIndices(indices, done, n, (int) Math.min(limit, Integer.MAX_VALUE));
          done += n;
        }
        assertThat(indices).as("bit width %d, round %d", bitWidth, round).isEqualTo(encoded.values);
        if (bitWidth <= 7) {
          byte[] levels = new byte[encoded.values.length];
          RleBitPackedDecoder levelDecoder = decoder(encoded, bitWidth);
          for (int done = 0; done < levels.length; ) {
            int n = Math.min(levels.length - done, 1 + random.nextInt(50));
            levelDecoder.readBytes(levels, done, n);
            done += n;
          }
          for (int i = 0; i < levels.length; i++) {
            assertThat(levels[i])
                .as("level %d, bit width %d", i, bitWidth)
                .isEqualTo((byte) encoded.values[i]);
          }
        }
      }
    }
  }

  @Test
  void anIndexBeyondTheDictionaryInAWholeGroupIsAnError() {
    int[] values = new int[64];
    Arrays.fill(values, 3);
    values[37] = 9;
    byte[] bytes = bitPackedRun(4, values);
    RleBitPackedDecoder decoder = new RleBitPackedDecoder(bytes, 0, bytes.length, 4);
    int[] out = new int[64];
    assertThatThrownBy(() -> decoder.readIndices(out, 0, 64, 8))
        .isInstanceOf(MalformedParquetException.class)
        .hasMessageContaining("dictionary index 9 is out of range for 8 entries");
  }

  private static RleBitPackedDecoder decoder(Encoded encoded, int bitWidth) {
    return new RleBitPackedDecoder(encoded.bytes, 0, encoded.bytes.length, bitWidth);
  }

  /** Values and their encoding. */
  private record Encoded(int[] values, byte[] bytes) {}

  /** About {@code count} random values of {@code bitWidth} bits in runs of both kinds. */
  private static Encoded encode(Random random, int bitWidth, int count) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int[] values = new int[count + 100]; // a last run overshoots count by less than 100
    int n = 0;
    long range = Math.min(1L << bitWidth, 1L << 30); // indices stay below Integer.MAX_VALUE
    while (n < count) {
      if (random.nextInt(3) == 0) {
        int length = 1 + random.nextInt(40);
        int value = (int) (random.nextLong() & (range - 1));
        writeVarint(out, length << 1);
        for (int b = 0; b < (bitWidth + 7) / 8; b++) {
          out.write(value >>> (8 * b));
        }
        Arrays.fill(values, n, n + length, value);
        n += length;
      } else {
        int groups = 1 + random.nextInt(12);
        int[] run = new int[groups * 8];
        for (int i = 0; i < run.length; i++) {
          run[i] = (int) (random.nextLong() & (range - 1));
        }
        out.writeBytes(bitPackedRun(bitWidth, run));
        System.arraycopy(run, 0, values, n, run.length);
        n += run.length;
      }
    }
    return new Encoded(Arrays.copyOf(values, n), out.toByteArray());
  }

  /** One bit-packed run of {@code values} (a multiple of 8), LSB first. */
  private static byte[] bitPackedRun(int bitWidth, int[] values) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    writeVarint(out, (values.length / 8) << 1 | 1);
    byte[] packed = new byte[values.length / 8 * bitWidth];
    long bit = 0;
    for (int value : values) {
      for (int b = 0; b < bitWidth; b++, bit++) {
        if ((value >>> b & 1) != 0) {
          packed[(int) (bit >>> 3)] |= (byte) (1 << (bit & 7));
        }
      }
    }
    out.writeBytes(packed);
    return out.toByteArray();
  }

  private static void writeVarint(ByteArrayOutputStream out, int value) {
    while ((value & ~0x7F) != 0) {
      out.write((value & 0x7F) | 0x80);
      value >>>= 7;
    }
    out.write(value);
  }
}
