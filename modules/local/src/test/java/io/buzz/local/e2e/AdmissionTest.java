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
import io.buzz.local.LocalStack;
import io.buzz.local.LocalStackConfig;
import io.buzz.testing.Await;
import io.vertx.core.Future;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Fuse's query slots: a burst waits its turn and succeeds; beyond the queue, a clear refusal.
 */
class AdmissionTest {
  static final TaxiDataSpec DATA = new TaxiDataSpec(4_000, 2, LocalDate.of(2009, 1, 1), 1_000);

  @TempDir Path temp;

  private String countQuery(Path table) {
    return QueryJsonText.countRows("nyc_taxi", table.toUri().toString());
  }

  @Test
  void aBurstBeyondTheSlotsWaitsAndEveryQuerySucceeds() throws Exception {
    Path table = temp.resolve("nyc-taxi");
    TaxiDataGenerator.generate(table, DATA);
    LocalStackConfig config =
        LocalStackConfig.defaults().withFuse(FuseConfig.defaults().withAdmission(2, 50));
    try (LocalStack stack = LocalStack.start(config);
        QueryClient client = new QueryClient(stack.vertx(), "127.0.0.1", stack.port());
        BufferAllocator allocator = new RootAllocator()) {
      List<Future<QueryResult>> burst = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        burst.add(client.query(countQuery(table), Duration.ofMinutes(1), allocator));
      }
      for (Future<QueryResult> query : burst) {
        try (QueryResult result = Await.result(query)) {
          assertThat(ResultRows.fromArrow(result.batches())).containsExactly(List.of(DATA.rows()));
        }
      }
      io.micrometer.core.instrument.Timer waits =
          stack.fuseMetrics().registry().get("buzz.fuse.queue.wait.duration").timer();
      assertThat(waits.count()).isEqualTo(12);
      // Twelve at once for two slots: some of them waited for a slot.
      assertThat(waits.max(java.util.concurrent.TimeUnit.NANOSECONDS)).isPositive();
      assertThat(stack.fuseMetrics().registry().find("buzz.fuse.queries.rejected").counter())
          .isNull();
    }
  }

  @Test
  void aFullServerRefusesWithResourceExhaustedAndServesTheNextQuery() throws Exception {
    Path table = temp.resolve("nyc-taxi");
    TaxiDataGenerator.generate(table, DATA);
    HBeeGate gate = new HBeeGate();
    LocalStackConfig config =
        LocalStackConfig.defaults()
            .withFuse(FuseConfig.defaults().withAdmission(1, 0))
            .withHBeeInterceptor(gate);
    try (LocalStack stack = LocalStack.start(config);
        QueryClient client = new QueryClient(stack.vertx(), "127.0.0.1", stack.port());
        BufferAllocator allocator = new RootAllocator()) {
      gate.hold();
      Future<QueryResult> first = client.query(countQuery(table), Duration.ofMinutes(1), allocator);
      gate.awaitWaiting(1);

      Throwable refused =
          Await.failure(client.query(countQuery(table), Duration.ofMinutes(1), allocator));
      assertThat(refused).isInstanceOf(BuzzException.class);
      assertThat(((BuzzException) refused).code()).isEqualTo(ErrorCode.LIMIT_EXCEEDED);
      assertThat(refused.getMessage()).contains("at capacity").contains("retry later");

      gate.release();
      try (QueryResult result = Await.result(first)) {
        assertThat(ResultRows.fromArrow(result.batches())).containsExactly(List.of(DATA.rows()));
      }
      try (QueryResult next =
          Await.result(client.query(countQuery(table), Duration.ofMinutes(1), allocator))) {
        assertThat(ResultRows.fromArrow(next.batches())).containsExactly(List.of(DATA.rows()));
      }
    }
  }
}
