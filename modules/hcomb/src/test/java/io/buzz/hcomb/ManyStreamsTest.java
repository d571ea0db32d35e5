package io.buzz.hcomb;

import static org.assertj.core.api.Assertions.assertThat;

import io.buzz.protocol.flight.FlightData;
import io.vertx.core.Future;
import io.vertx.grpc.common.GrpcStatus;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Many streams of one query, none of which has too many batches waiting on its own, together hold
 * back when the merge falls behind: what the HComb holds of them is bounded by the query's memory
 * limit (an eighth of it), not by the number of streams. Once the merge catches up they resume,
 * commit, and the answer is right.
 */
class ManyStreamsTest extends GatedMergeTestBase {
  private static final String QUERY = "q-many";
  private static final int STREAMS = 8;
  private static final int BATCHES = 12;
  private static final long MEMORY_LIMIT = 16L << 20;

  @Override
  protected HCombConfig config() {
    // A stream alone never reaches its own high-water mark here: only the query holds it back.
    return super.config().withStreamHighWaterBatches(1_000).withQueryMemoryLimit(MEMORY_LIMIT);
  }

  @Test
  void streamsAreHeldBackTogetherWhileTheMergeFallsBehind() {
    TestFuse fuse = startQuery(request(QUERY, STREAMS, TestPlans.finalAggregate(true)));
    List<List<Object>> allRaw = new ArrayList<>();
    List<List<FlightData>> streams = new ArrayList<>();
    long smallest = Long.MAX_VALUE;
    long largest = 0;
    for (int task = 0; task < STREAMS; task++) {
      List<List<List<Object>>> batches = new ArrayList<>();
      for (int b = 0; b < BATCHES; b++) {
        List<List<Object>> raw = ReferenceAggregate.raw((task * BATCHES + b) * 5000, 5000, 4000);
        allRaw.addAll(raw);
        batches.add(ReferenceAggregate.partial(raw));
      }
      List<FlightData> stream =
          cleanStream(TestHBee.header(QUERY, token(QUERY), task, 0), TestPlans.STATE, batches);
      for (FlightData message : stream.subList(1, stream.size() - 1)) {
        long size = message.getDataHeader().size() + message.getDataBody().size();
        smallest = Math.min(smallest, size);
        largest = Math.max(largest, size);
      }
      streams.add(stream);
    }
    assertThat(smallest * STREAMS * BATCHES)
        .as("the streams together send far more than the query may hold queued")
        .isGreaterThan(4 * (MEMORY_LIMIT / 8));

    gate.get().close(); // the merge thread does nothing from now on: it has fallen behind
    List<TestHBee> hbees = new ArrayList<>();
    List<Future<Void>> sent = new ArrayList<>();
    for (List<FlightData> stream : streams) {
      TestHBee hbee = openStream();
      hbees.add(hbee);
      sent.add(hbee.send(stream).compose(v -> hbee.end()));
    }
    eventually("the query held its streams back", () -> hcomb.stats().backPressurePauses() > 0);
    eventually("merges are held", () -> gate.get().held() > 0);
    // What was taken off the wire while nothing merged: the query's share, plus at most the one
    // message with which each stream went over it.
    long queuedBound = MEMORY_LIMIT / 8 + STREAMS * largest;
    assertThat(hcomb.stats().peakQueuedBatches() * smallest).isLessThanOrEqualTo(queuedBound);
    assertThat(hcomb.stats().peakQueuedBatches()).isLessThan(STREAMS * BATCHES);

    gate.get().open();
    for (int i = 0; i < STREAMS; i++) {
      await(sent.get(i));
      assertThat(await(hbees.get(i).outcome()).committed()).isTrue();
    }
    TestFuse.Outcome outcome = await(fuse.outcome());
    assertThat(outcome.status()).isEqualTo(GrpcStatus.OK);
    assertThat(outcome.rows(allocator)).isEqualTo(ReferenceAggregate.finalRows(allRaw));
    assertThat(outcome.finished().getBatchesReceived()).isEqualTo(STREAMS * BATCHES);
    assertThat(hcomb.stats().queuedBatches()).isZero();
  }
}
