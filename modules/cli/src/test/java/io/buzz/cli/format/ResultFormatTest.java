package io.buzz.cli.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.buzz.kernels.batch.ColumnType;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ResultFormatTest {
  private BufferAllocator allocator;
  private VectorSchemaRoot root;

  @BeforeEach
  void setUp() {
    allocator = new RootAllocator();
    VarCharVector name = (VarCharVector) ColumnType.UTF8.newVector("name", true, allocator);
    BigIntVector count = (BigIntVector) ColumnType.INT64.newVector("count", true, allocator);
    Float8Vector amount = (Float8Vector) ColumnType.FLOAT64.newVector("amount", true, allocator);
    BitVector flag = (BitVector) ColumnType.BOOL.newVector("flag", true, allocator);
    DateDayVector day = (DateDayVector) ColumnType.DATE32.newVector("day", true, allocator);
    TimeStampMicroVector at =
        (TimeStampMicroVector) ColumnType.TIMESTAMP_MICROS.newVector("at", true, allocator);
    List<FieldVector> vectors = List.of(name, count, amount, flag, day, at);
    vectors.forEach(FieldVector::allocateNew);
    name.setSafe(0, "Cash".getBytes(StandardCharsets.UTF_8));
    name.setSafe(1, "a, \"quoted\"\nline".getBytes(StandardCharsets.UTF_8));
    name.setNull(2);
    count.set(0, 528364);
    count.set(1, -1);
    count.setNull(2);
    amount.set(0, 12.5);
    amount.set(1, 1e20);
    amount.set(2, Double.NaN);
    flag.set(0, 1);
    flag.set(1, 0);
    flag.setNull(2);
    day.set(0, 14249); // 2009-01-05
    day.set(1, -1);
    day.setNull(2);
    at.set(0, 1_231_163_100_000_000L); // 2009-01-05 13:45:00
    at.set(1, 1_231_163_100_123_400L);
    at.setNull(2);
    vectors.forEach(v -> v.setValueCount(3));
    root = new VectorSchemaRoot(vectors);
  }

  @AfterEach
  void tearDown() {
    root.close();
    allocator.close();
  }

  private String render(ResultFormat format) throws Exception {
    return render(format, FormatOptions.DEFAULTS);
  }

  private String render(ResultFormat format, FormatOptions options) throws Exception {
    StringWriter out = new StringWriter();
    ResultWriter writer = format.writer(out, options);
    writer.start(root.getSchema());
    writer.write(root);
    writer.finish();
    return out.toString();
  }

  @Test
  void csvFollowsRfc4180WithEmptyNulls() throws Exception {
    assertThat(render(ResultFormat.CSV))
        .isEqualTo(
            "name,count,amount,flag,day,at\r\n"
                + "Cash,528364,12.5,true,2009-01-05,2009-01-05 13:45:00\r\n"
                + "\"a, \"\"quoted\"\"\nline\",-1,100000000000000000000.0,false,1969-12-31,"
                + "2009-01-05 13:45:00.1234\r\n"
                + ",,nan,,,\r\n");
  }

  @Test
  void jsonKeepsTypesAndNulls() throws Exception {
    assertThat(render(ResultFormat.JSON))
        .isEqualTo(
            "[\n"
                + "  {\"name\": \"Cash\", \"count\": 528364, \"amount\": 12.5, \"flag\": true,"
                + " \"day\": \"2009-01-05\", \"at\": \"2009-01-05 13:45:00\"},\n"
                + "  {\"name\": \"a, \\\"quoted\\\"\\nline\", \"count\": -1,"
                + " \"amount\": 100000000000000000000.0, \"flag\": false, \"day\": \"1969-12-31\","
                + " \"at\": \"2009-01-05 13:45:00.1234\"},\n"
                + "  {\"name\": null, \"count\": null, \"amount\": \"nan\", \"flag\": null,"
                + " \"day\": null, \"at\": null}\n"
                + "]\n");
  }

  @Test
  void tableAlignsNumbersRightAndShowsNull() throws Exception {
    String table = render(ResultFormat.TABLE);
    assertThat(table)
        .contains("| name ")
        .contains("| Cash ")
        .contains("| 528364 |")
        .contains("|     -1 |")
        .contains("| NULL ")
        .endsWith("3 rows\n");
    assertThat(table.lines().filter(l -> l.startsWith("+")).count()).isEqualTo(3);
  }

  @Test
  void emptyResultsStillHaveHeaders() throws Exception {
    StringWriter out = new StringWriter();
    ResultWriter csv = ResultFormat.CSV.writer(out);
    csv.start(root.getSchema());
    csv.finish();
    assertThat(out).hasToString("name,count,amount,flag,day,at\r\n");
    StringWriter json = new StringWriter();
    ResultWriter writer = ResultFormat.JSON.writer(json);
    writer.start(root.getSchema());
    writer.finish();
    assertThat(json).hasToString("[]\n");
  }

  @Test
  void floatsPrintTheirShortestDigitsAndTimesTheirClock() throws Exception {
    Float4Vector ratio = (Float4Vector) ColumnType.FLOAT32.newVector("ratio", true, allocator);
    TimeMicroVector clock =
        (TimeMicroVector) ColumnType.TIME_MICROS.newVector("clock", true, allocator);
    float[] floats = {1.1f, 1e20f, -0.0f, Float.NaN};
    long[] micros = {45_296_500_000L, 0L, 86_399_999_999L, 60_000_001L};
    ratio.allocateNew(4);
    clock.allocateNew(4);
    for (int i = 0; i < 4; i++) {
      ratio.set(i, floats[i]);
      clock.set(i, micros[i]);
    }
    ratio.setValueCount(4);
    clock.setValueCount(4);
    try (VectorSchemaRoot values = new VectorSchemaRoot(List.<FieldVector>of(ratio, clock))) {
      StringWriter out = new StringWriter();
      ResultWriter json = ResultFormat.JSON.writer(out);
      json.start(values.getSchema());
      json.write(values);
      json.finish();
      assertThat(out.toString())
          .contains("{\"ratio\": 1.1, \"clock\": \"12:34:56.5\"}")
          .contains("{\"ratio\": 100000000000000000000.0, \"clock\": \"00:00:00\"}")
          .contains("{\"ratio\": 0.0, \"clock\": \"23:59:59.999999\"}")
          .contains("{\"ratio\": \"nan\", \"clock\": \"00:01:00.000001\"}");
    }
  }

  private String table(int maxWidth) throws Exception {
    return render(
        ResultFormat.TABLE, new FormatOptions(maxWidth, FormatOptions.DEFAULTS.parquet()));
  }

  @Test
  void aTableWiderThanItsMaxWidthShrinksItsWidestColumnsFirst() throws Exception {
    String full = table(0);
    assertThat(full.lines().findFirst().orElseThrow()).hasSize(103);

    String narrow = table(80);
    assertThat(narrow.lines().filter(line -> !line.endsWith("rows")))
        .allSatisfy(line -> assertThat(line).hasSize(80));
    assertThat(narrow)
        .contains("| name           | count  |") // cut to the cap, 13, and one more left over
        .contains("| a, \"quoted\" l… |")
        .contains("| 100000000000… |") // amount and at cut to the cap
        .contains("| 2009-01-05 1… |")
        .contains("| true  | 2009-01-05 |"); // narrower columns untouched
  }

  @Test
  void aTableTooWideEvenAtItsNarrowestStaysWider() throws Exception {
    String table = table(20);
    assertThat(table).contains("| Cash | 528… |").contains("|  nan |");
    assertThat(table.lines().findFirst().orElseThrow()).hasSize(43);
  }

  @Test
  void cellsAreCutAtSixtyCharactersWithoutSplittingACharacter() {
    assertThat(TableWriter.cut("x".repeat(60), 60)).isEqualTo("x".repeat(60));
    assertThat(TableWriter.cut("x".repeat(61), 60)).isEqualTo("x".repeat(59) + "…");
    assertThat(TableWriter.cut("ab\uD83D\uDE00cd", 4)).isEqualTo("ab…");
    assertThat(TableWriter.cut("abc\uD83D\uDE00", 4)).isEqualTo("abc…");
  }

  @Test
  void binaryFormatsWriteBytesOnly() {
    assertThat(ResultFormat.PARQUET.binary()).isTrue();
    assertThat(ResultFormat.ARROW.binary()).isTrue();
    assertThat(ResultFormat.CSV.binary()).isFalse();
    assertThatThrownBy(() -> ResultFormat.ARROW.writer(new StringWriter()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("arrow is a binary format");
  }

  @Test
  void unknownFormatNamesTheChoices() {
    assertThatThrownBy(() -> ResultFormat.parse("xml"))
        .hasMessageContaining("table, csv, text, json, arrow, parquet");
    assertThat(ResultFormat.parse("CSV")).isEqualTo(ResultFormat.CSV);
  }
}
