package io.buzz.hcomb;

import static java.util.Objects.requireNonNull;

import io.buzz.concurrent.SerialExecutor;
import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import io.buzz.exec.ExecErrors;
import io.buzz.exec.HCombMerge;
import io.buzz.grpc.GrpcErrors;
import io.buzz.grpc.GrpcLimits;
import io.buzz.protocol.flight.FlightServiceGrpcService;
import io.buzz.protocol.hcomb.HCombServiceGrpcService;
import io.buzz.protocol.hcomb.Registered;
import io.buzz.protocol.hcomb.RunQueryEvent;
import io.buzz.protocol.hcomb.RunQueryRequest;
import io.buzz.protocol.task.Endpoint;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.Http2Settings;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.grpc.server.GrpcServer;
import io.vertx.grpc.server.GrpcServerRequest;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.arrow.memory.BufferAllocator;

/**
 * The HComb: a Vert.x gRPC server with two services on one port.
 *
 * <ul>
 *   <li>{@code buzz.hcomb.v1.HCombService/RunQuery} — the Fuse registers a query and keeps the call
 *       open until the result has been streamed back (see {@link RunQueryCall}).
 *   <li>{@code arrow.flight.protocol.FlightService/DoPut} — each HBee task attempt pushes its Arrow
 *       batches (see {@link AttemptStream}).
 * </ul>
 *
 * <p>Decoding and merging run on a pool of merge threads, one {@link SerialExecutor} per query; the
 * event loop only moves bytes.
 */
public final class HCombVerticle extends VerticleBase {
  private final HCombConfig config;
  private final BufferAllocator root;
  private final QueryRegistry registry = new QueryRegistry();
  private final HCombStats stats = new HCombStats();
  private final String hcombId = "hcomb-" + UUID.randomUUID().toString().substring(0, 8);
  private ExecutorService mergePool;
  private HttpServer server;

  /**
   * @param root the process's root allocator; each query gets a child with the configured limit
   */
  public HCombVerticle(HCombConfig config, BufferAllocator root) {
    this.config = requireNonNull(config, "config is null");
    this.root = requireNonNull(root, "root is null");
  }

  @Override
  public Future<?> start() {
    AtomicInteger threadNumber = new AtomicInteger();
    mergePool =
        Executors.newFixedThreadPool(
            config.mergeThreads(),
            runnable -> {
              Thread thread =
                  new Thread(runnable, "buzz-hcomb-merge-" + threadNumber.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    GrpcServer grpc = GrpcServer.server(vertx, GrpcLimits.serverOptions());
    grpc.callHandler(FlightServiceGrpcService.DoPut, this::onDoPut);
    grpc.callHandler(HCombServiceGrpcService.RunQuery, this::onRunQuery);
    HttpServerOptions options =
        new HttpServerOptions()
            .setHost(config.host())
            .setPort(config.port())
            .setInitialSettings(new Http2Settings().setMaxConcurrentStreams(10_000));
    return vertx.createHttpServer(options).requestHandler(grpc).listen().onSuccess(s -> server = s);
  }

  @Override
  public Future<?> stop() {
    for (ReduceQuery query : registry.all()) {
      query.fail(new BuzzException(ErrorCode.UNAVAILABLE, "the HComb is shutting down"));
    }
    mergePool.shutdown();
    return server == null ? Future.succeededFuture() : server.close();
  }

  /** Where HBees and the Fuse reach this HComb; valid once deployed. */
  public Endpoint endpoint() {
    if (server == null) {
      throw new IllegalStateException("the HComb is not started");
    }
    return Endpoint.newBuilder().setHost(config.host()).setPort(server.actualPort()).build();
  }

  public HCombStats stats() {
    return stats;
  }

  /** Queries currently registered. */
  public int activeQueries() {
    return registry.size();
  }

  private void onDoPut(
      GrpcServerRequest<io.buzz.protocol.flight.FlightData, io.buzz.protocol.flight.PutResult>
          request) {
    new AttemptStream(
            request,
            registry,
            ReduceQuery::allocator,
            config.streamHighWaterBatches(),
            stats,
            vertx.getOrCreateContext())
        .start();
  }

  private void onRunQuery(GrpcServerRequest<RunQueryRequest, RunQueryEvent> request) {
    RunQueryCall call = new RunQueryCall(request, vertx.getOrCreateContext());
    request.handler(
        message -> {
          try {
            ReduceQuery query = register(message, call);
            call.attach(query);
            call.send(
                RunQueryEvent.newBuilder()
                    .setRegistered(Registered.newBuilder().setHcombId(hcombId))
                    .build());
            query.finishIfEmpty();
          } catch (RuntimeException e) {
            GrpcErrors.fail(request.response(), ExecErrors.toBuzz(e));
          }
        });
  }

  private ReduceQuery register(RunQueryRequest request, RunQueryCall call) {
    if (request.getQueryId().isEmpty()) {
      throw BuzzException.badQuery("RunQuery needs a query_id");
    }
    if (request.getTaskCount() < 0) {
      throw BuzzException.badQuery("task_count must not be negative");
    }
    if (registry.size() >= config.maxQueries()) {
      throw new BuzzException(
          ErrorCode.LIMIT_EXCEEDED,
          "the HComb already runs " + config.maxQueries() + " queries; try again later");
    }
    HCombMerge merge = HCombMerge.compile(request.getPlan());
    BufferAllocator allocator =
        root.newChildAllocator("query-" + request.getQueryId(), 0, config.queryMemoryLimitBytes());
    ReduceQuery query;
    try {
      query =
          new ReduceQuery(
              request.getQueryId(),
              request.getToken(),
              request.getTaskCount(),
              merge,
              allocator,
              new SerialExecutor(mergePool),
              config.queryMemoryLimitBytes(),
              call);
    } catch (RuntimeException e) {
      allocator.close();
      throw e;
    }
    if (!registry.register(query)) {
      query.fail(
          BuzzException.badQuery("query " + request.getQueryId() + " is already registered"));
      throw BuzzException.badQuery("query " + request.getQueryId() + " is already registered");
    }
    stats.queryStarted();
    Duration timeout =
        request.getTimeoutMillis() > 0
            ? Duration.ofMillis(request.getTimeoutMillis())
            : config.defaultQueryTimeout();
    long timer =
        vertx.setTimer(
            Math.max(1, timeout.toMillis()),
            id ->
                query.fail(
                    new BuzzException(
                        ErrorCode.DEADLINE_EXCEEDED,
                        "query "
                            + query.id()
                            + " timed out on the HComb after "
                            + timeout.toMillis()
                            + " ms with "
                            + query.committedCount()
                            + " of "
                            + query.taskCount()
                            + " tasks committed; waiting for tasks "
                            + query.missingTasks())));
    query.onDone(
        () -> {
          vertx.cancelTimer(timer);
          registry.remove(query);
          stats.queryEnded(call.succeeded());
        });
    return query;
  }

  /** Blocks until the merge pool is idle; for tests. */
  void awaitMergePool(long millis) throws InterruptedException {
    mergePool.awaitTermination(millis, TimeUnit.MILLISECONDS);
  }
}
