package io.buzz.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.buzz.cli.format.FormatOptions;
import io.buzz.cli.format.ResultFormat;
import io.buzz.cli.format.ResultWriter;
import io.buzz.local.LocalStack;
import io.buzz.local.LocalStackConfig;
import io.buzz.testing.ParquetFiles;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.types.pojo.Field;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code buzz query --output FILE} in every format, and {@code --max-width}, against a running
 * server: each file is read back (Parquet and Arrow by DuckDB, Arrow also by Arrow Java) and
 * compared with the CSV the same query prints. The query's result has every column type Buzz has,
 * and NULLs in each.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueryOutputTest {
  /** Every Buzz type (DuckDB's TINYINT and SMALLINT are read as INTEGER); row 3 is all NULL. */
  static final String TYPES =
      "SELECT * FROM (VALUES"
          + " (1, true, 1::TINYINT, (-2)::SMALLINT, 3, 4::BIGINT, 1.5::REAL, 2.25::DOUBLE,"
          + " 1.25::DECIMAL(9,2), 12345678901234.5678::DECIMAL(18,4),"
          + " '9999999999999999999999999999.9999999999'::DECIMAL(38,10), 'héllo'::VARCHAR,"
          + " '\\xAA\\x00'::BLOB, DATE '2024-01-02', TIME '12:34:56.5',"
          + " TIMESTAMP '2024-01-02 03:04:05.123456'),"
          + " (2, false, (-128)::TINYINT, 32767::SMALLINT, -2147483648, (-9223372036854775807 - 1)::BIGINT,"
          + " (-0.25)::REAL, (-1.125)::DOUBLE, (-0.01)::DECIMAL(9,2), (-1)::DECIMAL(18,4),"
          + " (-0.0000000001)::DECIMAL(38,10), '', ''::BLOB, DATE '1969-12-31', TIME '00:00:00',"
          + " TIMESTAMP '1969-12-31 23:59:59.999999'),"
          + " (3, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,"
          + " NULL, NULL),"
          + " (4, true, 0::TINYINT, 0::SMALLINT, 0, 0, 0::REAL, 0::DOUBLE, 0::DECIMAL(9,2),"
          + " 0::DECIMAL(18,4), 0::DECIMAL(38,10), 'x y', 'AB'::BLOB, DATE '2000-02-29',"
          + " TIME '23:59:59.999999', TIMESTAMP '2000-02-29 12:00:00'),"
          + " (5, NULL, 5::TINYINT, NULL, 5, NULL, 5.5::REAL, NULL, 5::DECIMAL(9,2), NULL,"
          + " 5::DECIMAL(38,10), NULL, 'C'::BLOB, NULL, TIME '05:05:05', NULL))"
          + " t(id, b, ti, si, i, bi, r, d, dec9, dec18, dec38, s, bin, day, tm, ts)";

  /** Buzz's result types as DuckDB reads them back, column by column. */
  static final List<String> DUCKDB_TYPES =
      List.of(
          "INTEGER",
          "BOOLEAN",
          "INTEGER",
          "INTEGER",
          "INTEGER",
          "BIGINT",
          "FLOAT",
          "DOUBLE",
          "DECIMAL(9,2)",
          "DECIMAL(18,4)",
          "DECIMAL(38,10)",
          "VARCHAR",
          "BLOB",
          "DATE",
          "TIME",
          "TIMESTAMP");

  @TempDir static Path temp;
  private LocalStack server;
  private Path source;

  @BeforeAll
  void setUp() {
    source = ParquetFiles.write(temp.resolve("types/types.parquet"), TYPES);
    server = LocalStack.start(LocalStackConfig.defaults());
  }

  @AfterAll
  void tearDown() {
    server.close();
  }

  private String query(String name, String where) throws Exception {
    Path file = temp.resolve(name);
    Files.writeString(
        file,
        QueryCommandTest.queryJson(
            "types",
            "SELECT * FROM types" + where,
            "SELECT * FROM types_map ORDER BY id",
            "file:" + source.getParent()),
        StandardCharsets.UTF_8);
    return file.toString();
  }

  private CliRun run(String query, String... options) {
    List<String> args =
        new ArrayList<>(
            List.of("query", query, "--server", "127.0.0.1:" + server.port(), "--quiet"));
    args.addAll(Arrays.asList(options));
    CliRun run = CliRun.of(args.toArray(String[]::new));
    assertThat(run.exitCode()).as(run.err()).isZero();
    return run;
  }

  /** The result as the query prints it in CSV. */
  private String csv(String query) {
    return run(query, "--format", "csv").out();
  }

  /**
   * The CSV's rows, header first: NULL (an empty field) as null, an empty string as "". The test's
   * values hold no comma, quote or line break, so fields split on commas.
   */
  private List<List<String>> csvRows(String query) {
    List<List<String>> rows = new ArrayList<>();
    for (String line : csv(query).split("\r\n")) {
      rows.add(
          Arrays.stream(line.split(",", -1))
              .map(field -> field.isEmpty() ? null : field.equals("\"\"") ? "" : field)
              .toList());
    }
    return rows;
  }

  @Test
  void textFormatsWrittenToAFileAreWhatTheyPrint() throws Exception {
    String query = query("text.json", "");
    for (String format : List.of("table", "csv", "json")) {
      Path file = temp.resolve("result." + format);
      CliRun toFile = run(query, "--format", format, "--output", file.toString());
      assertThat(toFile.out()).as(format).isEmpty();
      assertThat(Files.readString(file, StandardCharsets.UTF_8))
          .as(format)
          .isEqualTo(run(query, "--format", format).out());
    }
    assertThat(Files.readString(temp.resolve("result.table")))
        .contains("| héllo")
        .endsWith("5 rows\n");
  }

  @Test
  void parquetReadByDuckDbHasTheValuesAndTypesOfTheCsv() throws Exception {
    String query = query("parquet.json", "");
    Path file = temp.resolve("result.parquet");
    run(query, "--format", "parquet", "--output", file.toString(), "--row-group-rows", "2");
    String table = "read_parquet('" + file + "')";

    List<List<String>> csv = csvRows(query);
    List<String> names = csv.get(0);
    List<List<String>> described = DuckDb.rows("DESCRIBE SELECT * FROM " + table);
    assertThat(described.stream().map(row -> row.get(0)).toList()).isEqualTo(names);
    assertThat(described.stream().map(row -> row.get(1)).toList()).isEqualTo(DUCKDB_TYPES);
    List<List<String>> rows =
        DuckDb.rows(
            "SELECT "
                + String.join(", ", names.stream().map(n -> "CAST(" + n + " AS VARCHAR)").toList())
                + " FROM "
                + table);
    assertThat(rows).isEqualTo(csv.subList(1, csv.size()));
    // typed, against the source file: every value and every NULL where it was
    String differences =
        "SELECT count(*) FROM "
            + table
            + " o FULL JOIN read_parquet('"
            + source
            + "') s USING (id) WHERE "
            + String.join(
                " OR ", names.stream().map(n -> "o." + n + " IS DISTINCT FROM s." + n).toList());
    assertThat(DuckDb.value(differences)).isEqualTo("0");
    assertThat(
            DuckDb.value(
                "SELECT count(DISTINCT row_group_id) FROM parquet_metadata('" + file + "')"))
        .isEqualTo("3");
    List<List<String>> schema =
        DuckDb.rows(
            "SELECT name, converted_type, logical_type FROM parquet_schema('"
                + file
                + "') WHERE name IN ('s', 'dec38', 'day', 'tm', 'ts') ORDER BY name");
    assertThat(schema)
        .containsExactly(
            List.of("day", "DATE", "DateType()"),
            List.of("dec38", "DECIMAL", "DecimalType(scale=10, precision=38)"),
            List.of("s", "UTF8", "StringType()"),
            Arrays.asList(
                "tm",
                null,
                "TimeType(isAdjustedToUTC=0, unit=TimeUnit(MILLIS=<null>, MICROS=MicroSeconds(),"
                    + " NANOS=<null>))"),
            Arrays.asList(
                "ts",
                null,
                "TimestampType(isAdjustedToUTC=0, unit=TimeUnit(MILLIS=<null>,"
                    + " MICROS=MicroSeconds(), NANOS=<null>))"));
  }

  @Test
  void arrowReadByDuckDbHasTheValuesAndTypesOfTheCsv() throws Exception {
    String query = query("arrow.json", "");
    Path file = temp.resolve("result.arrow");
    run(query, "--format", "arrow", "--output", file.toString());

    List<List<String>> csv = csvRows(query);
    List<String> names = csv.get(0);
    List<List<String>> described = DuckDb.rowsOverArrow(file, "DESCRIBE SELECT * FROM arrow");
    assertThat(described.stream().map(row -> row.get(0)).toList()).isEqualTo(names);
    assertThat(described.stream().map(row -> row.get(1)).toList()).isEqualTo(DUCKDB_TYPES);
    List<List<String>> rows =
        DuckDb.rowsOverArrow(
            file,
            "SELECT "
                + String.join(", ", names.stream().map(n -> "CAST(" + n + " AS VARCHAR)").toList())
                + " FROM arrow");
    assertThat(rows).isEqualTo(csv.subList(1, csv.size()));
    String differences =
        "SELECT count(*) FROM arrow o FULL JOIN read_parquet('"
            + source
            + "') s USING (id) WHERE "
            + String.join(
                " OR ", names.stream().map(n -> "o." + n + " IS DISTINCT FROM s." + n).toList());
    assertThat(DuckDb.rowsOverArrow(file, differences)).containsExactly(List.of("0"));
    // and Arrow Java reads the same stream as the CLI's CSV writer prints it
    try (InputStream in = Files.newInputStream(file)) {
      assertThat(asCsv(in)).isEqualTo(csv(query));
    }
  }

  /** An Arrow stream, rewritten as CSV by the CLI's own CSV writer (which formats by type). */
  private static String asCsv(InputStream arrow) throws Exception {
    try (BufferAllocator allocator = new RootAllocator();
        ArrowStreamReader reader = new ArrowStreamReader(arrow, allocator)) {
      StringWriter out = new StringWriter();
      ResultWriter csv = ResultFormat.CSV.writer(out);
      csv.start(reader.getVectorSchemaRoot().getSchema());
      while (reader.loadNextBatch()) {
        csv.write(reader.getVectorSchemaRoot());
      }
      csv.finish();
      return out.toString();
    }
  }

  @Test
  void anEmptyResultIsAFileWithTheColumnsAndNoRows() throws Exception {
    String query = query("empty.json", " WHERE id < 0");
    Path parquet = temp.resolve("empty.parquet");
    Path arrow = temp.resolve("empty.arrow");
    run(query, "--format", "parquet", "--output", parquet.toString());
    run(query, "--format", "arrow", "--output", arrow.toString());

    assertThat(DuckDb.value("SELECT count(*) FROM read_parquet('" + parquet + "')")).isEqualTo("0");
    assertThat(DuckDb.rowsOverArrow(arrow, "SELECT count(*) FROM arrow"))
        .containsExactly(List.of("0"));
    assertThat(
            DuckDb.rowsOverArrow(arrow, "DESCRIBE SELECT * FROM arrow").stream()
                .map(row -> row.get(1))
                .toList())
        .isEqualTo(DUCKDB_TYPES);
    assertThat(
            DuckDb.rows("DESCRIBE SELECT * FROM read_parquet('" + parquet + "')").stream()
                .map(row -> row.get(1))
                .toList())
        .isEqualTo(DUCKDB_TYPES);
    try (BufferAllocator allocator = new RootAllocator();
        ArrowStreamReader reader = new ArrowStreamReader(Files.newInputStream(arrow), allocator)) {
      List<Field> fields = reader.getVectorSchemaRoot().getSchema().getFields();
      assertThat(fields).hasSize(DUCKDB_TYPES.size());
      assertThat(fields.get(0).getName()).isEqualTo("id");
      int rows = 0;
      while (reader.loadNextBatch()) {
        rows += reader.getVectorSchemaRoot().getRowCount();
      }
      assertThat(rows).isZero();
    }
  }

  @Test
  void binaryFormatsGoToAPipeButNotToATerminal() throws Exception {
    String query = query("terminal.json", "");
    String[] args = {"query", query, "--server", "127.0.0.1:" + server.port(), "--quiet"};
    for (String format : List.of("arrow", "parquet")) {
      CliRun refused = CliRun.onTerminal(concat(args, "--format", format));
      assertThat(refused.exitCode()).as(format).isEqualTo(2);
      assertThat(refused.bytes()).as(format).isEmpty();
      assertThat(refused.errLine())
          .as(format)
          .isEqualTo(
              "buzz: --format "
                  + format
                  + " writes binary data, not for a terminal: add --output FILE, or redirect"
                  + " standard output to a file or a pipe");
    }
    CliRun piped = CliRun.of(concat(args, "--format", "arrow"));
    assertThat(piped.exitCode()).as(piped.err()).isZero();
    assertThat(asCsv(new ByteArrayInputStream(piped.bytes()))).isEqualTo(csv(query));
    CliRun table = CliRun.onTerminal(concat(args, "--format", "table"));
    assertThat(table.exitCode()).isZero();
    assertThat(table.out()).endsWith("5 rows\n");
  }

  private static String[] concat(String[] args, String... more) {
    return Stream.concat(Arrays.stream(args), Arrays.stream(more)).toArray(String[]::new);
  }

  @Test
  void aFailedQueryLeavesNoFileAndTheOldOneAsItWas() throws Exception {
    Path dir = Files.createDirectories(temp.resolve("failed"));
    Path file = dir.resolve("result.parquet");
    Files.writeString(file, "the previous result");
    Path query = temp.resolve("failing.json");
    Files.writeString(
        query,
        QueryCommandTest.queryJson(
            "types",
            "SELECT * FROM types",
            "SELECT * FROM types_map",
            "file:" + temp.resolve("no-such-table")));

    CliRun run =
        CliRun.of(
            "query",
            query.toString(),
            "--server",
            "127.0.0.1:" + server.port(),
            "--format",
            "parquet",
            "--output",
            file.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.errLine()).contains("no-such-table").contains("does not exist");
    assertThat(Files.readString(file)).isEqualTo("the previous result");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).containsExactly(file);
    }
  }

  @Test
  void anUnwritableOutputIsRefusedBeforeTheQueryRunsNamingTheFile() throws Exception {
    String query = query("unwritable.json", "");
    String[] args = {"query", query, "--server", "127.0.0.1:" + server.port(), "--quiet"};
    Path missing = temp.resolve("no-such-dir").resolve("result.parquet");
    CliRun noDirectory =
        CliRun.of(concat(args, "--format", "parquet", "--output", missing.toString()));
    assertThat(noDirectory.exitCode()).isEqualTo(2);
    assertThat(noDirectory.errLine())
        .isEqualTo(
            "buzz: cannot write "
                + missing
                + ": directory "
                + missing.getParent()
                + " does not exist");

    CliRun directory = CliRun.of(concat(args, "--format", "csv", "--output", temp.toString()));
    assertThat(directory.exitCode()).isEqualTo(2);
    assertThat(directory.errLine()).isEqualTo("buzz: cannot write " + temp + ": it is a directory");
    assertThat(directory.out()).isEmpty();
  }

  @Test
  void negativeWidthsAndEmptyRowGroupsAreUsageErrors() throws Exception {
    String query = query("options.json", "");
    CliRun width = CliRun.of("query", query, "--max-width", "-1");
    assertThat(width.exitCode()).isEqualTo(2);
    assertThat(width.errLine()).isEqualTo("buzz: --max-width must not be negative, got -1");
    CliRun rowGroups = CliRun.of("query", query, "--format", "parquet", "--row-group-rows", "0");
    assertThat(rowGroups.exitCode()).isEqualTo(2);
    assertThat(rowGroups.errLine()).isEqualTo("buzz: --row-group-rows must be at least 1, got 0");
  }

  @Test
  void maxWidthKeepsAWideTableWithinItsWidth() throws Exception {
    String query = query("wide.json", "");
    String wide = run(query, "--format", "table").out();
    assertThat(wide.lines().mapToInt(String::length).max().orElseThrow()).isGreaterThan(200);
    assertThat(wide).doesNotContain("…");

    String narrow = run(query, "--format", "table", "--max-width", "150").out();
    assertThat(narrow.lines().filter(line -> !line.endsWith("rows")))
        .allSatisfy(line -> assertThat(line).hasSize(150));
    assertThat(narrow)
        .contains("| id | b     | ti   |") // narrow columns keep their width
        .contains("| héllo |")
        .contains("| 1234567… |") // the widest are cut to the same width, with an ellipsis
        .contains("| 9999999… |")
        .endsWith("5 rows\n");

    CliRun terminal =
        CliRun.onTerminal(
            "query", query, "--server", "127.0.0.1:" + server.port(), "--format", "table");
    assertThat(terminal.out().lines().mapToInt(String::length).max().orElseThrow())
        .as("the default width on a terminal: COLUMNS, else " + FormatOptions.DEFAULT_MAX_WIDTH)
        .isEqualTo(QueryCommand.defaultMaxWidth(System.getenv()));
  }
}
