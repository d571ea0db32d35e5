package io.buzz.hcomb;

import static org.assertj.core.api.Assertions.assertThat;

import io.buzz.protocol.flight.FlightData;
import io.buzz.protocol.hcomb.RunQueryRequest;
import io.buzz.protocol.task.StreamHeader;
import io.vertx.grpc.common.GrpcStatus;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a query ends when nobody finishes it: its deadline, the Fuse's cancel, a shutdown. */
class QueryLifecycleTest extends HCombTestBase {
  private static final String QUERY = "q-life";

  @Override
  protected HCombConfig config() {
    return super.config().withDefaultQueryTimeout(Duration.ofMillis(400));
  }

  private static StreamHeader attempt(int task) {
    return TestHBee.header(QUERY, token(QUERY), task, 0);
  }

  private static RunQueryRequest withTimeout(RunQueryRequest request, long millis) {
    return request.toBuilder().setTimeoutMillis(millis).build();
  }

  private List<List<List<Object>>> someState(int from) {
    return List.of(ReferenceAggregate.partial(ReferenceAggregate.raw(from, 40, 4)));
  }

  /** A stream that sent its header, schema and a batch, and then waits forever. */
  private TestHBee stalled(StreamHeader header) {
    TestHBee hbee = openStream();
    List<FlightData> messages = cleanStream(header, TestPlans.STATE, someState(0));
    await(hbee.send(messages.subList(0, 2)));
    return hbee;
  }

  private void assertReleased() {
    // A query abandoned during registration releases its allocator on a merge thread, a moment
    // after it left (or never entered) the registry. A call the client cancelled may also reach
    // the HComb only after the others were released: so the HComb must be found empty twice,
    // with a pause between, and a query that never lets go still fails the test.
    for (int check = 0; check < 2; check++) {
      eventually(
          "the query is released",
          () -> hcomb.activeQueries() == 0 && hcombRoot.getChildAllocators().isEmpty());
      try {
        Thread.sleep(300);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
    eventually(
        "the query is released",
        () -> hcomb.activeQueries() == 0 && hcombRoot.getChildAllocators().isEmpty());
    assertThat(hcomb.stats().activeQueries()).isZero();
    assertThat(hcomb.stats().openStreams()).isZero();
    assertThat(hcombRoot.getChildAllocators()).as("query allocators").isEmpty();
    assertThat(hcombRoot.getAllocatedMemory()).isZero();
  }

  @Test
  void aQueryWhoseTasksNeverArriveFailsAtItsDeadlineNamingTheMissingTasks() {
    TestFuse fuse = startQuery(request(QUERY, 4, TestPlans.finalAggregate(true)));
    assertThat(push(attempt(1), TestPlans.STATE, someState(0)).committed()).isTrue();
    TestHBee stuck = stalled(attempt(2));

    TestFuse.Outcome outcome = await(fuse.outcome());
    assertThat(outcome.status()).isEqualTo(GrpcStatus.DEADLINE_EXCEEDED);
    assertThat(outcome.message())
        .contains("query q-life timed out on the HComb after 400 ms")
        .contains("with 1 of 4 tasks committed; waiting for tasks 0, 2, 3");
    assertThat(await(stuck.outcome()).status()).isEqualTo(GrpcStatus.DEADLINE_EXCEEDED);
    assertReleased();
    assertThat(hcomb.stats().queriesFailed()).isEqualTo(1);

    TestHBee.Outcome late = push(attempt(0), TestPlans.STATE, someState(0));
    assertThat(late.status()).isEqualTo(GrpcStatus.NOT_FOUND);
  }

  @Test
  void theRequestsOwnTimeoutWinsOverTheDefault() {
    TestFuse fuse = startQuery(withTimeout(request(QUERY, 1, TestPlans.finalAggregate(true)), 150));
    TestFuse.Outcome outcome = await(fuse.outcome());
    assertThat(outcome.status()).isEqualTo(GrpcStatus.DEADLINE_EXCEEDED);
    assertThat(outcome.message()).contains("after 150 ms").contains("waiting for tasks 0");
    assertReleased();
  }

  @Test
  void theFuseCancellingTheCallCancelsTheQuery() {
    TestFuse fuse =
        startQuery(withTimeout(request(QUERY, 2, TestPlans.finalAggregate(true)), 60_000));
    TestHBee open = stalled(attempt(0));
    eventually("the stream is open", () -> hcomb.stats().openStreams() == 1);

    fuse.cancel();
    TestHBee.Outcome ended = await(open.outcome());
    assertThat(ended.status()).isEqualTo(GrpcStatus.CANCELLED);
    assertThat(ended.message())
        .contains("query q-life cancelled: the Fuse cancelled the RunQuery call");
    assertReleased();

    TestHBee.Outcome later = push(attempt(1), TestPlans.STATE, someState(0));
    assertThat(later.status()).isEqualTo(GrpcStatus.NOT_FOUND);
    assertThat(later.message()).contains("query q-life is not registered on this HComb");
  }

  @Test
  void stoppingTheHCombFailsRunningQueriesAndReleasesThem() {
    TestFuse fuse =
        startQuery(withTimeout(request(QUERY, 2, TestPlans.finalAggregate(true)), 60_000));
    TestHBee open = stalled(attempt(0));
    eventually("the stream is open", () -> hcomb.stats().openStreams() == 1);

    await(vertx.undeploy(deployment));
    TestFuse.Outcome outcome = await(fuse.outcome());
    // The server closes its connections right after answering: the status may not make it.
    if (outcome.status() != null) {
      assertThat(outcome.status()).isEqualTo(GrpcStatus.UNAVAILABLE);
      assertThat(outcome.message()).contains("the HComb is shutting down");
    }
    await(open.outcome());
    assertThat(hcomb.activeQueries()).isZero();
    assertThat(hcombRoot.getChildAllocators()).isEmpty();
  }

  @Test
  void runQueryCallsCancelledRightAwayLeaveNothingBehind() {
    List<TestFuse> fuses = new java.util.ArrayList<>();
    for (int i = 0; i < 20; i++) {
      // Whether the reset lands before, during or after registration, nothing may stay.
      RunQueryRequest request =
          withTimeout(request("q-gone-" + i, 1, TestPlans.finalAggregate(true)), 60_000);
      TestFuse fuse = TestFuse.runQuery(client, server, clientContext, request);
      fuse.cancel();
      fuses.add(fuse);
    }
    for (TestFuse fuse : fuses) {
      await(fuse.outcome());
    }
    assertReleased();
  }
}
