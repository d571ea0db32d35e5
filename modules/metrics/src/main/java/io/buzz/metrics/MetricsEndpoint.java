package io.buzz.metrics;

import static java.util.Objects.requireNonNull;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;

/**
 * Serves a component's metrics for Prometheus: {@code GET /metrics} answers the text exposition
 * format; anything else is 404 (405 for other methods on {@code /metrics}). Scrapes run on a worker
 * thread: formatting a registry takes milliseconds an event loop should not spend.
 */
public final class MetricsEndpoint extends VerticleBase {
  /** The Prometheus text format's content type. */
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  public static final String PATH = "/metrics";

  private final ComponentMetrics metrics;
  private final String host;
  private final int port;
  private HttpServer server;

  /**
   * @param port the port to listen on; 0 picks a free one (see {@link #port()})
   */
  public MetricsEndpoint(ComponentMetrics metrics, String host, int port) {
    this.metrics = requireNonNull(metrics, "metrics is null");
    this.host = requireNonNull(host, "host is null");
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("metrics port must be within 0..65535, got " + port);
    }
    this.port = port;
  }

  @Override
  public Future<?> start() {
    return vertx
        .createHttpServer(new HttpServerOptions().setHost(host).setPort(port))
        .requestHandler(this::onRequest)
        .listen()
        .onSuccess(s -> server = s)
        .recover(
            failure ->
                Future.failedFuture(
                    new IllegalStateException(
                        "the "
                            + metrics.component()
                            + " metrics endpoint cannot listen on "
                            + host
                            + ":"
                            + port
                            + ": "
                            + failure.getMessage(),
                        failure)));
  }

  @Override
  public Future<?> stop() {
    return server == null ? Future.succeededFuture() : server.close();
  }

  /** The port actually bound; valid once deployed. */
  public int port() {
    if (server == null) {
      throw new IllegalStateException("the metrics endpoint is not started");
    }
    return server.actualPort();
  }

  private void onRequest(HttpServerRequest request) {
    if (!PATH.equals(request.path())) {
      request.response().setStatusCode(404).end("not found; metrics are at " + PATH + "\n");
      return;
    }
    if (request.method() != HttpMethod.GET && request.method() != HttpMethod.HEAD) {
      request.response().setStatusCode(405).putHeader(HttpHeaders.ALLOW, "GET, HEAD").end();
      return;
    }
    vertx
        .executeBlocking(metrics::scrape, false)
        .onSuccess(
            text ->
                request
                    .response()
                    .putHeader(HttpHeaders.CONTENT_TYPE, CONTENT_TYPE)
                    .end(request.method() == HttpMethod.HEAD ? "" : text))
        .onFailure(
            failure ->
                request
                    .response()
                    .setStatusCode(500)
                    .end("scraping the " + metrics.component() + " metrics failed: " + failure));
  }
}
