package io.buzz.fuse.service;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.ByteString;
import io.buzz.error.BuzzException;
import io.buzz.fuse.query.QueryEventSink;
import io.buzz.grpc.GrpcErrors;
import io.buzz.protocol.query.Progress;
import io.buzz.protocol.query.QueryEvent;
import io.buzz.protocol.query.QueryRequest;
import io.buzz.protocol.query.Started;
import io.buzz.protocol.query.Statistics;
import io.vertx.core.Handler;
import io.vertx.grpc.server.GrpcServerRequest;
import io.vertx.grpc.server.GrpcServerResponse;

/**
 * A client's Query call as the sink of one query's events. Runs on the call's event loop. The
 * client going away — a cancelled call (HTTP/2 reset, seen as a gRPC error) or a broken connection
 * — triggers the cancel handler once, and nothing more is written.
 */
final class QueryCall implements QueryEventSink {
  private final GrpcServerResponse<QueryRequest, QueryEvent> response;
  private boolean closed;
  private Handler<Void> cancelHandler = v -> {};

  QueryCall(GrpcServerRequest<QueryRequest, QueryEvent> request) {
    this.response = requireNonNull(request, "request is null").response();
    Handler<Throwable> cancelled =
        failure -> {
          if (!closed) {
            closed = true;
            cancelHandler.handle(null);
          }
        };
    // A client's cancel (RST_STREAM) arrives as a gRPC error, a broken connection as an exception.
    request.errorHandler(error -> cancelled.handle(null));
    request.exceptionHandler(cancelled);
    response.exceptionHandler(cancelled);
  }

  private void write(QueryEvent event) {
    if (!closed) {
      response.write(event);
    }
  }

  @Override
  public void started(Started started) {
    write(QueryEvent.newBuilder().setStarted(started).build());
  }

  @Override
  public void progress(Progress progress) {
    write(QueryEvent.newBuilder().setProgress(progress).build());
  }

  @Override
  public void schema(ByteString ipcMessage) {
    write(QueryEvent.newBuilder().setArrowSchema(ipcMessage).build());
  }

  @Override
  public void batch(ByteString ipcMessage) {
    write(QueryEvent.newBuilder().setArrowBatch(ipcMessage).build());
  }

  @Override
  public void statistics(Statistics statistics) {
    if (!closed) {
      closed = true;
      response.end(QueryEvent.newBuilder().setStatistics(statistics).build());
    }
  }

  @Override
  public void fail(BuzzException error) {
    if (!closed) {
      closed = true;
      GrpcErrors.fail(response, error);
    }
  }

  @Override
  public boolean writeQueueFull() {
    return !closed && response.writeQueueFull();
  }

  @Override
  public void drainHandler(Handler<Void> handler) {
    response.drainHandler(handler);
  }

  @Override
  public void cancelHandler(Handler<Void> handler) {
    this.cancelHandler = requireNonNull(handler, "handler is null");
  }
}
