package io.buzz.storage.parquet.column;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** FLOAT16 conversion corners the handmade files do not reach. */
class Float16ColumnReaderTest {
  @Test
  void keepsNanAndNegativeZero() {
    assertThat(Float16ColumnReader.halfToFloat(0x7E00)).isNaN();
    assertThat(Float16ColumnReader.halfToFloat(0x8000)).isEqualTo(-0.0f);
    assertThat(Float16ColumnReader.halfToFloat(0xFC00)).isEqualTo(Float.NEGATIVE_INFINITY);
  }
}
