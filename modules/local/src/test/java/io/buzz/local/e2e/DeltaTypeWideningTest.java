package io.buzz.local.e2e;

import io.buzz.datagen.delta.DeltaLogWriter;
import io.buzz.datagen.delta.DeltaLogWriter.Column;
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
 * A Delta table whose column types were widened (the {@code typeWidening} feature) after a file was
 * written: integer to long, float to double, date to timestamp_ntz, decimal(10,2) to decimal(12,2).
 * The old file is read in its types and cast; the answers are DuckDB's over both files cast to the
 * table's types.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeltaTypeWideningTest {
  @TempDir static Path temp;

  private Path table;
  private DeltaOracleStack stack;

  private static String metadata(String id, String price, String day, String amount) {
    return DeltaLogWriter.metadata(
        "b1de0000-0000-4000-8000-000000000004",
        List.of(
            new Column("id", id),
            new Column("price", price),
            new Column("seen", day),
            new Column("amount", amount)),
        List.of(),
        Map.of(),
        1_760_000_000_000L);
  }

  @BeforeAll
  void setUp() throws Exception {
    table = temp.resolve("widened");
    String rows = " FROM range(%d, %d) t(i)";
    Path narrow =
        ParquetFiles.write(
            table.resolve("narrow.parquet"),
            "SELECT i::INTEGER AS id, (i / 4)::REAL AS price, DATE '2024-01-01' + i::INTEGER AS"
                + " seen, (i * 1.25)::DECIMAL(10,2) AS amount"
                + String.format(rows, 0, 60));
    Path wide =
        ParquetFiles.write(
            table.resolve("wide.parquet"),
            "SELECT (i * 100000000)::BIGINT AS id, i / 3 AS price, TIMESTAMP '2024-06-01 12:30:00'"
                + " + INTERVAL (i) MINUTE AS seen, (i * 1000.5)::DECIMAL(12,2) AS amount"
                + String.format(rows, 60, 100));
    DeltaLogWriter log = new DeltaLogWriter(table);
    List<String> features = List.of("typeWidening");
    log.commit(
        0,
        1_760_000_000_000L,
        "CREATE TABLE",
        List.of(
            DeltaLogWriter.protocol(3, 7, features, features),
            metadata("integer", "float", "date", "decimal(10,2)"),
            log.add(narrow, Map.of(), null)));
    List<String> newFeatures = List.of("typeWidening", "timestampNtz");
    log.commit(
        1,
        1_760_000_100_000L,
        "ALTER TABLE … TYPE",
        List.of(
            DeltaLogWriter.protocol(3, 7, newFeatures, newFeatures),
            metadata("long", "double", "timestamp_ntz", "decimal(12,2)"),
            log.add(wide, Map.of(), null)));
    stack = new DeltaOracleStack();
  }

  @AfterAll
  void tearDown() throws Exception {
    stack.close();
  }

  /** The two files' rows cast to the table's (widened) types. */
  private String live() {
    String cast =
        "id::BIGINT AS id, price::DOUBLE AS price, seen::TIMESTAMP AS seen,"
            + " amount::DECIMAL(12,2) AS amount FROM read_parquet('";
    String live =
        "SELECT "
            + cast
            + table.resolve("narrow.parquet")
            + "') UNION ALL SELECT "
            + cast
            + table.resolve("wide.parquet")
            + "')";
    return live;
  }

  private void assertLikeDuckDb(String hbeeSql, String hcombSql) throws Exception {
    stack.assertLikeDuckDb(table, live(), hbeeSql, hcombSql);
  }

  @Test
  void olderFilesAreCastToTheWidenedTypes() throws Exception {
    assertLikeDuckDb("SELECT * FROM t WHERE id % 7 = 0", "SELECT * FROM t_map ORDER BY id");
    assertLikeDuckDb(
        "SELECT COUNT(*) AS n, SUM(id) AS ids, SUM(price) AS prices, MIN(seen) AS first_seen,"
            + " MAX(amount) AS top FROM t WHERE id > 10 AND seen < TIMESTAMP '2024-06-01 13:00:00'",
        "SELECT * FROM t_map");
  }
}
