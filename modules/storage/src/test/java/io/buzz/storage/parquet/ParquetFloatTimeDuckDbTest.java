package io.buzz.storage.parquet;

import static io.buzz.storage.parquet.ParquetTesting.await;
import static io.buzz.storage.parquet.ParquetTesting.open;
import static org.assertj.core.api.Assertions.assertThat;

import io.buzz.kernels.batch.Batch;
import io.buzz.kernels.batch.ColumnType;
import io.buzz.storage.parquet.metadata.ParquetEncoding;
import java.nio.file.Path;
import java.util.List;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * FLOAT and TIME columns as DuckDB writes them (FLOAT as 4-byte floats, TIME as INT64 microseconds,
 * TIME WITH TIME ZONE adjusted to UTC, TIME_NS as INT64 nanoseconds), decoded by Buzz as FLOAT32
 * and TIME_MICROS and compared exactly with DuckDB's reading: floats as Floats (NaN, infinities,
 * -0.0 and subnormals included), times as microseconds since midnight.
 */
class ParquetFloatTimeDuckDbTest extends DuckDbTest {
  static final String FLOATS_AND_TIMES =
      """
      SELECT
        i::BIGINT AS id,
        CASE i % 11 WHEN 0 THEN 'nan'::FLOAT WHEN 1 THEN 'inf'::FLOAT WHEN 2 THEN '-inf'::FLOAT
          WHEN 3 THEN -0.0::FLOAT WHEN 4 THEN 1e-45::FLOAT WHEN 5 THEN 3.4028235e38::FLOAT
          ELSE (i / 7.0 - 300)::FLOAT END AS f,
        CASE WHEN i % 5 = 0 THEN NULL ELSE (i % 13 * 0.1)::FLOAT END AS f_dict,
        CASE WHEN i % 3 = 0 THEN NULL ELSE ((hash(i) % 1000000)::BIGINT / 3.0)::FLOAT END AS f_n,
        TIME '00:00:00' + to_microseconds((hash(i) % 86400000000)::BIGINT) AS t,
        CASE WHEN i % 7 = 0 THEN NULL WHEN i % 7 = 1 THEN TIME '23:59:59.999999'
          WHEN i % 7 = 2 THEN TIME '00:00:00' ELSE TIME '08:00:00' + to_microseconds(i % 5 * 1000)
          END AS t_dict,
        CAST('12:34:56.5+02' AS TIMETZ) + to_microseconds(i * 1000003) AS t_tz,
        CASE WHEN i % 4 = 0 THEN NULL
          ELSE CAST(TIME '01:02:03' + to_microseconds(i * 7) AS TIME_NS) END AS t_ns,
      FROM range(5000) t(i)
      """;

  static final List<String> COLUMNS =
      List.of("id", "f", "f_dict", "f_n", "t", "t_dict", "t_tz", "t_ns");

  @ParameterizedTest
  @MethodSource("writerOptions")
  void decodesFloatsAndTimesExactlyLikeDuckDb(String options) throws Exception {
    Path file = duckdb.write(FLOATS_AND_TIMES, dir.resolve("ft.parquet"), options);
    ParquetFileReader reader = open(file);

    List<List<Object>> expected = duckdb.rows(file, COLUMNS);
    assertThat(expected.get(0).get(1)).isEqualTo(Float.NaN);
    assertThat(expected.get(3).get(1)).isEqualTo(-0.0f);
    assertThat(expected.get(1).get(5)).isEqualTo(86_399_999_999L);
    assertReads(reader, COLUMNS, expected);
  }

  @Test
  void theFilesCoverDictionaryPlainSplitAndDeltaPages() throws Exception {
    Path v1 = duckdb.write(FLOATS_AND_TIMES, dir.resolve("v1.parquet"), "");
    Path v2 = duckdb.write(FLOATS_AND_TIMES, dir.resolve("v2.parquet"), "PARQUET_VERSION v2");
    Path plain =
        duckdb.write(FLOATS_AND_TIMES, dir.resolve("plain.parquet"), "DICTIONARY_SIZE_LIMIT 1");

    assertThat(encodings(v1, "f_dict")).contains(ParquetEncoding.PLAIN_DICTIONARY);
    assertThat(encodings(v1, "t_dict")).contains(ParquetEncoding.PLAIN_DICTIONARY);
    assertThat(encodings(v1, "f")).contains(ParquetEncoding.PLAIN);
    assertThat(encodings(v2, "f")).contains(ParquetEncoding.BYTE_STREAM_SPLIT);
    assertThat(encodings(v2, "t")).contains(ParquetEncoding.DELTA_BINARY_PACKED);
    assertThat(encodings(plain, "f_dict")).containsOnly(ParquetEncoding.PLAIN);
  }

  @Test
  void mapsFloatToFloat32AndEveryTimeToTimeMicros() throws Exception {
    Path file = duckdb.write(FLOATS_AND_TIMES, dir.resolve("types.parquet"), "");
    ParquetFileReader reader = open(file);

    assertThat(reader.columns()).allMatch(ParquetColumn::isSupported);
    assertThat(reader.column("f").orElseThrow().arrowType())
        .contains(new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE));
    for (String time : List.of("t", "t_tz", "t_ns")) {
      assertThat(reader.column(time).orElseThrow().type())
          .as(time)
          .contains(ColumnType.TIME_MICROS);
    }
    List<String> columns = List.of("f_n", "t_ns");
    RowGroupChunks chunks = await(reader.fetch(0, columns));
    try (RowGroupDecoder decoder = new RowGroupDecoder(chunks, columns, allocator, 10);
        Batch batch = decoder.next()) {
      assertThat(batch.column(0)).isInstanceOf(Float4Vector.class);
      assertThat(batch.column(1)).isInstanceOf(TimeMicroVector.class);
      assertThat(batch.schema().getFields().get(1).getType())
          .isEqualTo(new ArrowType.Time(TimeUnit.MICROSECOND, 64));
    }
  }

  @Test
  void boundsAreFloatsAndMicroseconds() throws Exception {
    Path file =
        duckdb.write(
            "SELECT (i * 0.5)::FLOAT AS f, TIME '01:00:00' + to_microseconds(i) AS t,"
                + " CAST(TIME '01:00:00' + to_microseconds(i) AS TIME_NS) AS t_ns"
                + " FROM range(100) t(i)",
            dir.resolve("stats.parquet"),
            "");
    ParquetFileReader reader = open(file);
    RowGroupMetadata group = reader.rowGroups().get(0);

    ColumnStatistics floats = group.chunk("f").orElseThrow().statistics();
    assertThat(floats.min()).contains(0.0f);
    assertThat(floats.max()).contains(49.5f);
    for (String time : List.of("t", "t_ns")) {
      ColumnStatistics times = group.chunk(time).orElseThrow().statistics();
      assertThat(times.min()).as(time).contains(3_600_000_000L);
      assertThat(times.max()).as(time).contains(3_600_000_099L);
    }
  }
}
