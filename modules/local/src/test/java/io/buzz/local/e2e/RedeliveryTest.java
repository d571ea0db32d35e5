package io.buzz.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.buzz.datagen.TaxiDataGenerator;
import io.buzz.datagen.TaxiDataSpec;
import io.buzz.fuse.client.QueryClient;
import io.buzz.fuse.client.QueryResult;
import io.buzz.fuse.client.ResultRows;
import io.buzz.hbee.HBeeFunction;
import io.buzz.local.LocalStack;
import io.buzz.local.LocalStackConfig;
import io.buzz.protocol.task.HBeeTask;
import io.buzz.protocol.task.TaskReport;
import io.buzz.testing.Await;
import io.vertx.core.Promise;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A task delivered twice (a Lambda redelivery, or a retry after a lost answer) while its query is
 * still running: the second attempt finds the task committed, the HComb answers it at once, and the
 * attempt must end quietly — not fail on its own half-written stream — while the answer counts the
 * task once.
 */
class RedeliveryTest {
  @TempDir Path temp;

  @Test
  void aSecondAttemptOfACommittedTaskEndsQuietlyAndCountsNothing() throws Exception {
    Path table = temp.resolve("nyc-taxi");
    // Two files, big enough that an attempt is still writing batches when the HComb answers it.
    TaxiDataGenerator.generate(
        table, new TaxiDataSpec(400_000, 2, LocalDate.of(2009, 1, 1), 50_000));
    Promise<TaskReport> secondAttempt = Promise.promise();
    // Task 0 runs twice; task 1 waits for that, so the query is still open during the redelivery.
    UnaryOperator<HBeeFunction> redeliverTaskZero =
        runtime ->
            task -> {
              if (task.getTaskId() != 0) {
                return secondAttempt.future().compose(v -> runtime.handle(task));
              }
              HBeeTask again = task.toBuilder().setAttempt(task.getAttempt() + 1).build();
              return runtime
                  .handle(task)
                  .compose(first -> runtime.handle(again))
                  .onComplete(secondAttempt::handle);
            };
    String hbee = "SELECT vendor_id, fare_amount, pickup_datetime FROM nyc_taxi";
    String hcomb = "SELECT * FROM nyc_taxi_map LIMIT 1000000";
    try (LocalStack stack =
            LocalStack.start(LocalStackConfig.defaults().withHBeeInterceptor(redeliverTaskZero));
        QueryClient client = new QueryClient(stack.vertx(), "127.0.0.1", stack.port());
        BufferAllocator allocator = new RootAllocator();
        DuckDbOracle oracle = new DuckDbOracle()) {
      List<List<Object>> expected =
          oracle.answer(table, "nyc_taxi", "nyc_taxi_map", hbee, Optional.empty(), hcomb);
      try (QueryResult result =
          Await.result(
              client.query(
                  QueryJsonText.twoSteps(hbee, null, hcomb, "nyc_taxi", table.toUri().toString()),
                  Duration.ofMinutes(2),
                  allocator))) {
        assertThat(result.rowCount()).isEqualTo(400_000);
        assertThat(
                ResultRows.difference(
                    ResultRows.sorted(expected),
                    ResultRows.sorted(ResultRows.fromArrow(result.batches()))))
            .isNull();
      }
      TaskReport second = Await.result(secondAttempt.future());
      assertThat(second.getAttempt()).isEqualTo(1);
      assertThat(second.hasError()).as(second.getError().getMessage()).isFalse();
    }
  }
}
