package io.buzz.fuse.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import io.buzz.fuse.invoke.HBeeInvoker;
import io.buzz.protocol.task.HBeeTask;
import io.buzz.protocol.task.TaskError;
import io.buzz.protocol.task.TaskMetrics;
import io.buzz.protocol.task.TaskReport;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class MeteredInvokerTest {
  private final MeterRegistry registry = new SimpleMeterRegistry();
  private final FuseMetrics metrics = new FuseMetrics(registry);

  private HBeeInvoker invoker(Function<HBeeTask, Future<TaskReport>> answer) {
    return metrics.meter(
        new HBeeInvoker() {
          @Override
          public Future<TaskReport> invoke(HBeeTask task) {
            return answer.apply(task);
          }

          @Override
          public void close() {}
        });
  }

  private double count(String name, String... tags) {
    return registry.get(name).tags(tags).counter().count();
  }

  private double inFlight() {
    return registry.get("buzz.fuse.hbee.invocations.in.flight").gauge().value();
  }

  private static HBeeTask attempt(int attempt) {
    return HBeeTask.newBuilder().setQueryId("q").setTaskId(0).setAttempt(attempt).build();
  }

  @Test
  void aReportedTaskRecordsItsFiguresAndLeavesTheFlight() {
    Promise<TaskReport> answer = Promise.promise();
    HBeeInvoker invoker = invoker(task -> answer.future());
    invoker.invoke(attempt(0));
    assertThat(inFlight()).isEqualTo(1);
    answer.complete(
        TaskReport.newBuilder()
            .setMetrics(
                TaskMetrics.newBuilder()
                    .setIoRequests(3)
                    .setBytesRead(3_000)
                    .setTimeToFirstByteMicros(1_500)
                    .setDecodeMicros(250_000)
                    .setRowsScanned(1_000)
                    .setRowsOut(7)
                    .setBytesOut(512)
                    .setDurationMicros(400_000)
                    .setColdStart(true))
            .build());

    assertThat(inFlight()).isZero();
    assertThat(count("buzz.fuse.hbee.invocations.started")).isEqualTo(1);
    assertThat(count("buzz.fuse.hbee.invocations.retried")).isZero();
    assertThat(count("buzz.hbee.tasks", "outcome", "succeeded", "start", "cold")).isEqualTo(1);
    assertThat(count("buzz.hbee.io.requests")).isEqualTo(3);
    assertThat(count("buzz.hbee.read")).isEqualTo(3_000);
    assertThat(count("buzz.hbee.decode")).isEqualTo(0.25);
    assertThat(count("buzz.hbee.rows.scanned")).isEqualTo(1_000);
    assertThat(count("buzz.hbee.rows.out")).isEqualTo(7);
    assertThat(count("buzz.hbee.out")).isEqualTo(512);
    assertThat(
            registry.get("buzz.hbee.time.to.first.byte").timer().totalTime(TimeUnit.MICROSECONDS))
        .isEqualTo(1_500);
    assertThat(registry.get("buzz.hbee.task.duration").timer().count()).isEqualTo(1);
  }

  @Test
  void failuresAreCountedByErrorKindAndRetriesByAttempt() {
    HBeeInvoker throttled =
        invoker(
            task -> Future.failedFuture(new BuzzException(ErrorCode.UNAVAILABLE, "Rate exceeded")));
    throttled.invoke(attempt(0));
    throttled.invoke(attempt(1));
    HBeeInvoker badFile =
        invoker(
            task ->
                Future.succeededFuture(
                    TaskReport.newBuilder()
                        .setError(
                            TaskError.newBuilder()
                                .setCode(io.buzz.protocol.task.ErrorCode.BAD_QUERY)
                                .setMessage("not a Parquet file"))
                        .build()));
    badFile.invoke(attempt(0));

    assertThat(inFlight()).isZero();
    assertThat(count("buzz.fuse.hbee.invocations.started")).isEqualTo(3);
    assertThat(count("buzz.fuse.hbee.invocations.retried")).isEqualTo(1);
    assertThat(count("buzz.fuse.hbee.invocations.failed", "error_kind", "unavailable"))
        .isEqualTo(2);
    assertThat(count("buzz.fuse.hbee.invocations.failed", "error_kind", "bad_query")).isEqualTo(1);
    assertThat(count("buzz.hbee.tasks", "outcome", "failed", "start", "warm")).isEqualTo(1);
  }

  @Test
  void anInvokerThatThrowsStillLeavesTheFlight() {
    HBeeInvoker broken =
        invoker(
            task -> {
              throw new IllegalStateException("client closed");
            });
    assertThatThrownBy(() -> broken.invoke(attempt(0))).hasMessage("client closed");
    assertThat(inFlight()).isZero();
    assertThat(count("buzz.fuse.hbee.invocations.failed", "error_kind", "internal")).isEqualTo(1);
  }
}
