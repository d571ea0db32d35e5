package io.buzz.hcomb;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.grpc.common.GrpcStatus;
import org.junit.jupiter.api.Test;

/** An owner (an HComb manager) decides what the idle shutdown does; new queries are refused. */
class IdleShutdownOwnerTest extends HCombTestBase {
  private volatile boolean ownerTold;

  @Override
  protected HCombConfig config() {
    return super.config().withIdleShutdown(IdleShutdownTest.IDLE);
  }

  @Override
  protected void beforeDeploy(HCombVerticle verticle) {
    verticle.onIdleShutdown(() -> ownerTold = true);
  }

  private boolean deployed() {
    return vertx.deploymentIDs().contains(deployment);
  }

  @Test
  void anOwnerDecidesWhatIdleShutdownDoes() {
    eventually("the owner was told", () -> ownerTold);
    // The owner has not undeployed it, but it refuses new queries from now on.
    assertThat(deployed()).isTrue();
    TestFuse refused =
        TestFuse.runQuery(
            client, server, clientContext, request("q-late", 1, TestPlans.finalAggregate(true)));
    TestFuse.Outcome outcome = await(refused.outcome());
    assertThat(outcome.status()).isEqualTo(GrpcStatus.UNAVAILABLE);
    assertThat(outcome.message()).contains("is shutting down");
  }
}
