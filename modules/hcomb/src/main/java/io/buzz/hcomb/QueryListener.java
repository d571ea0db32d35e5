package io.buzz.hcomb;

import io.buzz.error.BuzzException;
import io.buzz.kernels.batch.Batch;
import io.buzz.protocol.hcomb.Finished;
import io.buzz.protocol.hcomb.RunQueryEvent;
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
}
