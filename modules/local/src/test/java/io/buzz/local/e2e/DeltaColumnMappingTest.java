package io.buzz.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.buzz.datagen.delta.DeltaLogWriter;
import io.buzz.datagen.delta.DeltaLogWriter.Column;
import io.buzz.fuse.client.QueryResult;
import io.buzz.fuse.client.ResultRows;
import io.buzz.testing.ParquetFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Delta table with column mapping (in {@code name} mode and in {@code id} mode: Parquet columns
 * carry physical names) whose schema changed: a column renamed in version 1 (no file rewritten), a
 * column added in version 2 (older files lack it and read it as NULL). Answers compared with DuckDB
 * over the same files, the physical names aliased by hand.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeltaColumnMappingTest {
  @TempDir static Path temp;

  private Path table;
  private Path idTable;
  private Path renamedIdTable;
  private DeltaOracleStack stack;

  private static Column mapped(String name, String type, int id, String physical) {
    return new Column(
        name,
        type,
        true,
        Map.of(
            "delta.columnMapping.id",
            Integer.toString(id),
            "delta.columnMapping.physicalName",
            physical));
  }

  private static List<Column> schema(String cityName, boolean withNote) {
    List<Column> columns =
        new java.util.ArrayList<>(
            List.of(
                mapped("id", "long", 1, "col-a1"),
                mapped(cityName, "string", 2, "col-b2"),
                mapped("amount", "decimal(10,2)", 3, "col-c3"),
                mapped("trip_day", "date", 4, "col-d4")));
    if (withNote) {
      columns.add(mapped("note", "string", 5, "col-e5"));
    }
    return columns;
  }

  private static String metadata(String cityName, boolean withNote) {
    return DeltaLogWriter.metadata(
        "c0ffee00-0000-4000-8000-000000000002",
        schema(cityName, withNote),
        List.of("trip_day"),
        Map.of("delta.columnMapping.mode", "name", "delta.columnMapping.maxColumnId", "5"),
        1_700_000_000_000L);
  }

  @BeforeAll
  void setUp() throws Exception {
    table = temp.resolve("mapped");
    DeltaLogWriter log = new DeltaLogWriter(table);
    String rows =
        "SELECT i::BIGINT AS \"col-a1\", CASE WHEN i % 3 = 0 THEN 'Oslo' ELSE 'Lima' END AS"
            + " \"col-b2\", (i * 1.25)::DECIMAL(10,2) AS \"col-c3\"";
    Path first = table.resolve("col-d4=2024-01-01/a.parquet");
    Path second = table.resolve("col-d4=2024-01-02/b.parquet");
    Path third = table.resolve("col-d4=2024-01-02/c.parquet");
    ParquetFiles.write(first, rows + " FROM range(0, 50) t(i)");
    ParquetFiles.write(second, rows + " FROM range(50, 80) t(i)");
    ParquetFiles.write(
        third,
        rows + ", CASE WHEN i % 2 = 0 THEN 'n' || i END AS \"col-e5\" FROM range(80, 100) t(i)");
    log.commit(
        0,
        1_700_000_000_000L,
        "CREATE TABLE",
        List.of(
            DeltaLogWriter.protocol(2, 5, List.of(), List.of()),
            metadata("city", false),
            log.add(first, Map.of("col-d4", "2024-01-01"), null),
            log.add(second, Map.of("col-d4", "2024-01-02"), null)));
    log.commit(1, 1_700_000_100_000L, "RENAME COLUMN", List.of(metadata("town", false)));
    log.commit(
        2,
        1_700_000_200_000L,
        "WRITE",
        List.of(metadata("town", true), log.add(third, Map.of("col-d4", "2024-01-02"), null)));
    // the same table in id mode (Spark writes the same physical names then)
    idTable = temp.resolve("mapped-id");
    try (java.util.stream.Stream<Path> paths = java.nio.file.Files.walk(table)) {
      for (Path path : paths.toList()) {
        Path target = idTable.resolve(table.relativize(path).toString());
        if (java.nio.file.Files.isDirectory(path)) {
          java.nio.file.Files.createDirectories(target);
        } else if (path.toString().endsWith(".json")) {
          java.nio.file.Files.writeString(
              target,
              java.nio.file.Files.readString(path)
                  .replace(
                      "\"delta.columnMapping.mode\":\"name\"",
                      "\"delta.columnMapping.mode\":\"id\""));
        } else {
          java.nio.file.Files.copy(path, target);
        }
      }
    }
    // and in id mode over files whose columns carry other names but the log's field ids (as a
    // table converted from Iceberg has): read by id
    renamedIdTable = temp.resolve("mapped-id-renamed");
    try (java.util.stream.Stream<Path> paths = java.nio.file.Files.walk(idTable);
        java.sql.Connection duckdb = java.sql.DriverManager.getConnection("jdbc:duckdb:");
        java.sql.Statement statement = duckdb.createStatement()) {
      for (Path path : paths.toList()) {
        Path target = renamedIdTable.resolve(idTable.relativize(path).toString());
        if (java.nio.file.Files.isDirectory(path)) {
          java.nio.file.Files.createDirectories(target);
        } else if (path.toString().endsWith(".parquet")) {
          boolean withNote = path.getFileName().toString().equals("c.parquet");
          statement.execute(
              "COPY (SELECT \"col-a1\" AS \"old-a1\", \"col-b2\" AS \"old-b2\","
                  + " \"col-c3\" AS \"old-c3\""
                  + (withNote ? ", \"col-e5\" AS \"old-e5\"" : "")
                  + " FROM read_parquet('"
                  + path
                  + "')) TO '"
                  + target
                  + "' (FORMAT PARQUET, FIELD_IDS {'old-a1': 1, 'old-b2': 2, 'old-c3': 3"
                  + (withNote ? ", 'old-e5': 5" : "")
                  + "})");
        } else {
          java.nio.file.Files.copy(path, target);
        }
      }
    }
    // the rewritten files have other sizes: the log says so
    try (java.util.stream.Stream<Path> logs =
        java.nio.file.Files.list(renamedIdTable.resolve("_delta_log"))) {
      for (Path commit : logs.toList()) {
        java.util.regex.Matcher add =
            java.util.regex.Pattern.compile("\"path\":\"([^\"]+)\"(.*?)\"size\":\\d+")
                .matcher(java.nio.file.Files.readString(commit));
        StringBuilder fixed = new StringBuilder();
        while (add.find()) {
          long size = java.nio.file.Files.size(renamedIdTable.resolve(add.group(1)));
          add.appendReplacement(
              fixed,
              java.util.regex.Matcher.quoteReplacement(
                  "\"path\":\"" + add.group(1) + "\"" + add.group(2) + "\"size\":" + size));
        }
        add.appendTail(fixed);
        java.nio.file.Files.writeString(commit, fixed);
      }
    }
    stack = new DeltaOracleStack();
  }

  @AfterAll
  void tearDown() throws Exception {
    stack.close();
  }

  /** The live rows in the table's column order (the added column last). */
  private static String liveRows(Path table) {
    String columns = " \"col-a1\" AS id, \"col-b2\" AS town, \"col-c3\" AS amount, ";
    return "SELECT"
        + columns
        + "DATE '2024-01-01' AS trip_day, NULL::VARCHAR AS note FROM read_parquet('"
        + table.resolve("col-d4=2024-01-01/a.parquet")
        + "') UNION ALL SELECT"
        + columns
        + "DATE '2024-01-02', NULL FROM read_parquet('"
        + table.resolve("col-d4=2024-01-02/b.parquet")
        + "') UNION ALL SELECT"
        + columns
        + "DATE '2024-01-02', \"col-e5\" FROM read_parquet('"
        + table.resolve("col-d4=2024-01-02/c.parquet")
        + "')";
  }

  /**
   * The same answer from the table in name mode, in id mode, and in id mode with files whose column
   * names differ from the log's physical names.
   */
  private void assertLikeDuckDb(String hbeeSql, String hcombSql) throws Exception {
    // the three tables hold the same rows
    for (Path mapped : List.of(table, idTable, renamedIdTable)) {
      stack.assertLikeDuckDb(mapped, liveRows(table), hbeeSql, hcombSql);
    }
  }

  @Test
  void logicalNamesReadThePhysicalColumnsAndAnAddedColumnIsNullInOlderFiles() throws Exception {
    assertLikeDuckDb(
        "SELECT trip_day, town, COUNT(*) AS n, SUM(amount) AS total, COUNT(note) AS notes,"
            + " MIN(id) AS first_id FROM t GROUP BY trip_day, town",
        "SELECT * FROM t_map ORDER BY trip_day, town");
    assertLikeDuckDb("SELECT * FROM t WHERE id % 7 = 0", "SELECT * FROM t_map ORDER BY id");
  }

  @Test
  void theRenameIsPerVersion() throws Exception {
    String json =
        QueryJsonText.twoSteps(
            "SELECT city, COUNT(*) AS n FROM t GROUP BY city",
            null,
            "SELECT * FROM t_map ORDER BY city",
            "t",
            "DeltaLake",
            table.toUri().toString(),
            ", \"version\": 0");
    try (QueryResult result = stack.stack.run(json)) {
      assertThat(ResultRows.fromArrow(result.batches()))
          .containsExactly(List.of("Lima", 53L), List.of("Oslo", 27L));
    }
    assertThat(
            stack
                .stack
                .failure(
                    QueryJsonText.twoSteps(
                        "SELECT city FROM t",
                        null,
                        "SELECT * FROM t_map",
                        "t",
                        "DeltaLake",
                        table.toUri().toString(),
                        ""))
                .getMessage())
        .contains("city");
  }
}
