package io.buzz.storage.parquet;

import static io.buzz.storage.parquet.ParquetTesting.await;
import static io.buzz.storage.parquet.ParquetTesting.open;
import static org.assertj.core.api.Assertions.assertThat;

import io.buzz.kernels.batch.Batch;
import io.buzz.kernels.batch.ColumnType;
import io.buzz.storage.parquet.metadata.ParquetEncoding;
import io.buzz.storage.parquet.metadata.PhysicalType;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * DECIMAL columns as DuckDB writes them (INT32 up to 9 digits, INT64 up to 18, 16-byte
 * FIXED_LEN_BYTE_ARRAY beyond), decoded by Buzz and compared exactly, as BigDecimals of the
 * column's scale, with DuckDB's reading.
 */
class ParquetDecimalDuckDbTest extends DuckDbTest {
  /** NULLs, negatives, both extremes ±(10^p − 1) and small values in wide columns. */
  static final String DECIMALS =
      """
      SELECT
        i::BIGINT AS id,
        CASE WHEN i % 7 = 0 THEN NULL WHEN i % 11 = 0 THEN 99.99 WHEN i % 13 = 0 THEN -99.99
          ELSE ((i * 37) % 19999 - 9999)::DECIMAL(5,0) * 0.01 END::DECIMAL(4,2) AS d4,
        CASE WHEN i % 9 = 0 THEN NULL ELSE ((i % 40) - 20) * 0.25 END::DECIMAL(4,2) AS d4_dict,
        CASE WHEN i % 5 = 0 THEN 99999.9999 WHEN i % 5 = 1 THEN -99999.9999
          ELSE ((hash(i) % 1999999999)::BIGINT - 999999999)::DECIMAL(10,0) * 0.0001
          END::DECIMAL(9,4) AS d9,
        CASE WHEN i % 7 = 3 THEN NULL WHEN i % 11 = 0 THEN 999999999999999.999
          WHEN i % 13 = 0 THEN -999999999999999.999
          ELSE ((hash(i) % 1999999999999999999)::BIGINT - 999999999999999999)::DECIMAL(19,0)
            * 0.001 END::DECIMAL(18,3) AS d18,
        CASE WHEN i % 7 = 5 THEN NULL WHEN i % 11 = 0 THEN 9999999999999999999999999999.9999999999
          WHEN i % 13 = 0 THEN -9999999999999999999999999999.9999999999
          WHEN i % 17 = 0 THEN -0.0000000001
          WHEN i % 19 = 0 THEN -1.5
          ELSE (((hash(i) % 1999999999999999999)::HUGEINT - 999999999999999999)
            * 99999999999::HUGEINT)::DECIMAL(38,0) * 0.0000000001 END::DECIMAL(38,10) AS d38,
        CASE WHEN i % 3 = 0 THEN NULL ELSE (i % 30 - 15) * 1.5 END::DECIMAL(38,10) AS d38_dict,
      FROM range(5000) t(i)
      """;

  static final List<String> COLUMNS =
      List.of("id", "d4", "d4_dict", "d9", "d18", "d38", "d38_dict");

  @ParameterizedTest
  @MethodSource("writerOptions")
  void decodesDecimalsExactlyLikeDuckDb(String options) throws Exception {
    Path file = duckdb.write(DECIMALS, dir.resolve("decimals.parquet"), options);
    ParquetFileReader reader = open(file);

    List<List<Object>> expected = duckdb.rows(file, COLUMNS);
    assertThat(expected.get(11)).contains(new BigDecimal("99.99"), new BigDecimal("-99999.9999"));
    assertThat(expected.get(11))
        .contains(new BigDecimal("9999999999999999999999999999.9999999999"));
    assertReads(reader, COLUMNS, expected);
  }

  @Test
  void theFilesCoverDictionaryDeltaAndPlainPages() throws Exception {
    Path v1 = duckdb.write(DECIMALS, dir.resolve("v1.parquet"), "");
    Path v2 = duckdb.write(DECIMALS, dir.resolve("v2.parquet"), "PARQUET_VERSION v2");
    Path plain = duckdb.write(DECIMALS, dir.resolve("plain.parquet"), "DICTIONARY_SIZE_LIMIT 1");

    assertThat(encodings(v1, "d4_dict")).contains(ParquetEncoding.PLAIN_DICTIONARY);
    assertThat(encodings(v1, "d18")).contains(ParquetEncoding.PLAIN);
    assertThat(encodings(v2, "d4")).contains(ParquetEncoding.DELTA_BINARY_PACKED);
    assertThat(encodings(v2, "d18")).contains(ParquetEncoding.DELTA_BINARY_PACKED);
    assertThat(encodings(plain, "d4_dict")).containsOnly(ParquetEncoding.PLAIN);
    assertThat(encodings(v1, "d38")).contains(ParquetEncoding.PLAIN);
  }

  @Test
  void mapsDecimalsToDecimal128WithTheirPrecisionAndScale() throws Exception {
    Path file = duckdb.write(DECIMALS, dir.resolve("types.parquet"), "");
    ParquetFileReader reader = open(file);

    assertThat(reader.columns()).allMatch(ParquetColumn::isSupported);
    assertThat(physical(reader, "d4")).isEqualTo(PhysicalType.INT32);
    assertThat(physical(reader, "d18")).isEqualTo(PhysicalType.INT64);
    assertThat(physical(reader, "d38")).isEqualTo(PhysicalType.FIXED_LEN_BYTE_ARRAY);
    ParquetColumn d38 = reader.column("d38").orElseThrow();
    assertThat(d38.type()).contains(ColumnType.DECIMAL128);
    assertThat(d38.arrowType()).contains(new ArrowType.Decimal(38, 10, 128));
    assertThat(reader.column("d4").orElseThrow().arrowType())
        .contains(new ArrowType.Decimal(4, 2, 128));
    assertThat(reader.column("d18").orElseThrow().arrowType())
        .contains(new ArrowType.Decimal(18, 3, 128));

    List<String> columns = List.of("d18", "d4");
    RowGroupChunks chunks = await(reader.fetch(0, columns));
    try (RowGroupDecoder decoder = new RowGroupDecoder(chunks, columns, allocator, 10);
        Batch batch = decoder.next()) {
      assertThat(batch.schema().getFields().get(0).getType())
          .isEqualTo(new ArrowType.Decimal(18, 3, 128));
      assertThat(batch.column(1)).isInstanceOf(DecimalVector.class);
      assertThat(batch.columnType(1)).isEqualTo(ColumnType.DECIMAL128);
      assertThat(((DecimalVector) batch.column(1)).getScale()).isEqualTo(2);
    }
  }

  @Test
  void decimalChunksHaveANullCountButNoBounds() throws Exception {
    Path file = duckdb.write(DECIMALS, dir.resolve("stats.parquet"), "");
    ParquetFileReader reader = open(file);

    for (String column : List.of("d4", "d18", "d38")) {
      ColumnStatistics stats = reader.rowGroups().get(0).chunk(column).orElseThrow().statistics();
      assertThat(stats.min()).as(column).isEmpty();
      assertThat(stats.max()).as(column).isEmpty();
      assertThat(stats.nullCount()).as(column).isPresent();
    }
    assertThat(reader.rowGroups().get(0).chunk("id").orElseThrow().statistics().min()).contains(0L);
  }

  private static PhysicalType physical(ParquetFileReader reader, String column) {
    return reader.rowGroups().get(0).chunk(column).orElseThrow().physicalType();
  }
}
