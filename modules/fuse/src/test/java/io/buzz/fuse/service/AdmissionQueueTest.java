package io.buzz.fuse.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import io.buzz.fuse.metrics.FuseMetrics;
import io.buzz.fuse.query.QueryEventSink;
import io.buzz.protocol.query.Progress;
import io.buzz.protocol.query.Started;
import io.buzz.protocol.query.Statistics;
import io.buzz.testing.Await;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Admission: slots, a bounded FIFO queue, deadlines and cancels while waiting. */
class AdmissionQueueTest {
  private Vertx vertx;
  private Context context;
  private SimpleMeterRegistry registry;
  private AdmissionQueue admission;
  private final List<String> started = new ArrayList<>();
  private final List<Duration> waits = new ArrayList<>();

  /** A client call: records how it was failed, and lets the test cancel it. */
  private static final class Call implements QueryEventSink {
    volatile BuzzException failure;
    Handler<Void> cancel = v -> {};

    @Override
    public void started(Started started) {}

    @Override
    public void progress(Progress progress) {}

    @Override
    public void schema(ByteString ipcMessage) {}

    @Override
    public void batch(ByteString ipcMessage) {}

    @Override
    public void statistics(Statistics statistics) {}

    @Override
    public void fail(BuzzException error) {
      failure = error;
    }

    @Override
    public boolean writeQueueFull() {
      return false;
    }

    @Override
    public void drainHandler(Handler<Void> handler) {}

    @Override
    public void cancelHandler(Handler<Void> handler) {
      cancel = handler;
    }
  }

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    context = vertx.getOrCreateContext();
    registry = new SimpleMeterRegistry();
    admission = new AdmissionQueue(vertx, context, 1, 1, new FuseMetrics(registry));
  }

  @AfterEach
  void tearDown() {
    Await.result(vertx.close());
  }

  private <T> T on(Callable<T> action) {
    Promise<T> result = Promise.promise();
    context.runOnContext(
        v -> {
          try {
            result.complete(action.call());
          } catch (Exception e) {
            result.fail(e);
          }
        });
    return Await.result(result.future());
  }

  /** Submits a query named {@code name} that runs until {@code end} completes. */
  private Call submit(String name, Duration deadline, Promise<Void> end) {
    Call call = new Call();
    on(
        () -> {
          admission.submit(
              call,
              deadline,
              waited -> {
                started.add(name);
                waits.add(waited);
                return end.future();
              });
          return null;
        });
    return call;
  }

  @Test
  void aBusyServerQueuesThenRefusesAndStartsTheQueuedQueryWhenASlotFrees() {
    Promise<Void> endA = Promise.promise();
    submit("a", Duration.ofMinutes(1), endA);
    Call b = submit("b", Duration.ofMinutes(1), Promise.promise());
    Call c = submit("c", Duration.ofMinutes(1), Promise.promise());

    assertThat(on(() -> List.copyOf(started))).containsExactly("a");
    assertThat(b.failure).isNull();
    assertThat(c.failure.code()).isEqualTo(ErrorCode.LIMIT_EXCEEDED);
    assertThat(c.failure.getMessage())
        .contains("at capacity: 1 queries running and 1 waiting")
        .contains("retry later");
    assertThat(admission.waiting()).isEqualTo(1);
    assertThat(registry.get("buzz.fuse.queries.queued").gauge().value()).isEqualTo(1);

    on(
        () -> {
          endA.complete();
          return null;
        });
    assertThat(on(() -> List.copyOf(started))).containsExactly("a", "b");
    assertThat(on(() -> waits.get(1))).isPositive();
    assertThat(admission.waiting()).isZero();
    assertThat(
            registry
                .get("buzz.fuse.queries.rejected")
                .tag("reason", "queue_full")
                .counter()
                .count())
        .isEqualTo(1);
    assertThat(registry.get("buzz.fuse.queue.wait.duration").timer().count()).isEqualTo(2);
  }

  @Test
  void aDeadlineThatPassesInTheQueueEndsTheQueryWithoutRunningIt() throws Exception {
    submit("a", Duration.ofMinutes(1), Promise.promise());
    Call b = submit("b", Duration.ofMillis(50), Promise.promise());

    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (b.failure == null && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(b.failure.code()).isEqualTo(ErrorCode.DEADLINE_EXCEEDED);
    assertThat(b.failure.getMessage()).contains("waited 50 ms for one of the 1 query slots");
    assertThat(on(() -> List.copyOf(started))).containsExactly("a");
    assertThat(admission.waiting()).isZero();
  }

  @Test
  void aClientThatLeavesTheQueueIsNeverStarted() {
    Promise<Void> endA = Promise.promise();
    submit("a", Duration.ofMinutes(1), endA);
    Call b = submit("b", Duration.ofMinutes(1), Promise.promise());
    on(
        () -> {
          b.cancel.handle(null);
          return null;
        });
    assertThat(admission.waiting()).isZero();

    on(
        () -> {
          endA.complete();
          return null;
        });
    submit("c", Duration.ofMinutes(1), Promise.promise());
    assertThat(on(() -> List.copyOf(started))).containsExactly("a", "c");
  }

  @Test
  void aJobThatThrowsStillFreesItsSlot() {
    Call broken = new Call();
    on(
        () -> {
          admission.submit(
              broken,
              Duration.ofMinutes(1),
              waited -> {
                throw new IllegalStateException("boom");
              });
          return null;
        });
    submit("next", Duration.ofMinutes(1), Promise.promise());
    assertThat(on(() -> List.copyOf(started))).containsExactly("next");
    assertThat(on(admission::running)).isEqualTo(1);
    assertThat(broken.failure.getMessage()).isEqualTo("boom");
  }
}
