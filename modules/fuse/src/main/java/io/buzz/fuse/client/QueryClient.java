package io.buzz.fuse.client;

import static java.util.Objects.requireNonNull;

import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import io.buzz.grpc.GrpcErrors;
import io.buzz.grpc.GrpcLimits;
import io.buzz.kernels.batch.Batch;
import io.buzz.kernels.ipc.IpcCodec;
import io.buzz.protocol.query.Progress;
import io.buzz.protocol.query.QueryEvent;
import io.buzz.protocol.query.QueryRequest;
import io.buzz.protocol.query.QueryServiceGrpcClient;
import io.buzz.protocol.query.Started;
import io.buzz.protocol.query.Statistics;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.GrpcClientRequest;
import io.vertx.grpc.client.GrpcClientResponse;
import io.vertx.grpc.common.GrpcStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A Java client of the Fuse's query API ({@code buzz.query.v1.QueryService/Query}). Failures arrive
 * as {@link BuzzException}s whose code comes from the gRPC status.
 */
public final class QueryClient implements AutoCloseable {
  private final Vertx vertx;
  private final GrpcClient client;
  private final SocketAddress address;
  private final String where;

  public QueryClient(Vertx vertx, String host, int port) {
    this.vertx = requireNonNull(vertx, "vertx is null");
    this.client = GrpcClient.client(vertx, GrpcLimits.clientOptions());
    this.address = SocketAddress.inetSocketAddress(port, host);
    this.where = host + ":" + port;
  }

  /** Receives a query's events, on a Vert.x event loop. */
  public interface Listener {
    default void onStarted(Started started) {}

    /** Where the query is: tasks and files done, rows and bytes scanned, HBees running. */
    default void onProgress(Progress progress) {}

    /** The result's schema, once, before any batch. */
    default void onSchema(Schema schema) {}

    /** One result batch, owned by the listener. */
    void onBatch(Schema schema, Batch batch);

    default void onStatistics(Statistics statistics) {}
  }

  /**
   * A query in progress. Every method may be called from any thread; they act on the call's event
   * loop.
   */
  public interface RunningQuery {
    /** Completes when the call ended successfully; fails with a BuzzException otherwise. */
    Future<Void> done();

    /**
     * Stops reading the result: the server's writes back up and the Fuse pauses the HComb, so a
     * slow consumer holds memory nowhere.
     */
    void pause();

    /** Reads again after {@link #pause()}. */
    void resume();

    /** Cancels the call (the Fuse then cancels the query); {@link #done()} fails CANCELLED. */
    void cancel();
  }

  /**
   * Runs a query and streams its events to {@code listener}, on one event loop; the future
   * completes when the call ended successfully and fails with a BuzzException otherwise.
   */
  public Future<Void> query(
      String json, Duration timeout, BufferAllocator allocator, Listener listener) {
    return start(json, timeout, allocator, listener).done();
  }

  /** Starts a query whose events go to {@code listener}; see {@link RunningQuery}. */
  public RunningQuery start(
      String json, Duration timeout, BufferAllocator allocator, Listener listener) {
    Call call = new Call(vertx.getOrCreateContext());
    call.context.runOnContext(v -> call.open(json, timeout, allocator, listener));
    return call;
  }

  /** One Query call, confined to {@link #context}. */
  private final class Call implements RunningQuery {
    private final Context context;
    private final Promise<Void> done = Promise.promise();
    private final Schema[] schema = new Schema[1];
    private GrpcClientRequest<QueryRequest, QueryEvent> request;
    private GrpcClientResponse<QueryRequest, QueryEvent> response;
    private boolean paused;
    private boolean cancelled;

    Call(Context context) {
      this.context = context;
    }

    void open(String json, Duration timeout, BufferAllocator allocator, Listener listener) {
      client
          .request(address, QueryServiceGrpcClient.Query)
          .recover(
              failure ->
                  Future.failedFuture(
                      GrpcErrors.fromClientFailure(
                          failure, "connecting to the Buzz query API at " + where)))
          .compose(
              opened -> {
                request = opened;
                if (cancelled) {
                  opened.cancel();
                  return Future.failedFuture(cancelledError());
                }
                opened.timeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
                return opened.send(QueryRequest.newBuilder().setQueryJson(json).build());
              })
          .onFailure(failure -> done.tryFail(callFailure(failure)))
          .onSuccess(opened -> attach(opened, allocator, listener));
    }

    private void attach(
        GrpcClientResponse<QueryRequest, QueryEvent> opened,
        BufferAllocator allocator,
        Listener listener) {
      response = opened;
      if (paused) {
        opened.pause();
      }
      opened.handler(
          event -> {
            try {
              handle(event, schema, allocator, listener);
            } catch (RuntimeException e) {
              done.tryFail(BuzzException.wrap(e));
              request.cancel();
            }
          });
      opened.exceptionHandler(
          failure -> done.tryFail(cancelled ? cancelledError() : callFailure(failure)));
      opened.endHandler(
          v -> {
            if (opened.status() == GrpcStatus.OK) {
              done.tryComplete();
            } else {
              done.tryFail(GrpcErrors.fromResponse(opened, "the query"));
            }
          });
    }

    @Override
    public Future<Void> done() {
      return done.future();
    }

    @Override
    public void pause() {
      context.runOnContext(
          v -> {
            paused = true;
            if (response != null) {
              response.pause();
            }
          });
    }

    @Override
    public void resume() {
      context.runOnContext(
          v -> {
            paused = false;
            if (response != null) {
              response.resume();
            }
          });
    }

    @Override
    public void cancel() {
      context.runOnContext(
          v -> {
            cancelled = true;
            if (request != null && !done.future().isComplete()) {
              request.cancel();
            }
            done.tryFail(cancelledError());
          });
    }

    private BuzzException callFailure(Throwable failure) {
      if (failure instanceof HttpClosedException) {
        return new BuzzException(
            ErrorCode.UNAVAILABLE,
            "the Buzz server at " + where + " closed the connection: " + failure.getMessage(),
            failure);
      }
      return GrpcErrors.fromClientFailure(failure, "the query call");
    }

    private BuzzException cancelledError() {
      return new BuzzException(ErrorCode.CANCELLED, "the query was cancelled");
    }
  }

  private static void handle(
      QueryEvent event, Schema[] schema, BufferAllocator allocator, Listener listener) {
    switch (event.getEventCase()) {
      case STARTED -> listener.onStarted(event.getStarted());
      case PROGRESS -> listener.onProgress(event.getProgress());
      case ARROW_SCHEMA -> {
        schema[0] = IpcCodec.decodeSchema(event.getArrowSchema().toByteArray());
        listener.onSchema(schema[0]);
      }
      case ARROW_BATCH -> {
        if (schema[0] == null) {
          throw new BuzzException(ErrorCode.INTERNAL, "the server sent a batch before the schema");
        }
        listener.onBatch(
            schema[0],
            IpcCodec.decodeBatch(event.getArrowBatch().toByteArray(), schema[0], allocator));
      }
      case STATISTICS -> listener.onStatistics(event.getStatistics());
      case EVENT_NOT_SET -> {}
    }
  }

  /** Runs a query and collects its whole result. */
  public Future<QueryResult> query(String json, Duration timeout, BufferAllocator allocator) {
    List<VectorSchemaRoot> batches = new ArrayList<>();
    Started[] started = {Started.getDefaultInstance()};
    Statistics[] statistics = {Statistics.getDefaultInstance()};
    Schema[] resultSchema = {null};
    return query(
            json,
            timeout,
            allocator,
            new Listener() {
              @Override
              public void onStarted(Started s) {
                started[0] = s;
              }

              @Override
              public void onSchema(Schema schema) {
                resultSchema[0] = schema;
              }

              @Override
              public void onBatch(Schema schema, Batch batch) {
                batches.add(batch.toOwningRoot());
              }

              @Override
              public void onStatistics(Statistics s) {
                statistics[0] = s;
              }
            })
        .map(v -> new QueryResult(resultSchema[0], batches, started[0], statistics[0]))
        .onFailure(
            failure -> {
              for (VectorSchemaRoot batch : batches) {
                batch.close();
              }
            });
  }

  @Override
  public void close() {
    client.close();
  }
}
