package io.buzz.storage.parquet;

import static io.buzz.storage.parquet.ByteArrayEncodings.byteStreamSplit;
import static io.buzz.storage.parquet.ByteArrayEncodings.deltaByteArray;
import static io.buzz.storage.parquet.HandmadeParquet.bitPacked;
import static io.buzz.storage.parquet.HandmadeParquet.rleRun;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import io.buzz.storage.parquet.metadata.ParquetEncoding;
import io.buzz.storage.parquet.metadata.PhysicalType;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * UUID and FLOAT16 values (FIXED_LEN_BYTE_ARRAY) in the encodings the type has besides PLAIN and
 * dictionary, which DuckDB does not write: every reader of a physical type decodes every encoding
 * the decoder table has for it.
 */
class ParquetFixedLengthHandmadeTest extends AllocatorTest {
  private static final String URI = "file:///fixed.parquet";

  private static final List<UUID> UUIDS =
      List.of(
          UUID.fromString("7d444840-9dc0-11d1-b245-5ffdce74fad2"),
          UUID.fromString("7d444840-9dc0-11d1-b245-5ffdce74fad3"),
          new UUID(0, 0));

  @Test
  void readsUuidsInByteStreamSplitAndDeltaByteArrayPages() {
    byte[][] stored =
        UUIDS.stream().map(ParquetFixedLengthHandmadeTest::bytes).toArray(byte[][]::new);
    byte[] file =
        new HandmadeParquet("id", PhysicalType.FIXED_LEN_BYTE_ARRAY, true)
            .uuid()
            .dataPageV2(
                4,
                1,
                ParquetEncoding.BYTE_STREAM_SPLIT,
                bitPacked(1, 1, 0, 1, 1),
                byteStreamSplit(stored))
            .dataPageV2(
                3, 0, ParquetEncoding.DELTA_BYTE_ARRAY, rleRun(1, 3, 1), deltaByteArray(stored))
            .build();

    List<Object> expected =
        Arrays.asList(
            UUIDS.get(0).toString(),
            null,
            UUIDS.get(1).toString(),
            UUIDS.get(2).toString(),
            UUIDS.get(0).toString(),
            UUIDS.get(1).toString(),
            UUIDS.get(2).toString());
    for (int batchRows : new int[] {1, 3, 100}) {
      assertThat(column(file, "id", batchRows)).containsExactlyElementsOf(expected);
    }
  }

  @Test
  void readsFloat16InByteStreamSplitAndDeltaByteArrayPages() {
    // 1.5, -2.0, 65504 (the largest half)
    byte[][] halves = {{0x00, 0x3E}, {0x00, (byte) 0xC0}, {(byte) 0xFF, 0x7B}};
    byte[] file =
        new HandmadeParquet("h", PhysicalType.FIXED_LEN_BYTE_ARRAY, false)
            .float16()
            .dataPageV2(3, 0, ParquetEncoding.BYTE_STREAM_SPLIT, null, byteStreamSplit(halves))
            .dataPageV2(3, 0, ParquetEncoding.DELTA_BYTE_ARRAY, null, deltaByteArray(halves))
            .build();

    assertThat(column(file, "h", 2)).containsExactly(1.5, -2.0, 65504.0, 1.5, -2.0, 65504.0);
  }

  /**
   * FIXED_LEN_BYTE_ARRAY without an annotation is VARBINARY: its bytes as they are, from PLAIN,
   * dictionary and DELTA_BYTE_ARRAY pages, NULLs included.
   */
  @Test
  void readsUnannotatedFixedLengthBytesAsBinary() {
    byte[][] stored = {{1, 2, 3}, {(byte) 0xff, 0, 7}, {0, 0, 0}};
    byte[] file =
        new HandmadeParquet("raw", PhysicalType.FIXED_LEN_BYTE_ARRAY, true)
            .typeLength(3)
            .dictionaryPage(3, HandmadeParquet.concat(stored))
            .dataPageV1(
                4,
                ParquetEncoding.RLE_DICTIONARY,
                bitPacked(1, 1, 1, 0, 1),
                HandmadeParquet.indices(2, bitPacked(2, 2, 0, 1)))
            .dataPageV1(
                2,
                ParquetEncoding.PLAIN,
                rleRun(1, 2, 1),
                HandmadeParquet.concat(stored[1], stored[0]))
            .dataPageV2(
                3, 0, ParquetEncoding.DELTA_BYTE_ARRAY, rleRun(1, 3, 1), deltaByteArray(stored))
            .build();

    List<Object> values = column(file, "raw", 2);
    assertThat(values).hasSize(9);
    List<Object> expected =
        Arrays.asList(
            stored[2], stored[0], null, stored[1], stored[1], stored[0], stored[0], stored[1],
            stored[2]);
    for (int i = 0; i < expected.size(); i++) {
      assertThat((byte[]) values.get(i)).as("row " + i).isEqualTo(expected.get(i));
    }
  }

  @Test
  void aDeltaByteArrayValueOfAnotherLengthThanTheTypesIsCorrupt() {
    byte[] file =
        new HandmadeParquet("id", PhysicalType.FIXED_LEN_BYTE_ARRAY, false)
            .uuid()
            .dataPageV2(1, 0, ParquetEncoding.DELTA_BYTE_ARRAY, null, deltaByteArray(new byte[15]))
            .build();

    assertThatThrownBy(() -> column(file, "id", 10))
        .isInstanceOfSatisfying(
            BuzzException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_QUERY))
        .hasMessageContaining(URI + ", column 'id', row group 0, page 0")
        .hasMessageContaining("a UUID value of 15 bytes, expected 16");
  }

  private static byte[] bytes(UUID uuid) {
    return ByteBuffer.allocate(16)
        .putLong(uuid.getMostSignificantBits())
        .putLong(uuid.getLeastSignificantBits())
        .array();
  }

  private List<Object> column(byte[] file, String name, int batchRows) {
    return ParquetTesting.column(ParquetTesting.open(URI, file), name, allocator, batchRows);
  }
}
