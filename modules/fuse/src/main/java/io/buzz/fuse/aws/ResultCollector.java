package io.buzz.fuse.aws;

import com.google.protobuf.ByteString;
import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import io.buzz.fuse.query.QueryEventSink;
import io.buzz.kernels.ipc.IpcCodec;
import io.buzz.protocol.query.Progress;
import io.buzz.protocol.query.Started;
import io.buzz.protocol.query.Statistics;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import java.io.ByteArrayOutputStream;

/**
 * A {@link QueryEventSink} that keeps the whole result as one Arrow IPC stream (schema, batches,
 * end-of-stream marker), for entry points that answer in one piece (the Fuse's Lambda function). A
 * result beyond {@code maxBytes} fails the query with LIMIT_EXCEEDED rather than exhaust the
 * function's memory. Called on the query's event loop.
 */
final class ResultCollector implements QueryEventSink {
  /** What the query produced. */
  record Collected(String queryId, byte[] arrowStream, Statistics statistics) {}

  private final long maxBytes;
  private final ByteArrayOutputStream stream = new ByteArrayOutputStream();
  private final Promise<Collected> done = Promise.promise();
  private Handler<Void> cancel;

  ResultCollector(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  Future<Collected> done() {
    return done.future();
  }

  /** Gives up on the query (the function's time is running out). */
  void cancel() {
    if (cancel != null) {
      cancel.handle(null);
    }
  }

  @Override
  public void started(Started started) {}

  @Override
  public void progress(Progress progress) {}

  @Override
  public void schema(ByteString ipcMessage) {
    append(ipcMessage);
  }

  @Override
  public void batch(ByteString ipcMessage) {
    append(ipcMessage);
  }

  private void append(ByteString message) {
    if (done.future().isComplete()) {
      return;
    }
    if (stream.size() + (long) message.size() > maxBytes) {
      done.tryFail(
          new BuzzException(
              ErrorCode.LIMIT_EXCEEDED,
              "the result is larger than the Fuse function's limit of "
                  + (maxBytes >> 20)
                  + " MB; aggregate further or add a LIMIT, or use the gRPC service"));
      cancel();
      return;
    }
    try {
      message.writeTo(stream);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e); // a ByteArrayOutputStream does not fail
    }
  }

  @Override
  public void statistics(Statistics statistics) {
    stream.writeBytes(IpcCodec.endOfStream());
    done.tryComplete(new Collected(statistics.getQueryId(), stream.toByteArray(), statistics));
  }

  @Override
  public void fail(BuzzException error) {
    done.tryFail(error);
  }

  @Override
  public boolean writeQueueFull() {
    return false;
  }

  @Override
  public void drainHandler(Handler<Void> handler) {}

  @Override
  public void cancelHandler(Handler<Void> handler) {
    this.cancel = handler;
  }
}
