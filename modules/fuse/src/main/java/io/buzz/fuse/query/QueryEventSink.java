package io.buzz.fuse.query;

import com.google.protobuf.ByteString;
import io.buzz.error.BuzzException;
import io.buzz.protocol.query.Progress;
import io.buzz.protocol.query.Started;
import io.buzz.protocol.query.Statistics;
import io.vertx.core.Handler;

/**
 * Where a running query's events go, in this order: {@link #started}, {@link #progress}*, {@link
 * #schema}, {@link #batch}*, {@link #statistics} — or {@link #fail} at any point, once. Called on
 * the Fuse's event loop.
 */
public interface QueryEventSink {
  void started(Started started);

  void progress(Progress progress);

  /** The result's Arrow IPC encapsulated schema message (immutable, passed on without copying). */
  void schema(ByteString ipcMessage);

  /** One Arrow IPC encapsulated record batch message of the result (passed on without copying). */
  void batch(ByteString ipcMessage);

  void statistics(Statistics statistics);

  void fail(BuzzException error);

  /** True when the consumer is behind and the query should stop pushing result batches. */
  boolean writeQueueFull();

  /** Called once when the consumer caught up after {@link #writeQueueFull()} was true. */
  void drainHandler(Handler<Void> handler);

  /** Called if the consumer goes away (client cancelled). */
  void cancelHandler(Handler<Void> handler);
}
