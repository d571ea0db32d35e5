package io.buzz.hcomb;

import static java.util.Objects.requireNonNull;

import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
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
 * (the Fuse went away or gave up) cancels the query.
 */
final class RunQueryCall implements ReduceQuery.Listener {
  private final GrpcServerRequest<RunQueryRequest, RunQueryEvent> request;
  private final GrpcServerResponse<RunQueryRequest, RunQueryEvent> response;
  private final Context context;
  private volatile ReduceQuery query;
  private volatile boolean succeeded;
  private boolean closed;

  RunQueryCall(GrpcServerRequest<RunQueryRequest, RunQueryEvent> request, Context context) {
    this.request = requireNonNull(request, "request is null");
    this.response = request.response();
    this.context = requireNonNull(context, "context is null");
    request.exceptionHandler(this::onCancelled);
    response.exceptionHandler(this::onCancelled);
  }

  void attach(ReduceQuery query) {
    this.query = query;
  }

  boolean succeeded() {
    return succeeded;
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
    ReduceQuery owner = query;
    List<RunQueryEvent> events = ResultEncoder.encode(schema, batches, owner.allocator());
    List<RunQueryEvent> all = new ArrayList<>(events);
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
    context.runOnContext(
        v -> {
          if (!closed) {
            closed = true;
            GrpcErrors.fail(response, error);
          }
        });
  }

  private void onCancelled(Throwable cause) {
    context.runOnContext(v -> closed = true);
    ReduceQuery owner = query;
    if (owner != null) {
      owner.fail(new BuzzException(ErrorCode.CANCELLED, "the Fuse cancelled query " + owner.id()));
    }
  }
}
