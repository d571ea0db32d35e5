package io.buzz.hbee;

import io.buzz.protocol.task.HBeeTask;
import io.buzz.protocol.task.TaskReport;
import io.vertx.core.Future;

/**
 * What one HBee invocation does: scan one file with the task's plan and stream the result to the
 * HComb. Failures of the task itself are reported in the {@link TaskReport}'s error (and to the
 * HComb); a failed future means the function could not run at all.
 *
 * <p>Implementations are called on a Vert.x event loop and must not block it.
 */
@FunctionalInterface
public interface HBeeFunction {
  Future<TaskReport> handle(HBeeTask task);
}
