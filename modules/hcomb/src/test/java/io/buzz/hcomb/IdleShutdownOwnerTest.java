package io.buzz.hcomb;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.grpc.common.GrpcStatus;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** An owner (an HComb manager) decides what the idle shutdown does; new queries are refused. */
class IdleShutdownOwnerTest extends HCombTestBase {
  private final AtomicLong clock = new AtomicLong();
  private volatile boolean ownerTold;

  @Override
  protected HCombConfig config() {
    return super.config().withIdleShutdown(IdleShutdownTest.IDLE);
  }

  @Override
  protected TestHooks hooks() {
    return TestHooks.NONE.withNanoClock(clock::get);
  }

  @Override
  protected void beforeDeploy(HCombVerticle verticle) {
    verticle.onIdleShutdown(() -> ownerTold = true);
  }

  @Test
  void anOwnerDecidesWhatIdleShutdownDoes() {
    clock.addAndGet(IdleShutdownTest.IDLE.plusSeconds(1).toNanos());
    eventually("the owner was told", () -> ownerTold);
    // The owner has not undeployed it, but it refuses new queries from now on.
    assertThat(vertx.deploymentIDs()).contains(deployment);
    TestFuse refused =
        TestFuse.runQuery(
            client, server, clientContext, request("q-late", 1, TestPlans.finalAggregate(true)));
    TestFuse.Outcome outcome = await(refused.outcome());
    assertThat(outcome.status()).isEqualTo(GrpcStatus.UNAVAILABLE);
    assertThat(outcome.message()).contains("is shutting down");
  }
}
