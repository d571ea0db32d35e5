package io.buzz.hcomb;

import io.buzz.grpc.GrpcErrors;
import io.buzz.kernels.batch.Batch;
import io.buzz.kernels.ipc.IpcCodec;
import io.buzz.protocol.hcomb.Finished;
import io.buzz.protocol.hcomb.HCombServiceGrpcClient;
import io.buzz.protocol.hcomb.RunQueryEvent;
import io.buzz.protocol.hcomb.RunQueryRequest;
import io.buzz.protocol.hcomb.TaskCommitted;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.GrpcClientRequest;
import io.vertx.grpc.common.GrpcStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A test Fuse: one RunQuery call, recording every event, on {@code context}'s event loop.
 * Registered completes {@link #registered()}; the call's end completes {@link #outcome()}.
 */
final class TestFuse {
  /**
   * How the call ended.
   *
   * @param status null when the call failed without a status (reset, connection lost)
   */
  record Outcome(
      GrpcStatus status,
      String message,
      byte[] schema,
      List<byte[]> batches,
      List<TaskCommitted> commits,
      Finished finished) {

    /** The result rows, decoded with {@code allocator} (every buffer is closed again). */
    List<List<Object>> rows(BufferAllocator allocator) {
      Schema arrow = IpcCodec.decodeSchema(schema);
      List<List<Object>> rows = new ArrayList<>();
      for (byte[] message : batches) {
        try (Batch batch = IpcCodec.decodeBatch(message, arrow, allocator)) {
          rows.addAll(TestBatches.rows(batch));
        }
      }
      return rows;
    }

    List<String> columnNames() {
      List<String> names = new ArrayList<>();
      IpcCodec.decodeSchema(schema).getFields().forEach(f -> names.add(f.getName()));
      return names;
    }
  }

  private final Context context;
  private final Promise<Void> registered = Promise.promise();
  private final Promise<Outcome> outcome = Promise.promise();
  private final List<byte[]> batches = new CopyOnWriteArrayList<>();
  private final List<TaskCommitted> commits = new CopyOnWriteArrayList<>();
  private volatile GrpcClientRequest<RunQueryRequest, RunQueryEvent> request;
  private volatile byte[] schema;
  private volatile Finished finished;
  private volatile boolean cancelled;

  private TestFuse(Context context) {
    this.context = context;
  }

  static TestFuse runQuery(
      GrpcClient client, SocketAddress server, Context context, RunQueryRequest message) {
    TestFuse fuse = new TestFuse(context);
    context.runOnContext(
        v ->
            client
                .request(server, HCombServiceGrpcClient.RunQuery)
                .compose(
                    request -> {
                      fuse.request = request;
                      Future<
                              io.vertx.grpc.client.GrpcClientResponse<
                                  RunQueryRequest, RunQueryEvent>>
                          response = request.send(message);
                      if (fuse.cancelled) {
                        request.cancel();
                      }
                      return response;
                    })
                .onFailure(
                    failure -> fuse.outcome.tryComplete(fuse.ended(null, failure.toString())))
                .onSuccess(
                    response -> {
                      response.handler(fuse::onEvent);
                      // A reset of the call (by either side) arrives as a GrpcError.
                      response.errorHandler(
                          error -> fuse.outcome.tryComplete(fuse.ended(null, "reset: " + error)));
                      response.exceptionHandler(
                          failure ->
                              fuse.outcome.tryComplete(fuse.ended(null, failure.toString())));
                      response.endHandler(
                          end ->
                              fuse.outcome.tryComplete(
                                  fuse.ended(
                                      response.status(), GrpcErrors.statusMessage(response))));
                    }));
    fuse.outcome.future().onComplete(done -> fuse.registered.tryFail("ended before Registered"));
    return fuse;
  }

  private void onEvent(RunQueryEvent event) {
    switch (event.getEventCase()) {
      case REGISTERED -> registered.tryComplete();
      case TASK_COMMITTED -> commits.add(event.getTaskCommitted());
      case ARROW_SCHEMA -> schema = event.getArrowSchema().toByteArray();
      case ARROW_BATCH -> batches.add(event.getArrowBatch().toByteArray());
      case FINISHED -> finished = event.getFinished();
      case EVENT_NOT_SET -> {}
    }
  }

  private Outcome ended(GrpcStatus status, String message) {
    return new Outcome(
        status, message, schema, List.copyOf(batches), List.copyOf(commits), finished);
  }

  /** Completes when the HComb sent Registered; fails when the call ended without it. */
  Future<Void> registered() {
    return registered.future();
  }

  Future<Outcome> outcome() {
    return outcome.future();
  }

  /** Resets the call, as a Fuse whose client went away (as soon as it exists). */
  void cancel() {
    context.runOnContext(
        v -> {
          cancelled = true;
          if (request != null) {
            request.cancel();
          }
        });
  }
}
