package io.buzz.hcomb;

import static org.assertj.core.api.Assertions.assertThat;

import io.buzz.protocol.flight.FlightData;
import io.vertx.core.Future;
import io.vertx.grpc.common.GrpcStatus;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Many more streams than {@link MemoryHold#WINDOW}, all sending at once, whose partial states
 * together are larger than the query's memory limit while the window's streams' states, and the
 * final state, fit: the query succeeds within its limit with the right answer, its streams held
 * back and released without waiting on each other (the hold's rules themselves: {@link
 * MemoryHoldTest}). A stream's partial state here is ~1 MB of hash table (its batches are ~0.8 MB
 * as received), so sixteen of them need ~16 MB; with the limit at that, about one run in ten failed
 * before the window could narrow and more once paused streams stopped at the HTTP/2 level (window
 * streams then advance in step rather than one finishing from its buffered messages).
 */
class ManyStreamsMemoryTest extends GatedMergeTestBase {
  private static final String QUERY = "q-hold";
  private static final int STREAMS = 3 * MemoryHold.WINDOW;
  private static final int BATCHES = 4;
  private static final int GROUPS_PER_BATCH = 5_000;
  private static final long MEMORY_LIMIT = 32L << 20;

  @Override
  protected HCombConfig config() {
    return super.config().withStreamHighWaterBatches(1_000).withQueryMemoryLimit(MEMORY_LIMIT);
  }

  @Test
  void theOldestStreamsFinishFirstWhileTheOthersWait() {
    TestFuse fuse = startQuery(request(QUERY, STREAMS, TestPlans.finalAggregate(true)));
    List<List<Object>> allRaw = new ArrayList<>();
    List<List<FlightData>> streams = new ArrayList<>();
    long sent = 0;
    for (int task = 0; task < STREAMS; task++) {
      // Every stream has the same groups, so the query's own state stays small.
      List<List<List<Object>>> batches = new ArrayList<>();
      for (int b = 0; b < BATCHES; b++) {
        List<List<Object>> raw =
            ReferenceAggregate.raw(
                b * GROUPS_PER_BATCH, GROUPS_PER_BATCH, BATCHES * GROUPS_PER_BATCH);
        allRaw.addAll(raw);
        batches.add(ReferenceAggregate.partial(raw));
      }
      List<FlightData> stream =
          cleanStream(TestHBee.header(QUERY, token(QUERY), task, 0), TestPlans.STATE, batches);
      for (FlightData message : stream) {
        sent += message.getDataHeader().size() + message.getDataBody().size();
      }
      streams.add(stream);
    }
    assertThat(sent)
        .as("all streams' partial states together exceed the limit")
        .isGreaterThan(MEMORY_LIMIT);

    gate.get().close(); // every stream starts before anything merges
    List<TestHBee> hbees = new ArrayList<>();
    List<Future<Void>> writes = new ArrayList<>();
    for (List<FlightData> stream : streams) {
      TestHBee hbee = openStream();
      hbees.add(hbee);
      writes.add(hbee.send(stream).compose(v -> hbee.end()));
    }
    eventually("merges are held", () -> gate.get().held() > 0);
    eventually("the query held its streams back", () -> hcomb.stats().backPressurePauses() > 0);
    gate.get().open();

    for (int i = 0; i < STREAMS; i++) {
      await(writes.get(i));
      TestHBee.Outcome streamOutcome = await(hbees.get(i).outcome());
      assertThat(streamOutcome.committed()).as("stream %d: %s", i, streamOutcome).isTrue();
    }
    TestFuse.Outcome outcome = await(fuse.outcome());
    assertThat(outcome.status()).as(outcome.toString()).isEqualTo(GrpcStatus.OK);
    assertThat(outcome.rows(allocator)).isEqualTo(ReferenceAggregate.finalRows(allRaw));
    assertThat(outcome.finished().getPeakStateBytes()).isLessThanOrEqualTo(MEMORY_LIMIT);
  }
}
