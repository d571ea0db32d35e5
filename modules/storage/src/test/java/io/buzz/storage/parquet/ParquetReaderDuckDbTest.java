package io.buzz.storage.parquet;

import static io.buzz.storage.parquet.ParquetTesting.await;
import static io.buzz.storage.parquet.ParquetTesting.open;
import static io.buzz.storage.parquet.ParquetTesting.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import io.buzz.kernels.batch.Batch;
import io.buzz.kernels.batch.ColumnType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.Field;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Differential tests: files written by DuckDB, decoded by Buzz, compared with DuckDB's reading. */
class ParquetReaderDuckDbTest extends DuckDbTest {
  /** Every supported type, with and without nulls, dictionary and plain, several row groups. */
  static final String ALL_TYPES =
      """
      SELECT
        i::BIGINT AS id,
        CASE WHEN i % 7 = 0 THEN NULL ELSE i * 3 - 1000 END::BIGINT AS big_n,
        (i % 1000)::INTEGER AS int32,
        CASE WHEN i % 5 = 0 THEN NULL ELSE (i % 6)::INTEGER END AS passenger_count,
        (i % 100 - 50)::TINYINT AS tiny,
        (i * 7 % 30000 - 15000)::SMALLINT AS small,
        (i * 0.25)::DOUBLE AS trip_distance,
        CASE WHEN i % 3 = 0 THEN NULL ELSE (i / 7.0)::DOUBLE END AS tip_amount,
        (i / 3.0)::FLOAT AS f,
        CASE WHEN i % 9 = 0 THEN NULL ELSE (-i * 1.5)::FLOAT END AS f_n,
        TIME '00:00:00' + to_microseconds(i * 17280001 % 86400000000) AS clock,
        CASE WHEN i % 8 = 0 THEN NULL ELSE TIME '12:00:00' + to_microseconds(i % 97) END AS clock_n,
        ['CMT', 'VTS', 'DDS'][i % 3 + 1] AS vendor_id,
        CASE WHEN i % 11 = 0 THEN NULL ELSE ['cash', 'card', '', '日本語 ✓ ünï'][i % 4 + 1] END
          AS payment_type,
        CASE WHEN i % 13 = 0 THEN '' ELSE repeat('é', i % 40) || i::VARCHAR END AS unique_str,
        CASE WHEN i % 17 = 0 THEN NULL ELSE repeat('long-string-', i % 300) || i END AS long_str,
        i % 2 = 0 AS flag,
        CASE WHEN i % 3 = 0 THEN NULL ELSE i % 5 = 0 END AS flag_n,
        DATE '2020-01-01' + (i % 2000)::INTEGER AS day,
        CASE WHEN i % 4 = 0 THEN NULL ELSE DATE '1969-12-01' + i::INTEGER END AS day_n,
        TIMESTAMP '2021-03-04 05:06:07' + to_microseconds(i * 1234567) AS pickup_datetime,
        CASE WHEN i % 6 = 0 THEN NULL
          ELSE TIMESTAMP '1950-01-01' + to_microseconds(i * 999) END AS ts_n,
        (TIMESTAMP '2021-03-04' + to_microseconds(i * 1000))::TIMESTAMP_MS AS ts_ms,
        (TIMESTAMP '1960-03-04' + to_microseconds(i * 1001))::TIMESTAMP_NS AS ts_ns,
        TIMESTAMPTZ '2021-03-04 00:00:00+00' + to_microseconds(i * 3) AS ts_tz,
        CASE WHEN i < 2500 THEN i END::INTEGER AS half_null,
        NULL::INTEGER AS all_null_int,
        NULL::VARCHAR AS all_null_str,
        NULL::DOUBLE AS all_null_double,
      FROM range(5000) t(i)
      """;

  static final List<String> ALL_COLUMNS =
      List.of(
          "id",
          "big_n",
          "int32",
          "passenger_count",
          "tiny",
          "small",
          "trip_distance",
          "tip_amount",
          "f",
          "f_n",
          "clock",
          "clock_n",
          "vendor_id",
          "payment_type",
          "unique_str",
          "long_str",
          "flag",
          "flag_n",
          "day",
          "day_n",
          "pickup_datetime",
          "ts_n",
          "ts_ms",
          "ts_ns",
          "ts_tz",
          "half_null",
          "all_null_int",
          "all_null_str",
          "all_null_double");

  @ParameterizedTest
  @ValueSource(strings = {"uncompressed", "snappy", "gzip", "zstd", "lz4_raw", "brotli"})
  void decodesEveryTypeLikeDuckDb(String codec) throws Exception {
    Path file =
        duckdb.write(
            ALL_TYPES,
            dir.resolve(codec + ".parquet"),
            "COMPRESSION " + codec + ", ROW_GROUP_SIZE 2048");
    ParquetFileReader reader = open(file);

    assertThat(reader.rowGroups()).hasSizeGreaterThan(1);
    assertThat(reader.numRows()).isEqualTo(5000);
    assertThat(reader.rowGroups().get(0).chunks().get(0).codec().name())
        .isEqualToIgnoringCase(codec);
    List<List<Object>> decoded = readAll(reader, ALL_COLUMNS, allocator, 1000);
    assertThat(decoded).containsExactlyElementsOf(duckdb.rows(file, ALL_COLUMNS));
  }

  @Test
  void readsUnsignedIntegersOfEveryWidthLikeDuckDb() throws Exception {
    Path file =
        duckdb.write(
            """
            SELECT (i % 256)::UTINYINT AS u8, (i * 257 % 65536)::USMALLINT AS u16,
                   (4294967295 - i)::UINTEGER AS u32, (9223372036854775807 - i)::UBIGINT AS u64
            FROM range(3000) t(i)
            """,
            dir.resolve("unsigned.parquet"), "ROW_GROUP_SIZE 1000");
    ParquetFileReader reader = open(file);
    List<String> columns = List.of("u8", "u16", "u32", "u64");

    assertThat(reader.column("u32").orElseThrow().type()).contains(ColumnType.INT64);
    List<List<Object>> decoded = readAll(reader, columns, allocator, 700);
    assertThat(decoded).containsExactlyElementsOf(duckdb.rows(file, columns));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "ROW_GROUP_SIZE 1000"})
  void readsUuidsAsTheirStringsLikeDuckDb(String options) throws Exception {
    Path file =
        duckdb.write(
            "SELECT CASE WHEN i % 7 = 0 THEN NULL ELSE gen_random_uuid() END AS id,"
                + " ('00000000-0000-4000-8000-0000000000' || lpad(CAST(i % 50 AS VARCHAR), 2, '0'))"
                + "::UUID AS repeated FROM range(3000) t(i)",
            dir.resolve("uuid" + options.length() + ".parquet"), options);
    ParquetFileReader reader = open(file);
    List<String> columns = List.of("id", "repeated");

    assertThat(reader.column("id").orElseThrow().type()).contains(ColumnType.UTF8);
    assertThat(readAll(reader, columns, allocator, 700))
        .containsExactlyElementsOf(duckdb.rows(file, columns));
  }

  @Test
  void anUnsigned64BitValueBeyondBigintIsAnErrorNamingTheColumn() throws Exception {
    Path file =
        duckdb.write(
            "SELECT 18446744073709551615::UBIGINT AS big", dir.resolve("ubigint.parquet"), "");

    assertThatThrownBy(() -> readAll(open(file), List.of("big"), allocator, 10))
        .isInstanceOfSatisfying(
            BuzzException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED))
        .hasMessageContaining("'big'")
        .hasMessageContaining("18446744073709551615 exceeds BIGINT");
  }

  @Test
  void mapsColumnTypesAndNullability() throws Exception {
    Path file = duckdb.write(ALL_TYPES, dir.resolve("types.parquet"), "");
    ParquetFileReader reader = open(file);

    assertThat(reader.column("id").orElseThrow().type()).contains(ColumnType.INT64);
    assertThat(reader.column("int32").orElseThrow().type()).contains(ColumnType.INT32);
    assertThat(reader.column("tiny").orElseThrow().type()).contains(ColumnType.INT32);
    assertThat(reader.column("small").orElseThrow().type()).contains(ColumnType.INT32);
    assertThat(reader.column("f").orElseThrow().type()).contains(ColumnType.FLOAT32);
    assertThat(reader.column("trip_distance").orElseThrow().type()).contains(ColumnType.FLOAT64);
    assertThat(reader.column("clock").orElseThrow().type()).contains(ColumnType.TIME_MICROS);
    assertThat(reader.column("vendor_id").orElseThrow().type()).contains(ColumnType.UTF8);
    assertThat(reader.column("flag").orElseThrow().type()).contains(ColumnType.BOOL);
    assertThat(reader.column("day").orElseThrow().type()).contains(ColumnType.DATE32);
    for (String ts : List.of("pickup_datetime", "ts_ms", "ts_ns", "ts_tz")) {
      assertThat(reader.column(ts).orElseThrow().type()).contains(ColumnType.TIMESTAMP_MICROS);
    }
    assertThat(reader.column("tip_amount").orElseThrow().nullable()).isTrue();
    assertThat(reader.columns())
        .extracting(ParquetColumn::name)
        .containsExactlyElementsOf(ALL_COLUMNS);
    assertThat(reader.columns()).allMatch(ParquetColumn::isSupported);
  }

  @Test
  void batchesHonourTheRequestedColumnsOrderNamesAndTypes() throws Exception {
    Path file = duckdb.write(ALL_TYPES, dir.resolve("subset.parquet"), "ROW_GROUP_SIZE 2048");
    ParquetFileReader reader = open(file);
    List<String> columns = List.of("tip_amount", "vendor_id", "id", "flag", "day", "ts_ms");

    RowGroupChunks chunks = await(reader.fetch(0, columns));
    try (RowGroupDecoder decoder = new RowGroupDecoder(chunks, columns, allocator, 100);
        Batch batch = decoder.next()) {
      assertThat(batch.schema().getFields())
          .extracting(Field::getName)
          .containsExactlyElementsOf(columns);
      assertThat(batch.columnType(0)).isEqualTo(ColumnType.FLOAT64);
      assertThat(batch.columnType(1)).isEqualTo(ColumnType.UTF8);
      assertThat(batch.columnType(2)).isEqualTo(ColumnType.INT64);
      assertThat(batch.columnType(3)).isEqualTo(ColumnType.BOOL);
      assertThat(batch.columnType(4)).isEqualTo(ColumnType.DATE32);
      assertThat(batch.columnType(5)).isEqualTo(ColumnType.TIMESTAMP_MICROS);
      assertThat(batch.rowCount()).isEqualTo(100);
    }
    assertThat(readAll(reader, columns, allocator, 333))
        .containsExactlyElementsOf(duckdb.rows(file, columns));
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 1000, 2048, 100_000})
  void splitsBatchesAcrossPagesAndRowGroups(int batchRows) throws Exception {
    Path file = duckdb.write(ALL_TYPES, dir.resolve("split.parquet"), "ROW_GROUP_SIZE 2048");
    ParquetFileReader reader = open(file);
    List<String> columns = List.of("passenger_count", "payment_type", "flag_n", "ts_n", "f_n");

    List<Integer> sizes = new ArrayList<>();
    List<List<Object>> rows = new ArrayList<>();
    for (int g = 0; g < reader.rowGroups().size(); g++) {
      RowGroupChunks chunks = await(reader.fetch(g, columns));
      try (RowGroupDecoder decoder = new RowGroupDecoder(chunks, columns, allocator, batchRows)) {
        while (decoder.hasNext()) {
          try (Batch batch = decoder.next()) {
            sizes.add(batch.rowCount());
            ArrowRows.appendRows(batch, rows);
          }
        }
        assertThat(decoder.rowsLeft()).isZero();
      }
    }
    assertThat(sizes).allMatch(size -> size >= 1 && size <= batchRows);
    assertThat(sizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(5000);
    assertThat(rows).containsExactlyElementsOf(duckdb.rows(file, columns));
  }

  @Test
  void decodesChunksOfSeveralPages() throws Exception {
    // DuckDB cuts pages at about 100 MB uncompressed: long strings give a chunk several pages.
    Path file =
        duckdb.write(
            "SELECT i::BIGINT AS id, CASE WHEN i % 10 = 0 THEN NULL "
                + "ELSE repeat(chr(97 + (i % 26)::INTEGER), 900) || i END AS s "
                + "FROM range(150000) t(i)",
            dir.resolve("pages.parquet"), "ROW_GROUP_SIZE 150000");
    ParquetFileReader reader = open(file);
    List<String> columns = List.of("s", "id");

    assertThat(reader.rowGroups()).hasSize(1);
    RowGroupChunks chunks = await(reader.fetch(0, columns));
    assertThat(PageCounter.dataPages(chunks, "s")).isGreaterThan(1);
    assertThat(readAll(reader, columns, allocator, 3000))
        .containsExactlyElementsOf(duckdb.rows(file, columns));
  }

  @Test
  void reportsTheAllocatorLimitAsLimitExceeded() throws Exception {
    Path file = duckdb.write(ALL_TYPES, dir.resolve("limit.parquet"), "");
    ParquetFileReader reader = open(file);
    RowGroupChunks chunks = await(reader.fetch(0, List.of("long_str")));

    try (BufferAllocator small = allocator.newChildAllocator("task-7", 0, 64 * 1024);
        RowGroupDecoder decoder = new RowGroupDecoder(chunks, List.of("long_str"), small, 4096)) {
      assertThatThrownBy(decoder::next)
          .isInstanceOfSatisfying(
              BuzzException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.LIMIT_EXCEEDED))
          .hasMessageContaining("column 'long_str'")
          .hasMessageContaining("task-7");
      assertThat(small.getAllocatedMemory()).isZero();
    }
  }
}
