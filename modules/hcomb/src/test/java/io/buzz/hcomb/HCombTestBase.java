package io.buzz.hcomb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.buzz.grpc.GrpcLimits;
import io.buzz.kernels.batch.Batch;
import io.buzz.protocol.flight.FlightData;
import io.buzz.protocol.hcomb.RunQueryRequest;
import io.buzz.protocol.plan.HCombPlan;
import io.buzz.protocol.plan.Schema;
import io.buzz.protocol.task.StreamHeader;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A real HComb on loopback for each test: a {@link HCombVerticle} deployed on its own Vertx, a
 * Vert.x gRPC client for test Fuses and HBees, and two root allocators (the HComb's and the test's
 * own, for building and decoding batches).
 *
 * <p>Every test runs with a {@value #MAX_EVENT_LOOP_MILLIS} ms max event-loop execute time and
 * fails when Vert.x's blocked-thread checker fired. After each test the HComb is undeployed (which
 * fails and releases any query still running) and both allocators are closed: a leak fails the
 * test.
 */
@ExtendWith(VertxExtension.class)
abstract class HCombTestBase {
  static final long MAX_EVENT_LOOP_MILLIS = 200;
  static final long BLOCKED_CHECK_INTERVAL_MILLIS = 50;

  /** Generous bound for one wait; a safety net against hangs, never a timing assertion. */
  static final Duration AWAIT = Duration.ofSeconds(60);

  protected Vertx vertx;
  protected Vertx clientVertx;
  protected BlockedThreadWatcher blocked;
  protected UnhandledExceptionProbe unhandled;
  protected BufferAllocator hcombRoot;
  protected BufferAllocator allocator;
  protected HCombVerticle hcomb;
  protected SimpleMeterRegistry meters;
  protected GrpcClient client;
  protected Context clientContext;
  protected SocketAddress server;
  protected String deployment;

  /** The HComb's settings; tests override to tune limits. */
  protected HCombConfig config() {
    return HCombConfig.defaults()
        .withMergeThreads(2)
        .withDefaultQueryTimeout(Duration.ofMinutes(1));
  }

  /** Hooks beyond the config; tests override to slow merges down or shrink the message limit. */
  protected TestHooks hooks() {
    return TestHooks.NONE;
  }

  /** Called with the HComb before it is deployed; tests override to install hooks. */
  protected void beforeDeploy(HCombVerticle verticle) {}

  @BeforeEach
  void startHComb() {
    JvmWarmUp.once();
    unhandled = UnhandledExceptionProbe.install();
    vertx =
        Vertx.vertx(
            new VertxOptions()
                .setMaxEventLoopExecuteTime(MAX_EVENT_LOOP_MILLIS)
                .setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS)
                .setBlockedThreadCheckInterval(BLOCKED_CHECK_INTERVAL_MILLIS)
                .setBlockedThreadCheckIntervalUnit(TimeUnit.MILLISECONDS));
    blocked = BlockedThreadWatcher.install(vertx);
    hcombRoot = new RootAllocator();
    allocator = new RootAllocator();
    meters = new SimpleMeterRegistry();
    hcomb = new HCombVerticle(config(), hcombRoot, meters, hooks());
    beforeDeploy(hcomb);
    deployment = await(vertx.deployVerticle(hcomb));
    server =
        SocketAddress.inetSocketAddress(hcomb.endpoint().getPort(), hcomb.endpoint().getHost());
    clientVertx = Vertx.vertx();
    client = GrpcClient.client(clientVertx, GrpcLimits.clientOptions());
    clientContext = clientVertx.getOrCreateContext();
  }

  @AfterEach
  void stopHComb() {
    List<Throwable> problems = new ArrayList<>();
    if (vertx.deploymentIDs().contains(deployment)) {
      run(problems, () -> await(vertx.undeploy(deployment)));
    }
    run(problems, () -> assertThat(hcomb.activeQueries()).as("queries left registered").isZero());
    run(problems, () -> assertThat(hcomb.stats().queriesLeaked()).as("queries leaked").isZero());
    run(problems, () -> await(client.close()));
    run(problems, () -> await(clientVertx.close()));
    run(problems, () -> await(vertx.close()));
    run(problems, () -> assertThat(blocked.events()).as("blocked event loops").isEmpty());
    run(problems, blocked::close);
    run(problems, () -> assertThat(unhandled.uninstall()).as("unhandled exceptions").isEmpty());
    run(problems, allocator::close);
    run(problems, hcombRoot::close);
    if (!problems.isEmpty()) {
      AssertionError error =
          new AssertionError("cleanup failed: " + problems.get(0), problems.get(0));
      problems.subList(1, problems.size()).forEach(error::addSuppressed);
      throw error;
    }
  }

  private static void run(List<Throwable> problems, Runnable step) {
    try {
      step.run();
    } catch (Throwable t) {
      problems.add(t);
    }
  }

  // --- helpers ----------------------------------------------------------------------------

  /** The future's result; a failure is rethrown wrapped, so the stack shows the waiting line. */
  static <T> T await(Future<T> future) {
    try {
      return future.await(AWAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("no answer within " + AWAIT, e);
    } catch (RuntimeException e) {
      throw new AssertionError("failed: " + e, e);
    }
  }

  /**
   * Lets {@code time} pass: for what must not happen (a wrong implementation gets the time to show
   * itself; a right one passes however slow the machine).
   */
  static void sleep(Duration time) {
    try {
      Thread.sleep(time.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Waits (polling) until {@code condition} holds; fails after {@link #AWAIT}. */
  static void eventually(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + AWAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail("never happened: " + what);
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  static String token(String queryId) {
    return "secret-of-" + queryId;
  }

  static RunQueryRequest request(String queryId, int tasks, HCombPlan plan) {
    return RunQueryRequest.newBuilder()
        .setQueryId(queryId)
        .setToken(token(queryId))
        .setTaskCount(tasks)
        .setPlan(plan)
        .build();
  }

  /** Runs a query; returns once the HComb sent Registered. */
  TestFuse startQuery(RunQueryRequest request) {
    TestFuse fuse = TestFuse.runQuery(client, server, clientContext, request);
    await(fuse.registered());
    return fuse;
  }

  TestHBee openStream() {
    return await(TestHBee.open(client, server, clientContext));
  }

  /** The HComb's view of a plan schema, as HBees send it. */
  static org.apache.arrow.vector.types.pojo.Schema arrow(Schema schema) {
    return io.buzz.exec.PlanTypes.arrowSchema(schema);
  }

  /** Encodes rows as one batch message (the batch is built and closed here). */
  FlightData batchMessage(Schema schema, List<List<Object>> rows) {
    try (Batch batch = TestBatches.batch(allocator, schema, rows)) {
      return TestHBee.batch(batch);
    }
  }

  /**
   * The whole stream of one clean task attempt: header with schema, one batch per row list, metrics
   * trailer.
   */
  List<FlightData> cleanStream(
      StreamHeader header, Schema schema, List<List<List<Object>>> batches) {
    List<FlightData> messages = new ArrayList<>();
    messages.add(TestHBee.first(header, arrow(schema)));
    long rows = 0;
    for (List<List<Object>> batch : batches) {
      messages.add(batchMessage(schema, batch));
      rows += batch.size();
    }
    messages.add(TestHBee.metrics(rows));
    return messages;
  }

  /** Runs one clean attempt to its end and returns the HComb's answer. */
  TestHBee.Outcome push(StreamHeader header, Schema schema, List<List<List<Object>>> batches) {
    TestHBee hbee = openStream();
    hbee.send(cleanStream(header, schema, batches)).compose(v -> hbee.end());
    return await(hbee.outcome());
  }
}
