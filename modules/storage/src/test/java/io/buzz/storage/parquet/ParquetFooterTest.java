package io.buzz.storage.parquet;

import static io.buzz.storage.parquet.ParquetTesting.await;
import static io.buzz.storage.parquet.ParquetTesting.open;
import static io.buzz.storage.parquet.ParquetTesting.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import io.buzz.storage.io.ByteSource;
import io.buzz.storage.io.InMemoryByteSource;
import io.buzz.storage.parquet.metadata.ParquetEncoding;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Footer reading, schema mapping, statistics, and broken files. */
class ParquetFooterTest extends DuckDbTest {
  @Test
  void readsTheFooterWithOneRequestWhenTheGuessCoversIt() throws Exception {
    Path file = duckdb.write(ParquetReaderDuckDbTest.ALL_TYPES, dir.resolve("a.parquet"), "");
    ByteSource source = ParquetTesting.inMemory(file);

    ParquetFileReader reader = await(ParquetFileReader.open(source));

    assertThat(source.stats().requests()).isEqualTo(1);
    assertThat(reader.numRows()).isEqualTo(5000);
    assertThat(reader.fileLength()).isEqualTo(Files.size(file));
    assertThat(reader.createdBy()).hasValueSatisfying(v -> assertThat(v).contains("DuckDB"));
  }

  @Test
  void readsTheRestOfALongFooterWithASecondRequest() throws Exception {
    Path file = duckdb.write(ParquetReaderDuckDbTest.ALL_TYPES, dir.resolve("a.parquet"), "");
    ByteSource source = ParquetTesting.inMemory(file);

    ParquetFileReader reader = await(ParquetFileReader.open(source, 64));

    assertThat(source.stats().requests()).isEqualTo(2);
    assertThat(reader.columns()).hasSize(ParquetReaderDuckDbTest.ALL_COLUMNS.size());
  }

  @Test
  void decodesStatisticsForPruning() throws Exception {
    Path file =
        duckdb.write(
            "SELECT i::BIGINT AS id, CASE WHEN i % 2 = 0 THEN NULL ELSE 'v' || i END AS s, "
                + "DATE '2020-01-01' + i::INTEGER AS d, (i * 0.5)::DOUBLE AS x, "
                + "TIMESTAMP '2020-01-01' + to_microseconds(i) AS ts "
                + "FROM range(10, 20) t(i)",
            dir.resolve("stats.parquet"), "");
    RowGroupMetadata group = open(file).rowGroups().get(0);

    ColumnStatistics id = group.chunk("id").orElseThrow().statistics();
    assertThat(id.min()).contains(10L);
    assertThat(id.max()).contains(19L);
    assertThat(id.nullCount()).isEqualTo(OptionalLong.of(0));
    ColumnStatistics s = group.chunk("s").orElseThrow().statistics();
    assertThat(s.min()).contains("v11");
    assertThat(s.max()).contains("v19");
    assertThat(s.nullCount()).isEqualTo(OptionalLong.of(5));
    assertThat(group.chunk("d").orElseThrow().statistics().min()).contains(18262 + 10);
    assertThat(group.chunk("x").orElseThrow().statistics().max()).contains(9.5);
    assertThat(group.chunk("ts").orElseThrow().statistics().max())
        .contains(1_577_836_800_000_000L + 19);
    assertThat(group.chunk("nope")).isEmpty();
  }

  @Test
  void reportsUnsupportedColumnsByNameAndReadsTheColumnsAround() throws Exception {
    Path file =
        duckdb.write(
            "SELECT 1::INTEGER AS first, 12.34::DECIMAL(10,2) AS price, 1::UTINYINT AS u8, "
                + "1::UINTEGER AS u32, 1::UBIGINT AS u64, 'x'::BLOB AS blob, [1, 2] AS list, "
                + "{'a': 1, 'b': 'x'} AS struct, MAP {'k': 1} AS map, "
                + "'7d444840-9dc0-11d1-b245-5ffdce74fad2'::UUID AS uuid, TIME '01:02:03' AS t, "
                + "INTERVAL 1 DAY AS iv, 5::INTEGER AS last FROM range(3)",
            dir.resolve("unsupported.parquet"),
            "");
    ParquetFileReader reader = open(file);

    assertThat(reason(reader, "price")).isEmpty(); // read as DECIMAL128
    assertThat(reason(reader, "u8")).isEmpty(); // unsigned integers are read (INTEGER, BIGINT)
    assertThat(reason(reader, "u32")).isEmpty();
    assertThat(reason(reader, "u64")).isEmpty();
    assertThat(reason(reader, "blob")).isEmpty(); // read as VARBINARY
    assertThat(reason(reader, "list")).contains("nested LIST");
    assertThat(reason(reader, "struct")).contains("nested STRUCT");
    assertThat(reason(reader, "map")).contains("nested MAP");
    assertThat(reason(reader, "uuid")).isEmpty(); // read as its canonical string
    assertThat(reason(reader, "t")).isEmpty(); // read as TIME_MICROS
    assertThat(reason(reader, "iv")).contains("INTERVAL");
    assertThat(reader.column("first").orElseThrow().isSupported()).isTrue();

    assertThatThrownBy(() -> await(reader.fetch(0, List.of("first", "iv"))))
        .isInstanceOfSatisfying(
            BuzzException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED))
        .hasMessageContaining("column 'iv'")
        .hasMessageContaining("INTERVAL")
        .hasMessageContaining(file.toUri().toString());
    // the last column's chunk comes after the nested columns' several leaves
    assertThat(readAll(reader, List.of("last", "first"), allocator, 10))
        .containsExactly(List.of(5, 1), List.of(5, 1), List.of(5, 1));
    assertThat(readAll(reader, List.of("blob"), allocator, 10))
        .allSatisfy(row -> assertThat((byte[]) row.get(0)).containsExactly('x'));
  }

  @Test
  void rejectsUnknownRepeatedColumnsAndRowGroupsOutOfRange() throws Exception {
    Path file = duckdb.write("SELECT 1::INTEGER AS a FROM range(3)", dir.resolve("a.parquet"), "");
    ParquetFileReader reader = open(file);

    assertThatThrownBy(() -> await(reader.fetch(0, List.of("b"))))
        .isInstanceOfSatisfying(
            BuzzException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND))
        .hasMessageContaining("no column 'b' (columns: a)");
    assertThatThrownBy(() -> await(reader.fetch(0, List.of("a", "a"))))
        .isInstanceOfSatisfying(
            BuzzException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_QUERY));
    assertThatThrownBy(() -> await(reader.fetch(1, List.of("a"))))
        .isInstanceOfSatisfying(
            BuzzException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_QUERY))
        .hasMessageContaining("row group 1 does not exist");
    RowGroupChunks chunks = await(reader.fetch(0, List.of("a")));
    assertThatThrownBy(() -> new RowGroupDecoder(chunks, List.of("x"), allocator, 10))
        .isInstanceOf(BuzzException.class);
  }

  @Test
  void decodesFormatV2EncodingsLikeDuckDb() throws Exception {
    // DuckDB's PARQUET_VERSION V2 keeps v1 data pages but switches to DELTA_BINARY_PACKED,
    // DELTA_LENGTH_BYTE_ARRAY and BYTE_STREAM_SPLIT; data pages v2 are covered by
    // HandmadeParquetTest.
    Path file =
        duckdb.write(
            ParquetReaderDuckDbTest.ALL_TYPES,
            dir.resolve("v2.parquet"),
            "PARQUET_VERSION V2, ROW_GROUP_SIZE 2048");
    ParquetFileReader reader = open(file);
    List<ParquetEncoding> encodings = new java.util.ArrayList<>();
    for (ColumnChunkMetadata chunk : reader.rowGroups().get(0).chunks()) {
      encodings.addAll(chunk.encodings());
    }

    assertThat(encodings)
        .contains(
            ParquetEncoding.DELTA_BINARY_PACKED,
            ParquetEncoding.DELTA_LENGTH_BYTE_ARRAY,
            ParquetEncoding.BYTE_STREAM_SPLIT,
            ParquetEncoding.RLE_DICTIONARY);
    for (int batchRows : new int[] {1000, 77}) {
      assertThat(readAll(reader, ParquetReaderDuckDbTest.ALL_COLUMNS, allocator, batchRows))
          .containsExactlyElementsOf(duckdb.rows(file, ParquetReaderDuckDbTest.ALL_COLUMNS));
    }
  }

  @Test
  void rejectsTruncatedAndCorruptFilesClearly() throws Exception {
    Path file = duckdb.write(ParquetReaderDuckDbTest.ALL_TYPES, dir.resolve("a.parquet"), "");
    byte[] bytes = Files.readAllBytes(file);

    assertCorrupt(Arrays.copyOf(bytes, bytes.length / 2), "no PAR1 magic at the end");
    assertCorrupt(Arrays.copyOf(bytes, 5), "too few for Parquet");
    assertCorrupt(new byte[0], "too few for Parquet");

    byte[] hugeFooter = bytes.clone();
    ByteBuffer.wrap(hugeFooter)
        .order(ByteOrder.LITTLE_ENDIAN)
        .putInt(hugeFooter.length - 8, Integer.MAX_VALUE);
    assertCorrupt(hugeFooter, "footer length");

    byte[] garbledFooter = bytes.clone();
    int footerLength =
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getInt(bytes.length - 8);
    Arrays.fill(garbledFooter, bytes.length - 8 - footerLength, bytes.length - 8, (byte) 0x7F);
    assertCorrupt(garbledFooter, "footer:");

    byte[] badHead = Arrays.copyOf(bytes, bytes.length);
    badHead[0] = 'X';
    assertThatThrownBy(() -> await(ParquetFileReader.open(source(badHead), bytes.length + 10)))
        .isInstanceOf(BuzzException.class)
        .hasMessageContaining("no PAR1 magic at the start");
  }

  @ParameterizedTest
  @ValueSource(strings = {"ROW_GROUP_SIZE 2048", "ROW_GROUP_SIZE 2048, PARQUET_VERSION V2"})
  void rejectsCorruptedPagesWithBuzzExceptionsOnly(String options) throws Exception {
    Path file = duckdb.write(ParquetReaderDuckDbTest.ALL_TYPES, dir.resolve("a.parquet"), options);
    byte[] bytes = Files.readAllBytes(file);
    ParquetFileReader clean = open(file);
    java.util.Random random = new java.util.Random(Long.getLong("buzz.fuzz.seed", 42));
    int attempts = Integer.getInteger("buzz.fuzz.attempts", 12);
    int detected = 0;
    for (String column : ParquetReaderDuckDbTest.ALL_COLUMNS) {
      ColumnChunkMetadata chunk = clean.rowGroups().get(0).chunk(column).orElseThrow();
      for (int attempt = 0; attempt < attempts; attempt++) {
        // Overwrite a few bytes of the chunk: its header, levels or values; anything but a
        // BuzzException naming the column (an IndexOutOfBounds, a hang) fails the test.
        byte[] broken = bytes.clone();
        long at =
            chunk.byteRange().offset()
                + (attempt < 3 ? attempt : random.nextInt((int) chunk.totalCompressedSize()));
        int length = 1 + random.nextInt(8);
        for (int i = 0; i < length && at + i < broken.length; i++) {
          broken[(int) at + i] = (byte) random.nextInt(256);
        }
        ParquetFileReader reader = await(ParquetFileReader.open(source(broken)));
        try {
          readAll(reader, List.of(column), allocator, 1000);
        } catch (BuzzException e) {
          detected++;
          assertThat(e.getMessage()).contains("column '" + column + "'");
        }
      }
    }
    assertThat(detected).isPositive();
  }

  private static Optional<String> reason(ParquetFileReader reader, String column) {
    return reader.column(column).orElseThrow().unsupportedReason();
  }

  private static ByteSource source(byte[] bytes) {
    return new InMemoryByteSource("file:///broken.parquet", bytes);
  }

  private static void assertCorrupt(byte[] bytes, String message) {
    assertThatThrownBy(() -> await(ParquetFileReader.open(source(bytes))))
        .isInstanceOfSatisfying(
            BuzzException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_QUERY))
        .hasMessageContaining("file:///broken.parquet")
        .hasMessageContaining(message);
  }
}
