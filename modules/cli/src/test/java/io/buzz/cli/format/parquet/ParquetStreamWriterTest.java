package io.buzz.cli.format.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.buzz.cli.DuckDb;
import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeMilliVector;
import org.apache.arrow.vector.TimeNanoVector;
import org.apache.arrow.vector.TimeSecVector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.TimeStampMilliTZVector;
import org.apache.arrow.vector.TimeStampMilliVector;
import org.apache.arrow.vector.TimeStampNanoVector;
import org.apache.arrow.vector.TimeStampSecVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Files of {@link ParquetStreamWriter}, read back by DuckDB value by value. */
class ParquetStreamWriterTest {
  @TempDir Path temp;
  private BufferAllocator allocator;
  private List<Column> columns;

  @BeforeEach
  void setUp() {
    allocator = new RootAllocator();
    columns = allTypes();
  }

  @AfterEach
  void tearDown() {
    columns.forEach(column -> column.vector().close());
    allocator.close();
  }

  /** A column of the all-types batch: its vector, DuckDB's type and text for each of its rows. */
  private record Column(FieldVector vector, String duckDbType, String... text) {}

  /** Four rows per column; the third is NULL everywhere. */
  private List<Column> allTypes() {
    BitVector b = new BitVector("b", allocator);
    b.allocateNew(4);
    b.set(0, 1);
    b.set(1, 0);
    b.setNull(2);
    b.set(3, 1);
    b.setValueCount(4);
    VarCharVector s = new VarCharVector("s", allocator);
    VarBinaryVector bin = new VarBinaryVector("bin", allocator);
    s.allocateNew();
    bin.allocateNew();
    byte[][] texts = {utf8(""), utf8("héllo ✓"), null, utf8("a,b")};
    byte[][] blobs = {new byte[] {0, (byte) 0xFF}, new byte[0], null, utf8("AB")};
    for (int i = 0; i < 4; i++) {
      if (texts[i] == null) {
        s.setNull(i);
        bin.setNull(i);
      } else {
        s.setSafe(i, texts[i]);
        bin.setSafe(i, blobs[i]);
      }
    }
    s.setValueCount(4);
    bin.setValueCount(4);
    return List.of(
        new Column(b, "BOOLEAN", "true", "false", null, "true"),
        new Column(
            fill(new TinyIntVector("i8", allocator), -128, 127, null, 0),
            "TINYINT",
            "-128",
            "127",
            null,
            "0"),
        new Column(
            fill(new SmallIntVector("i16", allocator), -32768, 32767, null, 7),
            "SMALLINT",
            "-32768",
            "32767",
            null,
            "7"),
        new Column(
            fill(new IntVector("i32", allocator), Integer.MIN_VALUE, Integer.MAX_VALUE, null, 0),
            "INTEGER",
            "-2147483648",
            "2147483647",
            null,
            "0"),
        new Column(
            fill(new BigIntVector("i64", allocator), Long.MIN_VALUE, Long.MAX_VALUE, null, 42L),
            "BIGINT",
            "-9223372036854775808",
            "9223372036854775807",
            null,
            "42"),
        new Column(
            fill(new Float4Vector("f32", allocator), 1.5f, -0.0f, null, Float.NaN),
            "FLOAT",
            "1.5",
            "-0.0",
            null,
            "nan"),
        new Column(
            fill(new Float8Vector("f64", allocator), 2.25, -0.125, null, Double.POSITIVE_INFINITY),
            "DOUBLE",
            "2.25",
            "-0.125",
            null,
            "inf"),
        decimal("d9", 9, 2, "1234567.89", "-0.01", "0.00"),
        decimal("d18", 18, 4, "12345678901234.5678", "-1.0000", "99999999999999.9999"),
        decimal("d20", 20, 0, "12345678901234567890", "-1", "0"),
        decimal(
            "d38",
            38,
            10,
            "9999999999999999999999999999.9999999999",
            "-1234.5678900000",
            "0.0000000000"),
        new Column(s, "VARCHAR", "", "héllo ✓", null, "a,b"),
        new Column(bin, "BLOB", "\\x00\\xFF", "", null, "AB"),
        new Column(
            fill(new DateDayVector("date", allocator), -1, 0, null, 19000),
            "DATE",
            "1969-12-31",
            "1970-01-01",
            null,
            "2022-01-08"),
        new Column(
            fill(new TimeSecVector("t_s", allocator), 0, 86399, null, 45296),
            "TIME",
            "00:00:00",
            "23:59:59",
            null,
            "12:34:56"),
        new Column(
            fill(new TimeMilliVector("t_ms", allocator), 45296500, 1, null, 0),
            "TIME",
            "12:34:56.5",
            "00:00:00.001",
            null,
            "00:00:00"),
        new Column(
            fill(new TimeMicroVector("t_us", allocator), 45296123456L, 86399999999L, null, 0L),
            "TIME",
            "12:34:56.123456",
            "23:59:59.999999",
            null,
            "00:00:00"),
        new Column(
            fill(new TimeNanoVector("t_ns", allocator), 45296123456789L, 1000L, null, 0L),
            "TIME_NS",
            "12:34:56.123456789",
            "00:00:00.000001",
            null,
            "00:00:00"),
        timestamps(new TimeStampSecVector("ts_s", allocator), 1_700_000_000L, "", ""),
        timestamps(new TimeStampMilliVector("ts_ms", allocator), 1_700_000_000_123L, ".123", ""),
        timestamps(
            new TimeStampMicroVector("ts_us", allocator), 1_700_000_000_123_456L, ".123456", ""),
        timestamps(
            new TimeStampNanoVector("ts_ns", allocator),
            1_700_000_000_123_456_789L,
            ".123456789",
            ""),
        timestamps(
            new TimeStampMicroTZVector("ts_utc", allocator, "UTC"),
            1_700_000_000_123_456L,
            ".123456",
            "+00"),
        timestamps(
            new TimeStampMilliTZVector("ts_paris", allocator, "Europe/Paris"),
            1_700_000_000_123L,
            ".123",
            "+00"));
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Sets a fixed-width vector's values through its data buffer (whatever its unit, a timestamp's
   * value is a long, a time's an int or a long); null for NULL.
   */
  private static <V extends BaseFixedWidthVector> V fill(V vector, Number... values) {
    vector.allocateNew(values.length);
    ArrowBuf data = vector.getDataBuffer();
    int width = vector.getTypeWidth();
    for (int i = 0; i < values.length; i++) {
      Number value = values[i];
      if (value == null) {
        vector.setNull(i);
        continue;
      }
      if (value instanceof Float f) {
        data.setFloat(4L * i, f);
      } else if (value instanceof Double d) {
        data.setDouble(8L * i, d);
      } else {
        switch (width) {
          case 1 -> data.setByte(i, value.byteValue());
          case 2 -> data.setShort(2L * i, value.shortValue());
          case 4 -> data.setInt(4L * i, value.intValue());
          default -> data.setLong(8L * i, value.longValue());
        }
      }
      BitVectorHelper.setBit(vector.getValidityBuffer(), i);
    }
    vector.setValueCount(values.length);
    return vector;
  }

  /**
   * A timestamp column: {@code value} (2023-11-14 22:13:20 and {@code fraction}), -1 or 1 unit
   * before the epoch, NULL, the epoch; as DuckDB prints them, with {@code zone} for TIMESTAMPTZ.
   */
  private static Column timestamps(
      TimeStampVector vector, long value, String fraction, String zone) {
    boolean nanos = vector instanceof TimeStampNanoVector;
    fill(vector, value, nanos ? 1L : -1L, null, 0L);
    String type =
        !zone.isEmpty() ? "TIMESTAMP WITH TIME ZONE" : nanos ? "TIMESTAMP_NS" : "TIMESTAMP";
    String unit = fraction.length() <= 1 ? "" : "." + "9".repeat(fraction.length() - 1);
    return new Column(
        vector,
        type,
        "2023-11-14 22:13:20" + fraction + zone,
        nanos ? "1970-01-01 00:00:00.000000001" : "1969-12-31 23:59:59" + unit + zone,
        null,
        "1970-01-01 00:00:00" + zone);
  }

  /** A decimal column of four rows, the third NULL. */
  private Column decimal(String name, int precision, int scale, String a, String b, String d) {
    DecimalVector vector = new DecimalVector(name, allocator, precision, scale);
    vector.allocateNew(4);
    vector.setSafe(0, new BigDecimal(a));
    vector.setSafe(1, new BigDecimal(b));
    vector.setNull(2);
    vector.setSafe(3, new BigDecimal(d));
    vector.setValueCount(4);
    String type = "DECIMAL(" + precision + "," + scale + ")";
    return new Column(vector, type, a, b, null, d);
  }

  private Path write(
      String name, Schema schema, ParquetOptions options, VectorSchemaRoot... batches)
      throws Exception {
    Path file = temp.resolve(name);
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
      ParquetStreamWriter writer = new ParquetStreamWriter(out, schema, options);
      for (VectorSchemaRoot batch : batches) {
        writer.write(batch);
      }
      writer.finish();
    }
    return file;
  }

  /** The all-types batch written to {@code name}, with no row when {@code empty}. */
  private Path writeAllTypes(String name, ParquetOptions options, boolean empty) throws Exception {
    try (VectorSchemaRoot batch =
        new VectorSchemaRoot(columns.stream().map(Column::vector).toList())) {
      batch.setRowCount(4);
      return empty
          ? write(name, batch.getSchema(), options)
          : write(name, batch.getSchema(), options, batch);
    }
  }

  @ParameterizedTest
  @EnumSource(ParquetCompression.class)
  void everyTypeReadsBackInDuckDbWithItsNulls(ParquetCompression compression) throws Exception {
    Path file =
        writeAllTypes("all.parquet", ParquetOptions.DEFAULTS.withCompression(compression), false);

    for (Column column : columns) {
      String name = column.vector().getName();
      List<List<String>> rows =
          DuckDb.rows(
              "SELECT typeof(\""
                  + name
                  + "\"), CAST(\""
                  + name
                  + "\" AS VARCHAR) FROM read_parquet('"
                  + file
                  + "')");
      assertThat(rows).as(name).hasSize(4);
      for (int row = 0; row < 4; row++) {
        assertThat(rows.get(row).get(0)).as(name).isEqualTo(column.duckDbType());
        assertThat(rows.get(row).get(1)).as(name + " row " + row).isEqualTo(column.text()[row]);
      }
    }
    assertThat(DuckDb.value("SELECT DISTINCT compression FROM parquet_metadata('" + file + "')"))
        .isEqualTo(compression.name());
  }

  @Test
  void theSchemaCarriesLogicalAndConvertedTypes() throws Exception {
    Path file = writeAllTypes("schema.parquet", ParquetOptions.DEFAULTS, false);
    List<List<String>> schema =
        DuckDb.rows(
            "SELECT name, type, type_length, repetition_type, converted_type, logical_type"
                + " FROM parquet_schema('"
                + file
                + "') WHERE name <> 'schema'");
    assertThat(schema).hasSize(columns.size());
    assertThat(schema).allSatisfy(row -> assertThat(row.get(3)).isEqualTo("OPTIONAL"));
    // DuckDB prints IntType's i8 bitWidth as a character
    assertThat(column(schema, "i8"))
        .containsExactly(
            "i8", "INT32", null, "OPTIONAL", "INT_8", "IntType(bitWidth=\b, isSigned=1)");
    assertThat(column(schema, "i16").get(5)).isEqualTo("IntType(bitWidth=\u0010, isSigned=1)");
    assertThat(column(schema, "i64")).contains("INT64", "INT_64");
    assertThat(column(schema, "d9").subList(1, 5))
        .containsExactly("INT32", null, "OPTIONAL", "DECIMAL");
    assertThat(column(schema, "d9").get(5)).isEqualTo("DecimalType(scale=2, precision=9)");
    assertThat(column(schema, "d18").get(1)).isEqualTo("INT64");
    assertThat(column(schema, "d20").subList(1, 3)).containsExactly("FIXED_LEN_BYTE_ARRAY", "9");
    assertThat(column(schema, "d38").subList(1, 3)).containsExactly("FIXED_LEN_BYTE_ARRAY", "16");
    assertThat(column(schema, "s").subList(4, 6)).containsExactly("UTF8", "StringType()");
    assertThat(column(schema, "bin").subList(1, 6))
        .containsExactly("BYTE_ARRAY", null, "OPTIONAL", null, null);
    assertThat(column(schema, "date").subList(4, 6)).containsExactly("DATE", "DateType()");
    assertThat(column(schema, "t_s").get(1)).isEqualTo("INT32");
    assertThat(column(schema, "t_s").get(4)).isNull(); // TIME_MILLIS would mean UTC-adjusted
    assertThat(column(schema, "t_s").get(5))
        .startsWith("TimeType(isAdjustedToUTC=0")
        .contains("MILLIS=MilliSeconds()");
    assertThat(column(schema, "t_ns").get(5)).contains("NANOS=NanoSeconds()");
    assertThat(column(schema, "ts_us").get(4)).isNull();
    assertThat(column(schema, "ts_us").get(5))
        .startsWith("TimestampType(isAdjustedToUTC=0")
        .contains("MICROS=MicroSeconds()");
    assertThat(column(schema, "ts_utc").get(4)).isEqualTo("TIMESTAMP_MICROS");
    assertThat(column(schema, "ts_utc").get(5)).startsWith("TimestampType(isAdjustedToUTC=1");
    assertThat(column(schema, "ts_s").get(5)).contains("MILLIS=MilliSeconds()");
  }

  private static List<String> column(List<List<String>> schema, String name) {
    return schema.stream().filter(row -> row.get(0).equals(name)).findFirst().orElseThrow();
  }

  @Test
  void statisticsAreMinMaxAndNullCountsInTheTypesOrder() throws Exception {
    Path file = writeAllTypes("stats.parquet", ParquetOptions.DEFAULTS, false);
    List<List<String>> stats =
        DuckDb.rows(
            "SELECT path_in_schema, stats_min_value, stats_max_value, stats_null_count"
                + " FROM parquet_metadata('"
                + file
                + "')");
    assertThat(column(stats, "b")).containsExactly("b", "false", "true", "1");
    assertThat(column(stats, "i8")).containsExactly("i8", "-128", "127", "1");
    assertThat(column(stats, "i64"))
        .containsExactly("i64", "-9223372036854775808", "9223372036854775807", "1");
    // NaN is left out; a zero bound is written -0.0 as a minimum, +0.0 as a maximum
    assertThat(column(stats, "f32")).containsExactly("f32", "-0.0", "1.5", "1");
    assertThat(column(stats, "d9")).containsExactly("d9", "-0.01", "1234567.89", "1");
    assertThat(column(stats, "d20")).containsExactly("d20", "-1", "12345678901234567890", "1");
    assertThat(column(stats, "s")).containsExactly("s", "", "héllo ✓", "1");
    assertThat(column(stats, "date")).containsExactly("date", "1969-12-31", "2022-01-08", "1");
  }

  /** NULL patterns: runs of 100 NULLs, scattered NULLs, none; what the levels encoder must mix. */
  private static boolean isNull(int id) {
    return (id / 100) % 3 == 0 || (id % 7 == 0 && (id / 1000) % 2 == 1);
  }

  private static final String IS_NULL =
      "((id // 100) % 3 = 0 OR (id % 7 = 0 AND (id // 1000) % 2 = 1))";

  @Test
  void manyRowsSpanPagesAndRowGroupsValueByValue() throws Exception {
    int total = 10_000;
    ParquetOptions options = ParquetOptions.DEFAULTS.withRowGroupRows(3000).withPageRows(700);
    List<VectorSchemaRoot> batches = new ArrayList<>();
    Schema schema = null;
    for (int start = 0; start < total; start += 1234) {
      int rows = Math.min(1234, total - start);
      BigIntVector id = new BigIntVector("id", allocator);
      IntVector v = new IntVector("v", allocator);
      VarCharVector s = new VarCharVector("s", allocator);
      BitVector flag = new BitVector("flag", allocator);
      Float8Vector x = new Float8Vector("x", allocator);
      id.allocateNew(rows);
      v.allocateNew(rows);
      s.allocateNew(rows);
      flag.allocateNew(rows);
      x.allocateNew(rows);
      for (int i = 0; i < rows; i++) {
        int row = start + i;
        id.set(i, row);
        x.set(i, row * 0.5);
        if (isNull(row)) {
          v.setNull(i);
          s.setNull(i);
          flag.setNull(i);
        } else {
          v.set(i, row * 7 - 5000);
          s.setSafe(i, ("s" + row).getBytes(StandardCharsets.UTF_8));
          flag.set(i, row % 3 == 1 ? 1 : 0);
        }
      }
      List<FieldVector> vectors = List.of(id, v, s, flag, x);
      vectors.forEach(vector -> vector.setValueCount(rows));
      VectorSchemaRoot batch = new VectorSchemaRoot(vectors);
      schema = batch.getSchema();
      batches.add(batch);
    }
    try {
      Path file = write("many.parquet", schema, options, batches.toArray(VectorSchemaRoot[]::new));
      String table = "read_parquet('" + file + "')";
      assertThat(DuckDb.value("SELECT count(*) FROM " + table)).isEqualTo("10000");
      String mismatches =
          "SELECT count(*) FROM "
              + table
              + " WHERE v IS DISTINCT FROM (CASE WHEN "
              + IS_NULL
              + " THEN NULL ELSE id * 7 - 5000 END)"
              + " OR s IS DISTINCT FROM (CASE WHEN "
              + IS_NULL
              + " THEN NULL ELSE 's' || id END)"
              + " OR flag IS DISTINCT FROM (CASE WHEN "
              + IS_NULL
              + " THEN NULL ELSE id % 3 = 1 END)"
              + " OR x IS DISTINCT FROM id * 0.5";
      assertThat(DuckDb.value(mismatches)).isEqualTo("0");
      assertThat(DuckDb.value("SELECT list(id ORDER BY id) = range(10000) FROM " + table))
          .isEqualTo("true");
      List<List<String>> groups =
          DuckDb.rows(
              "SELECT row_group_id, row_group_num_rows, stats_min_value, stats_max_value,"
                  + " stats_null_count FROM parquet_metadata('"
                  + file
                  + "') WHERE path_in_schema = 'v' ORDER BY row_group_id");
      List<List<String>> expected =
          DuckDb.rows(
              "SELECT id // 3000, count(*), min(v), max(v), count(*) - count(v) FROM "
                  + table
                  + " GROUP BY id // 3000 ORDER BY 1");
      assertThat(groups).isEqualTo(expected);
      assertThat(groups).hasSize(4);
      assertThat(
              DuckDb.value(
                  "SELECT sum(num_values) FROM parquet_metadata('"
                      + file
                      + "') WHERE path_in_schema = 's'"))
          .isEqualTo("10000");
    } finally {
      batches.forEach(VectorSchemaRoot::close);
    }
  }

  @Test
  void anEmptyResultIsAFileWithItsSchemaAndNoRowGroup() throws Exception {
    Path file = writeAllTypes("empty.parquet", ParquetOptions.DEFAULTS, true);
    assertThat(DuckDb.value("SELECT count(*) FROM read_parquet('" + file + "')")).isEqualTo("0");
    assertThat(DuckDb.value("SELECT count(*) FROM parquet_metadata('" + file + "')"))
        .isEqualTo("0");
    List<String> types =
        DuckDb.rows("DESCRIBE SELECT * FROM read_parquet('" + file + "')").stream()
            .map(row -> row.get(1))
            .toList();
    assertThat(types).containsExactlyElementsOf(columns.stream().map(Column::duckDbType).toList());
  }

  @Test
  void aTypeWithoutAParquetFormIsRefusedNamingTheColumn() {
    Schema schema =
        new Schema(
            List.of(
                Field.nullable("fine", new ArrowType.Int(32, true)),
                Field.nullable("counter", new ArrowType.Int(32, false))));
    assertThatThrownBy(
            () ->
                new ParquetStreamWriter(
                    OutputStream.nullOutputStream(), schema, ParquetOptions.DEFAULTS))
        .isInstanceOfSatisfying(
            BuzzException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED))
        .hasMessageContaining("column 'counter'")
        .hasMessageContaining("Int(32, false)");
  }

  @Test
  void aPageWithoutNullsHasItsLevelsInOneRun() {
    DefinitionLevels levels = new DefinitionLevels();
    try (BitVector all =
        new BitVector(
            new Field("x", FieldType.nullable(ArrowType.Bool.INSTANCE), null), allocator)) {
      all.allocateNew(20_000);
      all.setValueCount(20_000);
      levels.append(all.getValidityBuffer(), true, 0, 20_000);
      GrowableBytes out = new GrowableBytes(16);
      levels.encodeTo(out);
      // length 4 bytes, varint(20000 << 1) in 3 bytes, the value 1
      assertThat(Arrays.copyOf(out.array(), out.size()))
          .containsExactly(4, 0, 0, 0, 0xC0 - 256, 0xB8 - 256, 0x02, 1);
    }
  }
}
