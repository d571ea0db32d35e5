package io.buzz.fuse.metrics;

import io.buzz.fuse.invoke.HBeeInvoker;
import io.buzz.protocol.task.HBeeTask;
import io.buzz.protocol.task.TaskReport;
import io.vertx.core.Future;

/**
 * An {@link HBeeInvoker} that counts invocations (in flight, started, retried, failed) and records
 * every report's figures, whatever the query does with the answer: a late report of a finished
 * query still describes work the fleet did.
 */
final class MeteredInvoker implements HBeeInvoker {
  private final HBeeInvoker delegate;
  private final FuseMetrics metrics;

  MeteredInvoker(HBeeInvoker delegate, FuseMetrics metrics) {
    this.delegate = delegate;
    this.metrics = metrics;
  }

  @Override
  public Future<TaskReport> invoke(HBeeTask task) {
    metrics.invocationStarted(task.getAttempt() > 0);
    Future<TaskReport> invocation;
    try {
      invocation = delegate.invoke(task);
    } catch (RuntimeException e) {
      metrics.invocationFailed(e);
      throw e;
    }
    return invocation.andThen(
        outcome -> {
          if (outcome.succeeded()) {
            metrics.invocationReported(outcome.result());
          } else {
            metrics.invocationFailed(outcome.cause());
          }
        });
  }

  @Override
  public void close() {
    delegate.close();
  }
}
