package io.buzz.local.e2e;

import static io.buzz.local.e2e.QueryLifecycleTest.eventually;
import static io.buzz.local.e2e.QueryLifecycleTest.failure;
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
import io.buzz.local.LocalStack;
import io.buzz.local.LocalStackConfig;
import io.buzz.testing.Await;
import io.buzz.testing.BlockedThreadWatch;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The Fuse's own query timeout ends a query whose HBees do not answer, and frees everything. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueryTimeoutTest {
  static final TaxiDataSpec DATA = new TaxiDataSpec(1_000, 4, LocalDate.of(2009, 1, 1), 250);
  static final Duration TIMEOUT = Duration.ofSeconds(3);

  @TempDir static Path temp;

  private Path table;
  private BlockedThreadWatch watch;
  private HBeeGate gate;
  private LocalStack stack;
  private QueryClient client;
  private BufferAllocator allocator;

  @BeforeAll
  void setUp() {
    table = temp.resolve("nyc-taxi");
    TaxiDataGenerator.generate(table, DATA);
    watch = BlockedThreadWatch.start();
    gate = new HBeeGate();
    stack =
        LocalStack.start(
            watch.vertx(),
            LocalStackConfig.defaults()
                // Invocations are held on purpose here: a hedge would be one more to hold.
                .withFuse(
                    FuseConfig.defaults()
                        .withQueryTimeout(TIMEOUT)
                        .withDispatch(
                            FuseConfig.defaults()
                                .dispatch()
                                .withHedging(DispatchConfig.Hedging.OFF)))
                .withHBeeInterceptor(gate));
    client = new QueryClient(stack.vertx(), "127.0.0.1", stack.port());
    allocator = new RootAllocator();
    WarmUp.run(client, allocator, "nyc_taxi", table.toUri().toString());
    gate.reset();
    watch.arm();
  }

  @AfterAll
  void tearDown() {
    gate.reset();
    client.close();
    stack.close();
    allocator.close();
    watch.close();
    watch.assertNothingBlocked();
  }

  private String countQuery() {
    return QueryJsonText.countRows("nyc_taxi", table.toUri().toString());
  }

  @Test
  void theQueryTimeoutFiresWhileHBeesHangAndReleasesEverything() throws Exception {
    gate.hold();

    // The client allows far more than the Fuse: the Fuse's limit must end the query.
    BuzzException error = failure(client.query(countQuery(), Duration.ofMinutes(5), allocator));

    assertThat(error.code()).isEqualTo(ErrorCode.DEADLINE_EXCEEDED);
    assertThat(error.getMessage())
        .contains("did not finish within " + TIMEOUT.toMillis() + " ms")
        .contains("HBee tasks");
    assertThat(gate.waiting()).isPositive();
    HCombVerticle hcomb = Await.result(stack.hcombs().hcomb());
    eventually("the HComb dropped the query", () -> hcomb.activeQueries() == 0);

    gate.release();
    eventually("the held HBees reported", () -> gate.reports().size() == gate.invocations().size());
    eventually("the HBees finished", () -> stack.hbees().running() == 0);
    assertThat(gate.reports())
        .hasSize(gate.invocations().size())
        .allSatisfy(
            report -> assertThat(report.getError().getMessage()).contains("passed its deadline"));

    // Nothing is left behind: the next query runs normally.
    try (QueryResult result =
        Await.result(client.query(countQuery(), Duration.ofMinutes(1), allocator))) {
      assertThat(ResultRows.fromArrow(result.batches())).containsExactly(List.of(DATA.rows()));
    }
  }
}
