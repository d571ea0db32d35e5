package io.buzz.fuse.service;

import static java.util.Objects.requireNonNull;

import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import io.buzz.fuse.FuseServices;
import io.buzz.fuse.query.QueryExecution;
import io.buzz.grpc.GrpcLimits;
import io.buzz.protocol.query.QueryEvent;
import io.buzz.protocol.query.QueryRequest;
import io.buzz.protocol.query.QueryServiceGrpcService;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.grpc.server.GrpcServer;
import io.vertx.grpc.server.GrpcServerRequest;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The Fuse's public gRPC endpoint: {@code buzz.query.v1.QueryService/Query}. Each call runs one
 * {@link QueryExecution} once {@link AdmissionQueue} gives it a slot; a client deadline ({@code
 * grpc-timeout}) shorter than the Fuse's query timeout becomes the query's deadline, and time spent
 * waiting for a slot counts against it.
 */
public final class QueryServerVerticle extends VerticleBase {
  /** How long stopping waits for the calls it failed to close before it closes connections. */
  static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(2);

  private static final System.Logger LOG = System.getLogger(QueryServerVerticle.class.getName());

  private final FuseServices services;
  private final String host;
  private final int port;
  private final Set<QueryExecution> running = ConcurrentHashMap.newKeySet();
  private AdmissionQueue admission;
  private HttpServer server;

  public QueryServerVerticle(FuseServices services, String host, int port) {
    this.services = requireNonNull(services, "services is null");
    this.host = requireNonNull(host, "host is null");
    this.port = port;
  }

  @Override
  public Future<?> start() {
    admission =
        new AdmissionQueue(
            vertx,
            context,
            services.config().maxRunningQueries(),
            services.config().maxQueuedQueries(),
            services.metrics());
    GrpcServer grpc =
        GrpcServer.server(
            vertx, GrpcLimits.serverOptions().setScheduleDeadlineAutomatically(false));
    grpc.callHandler(QueryServiceGrpcService.Query, this::onQuery);
    return vertx
        .createHttpServer(new HttpServerOptions().setHost(host).setPort(port))
        // A client that disappears breaks its connection; its queries are cancelled through
        // their calls, so the connection error itself is only worth a debug line.
        .connectionHandler(
            connection ->
                connection.exceptionHandler(
                    failure ->
                        LOG.log(
                            System.Logger.Level.DEBUG,
                            "client connection " + connection.remoteAddress() + ": " + failure)))
        .requestHandler(grpc)
        .listen()
        .onSuccess(s -> server = s);
  }

  /**
   * Ends every running query with UNAVAILABLE ("shutting down"), so its client hears why, then
   * stops listening and waits (up to {@link #SHUTDOWN_GRACE}) for the calls to close.
   */
  @Override
  public Future<?> stop() {
    BuzzException shuttingDown =
        new BuzzException(
            ErrorCode.UNAVAILABLE, "the Buzz server is shutting down; run the query again later");
    if (admission != null) {
      admission.failWaiting(shuttingDown);
    }
    for (QueryExecution execution : running) {
      execution.abort(shuttingDown);
    }
    return server == null
        ? Future.succeededFuture()
        : server.shutdown(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Queries running now. */
  public int runningQueries() {
    return running.size();
  }

  /** Queries waiting for a slot now; read on any thread, for tests and statistics. */
  public int waitingQueries() {
    return admission == null ? 0 : admission.waiting();
  }

  /** The port actually bound; valid once deployed. */
  public int port() {
    if (server == null) {
      throw new IllegalStateException("the query server is not started");
    }
    return server.actualPort();
  }

  private void onQuery(GrpcServerRequest<QueryRequest, QueryEvent> request) {
    QueryCall call = new QueryCall(request);
    Duration timeout = services.config().queryTimeout();
    if (request.timeout() > 0 && request.timeout() < timeout.toMillis()) {
      timeout = Duration.ofMillis(request.timeout());
    }
    Duration deadline = timeout;
    request.handler(
        message ->
            admission.submit(
                call,
                deadline,
                waited -> {
                  QueryExecution execution =
                      new QueryExecution(services, call, deadline.minus(waited), waited);
                  running.add(execution);
                  return execution
                      .run(message.getQueryJson())
                      .onComplete(done -> running.remove(execution));
                }));
  }
}
