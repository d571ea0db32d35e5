package io.buzz.hbee.runtime;

import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import io.buzz.kernels.batch.Batch;
import io.buzz.protocol.task.HBeeTask;
import java.util.List;

/**
 * A task's memory against its limit: Arrow buffers (decoded batches, output not yet encoded) and
 * the operators' state on the heap (hash tables, sort buffers), which the allocator does not see.
 * Over the limit, the task fails with LIMIT_EXCEEDED naming it, never an OutOfMemoryError.
 */
final class TaskMemory {
  private TaskMemory() {}

  /**
   * @param pending batches not yet handed on: closed when the task is over its limit
   * @throws BuzzException LIMIT_EXCEEDED naming the task, its memory and its limit
   */
  static void check(HBeeTask task, long arrow, long state, long limit, List<Batch> pending) {
    if (arrow + state <= limit) {
      return;
    }
    for (Batch batch : pending) {
      batch.close();
    }
    throw new BuzzException(
        ErrorCode.LIMIT_EXCEEDED,
        "memory limit exceeded: task "
            + task.getTaskId()
            + " of query "
            + task.getQueryId()
            + " holds "
            + (arrow + state)
            + " bytes ("
            + state
            + " of operator state, "
            + arrow
            + " of Arrow buffers), over its limit of "
            + limit
            + " bytes; aggregate to fewer groups per file or give HBees more memory");
  }
}
