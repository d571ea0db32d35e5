package io.buzz.local.e2e;

import static io.buzz.local.e2e.QueryLifecycleTest.failure;
import static org.assertj.core.api.Assertions.assertThat;

import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import io.buzz.fuse.client.QueryResult;
import io.buzz.fuse.client.ResultRows;
import io.buzz.hbee.runtime.HBeeConfig;
import io.buzz.local.LocalStack;
import io.buzz.local.LocalStackConfig;
import io.buzz.testing.Await;
import io.buzz.testing.BlockedThreadWatch;
import io.buzz.testing.ParquetFiles;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * An HBee's operator state counts against its task memory limit: a partial aggregate with too many
 * groups for the limit fails its query with a clear error naming the task, and the stack keeps
 * serving.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HBeeMemoryLimitTest {
  @TempDir static Path temp;

  private BlockedThreadWatch watch;
  private LocalStack stack;
  private io.buzz.fuse.client.QueryClient client;
  private BufferAllocator allocator;
  private Path table;

  @BeforeAll
  void setUp() throws Exception {
    table = temp.resolve("keys");
    // 300,000 distinct strings: their hash table far exceeds 8 MiB
    ParquetFiles.write(
        table.resolve("part-0.parquet"),
        "SELECT 'key-' || i || '-' || repeat('x', 40) AS k, i AS v FROM range(300000) t(i)");
    watch = BlockedThreadWatch.start();
    stack =
        LocalStack.start(
            watch.vertx(), LocalStackConfig.defaults().withHBee(new HBeeConfig(8192, 8L << 20)));
    client = new io.buzz.fuse.client.QueryClient(stack.vertx(), "127.0.0.1", stack.port());
    allocator = new RootAllocator();
    WarmUp.run(client, allocator, "keys", table.toUri().toString());
    watch.arm();
  }

  @AfterAll
  void tearDown() throws Exception {
    client.close();
    stack.close();
    allocator.close();
    watch.close();
    watch.assertNothingBlocked();
  }

  private String query(String hbee, String hcomb) {
    return QueryJsonText.twoSteps(hbee, null, hcomb, "keys", table.toUri().toString());
  }

  @Test
  void tooManyGroupsForTheTaskIsAClearLimitErrorAndTheNextQueryRuns() throws Exception {
    var outcome =
        client.query(
            query(
                "SELECT k, COUNT(*) AS n FROM keys GROUP BY k",
                "SELECT COUNT(*) AS distinct_keys FROM keys_map"),
            Duration.ofMinutes(1),
            allocator);
    BuzzException error = failure(outcome);
    assertThat(error.code()).as(error.getMessage()).isEqualTo(ErrorCode.LIMIT_EXCEEDED);
    assertThat(error.getMessage())
        .contains("memory limit exceeded")
        .contains("part-0.parquet")
        .contains(String.valueOf(8L << 20));

    try (QueryResult result =
        Await.result(
            client.query(
                query("SELECT COUNT(*) AS n FROM keys", "SELECT SUM(n) AS n FROM keys_map"),
                Duration.ofMinutes(1),
                allocator))) {
      assertThat(ResultRows.fromArrow(result.batches())).containsExactly(List.of(300_000L));
    }
  }
}
