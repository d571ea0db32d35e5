package io.buzz.storage.parquet.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import io.buzz.kernels.batch.ColumnType;
import io.buzz.storage.parquet.ColumnStatistics;
import io.buzz.storage.parquet.ParquetColumn;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** Chunk statistics decoded to the column's Buzz type. */
class StatisticsDecoderTest {
  @Test
  void timeMillisBoundsAreMicrosecondsAndFloatBoundsFloats() {
    ColumnDescriptor millis =
        descriptor(
            ColumnType.TIME_MICROS, PhysicalType.INT32, ValueConversion.TIME_MILLIS_TO_MICROS);
    ColumnStatistics time =
        StatisticsDecoder.decode(
            new ThriftFooter.Statistics(null, null, 2, le32(9_000), le32(5)), millis);
    assertThat(time.min()).contains(5_000L);
    assertThat(time.max()).contains(9_000_000L);
    ColumnDescriptor real =
        descriptor(ColumnType.FLOAT32, PhysicalType.FLOAT, ValueConversion.NONE);
    byte[] nan = le32(Float.floatToIntBits(Float.NaN));
    byte[] one = le32(Float.floatToIntBits(1.5f));
    ColumnStatistics floats =
        StatisticsDecoder.decode(new ThriftFooter.Statistics(null, null, 0, nan, one), real);
    assertThat(floats.min()).contains(1.5f);
    assertThat(floats.max()).isEmpty(); // NaN is no bound
  }

  /** A flat nullable column of {@code type} stored as {@code physical}. */
  private static ColumnDescriptor descriptor(
      ColumnType type, PhysicalType physical, ValueConversion conversion) {
    ParquetColumn column = ParquetColumn.supported("c", type.arrowType(), true);
    return new ColumnDescriptor(column, 0, 1, physical, -1, conversion, 1, true);
  }

  private static byte[] le32(int value) {
    return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array();
  }
}
