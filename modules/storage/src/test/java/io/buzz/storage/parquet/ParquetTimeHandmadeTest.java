package io.buzz.storage.parquet;

import static io.buzz.storage.parquet.ByteArrayEncodings.split;
import static io.buzz.storage.parquet.HandmadeParquet.bitPacked;
import static io.buzz.storage.parquet.HandmadeParquet.plainInts;
import static io.buzz.storage.parquet.HandmadeParquet.plainLongs;
import static org.assertj.core.api.Assertions.assertThat;

import io.buzz.kernels.batch.ColumnType;
import io.buzz.storage.parquet.metadata.ParquetEncoding;
import io.buzz.storage.parquet.metadata.PhysicalType;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * TIME annotations DuckDB does not write: TIME(MILLIS) on INT32 (LogicalType or the legacy
 * TIME_MILLIS ConvertedType), the legacy TIME_MICROS alone, and TIME(NANOS) values that are not
 * whole microseconds, all read as microseconds since midnight.
 */
class ParquetTimeHandmadeTest extends AllocatorTest {
  private static final String URI = "file:///time.parquet";
  private static final long HOUR_MILLIS = 3_600_000L;

  @Test
  void timeMillisBecomeMicroseconds() {
    int[] millis = {0, 45_296_789, 86_399_999, (int) (23 * HOUR_MILLIS)};
    List<Object> micros = List.of(0L, 45_296_789_000L, 86_399_999_000L, 23 * HOUR_MILLIS * 1000);
    for (boolean adjusted : new boolean[] {false, true}) {
      byte[] logical =
          new HandmadeParquet("t", PhysicalType.INT32, false)
              .time(HandmadeParquet.UNIT_MILLIS, adjusted)
              .dataPageV1(4, ParquetEncoding.PLAIN, null, plainInts(millis))
              .build();
      assertThat(open(logical).column("t").orElseThrow().type()).contains(ColumnType.TIME_MICROS);
      assertThat(column(logical, "t", 3)).containsExactlyElementsOf(micros);
    }
    byte[] legacy =
        new HandmadeParquet("t", PhysicalType.INT32, true)
            .convertedType(HandmadeParquet.CONVERTED_TIME_MILLIS)
            .dataPageV1(4, ParquetEncoding.PLAIN, bitPacked(1, 1, 0, 1, 1), plainInts(1, 2, 3))
            .build();
    assertThat(column(legacy, "t", 10)).containsExactly(1_000L, null, 2_000L, 3_000L);
  }

  @Test
  void timeMillisDecodeFromDictionaryDeltaAndByteStreamSplitPages() {
    int[] millis = {1, 86_399_999, 12_345};
    byte[] split =
        new HandmadeParquet("t", PhysicalType.INT32, false)
            .time(HandmadeParquet.UNIT_MILLIS, false)
            .dataPageV2(3, 0, ParquetEncoding.BYTE_STREAM_SPLIT, null, split(plainInts(millis), 4))
            .build();
    byte[] dictionary =
        new HandmadeParquet("t", PhysicalType.INT32, false)
            .time(HandmadeParquet.UNIT_MILLIS, false)
            .dictionaryPage(3, plainInts(millis))
            .dataPageV1(
                4,
                ParquetEncoding.RLE_DICTIONARY,
                null,
                HandmadeParquet.indices(2, bitPacked(2, 2, 0, 1, 2)))
            .build();

    assertThat(column(split, "t", 2)).containsExactly(1_000L, 86_399_999_000L, 12_345_000L);
    assertThat(column(dictionary, "t", 3))
        .containsExactly(12_345_000L, 1_000L, 86_399_999_000L, 12_345_000L);
  }

  @Test
  void legacyTimeMicrosAndNanosFloorDividedToMicros() {
    byte[] legacy =
        new HandmadeParquet("t", PhysicalType.INT64, false)
            .convertedType(HandmadeParquet.CONVERTED_TIME_MICROS)
            .dataPageV1(2, ParquetEncoding.PLAIN, null, plainLongs(1, 86_399_999_999L))
            .build();
    byte[] nanos =
        new HandmadeParquet("t", PhysicalType.INT64, false)
            .time(HandmadeParquet.UNIT_NANOS, true)
            .dataPageV1(3, ParquetEncoding.PLAIN, null, plainLongs(1_999, 999, 86_399_999_999_999L))
            .build();

    assertThat(open(legacy).column("t").orElseThrow().type()).contains(ColumnType.TIME_MICROS);
    assertThat(column(legacy, "t", 10)).containsExactly(1L, 86_399_999_999L);
    assertThat(column(nanos, "t", 10)).containsExactly(1L, 0L, 86_399_999_999L);
  }

  private static ParquetFileReader open(byte[] file) {
    return ParquetTesting.open(URI, file);
  }

  private List<Object> column(byte[] file, String name, int batchRows) {
    return ParquetTesting.column(open(file), name, allocator, batchRows);
  }
}
