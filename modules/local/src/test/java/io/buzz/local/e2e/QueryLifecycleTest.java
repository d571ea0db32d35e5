package io.buzz.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.buzz.datagen.TaxiDataGenerator;
import io.buzz.datagen.TaxiDataSpec;
import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import io.buzz.fuse.FuseConfig;
import io.buzz.fuse.client.QueryClient;
import io.buzz.fuse.client.QueryResult;
import io.buzz.fuse.client.ResultRows;
import io.buzz.fuse.query.DispatchConfig;
import io.buzz.hcomb.HCombVerticle;
import io.buzz.kernels.batch.Batch;
import io.buzz.local.LocalStack;
import io.buzz.local.LocalStackConfig;
import io.buzz.protocol.query.QueryEvent;
import io.buzz.protocol.query.QueryRequest;
import io.buzz.protocol.query.QueryServiceGrpcClient;
import io.buzz.testing.Await;
import io.buzz.testing.BlockedThreadWatch;
import io.vertx.core.Future;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.GrpcClientRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A query's life on the Fuse through the whole local stack: progress, limits, the client going
 * away, many queries at once — on event loops that must never block.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueryLifecycleTest {
  /** 6 files of ~500 rows, 2 row groups each. */
  static final TaxiDataSpec DATA = new TaxiDataSpec(3_000, 6, LocalDate.of(2009, 1, 1), 250);

  /** 10 tiny files: more than the stack's task limit. */
  static final TaxiDataSpec WIDE = new TaxiDataSpec(500, 10, LocalDate.of(2009, 2, 1), 100);

  static final int MAX_TASKS = 8;
  static final int MAX_IN_FLIGHT = 2;

  @TempDir static Path temp;

  private Path table;
  private Path wide;
  private BlockedThreadWatch watch;
  private HBeeGate gate;
  private LocalStack stack;
  private QueryClient client;
  private BufferAllocator allocator;
  private DuckDbOracle oracle;

  @BeforeAll
  void setUp() throws Exception {
    table = temp.resolve("nyc-taxi");
    wide = temp.resolve("wide");
    TaxiDataGenerator.generate(table, DATA);
    TaxiDataGenerator.generate(wide, WIDE);
    watch = BlockedThreadWatch.start();
    gate = new HBeeGate();
    FuseConfig fuse =
        FuseConfig.defaults()
            .withQueryTimeout(Duration.ofMinutes(2))
            .withMaxTasks(MAX_TASKS)
            .withDispatch(new DispatchConfig(MAX_IN_FLIGHT, 3, Duration.ofMillis(10)));
    stack =
        LocalStack.start(
            watch.vertx(), LocalStackConfig.defaults().withFuse(fuse).withHBeeInterceptor(gate));
    client = new QueryClient(stack.vertx(), "127.0.0.1", stack.port());
    allocator = new RootAllocator();
    oracle = new DuckDbOracle();
    WarmUp.run(client, allocator, "nyc_taxi", table.toUri().toString());
    gate.reset();
    watch.arm();
  }

  @AfterEach
  void resetGate() {
    gate.reset();
  }

  @AfterAll
  void tearDown() throws Exception {
    oracle.close();
    client.close();
    stack.close();
    allocator.close();
    watch.close();
    watch.assertNothingBlocked();
  }

  private String query(String hbeeSql, String filter, String hcombSql) {
    return QueryJsonText.twoSteps(hbeeSql, filter, hcombSql, "nyc_taxi", table.toUri().toString());
  }

  private HCombVerticle hcomb() {
    return Await.result(stack.hcombs().hcomb());
  }

  @Test
  void progressEventsArriveUpToAllTasks() {
    List<int[]> progress = new CopyOnWriteArrayList<>();
    List<io.buzz.protocol.query.Progress> full = new CopyOnWriteArrayList<>();
    List<String> order = new CopyOnWriteArrayList<>();
    String json =
        query("SELECT COUNT(*) AS n FROM nyc_taxi", null, "SELECT SUM(n) AS n FROM nyc_taxi_map");

    Await.result(
        client.query(
            json,
            Duration.ofMinutes(1),
            allocator,
            new QueryClient.Listener() {
              @Override
              public void onStarted(io.buzz.protocol.query.Started started) {
                order.add("started");
              }

              @Override
              public void onProgress(io.buzz.protocol.query.Progress p) {
                order.add("progress");
                progress.add(new int[] {p.getTasksDone(), p.getTasksTotal()});
                full.add(p);
              }

              @Override
              public void onSchema(Schema schema) {
                order.add("schema");
              }

              @Override
              public void onBatch(Schema schema, Batch batch) {
                batch.close();
              }

              @Override
              public void onStatistics(io.buzz.protocol.query.Statistics statistics) {
                order.add("statistics");
              }
            }));

    assertThat(progress).isNotEmpty();
    assertThat(progress).allSatisfy(p -> assertThat(p[1]).isEqualTo(DATA.days()));
    for (int i = 1; i < progress.size(); i++) {
      // a tick while no task commits repeats the count
      assertThat(progress.get(i)[0]).isGreaterThanOrEqualTo(progress.get(i - 1)[0]);
    }
    assertThat(progress.get(progress.size() - 1)[0]).isEqualTo(DATA.days());
    io.buzz.protocol.query.Progress last = full.get(full.size() - 1);
    assertThat(last.getFilesDone()).isEqualTo(last.getFilesTotal()).isEqualTo(DATA.days());
    assertThat(last.getRowsScanned()).isEqualTo(DATA.rows());
    assertThat(last.getElapsedMillis()).isPositive();
    assertThat(order.get(0)).isEqualTo("started");
    assertThat(order.indexOf("schema")).isGreaterThan(order.lastIndexOf("progress"));
    assertThat(order.get(order.size() - 1)).isEqualTo("statistics");
  }

  @Test
  void tooManyFilesIsResourceExhaustedNamingTheLimit() {
    String json =
        QueryJsonText.twoSteps(
            "SELECT COUNT(*) AS n FROM wide",
            null,
            "SELECT SUM(n) AS n FROM wide_map",
            "wide",
            wide.toUri().toString());

    BuzzException error = failure(client.query(json, Duration.ofMinutes(1), allocator));

    assertThat(error.code()).isEqualTo(ErrorCode.LIMIT_EXCEEDED);
    assertThat(error.getMessage())
        .contains("10 files")
        .contains("limit of " + MAX_TASKS)
        .contains("partition_filter");
    assertThat(gate.invocations()).isEmpty();
  }

  @Test
  void aPartitionFilterBringsTheQueryUnderTheLimit() throws Exception {
    String json =
        QueryJsonText.twoSteps(
            "SELECT COUNT(*) AS n FROM wide",
            "pickup_date < '2009-02-05'",
            "SELECT SUM(n) AS n FROM wide_map",
            "wide",
            wide.toUri().toString());
    try (QueryResult result = Await.result(client.query(json, Duration.ofMinutes(1), allocator))) {
      assertThat(result.started().getFilesListed()).isEqualTo(WIDE.days());
      assertThat(result.started().getFilesSelected()).isEqualTo(4);
      assertThat(ResultRows.fromArrow(result.batches()))
          .isEqualTo(
              oracle.answer(
                  wide,
                  "wide",
                  "wide_map",
                  "SELECT COUNT(*) AS n FROM wide",
                  Optional.of("pickup_date < '2009-02-05'"),
                  "SELECT SUM(n) AS n FROM wide_map"));
    }
  }

  @Test
  void theClientCancellingStopsTheQueryOnTheFuse() throws Exception {
    try (CancelledQuery cancelled = cancelWhileHBeesRun()) {
      gate.release();
      eventually(
          "the released HBees reported", () -> gate.reports().size() == gate.invocations().size());
      eventually("the released HBees finish", () -> stack.hbees().running() == 0);
      // The Fuse stopped dispatching: only the first window of tasks was ever invoked.
      assertThat(gate.invocations()).hasSize(MAX_IN_FLIGHT);
    }
    assertStackStillAnswers();
  }

  @Test
  void theClientCancellingEndsTheQueryOnTheHComb() throws Exception {
    int before = hcomb().activeQueries();
    try (CancelledQuery cancelled = cancelWhileHBeesRun()) {
      eventually("the HComb drops the query", () -> hcomb().activeQueries() == before);
      gate.release();
      eventually("the released HBees finish", () -> stack.hbees().running() == 0);
    }
    assertStackStillAnswers();
  }

  /** A Query call cancelled by its client while its first HBees are held at the gate. */
  private final class CancelledQuery implements AutoCloseable {
    private final GrpcClient grpc = GrpcClient.client(stack.vertx());

    void start() throws Exception {
      gate.hold();
      GrpcClientRequest<QueryRequest, QueryEvent> request =
          Await.result(
              grpc.request(
                  SocketAddress.inetSocketAddress(stack.port(), "127.0.0.1"),
                  QueryServiceGrpcClient.Query));
      request.send(
          QueryRequest.newBuilder()
              .setQueryJson(
                  query(
                      "SELECT vendor_id, COUNT(*) AS n FROM nyc_taxi GROUP BY vendor_id",
                      null,
                      "SELECT vendor_id, SUM(n) AS n FROM nyc_taxi_map GROUP BY vendor_id"))
              .build());
      gate.awaitWaiting(MAX_IN_FLIGHT);
      request.cancel();
    }

    @Override
    public void close() {
      Await.result(grpc.close());
    }
  }

  private CancelledQuery cancelWhileHBeesRun() throws Exception {
    CancelledQuery query = new CancelledQuery();
    query.start();
    return query;
  }

  @Test
  void concurrentQueriesAllAnswerCorrectly() throws Exception {
    List<String[]> cases = new ArrayList<>();
    for (int day = 1; day <= 8; day++) {
      String filter = "pickup_date <= '2009-01-0" + Math.min(day, 6) + "'";
      if (day % 2 == 0) {
        cases.add(
            new String[] {
              "SELECT payment_type, COUNT(*) AS n, SUM(fare_amount) AS fares FROM nyc_taxi"
                  + " WHERE passenger_count > "
                  + (day % 3)
                  + " GROUP BY payment_type",
              filter,
              "SELECT payment_type, SUM(n) AS n, SUM(fares) AS fares FROM nyc_taxi_map"
                  + " GROUP BY payment_type ORDER BY payment_type"
            });
      } else {
        cases.add(
            new String[] {
              "SELECT vendor_id, fare_amount, pickup_datetime FROM nyc_taxi"
                  + " ORDER BY fare_amount DESC, pickup_datetime LIMIT "
                  + (day + 2),
              filter,
              "SELECT * FROM nyc_taxi_map ORDER BY fare_amount DESC, pickup_datetime LIMIT " + day
            });
      }
    }
    int before = hcomb().activeQueries();
    List<Future<QueryResult>> running = new ArrayList<>();
    for (String[] c : cases) {
      running.add(client.query(query(c[0], c[1], c[2]), Duration.ofMinutes(2), allocator));
    }
    for (int i = 0; i < cases.size(); i++) {
      String[] c = cases.get(i);
      List<List<Object>> expected =
          oracle.answer(table, "nyc_taxi", "nyc_taxi_map", c[0], Optional.of(c[1]), c[2]);
      try (QueryResult result = Await.result(running.get(i))) {
        assertThat(ResultRows.difference(expected, ResultRows.fromArrow(result.batches())))
            .as("query %d: %s", i, c[0])
            .isNull();
      }
    }
    eventually("every query left the HComb", () -> hcomb().activeQueries() == before);
  }

  private void assertStackStillAnswers() throws Exception {
    String json =
        query("SELECT COUNT(*) AS n FROM nyc_taxi", null, "SELECT SUM(n) AS n FROM nyc_taxi_map");
    try (QueryResult result = Await.result(client.query(json, Duration.ofMinutes(1), allocator))) {
      assertThat(ResultRows.fromArrow(result.batches())).containsExactly(List.of(DATA.rows()));
    }
  }

  static BuzzException failure(Future<?> future) {
    Throwable failure = Await.failure(future);
    assertThat(failure).isInstanceOf(BuzzException.class);
    return (BuzzException) failure;
  }

  static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("never happened: " + what);
      }
      Thread.sleep(10);
    }
  }
}
