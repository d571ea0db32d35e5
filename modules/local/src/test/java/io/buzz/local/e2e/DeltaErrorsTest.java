package io.buzz.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.buzz.datagen.TaxiDataGenerator;
import io.buzz.datagen.TaxiDataSpec;
import io.buzz.datagen.TaxiDeltaGenerator;
import io.buzz.datagen.delta.DeltaLogWriter;
import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import io.buzz.fuse.client.QueryResult;
import io.buzz.fuse.client.ResultRows;
import io.buzz.local.LocalStackConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Delta tables Buzz cannot read give one clear error naming the catalog, the table, the version
 * asked for and the cause, with the right status; the server answers the next query.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeltaErrorsTest {
  static final TaxiDataSpec DATA = new TaxiDataSpec(5_000, 5, LocalDate.of(2009, 1, 1), 2048);

  @TempDir static Path temp;

  private Path table;
  private E2eStack stack;

  @BeforeAll
  void setUp() {
    table = temp.resolve("delta");
    TaxiDeltaGenerator.generate(table, DATA);
    stack = E2eStack.start(LocalStackConfig.defaults());
  }

  @AfterAll
  void tearDown() {
    stack.close();
  }

  @AfterEach
  void serverStillAnswers() throws Exception {
    try (QueryResult result = run(count(table, ""))) {
      assertThat(ResultRows.fromArrow(result.batches())).hasSize(1);
    }
  }

  private static String count(Path root, String snapshot) {
    return QueryJsonText.twoSteps(
        "SELECT COUNT(*) AS n FROM t",
        null,
        "SELECT SUM(n) AS n FROM t_map",
        "t",
        "DeltaLake",
        root.toUri().toString(),
        snapshot);
  }

  private QueryResult run(String json) throws Exception {
    return stack.run(json);
  }

  private BuzzException failure(String json) {
    return stack.failure(json);
  }

  private void expect(String json, ErrorCode code, String message) {
    BuzzException error = failure(json);
    assertThat(error.code()).as(error.getMessage()).isEqualTo(code);
    assertThat(error.getMessage()).isEqualTo(message);
  }

  private String prefix(Path root, String snapshot) {
    return "catalog 't' (Delta table " + root.toUri() + ", " + snapshot + "): ";
  }

  /** A copy of the table with one more commit holding {@code actions}. */
  private Path withCommit(String name, List<String> actions) throws Exception {
    Path copy = temp.resolve(name);
    copy(table, copy);
    new DeltaLogWriter(copy).commit(5, TaxiDeltaGenerator.commitMillis(5), "WRITE", actions);
    return copy;
  }

  @Test
  void aVersionOrATimestampOutsideTheLog() {
    expect(
        count(table, ", \"version\": 9"),
        ErrorCode.NOT_FOUND,
        prefix(table, "version 9")
            + "Cannot load table version 9 as it does not exist. The latest available version is"
            + " 4.");
    BuzzException early = failure(count(table, ", \"timestamp\": \"2025-12-31\""));
    assertThat(early.code()).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(early.getMessage())
        .startsWith(prefix(table, "as of 2025-12-31T00:00:00Z"))
        .contains("is before the earliest available version 0");
  }

  @Test
  void aFolderThatIsNotADeltaTable() {
    Path plain = temp.resolve("plain");
    TaxiDataGenerator.generate(plain, DATA);
    expect(
        count(plain, ""),
        ErrorCode.NOT_FOUND,
        prefix(plain, "latest")
            + "there is no _delta_log, so it is not a Delta table (a Static catalog reads a"
            + " folder of Parquet files)");
    Path missing = temp.resolve("missing");
    expect(
        count(missing, ""),
        ErrorCode.NOT_FOUND,
        prefix(missing, "latest") + "the directory does not exist");
  }

  @Test
  void readerFeaturesBuzzOrKernelDoNotRead() throws Exception {
    Path variant =
        withCommit(
            "variant",
            List.of(
                DeltaLogWriter.protocol(
                    3, 7, List.of("timestampNtz", "variantType"), List.of("variantType"))));
    expect(
        count(variant, ""),
        ErrorCode.UNSUPPORTED,
        prefix(variant, "latest")
            + "version 5 requires the Delta reader features [variantType], which Buzz does not"
            + " read yet (it reads [columnMapping, deletionVectors, timestampNtz, typeWidening,"
            + " typeWidening-preview, v2Checkpoint, vacuumProtocolCheck])");
    Path future =
        withCommit(
            "future",
            List.of(DeltaLogWriter.protocol(3, 7, List.of("timeMachine"), List.of("timeMachine"))));
    BuzzException unknown = failure(count(future, ""));
    assertThat(unknown.code()).isEqualTo(ErrorCode.UNSUPPORTED);
    assertThat(unknown.getMessage()).startsWith(prefix(future, "latest")).contains("timeMachine");
    // the versions before the change still read
    try (QueryResult result = run(count(future, ", \"version\": 4"))) {
      assertThat(ResultRows.fromArrow(result.batches())).hasSize(1);
    }
  }

  @Test
  void aCorruptCommit() throws Exception {
    Path corrupt = temp.resolve("corrupt");
    copy(table, corrupt);
    Files.writeString(
        corrupt.resolve("_delta_log/00000000000000000005.json"),
        "{\"add\": {\"path\": \"x.parquet\", \"size\": \n",
        StandardCharsets.UTF_8);
    BuzzException error = failure(count(corrupt, ""));
    assertThat(error.code()).as(error.getMessage()).isEqualTo(ErrorCode.BAD_QUERY);
    assertThat(error.getMessage())
        .startsWith(
            prefix(corrupt, "latest")
                + "the Delta log is corrupt or unreadable: _delta_log/00000000000000000005.json: ")
        .doesNotContain("\n");
  }

  @Test
  void aCorruptDeletionVectorFailsTheQueryNamingTheFile() throws Exception {
    String day = DATA.firstDay().toString();
    Path file;
    try (Stream<Path> files = Files.list(table.resolve("pickup_date=" + day))) {
      file = files.filter(p -> p.toString().endsWith(".parquet")).findFirst().orElseThrow();
    }
    String add =
        new DeltaLogWriter(table)
            .add(file, Map.of("pickup_date", day), null)
            .replace(
                "\"dataChange\":true",
                "\"dataChange\":true,\"deletionVector\":{\"storageType\":\"i\","
                    + "\"pathOrInlineDv\":\"wi5b=000010000siXQKl0rr91000f55c8Xg0@@D72lkbi5=-{L\","
                    + "\"sizeInBytes\":40,\"cardinality\":6}");
    Path withDv = withCommit("dv", List.of(add));
    BuzzException error = failure(count(withDv, ""));
    assertThat(error.code()).as(error.getMessage()).isEqualTo(ErrorCode.BAD_QUERY);
    assertThat(error.getMessage())
        .startsWith(
            withDv.resolve(table.relativize(file)).toUri() + ": its deletion vector (inline)")
        .contains("cannot be used: ");
  }

  private static void copy(Path from, Path to) throws Exception {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path path : paths.toList()) {
        Path target = to.resolve(from.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(target);
        } else {
          Files.copy(path, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }

  @Test
  void aCorruptLastCheckpointIsIgnoredAsDeltaReadersIgnoreIt() throws Exception {
    Path garbled = temp.resolve("garbled");
    copy(table, garbled);
    Files.writeString(garbled.resolve("_delta_log/_last_checkpoint"), "{\"version\": ");
    try (QueryResult expected = run(count(table, ""));
        QueryResult actual = run(count(garbled, ""))) {
      assertThat(ResultRows.fromArrow(actual.batches()))
          .isEqualTo(ResultRows.fromArrow(expected.batches()));
    }
  }
}
