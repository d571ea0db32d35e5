package io.buzz.hcomb;

import static org.assertj.core.api.Assertions.assertThat;

import io.buzz.protocol.hcomb.RunQueryRequest;
import io.buzz.protocol.plan.AggregateMode;
import io.buzz.protocol.plan.HCombPlan;
import io.vertx.grpc.common.GrpcStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RunQuery requests the HComb refuses, and what a refusal leaves behind. */
class QueryRegistrationTest extends HCombTestBase {

  @Override
  protected HCombConfig config() {
    return super.config().withMaxQueries(2);
  }

  private TestFuse.Outcome refused(RunQueryRequest request) {
    TestFuse fuse = TestFuse.runQuery(client, server, clientContext, request);
    TestFuse.Outcome outcome = await(fuse.outcome());
    assertThat(fuse.registered().failed()).isTrue();
    return outcome;
  }

  @Test
  void aDuplicateQueryIdIsRefusedAndTheFirstQueryRunsOn() {
    TestFuse first = startQuery(request("q-dup", 1, TestPlans.finalAggregate(true)));
    TestFuse.Outcome duplicate = refused(request("q-dup", 3, TestPlans.topN(1)));
    assertThat(duplicate.status()).isEqualTo(GrpcStatus.INVALID_ARGUMENT);
    assertThat(duplicate.message()).contains("query q-dup is already registered on this HComb");
    assertThat(hcomb.activeQueries()).isEqualTo(1);

    List<List<Object>> raw = ReferenceAggregate.raw(0, 30, 3);
    assertThat(
            push(
                    TestHBee.header("q-dup", token("q-dup"), 0, 0),
                    TestPlans.STATE,
                    List.of(ReferenceAggregate.partial(raw)))
                .committed())
        .isTrue();
    TestFuse.Outcome outcome = await(first.outcome());
    assertThat(outcome.status()).isEqualTo(GrpcStatus.OK);
    assertThat(outcome.rows(allocator)).isEqualTo(ReferenceAggregate.finalRows(raw));
  }

  @Test
  void badRequestsAreRefusedWithTheirReason() {
    TestFuse.Outcome noId = refused(request("", 1, TestPlans.limit(1)));
    assertThat(noId.status()).isEqualTo(GrpcStatus.INVALID_ARGUMENT);
    assertThat(noId.message()).contains("RunQuery needs a query_id");

    TestFuse.Outcome noToken =
        refused(request("q-open", 1, TestPlans.limit(1)).toBuilder().clearToken().build());
    assertThat(noToken.status()).isEqualTo(GrpcStatus.INVALID_ARGUMENT);
    assertThat(noToken.message()).contains("RunQuery needs a token");

    TestFuse.Outcome negative = refused(request("q-neg", -1, TestPlans.limit(1)));
    assertThat(negative.status()).isEqualTo(GrpcStatus.INVALID_ARGUMENT);
    assertThat(negative.message()).contains("task_count must not be negative, got -1");

    HCombPlan partialMerge = TestPlans.finalAggregate(true);
    partialMerge =
        partialMerge.toBuilder()
            .setMerge(
                partialMerge.getMerge().toBuilder()
                    .setAggregate(
                        partialMerge.getMerge().getAggregate().toBuilder()
                            .setMode(AggregateMode.PARTIAL)))
            .build();
    TestFuse.Outcome broken = refused(request("q-broken", 1, partialMerge));
    assertThat(broken.status()).isEqualTo(GrpcStatus.INTERNAL);
    assertThat(broken.message()).contains("a merge must be FINAL");
    assertThat(hcomb.activeQueries()).isZero();
  }

  @Test
  void queriesOverTheLimitAreRefusedUntilOneEnds() {
    TestFuse one = startQuery(request("q-1", 1, TestPlans.limit(1)));
    startQuery(request("q-2", 1, TestPlans.limit(1)));
    TestFuse.Outcome third = refused(request("q-3", 1, TestPlans.limit(1)));
    assertThat(third.status()).isEqualTo(GrpcStatus.RESOURCE_EXHAUSTED);
    assertThat(third.message()).contains("already runs 2 queries");

    one.cancel();
    eventually("q-1 is released", () -> hcomb.activeQueries() == 1);
    TestFuse again = startQuery(request("q-3", 0, TestPlans.limit(1)));
    assertThat(await(again.outcome()).status()).isEqualTo(GrpcStatus.OK);
  }
}
