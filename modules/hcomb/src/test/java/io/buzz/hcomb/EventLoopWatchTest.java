package io.buzz.hcomb;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Promise;
import org.junit.jupiter.api.Test;

/**
 * The harness's blocked-event-loop check can fail: an event loop of the HComb's Vertx held for
 * longer than the limit is reported. (Every other test asserts that nothing was reported.)
 */
class EventLoopWatchTest extends HCombTestBase {

  @Test
  void anEventLoopBlockedLongerThanTheLimitIsReported() throws InterruptedException {
    Promise<Void> unblocked = Promise.promise();
    vertx
        .getOrCreateContext()
        .runOnContext(
            v -> {
              try {
                Thread.sleep(4 * MAX_EVENT_LOOP_MILLIS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              unblocked.complete();
            });
    await(unblocked.future());
    // Let a check that started while the loop was blocked report before draining.
    Thread.sleep(4 * BLOCKED_CHECK_INTERVAL_MILLIS);
    assertThat(blocked.drain())
        .isNotEmpty()
        .first()
        .asString()
        .startsWith("vert.x-eventloop-thread-")
        .contains("limit " + MAX_EVENT_LOOP_MILLIS + " ms");
  }

  /** CPU work on the event loop does not stall the watcher's canary, so it is not discounted. */
  @Test
  void anEventLoopBusyComputingIsReported() throws InterruptedException {
    Promise<Long> done = Promise.promise();
    vertx
        .getOrCreateContext()
        .runOnContext(
            v -> {
              long until = System.nanoTime() + 5 * MAX_EVENT_LOOP_MILLIS * 1_000_000;
              long spins = 0;
              while (System.nanoTime() < until) {
                spins++;
              }
              done.complete(spins);
            });
    assertThat(await(done.future())).isPositive();
    Thread.sleep(4 * BLOCKED_CHECK_INTERVAL_MILLIS);
    assertThat(blocked.drain()).isNotEmpty();
  }
}
