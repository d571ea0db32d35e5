package io.buzz.hcomb;

import io.buzz.error.BuzzException;
import io.buzz.kernels.batch.Batch;
import io.buzz.protocol.hcomb.Finished;
import io.buzz.protocol.hcomb.RunQueryEvent;
import io.buzz.protocol.hcomb.TaskCommitted;
import io.buzz.protocol.task.TaskMetrics;
import java.util.List;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Where a {@link ReduceQuery}'s outcome goes: the Fuse's RunQuery call. Exactly one of {@link
 * #onResult} and {@link #onFailure} is called, once; implementations hop onto their own event loop.
 */
interface QueryListener {
  /** A progress event (a task committed); called on the merge thread. */
  void onEvent(RunQueryEvent event);

  /** The result, in order, owned by the listener; called on the merge thread. */
  void onResult(Schema schema, List<Batch> batches, Finished finished);

  /** The query failed; called from any thread. */
  void onFailure(BuzzException error);

  /** The event telling that {@code stream}'s attempt committed, with what it sent. */
  static RunQueryEvent committed(AttemptStream stream, AttemptState attempt, TaskMetrics metrics) {
    TaskCommitted.Builder committed =
        TaskCommitted.newBuilder().setTaskId(stream.task()).setAttempt(stream.attempt());
    if (attempt != null) {
      committed.setRows(attempt.rows()).setBytes(attempt.bytes());
    }
    return RunQueryEvent.newBuilder().setTaskCommitted(committed.setMetrics(metrics)).build();
  }
}
