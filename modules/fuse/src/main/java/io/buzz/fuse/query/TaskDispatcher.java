package io.buzz.fuse.query;

import static java.util.Objects.requireNonNull;

import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import io.buzz.fuse.invoke.HBeeInvoker;
import io.buzz.protocol.task.HBeeTask;
import io.buzz.protocol.task.TaskReport;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * Launches a query's HBee tasks with at most {@link DispatchConfig#maxInFlight()} invocations in
 * flight, retries retryable failures as new attempts (the HComb keeps one attempt per task), and
 * fails fast on the first task that cannot succeed.
 *
 * <p>Confined to the Vert.x context that calls {@link #dispatch}: every callback runs there, so the
 * counters need no locks.
 */
public final class TaskDispatcher {
  private final Vertx vertx;
  private final HBeeInvoker invoker;
  private final DispatchConfig config;
  private final Promise<List<TaskReport>> done = Promise.promise();
  private List<HBeeTask> tasks;
  private TaskReport[] reports;
  private Consumer<TaskReport> onReport;
  private Context context;
  private int next;
  private int inFlight;
  private int completed;
  private int retries;

  public TaskDispatcher(Vertx vertx, HBeeInvoker invoker, DispatchConfig config) {
    this.vertx = requireNonNull(vertx, "vertx is null");
    this.invoker = requireNonNull(invoker, "invoker is null");
    this.config = requireNonNull(config, "config is null");
  }

  /**
   * Runs every task. The future completes with one report per task, in task order, or fails with
   * the first unrecoverable failure. {@code onReport} sees each successful report as it arrives.
   */
  public Future<List<TaskReport>> dispatch(List<HBeeTask> tasks, Consumer<TaskReport> onReport) {
    this.tasks = List.copyOf(tasks);
    this.reports = new TaskReport[tasks.size()];
    this.onReport = requireNonNull(onReport, "onReport is null");
    this.context = vertx.getOrCreateContext();
    context.runOnContext(v -> fill());
    return done.future();
  }

  /** Stops launching; invocations already running are left to finish and ignored. */
  public void cancel(BuzzException reason) {
    context.runOnContext(v -> done.tryFail(reason));
  }

  /** Retries so far, for statistics. */
  public int retries() {
    return retries;
  }

  private void fill() {
    if (tasks.isEmpty()) {
      done.tryComplete(List.of());
      return;
    }
    while (!done.future().isComplete() && inFlight < config.maxInFlight() && next < tasks.size()) {
      HBeeTask task = tasks.get(next++);
      launch(task);
    }
  }

  private void launch(HBeeTask task) {
    inFlight++;
    invoker
        .invoke(task)
        .onComplete(
            result ->
                context.runOnContext(
                    v -> {
                      inFlight--;
                      if (done.future().isComplete()) {
                        return;
                      }
                      if (result.succeeded() && !result.result().hasError()) {
                        accept(task, result.result());
                      } else {
                        BuzzException error =
                            result.succeeded()
                                ? BuzzException.fromWire(result.result().getError())
                                : BuzzException.wrap(result.cause());
                        retryOrFail(task, error);
                      }
                    }));
  }

  private void accept(HBeeTask task, TaskReport report) {
    reports[task.getTaskId()] = report;
    completed++;
    onReport.accept(report);
    if (completed == tasks.size()) {
      List<TaskReport> all = new ArrayList<>(reports.length);
      for (TaskReport r : reports) {
        all.add(r);
      }
      done.tryComplete(all);
    } else {
      fill();
    }
  }

  private void retryOrFail(HBeeTask task, BuzzException error) {
    boolean retryable =
        error.code() == ErrorCode.UNAVAILABLE || error.code() == ErrorCode.DEADLINE_EXCEEDED;
    int attemptsMade = task.getAttempt() + 1;
    if (!retryable || attemptsMade >= config.maxAttempts()) {
      String suffix = retryable ? " (after " + attemptsMade + " attempts)" : "";
      done.tryFail(new BuzzException(error.code(), error.getMessage() + suffix, error));
      return;
    }
    retries++;
    long base = config.retryBackoff().toMillis() << Math.min(10, task.getAttempt());
    long delay = Math.max(1, base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1));
    HBeeTask again = task.toBuilder().setAttempt(attemptsMade).build();
    inFlight++; // the slot stays taken while the retry waits
    vertx.setTimer(
        delay,
        id ->
            context.runOnContext(
                v -> {
                  inFlight--;
                  if (!done.future().isComplete()) {
                    launch(again);
                  }
                }));
  }
}
