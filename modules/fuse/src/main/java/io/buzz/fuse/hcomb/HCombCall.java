package io.buzz.fuse.hcomb;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.ByteString;
import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import io.buzz.grpc.GrpcErrors;
import io.buzz.grpc.GrpcLimits;
import io.buzz.protocol.hcomb.Finished;
import io.buzz.protocol.hcomb.HCombServiceGrpcClient;
import io.buzz.protocol.hcomb.RunQueryEvent;
import io.buzz.protocol.hcomb.RunQueryRequest;
import io.buzz.protocol.hcomb.TaskCommitted;
import io.buzz.protocol.task.Endpoint;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.GrpcClientRequest;
import io.vertx.grpc.client.GrpcClientResponse;
import io.vertx.grpc.common.GrpcStatus;

/**
 * The Fuse's side of one RunQuery call: registers the query on an HComb, then relays its events.
 *
 * <pre>
 *   open() ──RunQueryRequest──▶ HComb
 *          ◀── Registered            (registered() completes: HBees may start)
 *          ◀── TaskCommitted*        (listener.onTaskCommitted)
 *          ◀── arrow_schema, arrow_batch*  (listener.onSchema / onBatch; pause() / resume())
 *          ◀── Finished, status OK   (done() completes with Finished)
 * </pre>
 *
 * {@link #cancel()} resets the call; the HComb then drops the query. The call's callbacks run on
 * the Vert.x context that called {@link #open}.
 */
public final class HCombCall {
  /** Receives the call's events on the Fuse's event loop. */
  public interface Listener {
    void onTaskCommitted(TaskCommitted committed);

    void onSchema(ByteString ipcSchemaMessage);

    void onBatch(ByteString ipcBatchMessage);
  }

  private final Promise<Void> registered = Promise.promise();
  private final Promise<Finished> done = Promise.promise();
  private final Listener listener;
  private String where = "the HComb";
  private GrpcClientRequest<RunQueryRequest, RunQueryEvent> request;
  private GrpcClientResponse<RunQueryRequest, RunQueryEvent> response;
  private Finished finished;
  private boolean cancelled;

  private HCombCall(Listener listener) {
    this.listener = requireNonNull(listener, "listener is null");
  }

  /** Starts the call; the returned call's {@link #registered()} says when HBees may start. */
  public static HCombCall open(
      GrpcClient client, Endpoint endpoint, RunQueryRequest message, Listener listener) {
    HCombCall call = new HCombCall(listener);
    String where = "HComb " + endpoint.getHost() + ":" + endpoint.getPort();
    call.where = where;
    client
        .request(
            SocketAddress.inetSocketAddress(endpoint.getPort(), endpoint.getHost()),
            HCombServiceGrpcClient.RunQuery)
        .compose(
            request -> {
              call.request = request;
              if (call.cancelled) {
                // cancel() came while the stream was being opened: never register the query.
                request.cancel();
                return Future.failedFuture(
                    new BuzzException(ErrorCode.CANCELLED, "query cancelled"));
              }
              return request.send(message);
            })
        .onSuccess(call::attach)
        .onFailure(
            failure -> call.fail(GrpcErrors.fromClientFailure(failure, "registering on " + where)));
    return call;
  }

  /** Messages are capped on both sides; see {@link GrpcLimits}. */
  static int maxMessageBytes() {
    return GrpcLimits.MAX_MESSAGE_BYTES;
  }

  private void attach(GrpcClientResponse<RunQueryRequest, RunQueryEvent> response) {
    this.response = response;
    response.handler(this::onEvent);
    response.exceptionHandler(
        failure -> fail(GrpcErrors.fromClientFailure(failure, "the call to " + where)));
    response.endHandler(
        v -> {
          if (response.status() != GrpcStatus.OK) {
            fail(GrpcErrors.fromResponse(response, "the call to " + where));
          } else if (finished == null) {
            fail(
                new BuzzException(ErrorCode.INTERNAL, where + " ended the query without a result"));
          } else {
            registered.tryComplete();
            done.tryComplete(finished);
          }
        });
  }

  private void onEvent(RunQueryEvent event) {
    switch (event.getEventCase()) {
      case REGISTERED -> registered.tryComplete();
      case TASK_COMMITTED -> listener.onTaskCommitted(event.getTaskCommitted());
      case ARROW_SCHEMA -> listener.onSchema(event.getArrowSchema());
      case ARROW_BATCH -> listener.onBatch(event.getArrowBatch());
      case FINISHED -> finished = event.getFinished();
      case EVENT_NOT_SET -> {}
    }
  }

  private void fail(BuzzException error) {
    registered.tryFail(error);
    done.tryFail(error);
  }

  /** Completes when the HComb accepted the query. */
  public Future<Void> registered() {
    return registered.future();
  }

  /** Completes when the whole result has arrived, with the HComb's figures. */
  public Future<Finished> done() {
    return done.future();
  }

  /** Stops reading the result (back-pressure from a slow client). */
  public void pause() {
    if (response != null) {
      response.pause();
    }
  }

  public void resume() {
    if (response != null) {
      response.resume();
    }
  }

  /**
   * Abandons the query on the HComb: resets the call, or, while the call is still being opened,
   * resets it as soon as it is open, so the HComb never keeps a query nobody waits for. Call on the
   * context that opened the call.
   */
  public void cancel() {
    cancelled = true;
    if (!done.future().isComplete() && request != null) {
      request.cancel();
    }
    fail(new BuzzException(ErrorCode.CANCELLED, "query cancelled"));
  }
}
