package io.buzz.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.buzz.datagen.TaxiDataSpec;
import io.buzz.datagen.TaxiDeltaGenerator;
import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import io.buzz.fuse.client.QueryResult;
import io.buzz.fuse.client.ResultRows;
import io.buzz.local.LocalStackConfig;
import io.buzz.testing.EmbeddedS3;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checkpoint kinds of the Delta protocol, each the only record of versions 0 and 1 (their JSON
 * commits deleted, as log cleanup leaves a table): the classic single file Delta Kernel writes, the
 * same split into a multi-part checkpoint, and a V2 checkpoint (a JSON file naming a sidecar
 * Parquet file of the actions). Each reads as the table with its whole log reads, on local disk and
 * through the S3-compatible server.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeltaCheckpointsTest {
  static final TaxiDataSpec DATA = new TaxiDataSpec(12_000, 6, LocalDate.of(2009, 1, 1), 1000);
  static final String CHECKPOINT = "_delta_log/00000000000000000002.checkpoint.parquet";

  @TempDir static Path temp;

  private Path full;
  private EmbeddedS3 s3;
  private E2eStack stack;

  @BeforeAll
  void setUp() throws Exception {
    full = temp.resolve("full");
    TaxiDeltaGenerator.generate(full, DATA);
    s3 = new EmbeddedS3();
    s3.createBucket("lake");
    stack = E2eStack.start(LocalStackConfig.defaults().withS3(s3.config()));
  }

  @AfterAll
  void tearDown() throws Exception {
    stack.close();
    s3.close();
  }

  private static String query(Path table, String snapshot) {
    return query(table.toUri().toString(), snapshot);
  }

  private static String query(String uri, String snapshot) {
    return QueryJsonText.twoSteps(
        "SELECT pickup_date, payment_type, COUNT(*) AS n, SUM(fare_amount) AS fares FROM t"
            + " GROUP BY pickup_date, payment_type",
        null,
        "SELECT * FROM t_map ORDER BY pickup_date, payment_type",
        "t",
        "DeltaLake",
        uri,
        snapshot);
  }

  private List<List<Object>> rows(Path table, String snapshot) throws Exception {
    return rows(table.toUri().toString(), snapshot);
  }

  private List<List<Object>> rows(String uri, String snapshot) throws Exception {
    try (QueryResult result = stack.run(query(uri, snapshot))) {
      return ResultRows.fromArrow(result.batches());
    }
  }

  /** A copy of the table without the JSON commits the checkpoint covers. */
  private Path truncatedCopy(String name) throws Exception {
    Path copy = temp.resolve(name);
    try (Stream<Path> paths = Files.walk(full)) {
      for (Path path : paths.toList()) {
        Path target = copy.resolve(full.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(target);
        } else {
          Files.copy(path, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
    // Delta keeps the checkpointed version's own commit
    for (int v = 0; v <= 1; v++) {
      Files.delete(copy.resolve(String.format("_delta_log/%020d.json", v)));
    }
    return copy;
  }

  /** On local disk and through the S3-compatible server. */
  private void assertReadsAsTheFullLog(Path table) throws Exception {
    String name = table.getFileName().toString();
    s3.upload(table, "lake", "checkpoints/" + name + "/");
    for (String uri : List.of(table.toUri().toString(), "s3://lake/checkpoints/" + name)) {
      for (String snapshot : List.of("", ", \"version\": 2", ", \"version\": 3")) {
        assertThat(rows(uri, snapshot)).as(uri + snapshot).isEqualTo(rows(full, snapshot));
      }
      BuzzException truncated = stack.failure(query(uri, ", \"version\": 1"));
      assertThat(truncated.code()).isEqualTo(ErrorCode.NOT_FOUND);
      assertThat(truncated.getMessage())
          .contains("Cannot load table version 1")
          .contains("The earliest available version is 2");
    }
  }

  private static void duckdb(String... statements) throws Exception {
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    }
  }

  @Test
  void aClassicCheckpoint() throws Exception {
    assertReadsAsTheFullLog(truncatedCopy("classic"));
  }

  @Test
  void aMultiPartCheckpoint() throws Exception {
    Path table = truncatedCopy("multi-part");
    Path single = table.resolve(CHECKPOINT);
    String parts = "_delta_log/00000000000000000002.checkpoint.000000000%d.0000000002.parquet";
    duckdb(
        "COPY (SELECT * FROM read_parquet('"
            + single
            + "') WHERE add IS NULL"
            + " OR hash(add.path) % 2 = 0) TO '"
            + table.resolve(String.format(parts, 1))
            + "' (FORMAT PARQUET)",
        "COPY (SELECT * FROM read_parquet('"
            + single
            + "') WHERE add IS NOT NULL"
            + " AND hash(add.path) % 2 = 1) TO '"
            + table.resolve(String.format(parts, 2))
            + "' (FORMAT PARQUET)");
    Files.delete(single);
    Files.writeString(
        table.resolve("_delta_log/_last_checkpoint"),
        "{\"version\":2,\"parts\":2}",
        StandardCharsets.UTF_8);
    assertReadsAsTheFullLog(table);
  }

  @Test
  void aV2CheckpointWithASidecar() throws Exception {
    Path table = truncatedCopy("v2");
    Path single = table.resolve(CHECKPOINT);
    Path sidecar =
        table.resolve("_delta_log/_sidecars/3a0d65cd-4056-49b8-937b-95f9e3ee90e5.parquet");
    Files.createDirectories(sidecar.getParent());
    duckdb(
        "COPY (SELECT add, remove FROM read_parquet('"
            + single
            + "') WHERE add IS NOT NULL"
            + " OR remove IS NOT NULL) TO '"
            + sidecar
            + "' (FORMAT PARQUET)");
    String metadata;
    try (Stream<String> lines = Files.lines(full.resolve("_delta_log/00000000000000000000.json"))) {
      metadata = lines.filter(l -> l.startsWith("{\"metaData\"")).findFirst().orElseThrow();
    }
    Files.writeString(
        table.resolve(
            "_delta_log/00000000000000000002.checkpoint.80a083e8-7026-4e79-81be-64bd76c43a11.json"),
        String.join(
                "\n",
                "{\"checkpointMetadata\":{\"version\":2}}",
                "{\"protocol\":{\"minReaderVersion\":3,\"minWriterVersion\":7,"
                    + "\"readerFeatures\":[\"timestampNtz\",\"v2Checkpoint\"],"
                    + "\"writerFeatures\":[\"timestampNtz\",\"v2Checkpoint\"]}}",
                metadata,
                "{\"sidecar\":{\"path\":\""
                    + sidecar.getFileName()
                    + "\",\"sizeInBytes\":"
                    + Files.size(sidecar)
                    + ",\"modificationTime\":1767225600000}}")
            + "\n",
        StandardCharsets.UTF_8);
    Files.delete(single);
    Files.delete(table.resolve("_delta_log/_last_checkpoint"));
    assertReadsAsTheFullLog(table);
  }
}
