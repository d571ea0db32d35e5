package io.buzz.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.buzz.datagen.delta.DeltaLogWriter;
import io.buzz.datagen.delta.DeltaLogWriter.Column;
import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import io.buzz.fuse.client.QueryResult;
import io.buzz.fuse.client.ResultRows;
import io.buzz.local.LocalStackConfig;
import io.buzz.storage.io.S3ClientConfig;
import io.buzz.testing.DeltaLiveFiles;
import io.buzz.testing.ParquetFiles;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * An unpartitioned Delta table's history as writers make it: created (version 0), appended (1),
 * overwritten (2: every file removed, new ones added), restored to version 1 (3: the overwrite's
 * files removed, the old ones added back). Every version reads what DuckDB reads over its live
 * files; an unreachable S3 endpoint is named.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeltaHistoryTest {
  static final List<Column> SCHEMA =
      List.of(new Column("id", "long"), new Column("kind", "string"), new Column("v", "double"));

  /** Live files by version: a; a, b; c; a, b. */
  static final long[] LIVE_FILES = {1, 2, 1, 2};

  @TempDir static Path temp;

  private Path table;
  private E2eStack stack;
  private DuckDbOracle oracle;

  @BeforeAll
  void setUp() throws Exception {
    table = temp.resolve("history");
    build(table);
    stack = E2eStack.start(LocalStackConfig.defaults());
    oracle = new DuckDbOracle();
  }

  /** Writes the table's four versions at {@code table} (also read through S3 elsewhere). */
  static void build(Path table) {
    DeltaLogWriter log = new DeltaLogWriter(table);
    Path a = file(table, "part-a.parquet", 0, 100);
    Path b = file(table, "part-b.parquet", 100, 150);
    Path c = file(table, "part-c.parquet", 1000, 1010);
    long t = 1_750_000_000_000L;
    log.commit(
        0,
        t,
        "CREATE TABLE",
        List.of(
            DeltaLogWriter.protocol(1, 2, List.of(), List.of()),
            DeltaLogWriter.metadata(
                "a11ce000-0000-4000-8000-000000000003", SCHEMA, List.of(), Map.of(), t),
            log.add(a, Map.of(), null)));
    log.commit(1, t + 1000, "WRITE", List.of(log.add(b, Map.of(), null)));
    log.commit(
        2,
        t + 2000,
        "WRITE (overwrite)",
        List.of(log.remove(a, t + 2000), log.remove(b, t + 2000), log.add(c, Map.of(), null)));
    log.commit(
        3,
        t + 3000,
        "RESTORE",
        List.of(log.remove(c, t + 3000), log.add(a, Map.of(), null), log.add(b, Map.of(), null)));
  }

  private static Path file(Path table, String name, int from, int to) {
    return ParquetFiles.write(
        table.resolve(name),
        "SELECT i::BIGINT AS id, CASE WHEN i % 4 = 0 THEN 'even4' ELSE 'other' END AS kind,"
            + " i / 8.0 AS v FROM range("
            + from
            + ", "
            + to
            + ") t(i)");
  }

  @AfterAll
  void tearDown() throws Exception {
    oracle.close();
    stack.close();
  }

  static final String HBEE =
      "SELECT kind, COUNT(*) AS n, SUM(v) AS total, MAX(id) AS top FROM t GROUP BY kind";
  static final String HCOMB = "SELECT * FROM t_map ORDER BY kind";

  static String query(String uri, String snapshot) {
    return QueryJsonText.twoSteps(
        "SELECT kind, COUNT(*) AS n, SUM(v) AS total, MAX(id) AS top FROM t GROUP BY kind",
        null,
        "SELECT * FROM t_map ORDER BY kind",
        "t",
        "DeltaLake",
        uri,
        snapshot);
  }

  @Test
  void everyVersionReadsItsLiveFiles() throws Exception {
    for (long version = 0; version <= 3; version++) {
      List<List<Object>> expected =
          oracle.answer(
              DeltaLiveFiles.select(table, version, Map.of(), Map.of()),
              "t",
              "t_map",
              "SELECT kind, COUNT(*) AS n, SUM(v) AS total, MAX(id) AS top FROM t GROUP BY kind",
              Optional.empty(),
              "SELECT * FROM t_map ORDER BY kind");
      try (QueryResult result =
          stack.run(query(table.toUri().toString(), ", \"version\": " + version))) {
        assertThat(ResultRows.difference(expected, ResultRows.fromArrow(result.batches())))
            .as("version %d", version)
            .isNull();
        assertThat(result.statistics().getFilesListed()).isEqualTo(LIVE_FILES[(int) version]);
      }
    }
    // the restore: the latest reads what version 1 read
    try (QueryResult latest = stack.run(query(table.toUri().toString(), ""));
        QueryResult one = stack.run(query(table.toUri().toString(), ", \"version\": 1"))) {
      assertThat(ResultRows.fromArrow(latest.batches()))
          .isEqualTo(ResultRows.fromArrow(one.batches()));
    }
  }

  @Test
  void anUnreachableS3EndpointIsNamed() {
    try (E2eStack unreachable =
        E2eStack.start(
            LocalStackConfig.defaults()
                .withS3(
                    S3ClientConfig.compatible(
                        URI.create("http://127.0.0.1:1"), "us-east-1", "key", "secret")))) {
      BuzzException error = unreachable.failure(query("s3://lake/history", ""));
      assertThat(error.code()).isEqualTo(ErrorCode.UNAVAILABLE);
      assertThat(error.getMessage())
          .startsWith("catalog 't' (Delta table s3://lake/history, latest): ")
          .contains("cannot reach S3");
    }
  }
}
