package io.buzz.fuse.service;

import static java.util.Objects.requireNonNull;

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

/**
 * The Fuse's public gRPC endpoint: {@code buzz.query.v1.QueryService/Query}. Each call runs one
 * {@link QueryExecution}; a client deadline ({@code grpc-timeout}) shorter than the Fuse's query
 * timeout becomes the query's deadline.
 */
public final class QueryServerVerticle extends VerticleBase {
  private final FuseServices services;
  private final String host;
  private final int port;
  private HttpServer server;

  public QueryServerVerticle(FuseServices services, String host, int port) {
    this.services = requireNonNull(services, "services is null");
    this.host = requireNonNull(host, "host is null");
    this.port = port;
  }

  @Override
  public Future<?> start() {
    GrpcServer grpc =
        GrpcServer.server(
            vertx, GrpcLimits.serverOptions().setScheduleDeadlineAutomatically(false));
    grpc.callHandler(QueryServiceGrpcService.Query, this::onQuery);
    return vertx
        .createHttpServer(new HttpServerOptions().setHost(host).setPort(port))
        .requestHandler(grpc)
        .listen()
        .onSuccess(s -> server = s);
  }

  @Override
  public Future<?> stop() {
    return server == null ? Future.succeededFuture() : server.close();
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
        message -> new QueryExecution(services, call, deadline).run(message.getQueryJson()));
  }
}
