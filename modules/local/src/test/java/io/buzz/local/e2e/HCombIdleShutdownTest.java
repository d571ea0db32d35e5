package io.buzz.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.buzz.datagen.TaxiDataGenerator;
import io.buzz.datagen.TaxiDataSpec;
import io.buzz.fuse.client.QueryClient;
import io.buzz.fuse.client.QueryResult;
import io.buzz.fuse.client.ResultRows;
import io.buzz.hcomb.HCombConfig;
import io.buzz.local.LocalStack;
import io.buzz.local.LocalStackConfig;
import io.buzz.testing.Await;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An HComb that shut down for idleness is replaced by the next query, which runs normally. */
class HCombIdleShutdownTest {
  @TempDir Path temp;

  @Test
  void theQueryAfterAnIdleShutdownStartsAFreshHComb() throws Exception {
    Path table = temp.resolve("nyc-taxi");
    TaxiDataGenerator.generate(table, new TaxiDataSpec(2_000, 2, LocalDate.of(2009, 1, 1), 500));
    String json = QueryJsonText.countRows("nyc_taxi", table.toUri().toString());
    LocalStackConfig config =
        LocalStackConfig.defaults()
            .withHComb(HCombConfig.defaults().withIdleShutdown(Duration.ofSeconds(1)));
    try (LocalStack stack = LocalStack.start(config);
        QueryClient client = new QueryClient(stack.vertx(), "127.0.0.1", stack.port());
        BufferAllocator allocator = new RootAllocator()) {
      try (QueryResult result =
          Await.result(client.query(json, Duration.ofMinutes(1), allocator))) {
        assertThat(ResultRows.fromArrow(result.batches())).containsExactly(List.of(2_000L));
      }
      // A second of real idleness later the HComb has retired (the manager forgot it).
      QueryLifecycleTest.eventually(
          "the idle HComb was retired", () -> stack.hcombs().hcomb().failed());

      // The next query starts a fresh HComb and runs normally.
      try (QueryResult result =
          Await.result(client.query(json, Duration.ofMinutes(1), allocator))) {
        assertThat(ResultRows.fromArrow(result.batches())).containsExactly(List.of(2_000L));
      }
    }
  }
}
