package io.buzz.storage.parquet.encoding;

import static io.buzz.storage.parquet.encoding.DeltaBinaryPackedEncoder.encode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.buzz.storage.parquet.metadata.MalformedParquetException;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DeltaBinaryPackedDecoderTest {
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
