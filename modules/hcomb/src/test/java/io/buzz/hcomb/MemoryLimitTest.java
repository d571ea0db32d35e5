package io.buzz.hcomb;

import static org.assertj.core.api.Assertions.assertThat;

import io.buzz.protocol.flight.FlightData;
import io.buzz.protocol.plan.HCombPlan;
import io.vertx.grpc.common.GrpcStatus;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A query whose merge state outgrows its limit fails clearly; the HComb serves on. */
class MemoryLimitTest extends HCombTestBase {
  private static final long LIMIT = 2L * 1024 * 1024;

  @Override
  protected HCombConfig config() {
    return super.config().withQueryMemoryLimit(LIMIT);
  }

  /** Streams 20 batches of 20 000 rows (~6 MB in all) of distinct keys into {@code query}. */
  private TestHBee.Outcome flood(String query, boolean partialState) {
    List<List<List<Object>>> batches = new ArrayList<>();
    for (int b = 0; b < 20; b++) {
      List<List<Object>> raw = ReferenceAggregate.raw(b * 20_000, 20_000, Integer.MAX_VALUE);
      batches.add(partialState ? ReferenceAggregate.partial(raw) : raw);
    }
    TestHBee hbee = openStream();
    List<FlightData> stream =
        cleanStream(
            TestHBee.header(query, token(query), 0, 0),
            partialState ? TestPlans.STATE : TestPlans.RAW,
            batches);
    hbee.send(stream).onSuccess(v -> hbee.end());
    return await(hbee.outcome());
  }

  private void assertOverLimit(TestFuse.Outcome outcome, String query) {
    assertThat(outcome.status()).isEqualTo(GrpcStatus.RESOURCE_EXHAUSTED);
    assertThat(outcome.message())
        .contains("query " + query)
        .contains(String.valueOf(LIMIT))
        .contains("raise the HComb memory limit");
  }

  @Test
  void collectingTooManyRowsFailsWithResourceExhaustedAndOtherQueriesRunOn() {
    TestFuse bystander = startQuery(request("q-small", 1, TestPlans.finalAggregate(true)));
    TestFuse big = startQuery(request("q-big", 1, TestPlans.collectSorted()));

    TestHBee.Outcome stream = flood("q-big", false);
    assertThat(stream.status()).isEqualTo(GrpcStatus.RESOURCE_EXHAUSTED);
    TestFuse.Outcome outcome = await(big.outcome());
    assertOverLimit(outcome, "q-big");
    eventually("q-big is released", () -> hcomb.activeQueries() == 1);

    List<List<Object>> raw = ReferenceAggregate.raw(0, 100, 10);
    assertThat(
            push(
                    TestHBee.header("q-small", token("q-small"), 0, 0),
                    TestPlans.STATE,
                    List.of(ReferenceAggregate.partial(raw)))
                .committed())
        .isTrue();
    assertThat(await(bystander.outcome()).rows(allocator))
        .isEqualTo(ReferenceAggregate.finalRows(raw));

    TestFuse after = startQuery(request("q-after", 0, TestPlans.finalAggregate(false)));
    assertThat(await(after.outcome()).status()).isEqualTo(GrpcStatus.OK);
  }

  @Test
  void anAggregateWithTooManyGroupsFailsWithResourceExhausted() {
    HCombPlan plan = TestPlans.finalAggregate(true);
    TestFuse big = startQuery(request("q-groups", 1, plan));
    flood("q-groups", true);
    assertOverLimit(await(big.outcome()), "q-groups");
    eventually("q-groups is released", () -> hcomb.activeQueries() == 0);
    assertThat(hcombRoot.getAllocatedMemory()).isZero();
  }
}
