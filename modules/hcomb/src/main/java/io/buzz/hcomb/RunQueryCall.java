package io.buzz.hcomb;

import static java.util.Objects.requireNonNull;

import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import io.buzz.exec.ExecErrors;
import io.buzz.grpc.GrpcErrors;
import io.buzz.grpc.StreamWrites;
import io.buzz.kernels.batch.Batch;
import io.buzz.protocol.hcomb.Finished;
import io.buzz.protocol.hcomb.RunQueryEvent;
import io.buzz.protocol.hcomb.RunQueryRequest;
import io.vertx.core.Context;
import io.vertx.grpc.server.GrpcServerRequest;
import io.vertx.grpc.server.GrpcServerResponse;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The Fuse's RunQuery call for one query: the query's events go out on it, and its cancellation
 * (the Fuse reset the call or its connection broke) cancels the query.
 *
 * <pre>
 *   Fuse ──RunQueryRequest──▶ register ──▶ Registered, TaskCommitted*, schema, batches*, Finished, OK
 *                                      └──▶ (or) an error status
 *   Fuse reset / connection lost ──▶ query.fail(CANCELLED)
 * </pre>
 *
 * <p>Threads: writes happen on the call's event loop ({@code context}); the listener methods may be
 * called from merge threads and hop onto it. The call is ended exactly once, unless the Fuse reset
 * it first; nothing is written after that.
 */
final class RunQueryCall implements QueryListener {
  private final GrpcServerResponse<RunQueryRequest, RunQueryEvent> response;
  private final Context context;
  private volatile ReduceQuery query;
  private volatile boolean succeeded;
  // Event loop only.
  private boolean closed;

  RunQueryCall(GrpcServerRequest<RunQueryRequest, RunQueryEvent> request, Context context) {
    this.response = requireNonNull(request, "request is null").response();
    this.context = requireNonNull(context, "context is null");
    // A reset arrives as a GrpcError, a lost connection as an exception.
    request.errorHandler(
        error -> onCancelled("the Fuse cancelled the RunQuery call (" + error + ")"));
    request.exceptionHandler(failure -> onCancelled("the Fuse's connection broke: " + failure));
    response.exceptionHandler(failure -> onCancelled("the Fuse's connection broke: " + failure));
  }

  /** Binds the registered query; its failures and result go out on this call. Event loop. */
  void attach(ReduceQuery registered) {
    this.query = registered;
  }

  /** True once the call was ended or cancelled. Event loop. */
  boolean isClosed() {
    return closed;
  }

  /** True when the query produced its result (whether or not the Fuse received all of it). */
  boolean succeeded() {
    return succeeded;
  }

  /** Ends the call with {@code error} before or instead of a query. Event loop. */
  void refuse(BuzzException error) {
    if (!closed) {
      closed = true;
      GrpcErrors.fail(response, error);
    }
  }

  void send(RunQueryEvent event) {
    context.runOnContext(
        v -> {
          if (!closed) {
            response.write(event);
          }
        });
  }

  @Override
  public void onEvent(RunQueryEvent event) {
    send(event);
  }

  @Override
  public void onResult(Schema schema, List<Batch> batches, Finished finished) {
    List<RunQueryEvent> all;
    try {
      all = new ArrayList<>(ResultEncoder.encode(schema, batches, query.allocator()));
    } catch (RuntimeException e) {
      onFailure(ExecErrors.toBuzz(e));
      return;
    }
    all.add(RunQueryEvent.newBuilder().setFinished(finished).build());
    succeeded = true;
    context.runOnContext(
        v -> {
          if (closed) {
            return;
          }
          StreamWrites.writeAll(context, response, all.iterator())
              .onComplete(
                  done -> {
                    if (closed) {
                      return;
                    }
                    closed = true;
                    if (done.succeeded()) {
                      response.end();
                    } else {
                      GrpcErrors.fail(response, done.cause());
                    }
                  });
        });
  }

  @Override
  public void onFailure(BuzzException error) {
    context.runOnContext(v -> refuse(error));
  }

  private void onCancelled(String why) {
    if (closed) {
      return;
    }
    closed = true;
    ReduceQuery owner = query;
    if (owner != null) {
      owner.fail(
          new BuzzException(ErrorCode.CANCELLED, "query " + owner.id() + " cancelled: " + why));
    }
  }
}
