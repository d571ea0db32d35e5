package io.buzz.fuse.client;

import static java.util.Objects.requireNonNull;

import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import io.buzz.grpc.GrpcErrors;
import io.buzz.grpc.GrpcLimits;
import io.buzz.kernels.batch.Batch;
import io.buzz.kernels.ipc.IpcCodec;
import io.buzz.protocol.query.QueryEvent;
import io.buzz.protocol.query.QueryRequest;
import io.buzz.protocol.query.QueryServiceGrpcClient;
import io.buzz.protocol.query.Started;
import io.buzz.protocol.query.Statistics;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
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
  private final GrpcClient client;
  private final SocketAddress address;

  public QueryClient(Vertx vertx, String host, int port) {
    this.client =
        GrpcClient.client(requireNonNull(vertx, "vertx is null"), GrpcLimits.clientOptions());
    this.address = SocketAddress.inetSocketAddress(port, host);
  }

  /** Receives a query's events, on a Vert.x event loop. */
  public interface Listener {
    default void onStarted(Started started) {}

    default void onProgress(int done, int total) {}

    /** The result's schema, once, before any batch. */
    default void onSchema(Schema schema) {}

    /** One result batch, owned by the listener. */
    void onBatch(Schema schema, Batch batch);

    default void onStatistics(Statistics statistics) {}
  }

  /**
   * Runs a query and streams its events to {@code listener}; the future completes when the call
   * ended successfully and fails with a BuzzException otherwise.
   */
  public Future<Void> query(
      String json, Duration timeout, BufferAllocator allocator, Listener listener) {
    Promise<Void> done = Promise.promise();
    Schema[] schema = new Schema[1];
    client
        .request(address, QueryServiceGrpcClient.Query)
        .compose(
            request -> {
              request.timeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
              return request.send(QueryRequest.newBuilder().setQueryJson(json).build());
            })
        .onFailure(failure -> done.tryFail(GrpcErrors.fromClientFailure(failure, "the query call")))
        .onSuccess(
            response -> {
              response.handler(
                  event -> {
                    try {
                      handle(event, schema, allocator, listener);
                    } catch (RuntimeException e) {
                      done.tryFail(BuzzException.wrap(e));
                    }
                  });
              response.exceptionHandler(
                  failure -> done.tryFail(GrpcErrors.fromClientFailure(failure, "the query call")));
              response.endHandler(
                  v -> {
                    if (response.status() == GrpcStatus.OK) {
                      done.tryComplete();
                    } else {
                      done.tryFail(GrpcErrors.fromResponse(response, "the query"));
                    }
                  });
            });
    return done.future();
  }

  private static void handle(
      QueryEvent event, Schema[] schema, BufferAllocator allocator, Listener listener) {
    switch (event.getEventCase()) {
      case STARTED -> listener.onStarted(event.getStarted());
      case PROGRESS ->
          listener.onProgress(
              event.getProgress().getTasksDone(), event.getProgress().getTasksTotal());
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
