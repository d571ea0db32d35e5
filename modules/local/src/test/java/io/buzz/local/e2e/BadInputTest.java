package io.buzz.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.buzz.datagen.TaxiDataGenerator;
import io.buzz.datagen.TaxiDataSpec;
import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import io.buzz.fuse.client.QueryClient;
import io.buzz.fuse.client.QueryResult;
import io.buzz.fuse.client.ResultRows;
import io.buzz.local.LocalStack;
import io.buzz.local.LocalStackConfig;
import io.buzz.testing.BlockedThreadWatch;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad queries through the gRPC API get a clear error with the right status, and the server keeps
 * answering the next query.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputTest {
  @TempDir static Path temp;

  private Path table;
  private BlockedThreadWatch watch;
  private LocalStack stack;
  private QueryClient client;
  private BufferAllocator allocator;

  @BeforeAll
  void setUp() {
    table = temp.resolve("nyc-taxi");
    TaxiDataGenerator.generate(table, new TaxiDataSpec(5_000, 5, LocalDate.of(2009, 1, 1), 2048));
    watch = BlockedThreadWatch.start();
    stack = LocalStack.start(watch.vertx(), LocalStackConfig.defaults());
    client = new QueryClient(stack.vertx(), "127.0.0.1", stack.port());
    allocator = new RootAllocator();
    WarmUp.run(client, allocator, "nyc_taxi", table.toUri().toString());
    watch.arm();
  }

  @AfterAll
  void tearDown() {
    client.close();
    stack.close();
    allocator.close();
    watch.close();
    watch.assertNothingBlocked();
  }

  /** After every failure the same server must still answer a good query correctly. */
  @AfterEach
  void serverStillAnswers() throws Exception {
    String good = QueryJsonText.countRows("nyc_taxi", table.toUri().toString());
    try (QueryResult result =
        client.query(good, Duration.ofMinutes(1), allocator).await(2, TimeUnit.MINUTES)) {
      assertThat(ResultRows.fromArrow(result.batches())).containsExactly(java.util.List.of(5_000L));
    }
  }

  private String valid(String hbeeSql, String filter, String hcombSql) {
    return QueryJsonText.twoSteps(hbeeSql, filter, hcombSql, "nyc_taxi", table.toUri().toString());
  }

  static Stream<Arguments> badQueries() {
    return Stream.of(
        Arguments.of("malformed JSON", "{\"steps\": [", ErrorCode.BAD_QUERY, "line"),
        Arguments.of(
            "unknown step type",
            "{\"steps\":[{\"sql\":\"SELECT 1\",\"name\":\"a\",\"step_type\":\"HBeez\"}],"
                + "\"capacity\":{\"zones\":1},\"catalogs\":[{\"name\":\"t\",\"type\":\"Static\",\"uri\":\"file:///x\"}]}",
            ErrorCode.BAD_QUERY,
            "HBeez"),
        Arguments.of(
            "zones above one",
            "{\"steps\":[{\"sql\":\"SELECT COUNT(*) AS n FROM t\",\"name\":\"a\",\"step_type\":\"HBee\"},"
                + "{\"sql\":\"SELECT n FROM a\",\"name\":\"b\",\"step_type\":\"HComb\"}],"
                + "\"capacity\":{\"zones\":2},\"catalogs\":[{\"name\":\"t\",\"type\":\"Static\",\"uri\":\"file:///x\"}]}",
            ErrorCode.UNSUPPORTED,
            "zones"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badQueries")
  void refusesMalformedQueries(String name, String json, ErrorCode code, String mention) {
    expectFailure(json, code, mention);
  }

  @Test
  void hcombStepReadingAnUnknownStep() {
    expectFailure(
        valid("SELECT COUNT(*) AS n FROM nyc_taxi", null, "SELECT n FROM other_step"),
        ErrorCode.BAD_QUERY,
        "other_step");
  }

  @Test
  void sqlSyntaxErrorNamesLineAndColumn() {
    expectFailure(
        valid("SELECT COUNT(*) AS n FROM nyc_taxi WHERE", null, "SELECT n FROM nyc_taxi_map"),
        ErrorCode.BAD_QUERY,
        "line 1, column");
  }

  @Test
  void unknownTable() {
    expectFailure(
        valid("SELECT COUNT(*) AS n FROM yellow_cabs", null, "SELECT n FROM nyc_taxi_map"),
        ErrorCode.NOT_FOUND,
        "yellow_cabs");
  }

  @Test
  void unknownColumn() {
    BuzzException error =
        failure(
            valid("SELECT MAX(fare_amont) AS m FROM nyc_taxi", null, "SELECT m FROM nyc_taxi_map"));
    assertThat(error.code()).isIn(ErrorCode.NOT_FOUND, ErrorCode.BAD_QUERY);
    assertThat(error.getMessage()).contains("fare_amont").contains("line 1, column");
  }

  @Test
  void partitionFilterOnAnOrdinaryColumn() {
    expectFailure(
        valid(
            "SELECT COUNT(*) AS n FROM nyc_taxi", "fare_amount > 10", "SELECT n FROM nyc_taxi_map"),
        ErrorCode.BAD_QUERY,
        "fare_amount");
  }

  @Test
  void unsupportedSqlIsNamed() {
    expectFailure(
        valid(
            "SELECT a.vendor_id FROM nyc_taxi a JOIN nyc_taxi b ON a.vendor_id = b.vendor_id",
            null,
            "SELECT vendor_id FROM nyc_taxi_map"),
        ErrorCode.UNSUPPORTED,
        "JOIN");
  }

  @Test
  void missingFile() {
    String json =
        QueryJsonText.twoSteps(
            "SELECT COUNT(*) AS n FROM nyc_taxi",
            null,
            "SELECT n FROM nyc_taxi_map",
            "nyc_taxi",
            table.resolve("no-such-file.parquet").toUri().toString());
    expectFailure(json, ErrorCode.NOT_FOUND, "no-such-file.parquet");
  }

  @Test
  void catalogUriThatDoesNotExist() {
    String json =
        QueryJsonText.twoSteps(
            "SELECT COUNT(*) AS n FROM nyc_taxi",
            null,
            "SELECT n FROM nyc_taxi_map",
            "nyc_taxi",
            temp.resolve("nowhere").toUri().toString());
    expectFailure(json, ErrorCode.NOT_FOUND, "nowhere");
  }

  @Test
  void aParquetFolderReadAsADeltaTable() {
    String json =
        valid("SELECT COUNT(*) AS n FROM nyc_taxi", null, "SELECT n FROM nyc_taxi_map")
            .replace("\"Static\"", "\"DeltaLake\"");
    expectFailure(json, ErrorCode.NOT_FOUND, "there is no _delta_log, so it is not a Delta table");
  }

  @Test
  void aClientDeadlineEndsTheQuery() {
    String json =
        valid("SELECT COUNT(*) AS n FROM nyc_taxi", null, "SELECT SUM(n) AS n FROM nyc_taxi_map");
    assertThatThrownBy(
            () -> client.query(json, Duration.ofMillis(1), allocator).await(1, TimeUnit.MINUTES))
        .isInstanceOfSatisfying(
            BuzzException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.DEADLINE_EXCEEDED));
  }

  private void expectFailure(String json, ErrorCode code, String mention) {
    BuzzException error = failure(json);
    assertThat(error.code()).as(error.getMessage()).isEqualTo(code);
    assertThat(error.getMessage()).contains(mention);
  }

  private BuzzException failure(String json) {
    try (QueryResult result =
        client.query(json, Duration.ofMinutes(1), allocator).await(2, TimeUnit.MINUTES)) {
      throw new AssertionError("expected the query to fail, got " + result.rowCount() + " rows");
    } catch (BuzzException e) {
      return e;
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("no answer", e);
    }
  }
}
