package io.buzz.fuse.invoke;

import io.buzz.protocol.task.HBeeTask;
import io.buzz.protocol.task.TaskReport;
import io.vertx.core.Future;

/**
 * Starts one HBee invocation and completes with its report. The future fails with a {@link
 * io.buzz.error.BuzzException} when the invocation itself failed: UNAVAILABLE when it may be
 * retried (throttled, connection lost), DEADLINE_EXCEEDED when it timed out, the function's own
 * code when the function threw. A task that ran and failed completes normally with {@link
 * TaskReport#hasError()}.
 *
 * <p>Implementations never block; the future completes on the caller's Vert.x context.
 */
public interface HBeeInvoker extends AutoCloseable {
  Future<TaskReport> invoke(HBeeTask task);

  @Override
  void close();
}
