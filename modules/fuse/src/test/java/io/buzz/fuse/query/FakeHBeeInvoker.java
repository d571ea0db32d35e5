package io.buzz.fuse.query;

import io.buzz.fuse.invoke.HBeeInvoker;
import io.buzz.protocol.task.HBeeTask;
import io.buzz.protocol.task.TaskReport;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A hand-written {@link HBeeInvoker} for dispatcher tests. Each invocation asks the script what to
 * answer; the script returns a future (complete or pending), so a test decides when and how every
 * attempt ends. It records every invocation and the most invocations ever pending at once.
 */
final class FakeHBeeInvoker implements HBeeInvoker {
  private final Function<HBeeTask, Future<TaskReport>> script;
  private final List<HBeeTask> invocations = new ArrayList<>();
  private int pending;
  private int maxPending;

  FakeHBeeInvoker(Function<HBeeTask, Future<TaskReport>> script) {
    this.script = script;
  }

  /** Answers every task with a successful report, on a later turn of the event loop. */
  static FakeHBeeInvoker succeeding(io.vertx.core.Vertx vertx) {
    return new FakeHBeeInvoker(
        task -> {
          Promise<TaskReport> report = Promise.promise();
          vertx.setTimer(1 + task.getTaskId() % 3, id -> report.complete(report(task)));
          return report.future();
        });
  }

  static TaskReport report(HBeeTask task) {
    return TaskReport.newBuilder()
        .setQueryId(task.getQueryId())
        .setTaskId(task.getTaskId())
        .setAttempt(task.getAttempt())
        .build();
  }

  @Override
  public synchronized Future<TaskReport> invoke(HBeeTask task) {
    invocations.add(task);
    pending++;
    maxPending = Math.max(maxPending, pending);
    return script
        .apply(task)
        .onComplete(
            done -> {
              synchronized (this) {
                pending--;
              }
            });
  }

  synchronized List<HBeeTask> invocations() {
    return List.copyOf(invocations);
  }

  /** The attempt numbers task {@code taskId} was invoked with, in order. */
  synchronized List<Integer> attempts(int taskId) {
    List<Integer> attempts = new ArrayList<>();
    for (HBeeTask task : invocations) {
      if (task.getTaskId() == taskId) {
        attempts.add(task.getAttempt());
      }
    }
    return attempts;
  }

  synchronized int maxPending() {
    return maxPending;
  }

  @Override
  public void close() {}
}
