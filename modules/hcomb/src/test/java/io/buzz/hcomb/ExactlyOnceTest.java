package io.buzz.hcomb;

import static org.assertj.core.api.Assertions.assertThat;

import io.buzz.protocol.flight.FlightData;
import io.buzz.protocol.hcomb.TaskCommitted;
import io.buzz.protocol.task.StreamHeader;
import io.vertx.grpc.common.GrpcStatus;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A task's rows count once, whatever its attempts do. */
class ExactlyOnceTest extends HCombTestBase {
  private static final String QUERY = "q-once";

  private static StreamHeader attempt(int task, int attempt) {
    return TestHBee.header(QUERY, token(QUERY), task, attempt);
  }

  private static List<List<List<Object>>> partials(int from, int batches) {
    List<List<List<Object>>> result = new ArrayList<>();
    for (int b = 0; b < batches; b++) {
      result.add(ReferenceAggregate.partial(ReferenceAggregate.raw(from + b * 100, 100, 7)));
    }
    return result;
  }

  @Test
  void twoCleanAttemptsOfATaskCountOnce() {
    TestFuse fuse = startQuery(request(QUERY, 2, TestPlans.finalAggregate(true)));
    TestHBee first = openStream();
    TestHBee second = openStream();
    // Both attempts stream the whole task, then both half-close back to back: their commits race.
    await(first.send(cleanStream(attempt(0, 0), TestPlans.STATE, partials(0, 3))));
    await(second.send(cleanStream(attempt(0, 1), TestPlans.STATE, partials(0, 3))));
    first.end();
    second.end();
    List<TestHBee.Outcome> answers = List.of(await(first.outcome()), await(second.outcome()));
    assertThat(answers).allSatisfy(a -> assertThat(a.status()).isEqualTo(GrpcStatus.OK));
    assertThat(answers).filteredOn(TestHBee.Outcome::committed).hasSize(1);
    assertThat(answers)
        .filteredOn(a -> !a.committed())
        .singleElement()
        .satisfies(a -> assertThat(a.ack().getCommitted()).isFalse());

    assertThat(push(attempt(1, 0), TestPlans.STATE, partials(300, 2)).committed()).isTrue();
    TestFuse.Outcome outcome = await(fuse.outcome());
    assertThat(outcome.status()).isEqualTo(GrpcStatus.OK);
    assertThat(outcome.rows(allocator))
        .isEqualTo(ReferenceAggregate.finalRows(ReferenceAggregate.raw(0, 500, 7)));
    assertThat(outcome.commits())
        .extracting(TaskCommitted::getTaskId)
        .containsExactlyInAnyOrder(0, 1);
  }

  @Test
  void anAttemptResetMidStreamIsDiscardedAndALaterAttemptCommits() {
    TestFuse fuse = startQuery(request(QUERY, 1, TestPlans.finalAggregate(true)));
    TestHBee broken = openStream();
    // The broken attempt sends different rows: if they counted, the result would show it.
    List<FlightData> partial = new ArrayList<>();
    partial.add(TestHBee.first(attempt(0, 0), arrow(TestPlans.STATE)));
    for (List<List<Object>> batch : partials(10_000, 2)) {
      partial.add(batchMessage(TestPlans.STATE, batch));
    }
    await(broken.send(partial));
    eventually(
        "the HComb folded the broken attempt's batches", () -> hcomb.stats().openStreams() == 1);
    broken.reset();
    eventually("the HComb saw the reset", () -> hcomb.stats().openStreams() == 0);
    assertThat(fuse.outcome().isComplete()).isFalse();

    assertThat(push(attempt(0, 1), TestPlans.STATE, partials(0, 3)).committed()).isTrue();
    TestFuse.Outcome outcome = await(fuse.outcome());
    assertThat(outcome.status()).isEqualTo(GrpcStatus.OK);
    assertThat(outcome.rows(allocator))
        .isEqualTo(ReferenceAggregate.finalRows(ReferenceAggregate.raw(0, 300, 7)));
    assertThat(outcome.commits())
        .singleElement()
        .satisfies(c -> assertThat(c.getAttempt()).isEqualTo(1));
  }

  @Test
  void anAttemptOfACommittedTaskIsAcknowledgedAtOnce() {
    TestFuse fuse = startQuery(request(QUERY, 2, TestPlans.finalAggregate(true)));
    assertThat(push(attempt(0, 0), TestPlans.STATE, partials(0, 1)).committed()).isTrue();

    TestHBee late = openStream();
    late.send(List.of(TestHBee.first(attempt(0, 1), arrow(TestPlans.STATE))));
    // Answered before the late attempt sent anything else or ended.
    TestHBee.Outcome answer = await(late.outcome());
    assertThat(answer.status()).isEqualTo(GrpcStatus.OK);
    assertThat(answer.ack().getCommitted()).isFalse();
    // Vert.x's client resets its side once the answer is in; the HComb counts the stream closed.
    eventually("the late stream is closed on the HComb", () -> hcomb.stats().openStreams() == 0);

    assertThat(push(attempt(1, 0), TestPlans.STATE, partials(100, 1)).committed()).isTrue();
    TestFuse.Outcome outcome = await(fuse.outcome());
    assertThat(outcome.rows(allocator))
        .isEqualTo(ReferenceAggregate.finalRows(ReferenceAggregate.raw(0, 200, 7)));
    assertThat(hcomb.stats().streamsTotal()).isEqualTo(3);
  }

  @Test
  void anOpenAttemptIsAnsweredAsSoonAsAnotherAttemptOfItsTaskCommits() {
    TestFuse fuse = startQuery(request(QUERY, 2, TestPlans.finalAggregate(true)));
    TestHBee slow = openStream();
    await(slow.send(List.of(TestHBee.first(attempt(0, 0), arrow(TestPlans.STATE)))));
    eventually("the slow attempt is open", () -> hcomb.stats().openStreams() == 1);
    assertThat(push(attempt(0, 1), TestPlans.STATE, partials(0, 1)).committed()).isTrue();
    TestHBee.Outcome superseded = await(slow.outcome());
    assertThat(superseded.status()).isEqualTo(GrpcStatus.OK);
    assertThat(superseded.ack().getCommitted()).isFalse();

    assertThat(push(attempt(1, 0), TestPlans.STATE, partials(100, 1)).committed()).isTrue();
    assertThat(await(fuse.outcome()).rows(allocator))
        .isEqualTo(ReferenceAggregate.finalRows(ReferenceAggregate.raw(0, 200, 7)));
  }
}
