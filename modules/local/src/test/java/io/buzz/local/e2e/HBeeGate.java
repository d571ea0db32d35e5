package io.buzz.local.e2e;

import io.buzz.hbee.HBeeFunction;
import io.buzz.protocol.task.HBeeTask;
import io.buzz.protocol.task.TaskReport;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/**
 * Stands between the local Lambda-compatible endpoint and the real HBee runtime (installed with
 * {@code LocalStackConfig.withHBeeInterceptor}): it records each invocation and report, can hold
 * invocations until a test releases them, and can rewrite tasks. Everything else stays real.
 */
final class HBeeGate implements UnaryOperator<HBeeFunction> {
  private record Held(Context context, Promise<Void> release) {}

  private final List<HBeeTask> invocations = new CopyOnWriteArrayList<>();
  private final List<TaskReport> reports = new CopyOnWriteArrayList<>();
  private final List<Held> held = new ArrayList<>();
  private volatile boolean holding;
  private volatile UnaryOperator<HBeeTask> rewrite = UnaryOperator.identity();

  @Override
  public HBeeFunction apply(HBeeFunction runtime) {
    return task -> {
      invocations.add(task);
      Future<Void> go = Future.succeededFuture();
      synchronized (this) {
        if (holding) {
          Promise<Void> release = Promise.promise();
          held.add(new Held(Vertx.currentContext(), release));
          go = release.future();
        }
      }
      return go.compose(v -> runtime.handle(rewrite.apply(task)))
          .onSuccess(
              report -> {
                // A straggler invoked before the last reset (a query ends once every task has
                // committed, its invocations may report a moment later) is not recorded.
                if (invocations.contains(task)) {
                  reports.add(report);
                }
              });
    };
  }

  /** From now on, invocations wait until {@link #release()}. */
  synchronized void hold() {
    holding = true;
  }

  /** Lets every held invocation run (on its own context) and stops holding new ones. */
  void release() {
    List<Held> waiting;
    synchronized (this) {
      holding = false;
      waiting = new ArrayList<>(held);
      held.clear();
    }
    for (Held h : waiting) {
      h.context().runOnContext(v -> h.release().complete());
    }
  }

  synchronized int waiting() {
    return held.size();
  }

  /** Blocks the test thread until {@code count} invocations are held. */
  void awaitWaiting(int count) throws InterruptedException {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (waiting() < count) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("only " + waiting() + " of " + count + " invocations arrived");
      }
      Thread.sleep(5);
    }
  }

  /** Changes each task before the runtime sees it (e.g. moves its deadline). */
  void rewrite(UnaryOperator<HBeeTask> change) {
    rewrite = change;
  }

  List<HBeeTask> invocations() {
    return List.copyOf(invocations);
  }

  List<TaskReport> reports() {
    return List.copyOf(reports);
  }

  /** Back to pass-through with empty records; releases anything held. */
  void reset() {
    release();
    rewrite = UnaryOperator.identity();
    invocations.clear();
    reports.clear();
  }
}
