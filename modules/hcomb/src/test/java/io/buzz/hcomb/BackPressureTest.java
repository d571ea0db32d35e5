package io.buzz.hcomb;

import static org.assertj.core.api.Assertions.assertThat;

import io.buzz.protocol.flight.FlightData;
import io.vertx.core.Future;
import io.vertx.grpc.common.GrpcStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * When the merge falls behind, the HComb pauses the stream and the HBee's writes wait for drain:
 * memory stays bounded end to end, and the result is still right.
 */
class BackPressureTest extends GatedMergeTestBase {
  private static final String QUERY = "q-slow";
  private static final int BATCHES = 40;

  @Override
  protected HCombConfig config() {
    return super.config().withStreamHighWaterBatches(2);
  }

  @Test
  void aStreamWhoseMergeFallsBehindIsPausedAndTheSenderWaits() {
    TestFuse fuse = startQuery(request(QUERY, 1, TestPlans.finalAggregate(true)));
    // ~40 batches of ~200 KB: far more than the HComb buffers for a paused stream.
    List<List<Object>> allRaw = new ArrayList<>();
    List<List<List<Object>>> batches = new ArrayList<>();
    for (int b = 0; b < BATCHES; b++) {
      List<List<Object>> raw = ReferenceAggregate.raw(b * 5000, 5000, 4000);
      allRaw.addAll(raw);
      batches.add(ReferenceAggregate.partial(raw));
    }
    List<FlightData> stream =
        cleanStream(TestHBee.header(QUERY, token(QUERY), 0, 0), TestPlans.STATE, batches);

    gate.get().close(); // the merge thread does nothing from now on: it has fallen behind
    TestHBee hbee = openStream();
    Future<Void> sent = hbee.send(stream);
    eventually("the HComb paused the stream", () -> hcomb.stats().backPressurePauses() > 0);
    eventually("the HBee waited for drain", () -> hbee.queueFullWaits() > 0);
    eventually("merges are held", () -> gate.get().held() > 0);
    // Paused, the HComb stops reading the HTTP/2 stream itself (HttpHold): the sender's queue
    // stays full. Vert.x gRPC alone would go on reading 16 more batches into the HComb's heap
    // (then the sender got 18 more out), so give it time to.
    sleep(Duration.ofMillis(500));
    assertThat(hbee.written() - hbee.writtenBeforeFirstWait())
        .as("batches the sender got out after its queue first filled")
        .isLessThan(4);

    gate.get().open();
    await(sent);
    await(hbee.end());
    assertThat(await(hbee.outcome()).committed()).isTrue();
    TestFuse.Outcome outcome = await(fuse.outcome());
    assertThat(outcome.status()).isEqualTo(GrpcStatus.OK);
    assertThat(outcome.rows(allocator)).isEqualTo(ReferenceAggregate.finalRows(allRaw));
    assertThat(outcome.finished().getBatchesReceived()).isEqualTo(BATCHES);
    // While no merge ran, the HComb never took more than the high-water mark off the wire: the
    // rest of the 40 batches stayed with the sender, which waited for drain.
    assertThat(hcomb.stats().peakQueuedBatches()).isEqualTo(2);
    assertThat(hcomb.stats().queuedBatches()).isZero();
  }

  @Test
  void aPausedStreamThatItsHBeeCancelsEndsQuietly() {
    startQuery(request(QUERY, 2, TestPlans.finalAggregate(true)));
    List<List<List<Object>>> batches = new ArrayList<>();
    for (int b = 0; b < BATCHES; b++) {
      batches.add(ReferenceAggregate.partial(ReferenceAggregate.raw(b * 5000, 5000, 4000)));
    }
    gate.get().close();
    TestHBee hbee = openStream();
    hbee.send(cleanStream(TestHBee.header(QUERY, token(QUERY), 0, 0), TestPlans.STATE, batches));
    eventually("the stream is paused", () -> hcomb.stats().backPressurePauses() > 0);
    eventually("its sender waits", () -> hbee.queueFullWaits() > 0);

    hbee.reset(); // the HBee gives up while its HTTP/2 stream is held
    await(hbee.outcome());
    sleep(Duration.ofMillis(200));
    gate.get().open();
    // Vert.x refuses to resume a reset request: the hold must not try (nothing escapes).
    assertThat(hcomb.faults().unexpected()).isZero();
  }

  @Test
  void aPausedStreamDoesNotStallOtherStreamsOnItsConnection() {
    TestFuse fuse = startQuery(request(QUERY, 1, TestPlans.finalAggregate(true)));
    List<List<List<Object>>> batches = new ArrayList<>();
    for (int b = 0; b < BATCHES; b++) {
      batches.add(ReferenceAggregate.partial(ReferenceAggregate.raw(b * 5000, 5000, 4000)));
    }
    gate.get().close();
    TestHBee paused = openStream();
    Future<Void> sent =
        paused.send(
            cleanStream(TestHBee.header(QUERY, token(QUERY), 0, 0), TestPlans.STATE, batches));
    eventually("the stream is paused", () -> hcomb.stats().backPressurePauses() > 0);
    eventually("its sender waits", () -> paused.queueFullWaits() > 0);

    // Another stream on the same HTTP/2 connection still gets through and is answered.
    TestHBee other = openStream();
    other.send(
        List.of(TestHBee.first(TestHBee.header("q-other", "x", 0, 0), arrow(TestPlans.STATE))));
    assertThat(await(other.outcome()).status()).isEqualTo(GrpcStatus.NOT_FOUND);

    gate.get().open();
    await(sent);
    await(paused.end());
    assertThat(await(paused.outcome()).committed()).isTrue();
    assertThat(await(fuse.outcome()).status()).isEqualTo(GrpcStatus.OK);
  }

  /**
   * A paused stream whose end arrives when Vert.x gRPC's inbound queue is one message short of its
   * high-water mark (16 small batches here) made Vert.x pause an ended request, which throws inside
   * Vert.x ({@link ContextFaults} absorbs it). Now that a paused stream's HTTP request is paused
   * already ({@link HttpHold}), gRPC's pause does not reach it: the race is gone, and the stream
   * still commits with the right answer.
   */
  @Test
  void aPausedStreamThatEndsWithVertxQueueNearlyFullStillCommits() {
    int batchCount = 16;
    TestFuse fuse = startQuery(request(QUERY, 1, TestPlans.finalAggregate(true)));
    List<List<Object>> allRaw = new ArrayList<>();
    List<List<List<Object>>> batches = new ArrayList<>();
    for (int b = 0; b < batchCount; b++) {
      List<List<Object>> raw = ReferenceAggregate.raw(b * 10, 10, 5);
      allRaw.addAll(raw);
      batches.add(ReferenceAggregate.partial(raw));
    }
    gate.get().close();
    TestHBee hbee = openStream();
    await(
        hbee.send(cleanStream(TestHBee.header(QUERY, token(QUERY), 0, 0), TestPlans.STATE, batches))
            .compose(v -> hbee.end()));
    eventually("merges are held", () -> gate.get().held() > 0);
    sleep(Duration.ofMillis(200));
    assertThat(hcomb.faults().pauseAfterEnd()).isZero();

    gate.get().open();
    assertThat(await(hbee.outcome()).committed()).isTrue();
    TestFuse.Outcome outcome = await(fuse.outcome());
    assertThat(outcome.status()).isEqualTo(GrpcStatus.OK);
    assertThat(outcome.rows(allocator)).isEqualTo(ReferenceAggregate.finalRows(allRaw));
  }

  /**
   * A stream that arrives after its query failed, while the query still releases, is refused with
   * the query's failure: with several event loops, the HBee's refusal can reach the Fuse before the
   * HComb's own report, and it must say why.
   */
  @Test
  void aStreamArrivingAfterItsQueryFailedIsToldWhy() {
    TestFuse fuse = startQuery(request(QUERY, 2, TestPlans.finalAggregate(true)));
    gate.get().close(); // the failed query cannot finish releasing
    TestHBee open = openStream();
    await(
        open.send(
            cleanStream(TestHBee.header(QUERY, token(QUERY), 0, 0), TestPlans.STATE, List.of())
                .subList(0, 2)));
    eventually("the stream is open", () -> hcomb.stats().openStreams() == 1);
    fuse.cancel();
    assertThat(await(open.outcome()).status()).isEqualTo(GrpcStatus.CANCELLED);

    TestHBee.Outcome late =
        push(TestHBee.header(QUERY, token(QUERY), 1, 0), TestPlans.STATE, List.of());
    assertThat(late.status()).isEqualTo(GrpcStatus.NOT_FOUND);
    assertThat(late.message())
        .contains("query " + QUERY + " failed on this HComb: ")
        .contains("cancelled");
    gate.get().open();
  }
}
