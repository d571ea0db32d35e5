package io.buzz.hcomb;

import static org.assertj.core.api.Assertions.assertThat;

import io.buzz.protocol.task.StreamHeader;
import io.vertx.grpc.common.GrpcStatus;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * An HComb without queries for its idle delay shuts down; one with a query never does. The idle
 * clock is the test's: time passes when the test says so, however slow the machine.
 */
class IdleShutdownTest extends HCombTestBase {
  static final Duration IDLE = Duration.ofSeconds(2);

  /** The HComb checks every quarter of the delay: half a second of real time. */
  static final Duration CHECK = IDLE.dividedBy(4);

  private final AtomicLong clock = new AtomicLong();

  @Override
  protected HCombConfig config() {
    return super.config().withIdleShutdown(IDLE);
  }

  @Override
  protected TestHooks hooks() {
    return TestHooks.NONE.withNanoClock(clock::get);
  }

  private void pass(Duration time) {
    clock.addAndGet(time.toNanos());
  }

  private boolean deployed() {
    return vertx.deploymentIDs().contains(deployment);
  }

  @Test
  void aBusyHCombStaysAndShutsDownOnceIdle() throws InterruptedException {
    String query = "q-idle";
    TestFuse fuse = startQuery(request(query, 1, TestPlans.finalAggregate(true)));
    // Long past the delay with a query registered (and no stream open), over several checks.
    pass(IDLE.multipliedBy(10));
    Thread.sleep(3 * CHECK.toMillis());
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
    eventually("the query left", () -> hcomb.activeQueries() == 0);
    assertThat(deployed()).as("idle for no time yet").isTrue();

    pass(IDLE.plusSeconds(1));
    eventually("the idle HComb undeployed itself", () -> !deployed());
    assertThat(meters.find("buzz.hcomb.idle.shutdown.remaining").gauge())
        .as("meters leave with the HComb")
        .isNull();
  }
}
