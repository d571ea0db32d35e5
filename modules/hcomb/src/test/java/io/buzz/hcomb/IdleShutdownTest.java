package io.buzz.hcomb;

import static org.assertj.core.api.Assertions.assertThat;

import io.buzz.protocol.task.StreamHeader;
import io.vertx.grpc.common.GrpcStatus;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An HComb without queries for its idle delay shuts down; one with a query never does. */
class IdleShutdownTest extends HCombTestBase {
  /** Long enough for the test's setup after deployment, short enough to wait for. */
  static final Duration IDLE = Duration.ofMillis(1_500);

  @Override
  protected HCombConfig config() {
    return super.config().withIdleShutdown(IDLE);
  }

  private boolean deployed() {
    return vertx.deploymentIDs().contains(deployment);
  }

  @Test
  void aBusyHCombStaysAndShutsDownOnceIdle() throws InterruptedException {
    String query = "q-idle";
    TestFuse fuse = startQuery(request(query, 1, TestPlans.finalAggregate(true)));
    // Several idle delays with a query registered (and no stream open): still serving.
    Thread.sleep(3 * IDLE.toMillis());
    assertThat(deployed()).isTrue();
    assertThat(meters.get("buzz.hcomb.idle.shutdown.remaining").gauge().value())
        .isEqualTo(IDLE.toMillis() / 1000.0);

    StreamHeader header = TestHBee.header(query, token(query), 0, 0);
    assertThat(
            push(
                    header,
                    TestPlans.STATE,
                    List.of(ReferenceAggregate.partial(ReferenceAggregate.raw(0, 10, 3))))
                .committed())
        .isTrue();
    assertThat(await(fuse.outcome()).status()).isEqualTo(GrpcStatus.OK);

    eventually("the idle HComb undeployed itself", () -> !deployed());
    assertThat(meters.find("buzz.hcomb.idle.shutdown.remaining").gauge())
        .as("meters leave with the HComb")
        .isNull();
  }
}
