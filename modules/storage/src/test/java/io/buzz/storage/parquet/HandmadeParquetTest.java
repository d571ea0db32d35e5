package io.buzz.storage.parquet;

import static io.buzz.storage.parquet.HandmadeParquet.bitPacked;
import static io.buzz.storage.parquet.HandmadeParquet.concat;
import static io.buzz.storage.parquet.HandmadeParquet.indices;
import static io.buzz.storage.parquet.HandmadeParquet.int96;
import static io.buzz.storage.parquet.HandmadeParquet.le32;
import static io.buzz.storage.parquet.HandmadeParquet.plainInts;
import static io.buzz.storage.parquet.HandmadeParquet.plainLongs;
import static io.buzz.storage.parquet.HandmadeParquet.plainStrings;
import static io.buzz.storage.parquet.HandmadeParquet.rleRun;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import io.buzz.kernels.batch.ColumnType;
import io.buzz.storage.parquet.metadata.ParquetCodec;
import io.buzz.storage.parquet.metadata.ParquetEncoding;
import io.buzz.storage.parquet.metadata.PhysicalType;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Page-level cases DuckDB does not write, built byte by byte. */
class HandmadeParquetTest extends AllocatorTest {
  static final String URI = "file:///handmade.parquet";

  @Test
  void followsAChunkThatFallsBackFromDictionaryToPlain() {
    byte[] file =
        new HandmadeParquet("fare", PhysicalType.INT64, true)
            .dictionaryPage(3, plainLongs(100, 200, 300))
            .dataPageV1(
                4,
                ParquetEncoding.RLE_DICTIONARY,
                bitPacked(1, 1, 0, 1, 1),
                indices(2, bitPacked(2, 2, 0, 1)))
            .dataPageV1(3, ParquetEncoding.PLAIN, rleRun(1, 3, 1), plainLongs(7, 8, 9))
            .build();

    for (int batchRows : new int[] {1, 3, 7, 100}) {
      assertThat(column(file, "fare", batchRows))
          .as("batchRows %d", batchRows)
          .containsExactly(300L, null, 100L, 200L, 7L, 8L, 9L);
    }
  }

  @Test
  void followsAStringChunkThatFallsBackFromDictionaryToPlain() {
    byte[] file =
        new HandmadeParquet("vendor", PhysicalType.BYTE_ARRAY, true)
            .convertedType(0)
            .dictionaryPage(2, plainStrings("CMT", "日本"))
            .dataPageV1(
                3,
                ParquetEncoding.PLAIN_DICTIONARY,
                rleRun(1, 3, 1),
                indices(1, bitPacked(1, 1, 0, 1)))
            .dataPageV1(
                4, ParquetEncoding.PLAIN, bitPacked(1, 1, 1, 0, 1), plainStrings("x", "", "ü"))
            .build();

    assertThat(column(file, "vendor", 2)).containsExactly("日本", "CMT", "日本", "x", "", null, "ü");
  }

  @Test
  void decodesRleBooleansInDataPageV2WithNulls() {
    byte[] values = bitPacked(1, 1, 0, 1, 1);
    byte[] file =
        new HandmadeParquet("flag", PhysicalType.BOOLEAN, true)
            .dataPageV2(
                5,
                1,
                ParquetEncoding.RLE,
                bitPacked(1, 1, 1, 0, 1, 1),
                concat(le32(values.length), values))
            .dataPageV2(
                3, 0, ParquetEncoding.RLE, rleRun(1, 3, 1), concat(le32(2), rleRun(1, 3, 1)))
            .build();

    assertThat(column(file, "flag", 4))
        .containsExactly(true, false, null, true, true, true, true, true);
  }

  @Test
  void decodesSnappyDataPagesV2WithUncompressedLevelsAndADictionary() {
    byte[] file =
        new HandmadeParquet("city", PhysicalType.BYTE_ARRAY, true)
            .snappy()
            .convertedType(0)
            .dictionaryPage(3, plainStrings("Zürich", "Genève", "Basel"))
            .dataPageV2(
                6,
                2,
                ParquetEncoding.RLE_DICTIONARY,
                bitPacked(1, 1, 0, 1, 1, 0, 1),
                indices(2, bitPacked(2, 2, 1, 0, 2)))
            .dataPageV2(
                3, 0, ParquetEncoding.PLAIN, rleRun(1, 3, 1), plainStrings("Bern", "", "Chur"))
            .build();

    assertThat(column(file, "city", 4))
        .containsExactly("Basel", null, "Genève", "Zürich", null, "Basel", "Bern", "", "Chur");
  }

  @Test
  void decodesHadoopFramedLz4InSeveralBlocks() {
    byte[] values = plainLongs(10, 20, 30, 40, 50, 60, 70);
    byte[] file =
        new HandmadeParquet("n", PhysicalType.INT64, false)
            .codec(ParquetCodec.LZ4, raw -> hadoopLz4(raw, 24))
            .dataPageV1(7, ParquetEncoding.PLAIN, null, values)
            .build();

    assertThat(column(file, "n", 4)).containsExactly(10L, 20L, 30L, 40L, 50L, 60L, 70L);
  }

  @Test
  void decodesLegacyLz4ThatIsOneRawBlock() {
    byte[] file =
        new HandmadeParquet("n", PhysicalType.INT64, false)
            .codec(ParquetCodec.LZ4, HandmadeParquetTest::rawLz4)
            .dataPageV1(3, ParquetEncoding.PLAIN, null, plainLongs(7, 8, 9))
            .build();

    assertThat(column(file, "n", 4)).containsExactly(7L, 8L, 9L);
  }

  @Test
  void decodesConcatenatedGzipMembers() {
    byte[] file =
        new HandmadeParquet("n", PhysicalType.INT64, false)
            .codec(
                ParquetCodec.GZIP,
                raw -> {
                  int half = raw.length / 2;
                  byte[] first = gzip(Arrays.copyOfRange(raw, 0, half));
                  byte[] second = gzip(Arrays.copyOfRange(raw, half, raw.length));
                  byte[] both = Arrays.copyOf(first, first.length + second.length);
                  System.arraycopy(second, 0, both, first.length, second.length);
                  return both;
                })
            .dataPageV1(4, ParquetEncoding.PLAIN, null, plainLongs(1, 2, 3, 4))
            .build();

    assertThat(column(file, "n", 4)).containsExactly(1L, 2L, 3L, 4L);
  }

  @Test
  void aPageThatDoesNotDecompressIsAnErrorNamingTheCodec() {
    byte[] file =
        new HandmadeParquet("n", PhysicalType.INT64, false)
            .codec(ParquetCodec.BROTLI, raw -> new byte[] {1, 2, 3, 4, 5, 6, 7, 8})
            .dataPageV1(2, ParquetEncoding.PLAIN, null, plainLongs(1, 2))
            .build();

    assertThatThrownBy(() -> column(file, "n", 4))
        .isInstanceOf(BuzzException.class)
        .hasMessageContaining(URI)
        .hasMessageContaining("column 'n', row group 0, page 0")
        .hasMessageContaining("BROTLI data does not decompress");
  }

  @Test
  void checksPageCrcsWhenTheWriterRecordedThem() {
    byte[] file =
        new HandmadeParquet("city", PhysicalType.BYTE_ARRAY, true)
            .snappy()
            .crc(0)
            .convertedType(0)
            .dictionaryPage(2, plainStrings("Basel", "Bern"))
            .dataPageV2(
                3,
                1,
                ParquetEncoding.RLE_DICTIONARY,
                bitPacked(1, 1, 0, 1),
                indices(1, bitPacked(1, 1, 0)))
            .dataPageV1(1, ParquetEncoding.PLAIN, rleRun(1, 1, 1), plainStrings("Chur"))
            .build();

    assertThat(column(file, "city", 4)).containsExactly("Bern", null, "Basel", "Chur");
  }

  @Test
  void aPageWhoseCrcIsWrongIsAnErrorNamingFileColumnAndPage() {
    byte[] file =
        new HandmadeParquet("n", PhysicalType.INT64, false)
            .crc(1)
            .dataPageV1(2, ParquetEncoding.PLAIN, null, plainLongs(1, 2))
            .build();

    assertThatThrownBy(() -> column(file, "n", 4))
        .isInstanceOf(BuzzException.class)
        .hasMessageContaining(URI)
        .hasMessageContaining("column 'n', row group 0, page 0")
        .hasMessageContaining("page checksum mismatch");
  }

  /** Hadoop's block framing over raw LZ4 blocks of at most {@code blockSize} input bytes. */
  private static byte[] hadoopLz4(byte[] raw, int blockSize) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (int start = 0; start < raw.length; start += blockSize) {
      byte[] block = Arrays.copyOfRange(raw, start, Math.min(raw.length, start + blockSize));
      byte[] compressed = rawLz4(block);
      out.writeBytes(
          java.nio.ByteBuffer.allocate(8).putInt(block.length).putInt(compressed.length).array());
      out.writeBytes(compressed);
    }
    return out.toByteArray();
  }

  private static byte[] rawLz4(byte[] raw) {
    io.airlift.compress.lz4.Lz4Compressor lz4 = new io.airlift.compress.lz4.Lz4Compressor();
    byte[] out = new byte[lz4.maxCompressedLength(raw.length)];
    return Arrays.copyOf(out, lz4.compress(raw, 0, raw.length, out, 0, out.length));
  }

  private static byte[] gzip(byte[] raw) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try (java.util.zip.GZIPOutputStream gzip = new java.util.zip.GZIPOutputStream(out)) {
      gzip.write(raw);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  @Test
  void decodesPlainBitPackedBooleansAcrossBatches() {
    // 10 booleans bit-packed LSB first: 1,0,0,1,1,0,1,0 | 1,1
    byte[] file =
        new HandmadeParquet("flag", PhysicalType.BOOLEAN, false)
            .dataPageV1(10, ParquetEncoding.PLAIN, null, new byte[] {(byte) 0b01011001, 0b11})
            .build();

    assertThat(column(file, "flag", 3))
        .containsExactly(true, false, false, true, true, false, true, false, true, true);
  }

  @Test
  void convertsInt96TimestampsToMicros() {
    long hour = 3_600_000_000_000L;
    byte[] file =
        new HandmadeParquet("ts", PhysicalType.INT96, false)
            .dataPageV1(
                3,
                ParquetEncoding.PLAIN,
                null,
                int96(new long[] {1_500, hour, hour}, new int[] {2_440_588, 2_440_589, 2_440_587}))
            .build();

    ParquetFileReader reader = open(file);
    assertThat(reader.column("ts").orElseThrow().type()).contains(ColumnType.TIMESTAMP_MICROS);
    assertThat(column(file, "ts", 10))
        .containsExactly(1L, 86_400_000_000L + 3_600_000_000L, -86_400_000_000L + 3_600_000_000L);
  }

  @Test
  void convertsLegacyTimestampMillisToMicros() {
    byte[] file =
        new HandmadeParquet("ts", PhysicalType.INT64, false)
            .convertedType(HandmadeParquet.CONVERTED_TIMESTAMP_MILLIS)
            .dataPageV1(2, ParquetEncoding.PLAIN, null, plainLongs(1_000, -1))
            .build();

    assertThat(column(file, "ts", 10)).containsExactly(1_000_000L, -1_000L);
  }

  @Test
  void readsFloat16AsDouble() {
    // 1.5, -2.0, 65504 (largest), 2^-24 (smallest subnormal), +inf, then a null
    byte[] halves = {0x00, 0x3E, 0x00, (byte) 0xC0, (byte) 0xFF, 0x7B, 0x01, 0x00, 0x00, 0x7C};
    byte[] file =
        new HandmadeParquet("h", PhysicalType.FIXED_LEN_BYTE_ARRAY, true)
            .float16()
            .dataPageV1(6, ParquetEncoding.PLAIN, bitPacked(1, 1, 1, 1, 1, 1, 0), halves)
            .build();

    assertThat(open(file).column("h").orElseThrow().type()).contains(ColumnType.FLOAT64);
    assertThat(column(file, "h", 4))
        .containsExactly(1.5, -2.0, 65504.0, 0x1p-24, Double.POSITIVE_INFINITY, null);
  }

  @Test
  void readsLegacyUnsignedIntegers() {
    byte[] u16 =
        new HandmadeParquet("u", PhysicalType.INT32, false)
            .convertedType(12) // UINT_16
            .dataPageV1(2, ParquetEncoding.PLAIN, null, plainInts(1, 65535))
            .build();
    byte[] u32 =
        new HandmadeParquet("u", PhysicalType.INT32, false)
            .convertedType(13) // UINT_32: stored as the value's 32 bits
            .dataPageV1(2, ParquetEncoding.PLAIN, null, plainInts(7, (int) 4_000_000_000L))
            .build();

    assertThat(column(u16, "u", 4)).containsExactly(1, 65535);
    assertThat(open(u32).column("u").orElseThrow().type()).contains(ColumnType.INT64);
    assertThat(column(u32, "u", 4)).containsExactly(7L, 4_000_000_000L);
  }

  @Test
  void rejectsAChunkWithFewerValuesThanRows() {
    byte[] file =
        new HandmadeParquet("n", PhysicalType.INT32, false)
            .dataPageV1(3, ParquetEncoding.PLAIN, null, plainInts(1, 2, 3))
            .rows(5)
            .metadataValues(5)
            .build();

    assertThatThrownBy(() -> column(file, "n", 10))
        .isInstanceOfSatisfying(
            BuzzException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_QUERY))
        .hasMessageContaining(URI)
        .hasMessageContaining("column 'n'")
        .hasMessageContaining("ends after 3 values but the row group has 5 rows");
  }

  @Test
  void rejectsPagesWithMoreValuesThanTheChunk() {
    byte[] file =
        new HandmadeParquet("n", PhysicalType.INT32, false)
            .dataPageV1(2, ParquetEncoding.PLAIN, null, plainInts(1, 2))
            .dataPageV1(2, ParquetEncoding.PLAIN, null, plainInts(3, 4))
            .rows(3)
            .metadataValues(3)
            .build();

    assertThatThrownBy(() -> column(file, "n", 10))
        .isInstanceOf(BuzzException.class)
        .hasMessageContaining("page 1")
        .hasMessageContaining("more than the 3 values");
  }

  @Test
  void rejectsAGarbagePageHeaderNamingColumnAndOffset() {
    byte[] garbage = new byte[64];
    Arrays.fill(garbage, (byte) 0xEE);
    byte[] file =
        new HandmadeParquet("n", PhysicalType.INT32, false)
            .rawPage(garbage)
            .rows(4)
            .metadataValues(4)
            .build();

    assertThatThrownBy(() -> column(file, "n", 10))
        .isInstanceOfSatisfying(
            BuzzException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_QUERY))
        .hasMessageContaining("corrupt Parquet file " + URI)
        .hasMessageContaining("column 'n'")
        .hasMessageContaining("page 0 at byte offset 4");
  }

  @Test
  void rejectsTruncatedPlainValues() {
    byte[] file =
        new HandmadeParquet("n", PhysicalType.INT64, false)
            .dataPageV1(3, ParquetEncoding.PLAIN, null, plainLongs(1, 2))
            .build();

    assertThatThrownBy(() -> column(file, "n", 10))
        .isInstanceOf(BuzzException.class)
        .hasMessageContaining("page values end after 16 bytes");
  }

  @Test
  void rejectsDictionaryIndicesOutOfRange() {
    byte[] file =
        new HandmadeParquet("n", PhysicalType.INT32, false)
            .dictionaryPage(2, plainInts(5, 6))
            .dataPageV1(2, ParquetEncoding.RLE_DICTIONARY, null, indices(2, bitPacked(2, 1, 3)))
            .build();

    assertThatThrownBy(() -> column(file, "n", 10))
        .isInstanceOf(BuzzException.class)
        .hasMessageContaining("dictionary index 3 is out of range for 2 entries");
  }

  @Test
  void readsDeltaByteArrayStringsWithNulls() {
    byte[][] values = {
      utf8("https://www.example.com/a"),
      utf8("https://www.example.com/ab"),
      utf8("https://www.example.org/"),
      utf8(""),
      utf8("é – unicode")
    };
    byte[] file =
        new HandmadeParquet("s", PhysicalType.BYTE_ARRAY, true)
            .convertedType(0)
            .dataPageV1(
                7,
                ParquetEncoding.DELTA_BYTE_ARRAY,
                HandmadeParquet.bitPacked(1, 1, 0, 1, 1, 0, 1, 1),
                ByteArrayEncodings.deltaByteArray(values))
            .build();
    List<Object> expected =
        java.util.Arrays.asList(
            "https://www.example.com/a",
            null,
            "https://www.example.com/ab",
            "https://www.example.org/",
            null,
            "",
            "é – unicode");
    for (int batchRows : new int[] {1, 3, 100}) {
      assertThat(column(file, "s", batchRows)).containsExactlyElementsOf(expected);
    }
  }

  private static byte[] utf8(String text) {
    return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  @Test
  void rejectsUnsupportedEncodingsNamingFileColumnAndEncoding() {
    byte[] booleans =
        new HandmadeParquet("b", PhysicalType.BOOLEAN, false)
            .dataPageV1(2, ParquetEncoding.DELTA_BINARY_PACKED, null, new byte[] {1, 2, 3})
            .build();
    assertThatThrownBy(() -> column(booleans, "b", 10))
        .isInstanceOfSatisfying(
            BuzzException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED))
        .hasMessageContaining("DELTA_BINARY_PACKED encoding of BOOLEAN values");
  }

  private static ParquetFileReader open(byte[] file) {
    return ParquetTesting.open(URI, file);
  }

  private List<Object> column(byte[] file, String name, int batchRows) {
    return ParquetTesting.column(open(file), name, allocator, batchRows);
  }
}
