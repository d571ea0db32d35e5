package io.buzz.local.e2e;

import static io.buzz.local.e2e.QueryLifecycleTest.eventually;

import io.buzz.fuse.FuseConfig;
import io.buzz.fuse.client.QueryClient;
import io.buzz.fuse.client.QueryResult;
import io.buzz.fuse.query.DispatchConfig;
import io.buzz.fuse.query.TaskPacking;
import io.buzz.local.LocalStack;
import io.buzz.local.LocalStackConfig;
import io.buzz.protocol.task.TaskReport;
import io.buzz.testing.Await;
import io.buzz.testing.BlockedThreadWatch;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * A local stack whose HBee invocations pass through an {@link HBeeGate}, with a client, an
 * allocator and DuckDB: the fixture of tests that hold, rewrite or count HBee tasks. Hedging is
 * off, since hedges would be invocations too.
 */
final class GatedStack implements AutoCloseable {
  final BlockedThreadWatch watch;
  final HBeeGate gate = new HBeeGate();
  final LocalStack stack;
  final QueryClient client;
  final BufferAllocator allocator = new RootAllocator();
  final DuckDbOracle oracle;

  private GatedStack(TaskPacking packing) throws Exception {
    watch = BlockedThreadWatch.start();
    FuseConfig fuse =
        FuseConfig.defaults()
            .withPacking(packing)
            .withDispatch(FuseConfig.defaults().dispatch().withHedging(DispatchConfig.Hedging.OFF));
    stack =
        LocalStack.start(
            watch.vertx(), LocalStackConfig.defaults().withFuse(fuse).withHBeeInterceptor(gate));
    client = new QueryClient(stack.vertx(), "127.0.0.1", stack.port());
    oracle = new DuckDbOracle();
  }

  /** Starts the stack; call {@link #warmedUp} once the test's tables exist. */
  static GatedStack start(TaskPacking packing) throws Exception {
    return new GatedStack(packing);
  }

  /**
   * Warms the stack up on {@code table}, forgets those invocations and arms the blocked-thread
   * watch.
   */
  void warmedUp(String catalog, Path table) throws Exception {
    WarmUp.run(client, allocator, catalog, table.toUri().toString());
    gate.reset();
    watch.arm();
  }

  QueryResult run(String catalog, Path table, String hbee, String filter, String hcomb) {
    return Await.result(
        client.query(
            QueryJsonText.twoSteps(hbee, filter, hcomb, catalog, table.toUri().toString()),
            Duration.ofMinutes(1),
            allocator));
  }

  /** The reports of {@code queryId}'s invocations, once {@code count} of them have arrived. */
  List<TaskReport> reportsOf(String queryId, int count) throws InterruptedException {
    eventually(
        count + " reports of " + queryId,
        () -> gate.reports().stream().filter(r -> r.getQueryId().equals(queryId)).count() >= count);
    return gate.reports().stream().filter(r -> r.getQueryId().equals(queryId)).toList();
  }

  /**
   * After each test: lets held invocations go and waits for stragglers (retries, redeliveries)
   * before clearing the records, so that none of them lands in the next test's.
   */
  void settle() throws InterruptedException {
    gate.release();
    eventually("every HBee finished", () -> stack.hbees().running() == 0);
    gate.reset();
  }

  @Override
  public void close() throws Exception {
    oracle.close();
    client.close();
    stack.close(); // fails if a task leaked Arrow memory
    allocator.close();
    watch.close();
    watch.assertNothingBlocked();
  }
}
