package io.buzz.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.buzz.datagen.TaxiDataSpec;
import io.buzz.datagen.TaxiDeltaGenerator;
import io.buzz.datagen.delta.DeletionVectorWriter;
import io.buzz.datagen.delta.DeltaLogWriter;
import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import io.buzz.fuse.client.QueryResult;
import io.buzz.fuse.client.ResultRows;
import io.buzz.local.LocalStackConfig;
import io.buzz.local.e2e.EndToEndTest.Case;
import io.buzz.testing.DeltaLiveFiles;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.internal.actions.DeletionVectorDescriptor;
import io.delta.kernel.internal.deletionvectors.DeletionVectorUtils;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Rows a Delta table deleted with deletion vectors are not read: a version 5 over the taxi table
 * gives three files deletion vectors (one inline, one in a file named by a UUID, one deleting rows
 * across row groups), and every query — the footer-answered {@code COUNT(*)} included — equals
 * DuckDB over the live files without those rows. The vectors the test writes are checked with Delta
 * Kernel's own reader first, so the test's writer is not its own judge.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeltaDeletionVectorTest {
  static final TaxiDataSpec DATA = new TaxiDataSpec(20_000, 6, LocalDate.of(2009, 1, 1), 500);

  @TempDir static Path temp;

  private Path table;
  private final Map<String, long[]> deleted = new HashMap<>();
  private final List<String> descriptors = new ArrayList<>();
  private final List<long[]> vectorRows = new ArrayList<>();
  private E2eStack stack;
  private DuckDbOracle oracle;

  @BeforeAll
  void setUp() throws Exception {
    table = temp.resolve("trips");
    TaxiDeltaGenerator.generate(table, DATA);
    DeltaLogWriter log = new DeltaLogWriter(table);
    // three live files without a deletion vector yet (the table has one on its vector day)
    String vectorDay = "pickup_date=" + TaxiDeltaGenerator.vectorDay(DATA) + "/";
    List<Path> files =
        DeltaLiveFiles.at(table, -1).keySet().stream()
            .filter(path -> !path.startsWith(vectorDay))
            .sorted()
            .limit(3)
            .map(table::resolve)
            .toList();
    long[][] rows = {
      {0, 1, 2, 17, 499, 500, 3000},
      LongStream.range(100, 1700).filter(r -> r % 3 == 0).toArray(),
      LongStream.range(0, 600).toArray()
    };
    List<String> actions = new ArrayList<>();
    for (int f = 0; f < files.size(); f++) {
      Path file = files.get(f);
      String vector =
          f == 1
              ? DeletionVectorWriter.stored(table, UUID.nameUUIDFromBytes(new byte[] {1}), rows[f])
              : DeletionVectorWriter.inline(rows[f]);
      descriptors.add(vector);
      vectorRows.add(rows[f]);
      String day = file.getParent().getFileName().toString().substring("pickup_date=".length());
      actions.add(log.remove(file, TaxiDeltaGenerator.commitMillis(5)));
      actions.add(log.add(file, Map.of("pickup_date", day), null, vector));
      deleted.put(log.relativeUri(file), rows[f]);
    }
    actions.add(
        DeltaLogWriter.protocol(
            3, 7, List.of("timestampNtz", "deletionVectors"), List.of("deletionVectors")));
    log.commit(5, TaxiDeltaGenerator.commitMillis(5), "DELETE", actions);
    stack = E2eStack.start(LocalStackConfig.defaults());
    oracle = new DuckDbOracle();
  }

  @AfterAll
  void tearDown() throws Exception {
    oracle.close();
    stack.close();
  }

  @Test
  void theVectorsTheTestWritesReadTheSameInDeltaKernel() throws Exception {
    DefaultEngine engine = DefaultEngine.create(new Configuration());
    for (int i = 0; i < descriptors.size(); i++) {
      String json = descriptors.get(i);
      DeletionVectorDescriptor descriptor =
          new DeletionVectorDescriptor(
              field(json, "storageType"),
              field(json, "pathOrInlineDv"),
              json.contains("\"offset\"") ? Optional.of(1) : Optional.empty(),
              Integer.parseInt(field(json, "sizeInBytes")),
              Long.parseLong(field(json, "cardinality")));
      long[] positions =
          DeletionVectorUtils.loadNewDvAndBitmap(
                  engine, table.toAbsolutePath().toString(), descriptor)
              ._2
              .toArray();
      assertThat(positions).as(json).containsExactly(vectorRows.get(i));
    }
  }

  /** A field of a flat JSON object, as text. */
  private static String field(String json, String name) {
    int at = json.indexOf("\"" + name + "\":") + name.length() + 3;
    int end = json.charAt(at) == '"' ? json.indexOf('"', at + 1) + 1 : json.indexOf(',', at);
    if (end <= 0) {
      end = json.indexOf('}', at);
    }
    return json.substring(at, end).replace("\"", "");
  }

  static Stream<Arguments> cases() {
    return Stream.concat(
        EndToEndTest.cases(),
        Stream.of(
            Arguments.of(
                new Case(
                    "COUNT(*) that a footer would answer",
                    "SELECT COUNT(*) AS n, MIN(fare_amount) AS lo, MAX(pickup_datetime) AS last"
                        + " FROM nyc_taxi",
                    null,
                    "SELECT SUM(n) AS n, MIN(lo) AS lo, MAX(last) AS last FROM nyc_taxi_map",
                    false))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void deletedRowsAreNotRead(Case c) throws Exception {
    List<List<Object>> expected =
        oracle.answer(
            // this test's vectors by position, the table's own (version 4) by its condition
            "SELECT * FROM ("
                + DeltaLiveFiles.select(table, -1, Map.of("pickup_date", "DATE"), deleted)
                + ") WHERE ("
                + TaxiDeltaGenerator.deletedByVector(DATA)
                + ") IS NOT TRUE",
            "nyc_taxi",
            "nyc_taxi_map",
            c.hbeeSql(),
            Optional.ofNullable(c.filter()),
            c.hcombSql());
    String json =
        QueryJsonText.twoSteps(
            c.hbeeSql(),
            c.filter(),
            c.hcombSql(),
            "nyc_taxi",
            "DeltaLake",
            table.toUri().toString(),
            "");
    try (QueryResult result = stack.run(json)) {
      assertThat(c.difference(expected, ResultRows.fromArrow(result.batches())))
          .as(c.name())
          .isNull();
    }
  }

  @Test
  void aVectorThatDoesNotMatchTheLogFailsTheQueryNamingTheFile() throws Exception {
    Path broken = temp.resolve("broken");
    TaxiDeltaGenerator.generate(broken, DATA);
    Path file;
    try (Stream<Path> paths = Files.walk(broken)) {
      file = paths.filter(p -> p.toString().endsWith("data_0.parquet")).sorted().findFirst().get();
    }
    DeltaLogWriter log = new DeltaLogWriter(broken);
    String lying =
        DeletionVectorWriter.inline(1, 2, 3).replace("\"cardinality\":3", "\"cardinality\":4");
    log.commit(
        5,
        TaxiDeltaGenerator.commitMillis(5),
        "DELETE",
        List.of(
            log.remove(file, 0),
            log.add(file, Map.of("pickup_date", DATA.firstDay().toString()), null, lying)));
    BuzzException error =
        stack.failure(
            QueryJsonText.twoSteps(
                "SELECT COUNT(*) AS n FROM t",
                null,
                "SELECT SUM(n) AS n FROM t_map",
                "t",
                "DeltaLake",
                broken.toUri().toString(),
                ""));
    assertThat(error.code()).isEqualTo(ErrorCode.BAD_QUERY);
    assertThat(error.getMessage())
        .contains(file.toUri().toString())
        .contains(
            "its deletion vector (inline) cannot be used: it deletes 3 rows but the log says 4");
  }
}
