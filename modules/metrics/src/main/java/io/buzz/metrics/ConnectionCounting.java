package io.buzz.metrics;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.vertx.core.Vertx;
import io.vertx.core.datagram.DatagramSocketOptions;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocket;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.spi.metrics.ClientMetrics;
import io.vertx.core.spi.metrics.DatagramSocketMetrics;
import io.vertx.core.spi.metrics.EventBusMetrics;
import io.vertx.core.spi.metrics.HttpClientMetrics;
import io.vertx.core.spi.metrics.HttpServerMetrics;
import io.vertx.core.spi.metrics.PoolMetrics;
import io.vertx.core.spi.metrics.TCPMetrics;
import io.vertx.core.spi.metrics.VertxMetrics;
import io.vertx.core.spi.observability.HttpRequest;
import io.vertx.core.spi.observability.HttpResponse;
import java.util.concurrent.atomic.LongAdder;

/**
 * Open HTTP connections of one Vert.x instance, counted once per component rather than by
 * vertx-micrometer.
 *
 * <p>vertx-micrometer 5 registers its "active" gauges ({@code vertx.http.*.active.connections},
 * {@code .active.requests}, {@code .active.ws.connections}, {@code .processing.pending}) again for
 * every new connection or request and relies on Micrometer handing back the first one; Micrometer
 * 1.13.9+ logs a WARN at the second registration (vert-x3/vertx-micrometer-metrics#259,
 * micrometer-metrics/micrometer#6931). {@link #DENY_REREGISTERED_GAUGES} drops those gauges before
 * Micrometer looks them up, so nothing is registered twice, and this wrapper around
 * vertx-micrometer's {@link VertxMetrics} counts connections as servers and clients report them,
 * published once as {@code buzz.http.server.connections} and {@code buzz.http.client.connections}.
 * Requests in flight are not replaced: Buzz's own gauges (queries active, invocations in flight,
 * HComb streams open) say it per query. Every other figure (request counts and sizes, bytes, worker
 * pools) stays vertx-micrometer's, except for HTTP clients named {@link
 * ComponentMetrics#CONNECTIONS_ONLY}, of which only the connections are counted.
 */
final class ConnectionCounting implements VertxMetrics {
  /** Drops the vertx-micrometer gauges registered once per connection or request. */
  static final MeterFilter DENY_REREGISTERED_GAUGES =
      MeterFilter.deny(
          id -> {
            String name = id.getName();
            return name.startsWith("vertx.")
                && (name.endsWith(".active.connections")
                    || name.endsWith(".active.ws.connections")
                    || name.endsWith(".active.requests")
                    || name.endsWith(".processing.pending"));
          });

  private final VertxMetrics delegate;
  private final LongAdder serverConnections;
  private final LongAdder clientConnections;

  ConnectionCounting(
      VertxMetrics delegate, LongAdder serverConnections, LongAdder clientConnections) {
    this.delegate = requireNonNull(delegate, "delegate is null");
    this.serverConnections = requireNonNull(serverConnections, "serverConnections is null");
    this.clientConnections = requireNonNull(clientConnections, "clientConnections is null");
  }

  /**
   * Registers the two gauges in {@code registry}, reading {@code server} and {@code client}; once
   * per registry, however many Vert.x instances count into them.
   */
  static void registerGauges(MeterRegistry registry, LongAdder server, LongAdder client) {
    Gauge.builder("buzz.http.server.connections", server, LongAdder::sum)
        .description("HTTP connections (gRPC included) open on this component's servers")
        .register(registry);
    Gauge.builder("buzz.http.client.connections", client, LongAdder::sum)
        .description("HTTP connections (gRPC included) this component's clients hold open")
        .register(registry);
  }

  @Override
  public HttpServerMetrics<?, ?, ?> createHttpServerMetrics(
      HttpServerOptions options, SocketAddress localAddress) {
    HttpServerMetrics<?, ?, ?> metrics = delegate.createHttpServerMetrics(options, localAddress);
    return metrics == null ? null : counted(metrics, serverConnections);
  }

  @Override
  public HttpClientMetrics<?, ?, ?> createHttpClientMetrics(HttpClientOptions options) {
    if (ComponentMetrics.CONNECTIONS_ONLY.equals(options.getMetricsName())) {
      // No endpoint metrics: vertx-micrometer times nothing, only the connections are counted.
      return counted(new HttpClientMetrics<Object, Object, Object>() {}, clientConnections);
    }
    HttpClientMetrics<?, ?, ?> metrics = delegate.createHttpClientMetrics(options);
    return metrics == null ? null : counted(metrics, clientConnections);
  }

  @Override
  public EventBusMetrics<?> createEventBusMetrics() {
    return delegate.createEventBusMetrics();
  }

  @Override
  public ClientMetrics<?, ?, ?> createClientMetrics(
      SocketAddress remoteAddress, String type, String namespace) {
    return delegate.createClientMetrics(remoteAddress, type, namespace);
  }

  @Override
  public TCPMetrics<?> createNetServerMetrics(
      NetServerOptions options, SocketAddress localAddress) {
    return delegate.createNetServerMetrics(options, localAddress);
  }

  @Override
  public TCPMetrics<?> createNetClientMetrics(NetClientOptions options) {
    return delegate.createNetClientMetrics(options);
  }

  @Override
  public DatagramSocketMetrics createDatagramSocketMetrics(DatagramSocketOptions options) {
    return delegate.createDatagramSocketMetrics(options);
  }

  @Override
  public PoolMetrics<?, ?> createPoolMetrics(String poolType, String poolName, int maxPoolSize) {
    return delegate.createPoolMetrics(poolType, poolName, maxPoolSize);
  }

  @Override
  public void vertxCreated(Vertx vertx) {
    delegate.vertxCreated(vertx);
  }

  @Override
  public boolean isMetricsEnabled() {
    return delegate.isMetricsEnabled();
  }

  @Override
  public void close() {
    delegate.close();
  }

  private static <R, W, S> HttpServerMetrics<R, W, S> counted(
      HttpServerMetrics<R, W, S> metrics, LongAdder open) {
    return new CountedServer<>(metrics, open);
  }

  private static <R, W, S> HttpClientMetrics<R, W, S> counted(
      HttpClientMetrics<R, W, S> metrics, LongAdder open) {
    return new CountedClient<>(metrics, open);
  }

  /** Connection events counted in {@code open}; the rest of the TCP figures go to the delegate. */
  private abstract static class CountedConnections<S, M extends TCPMetrics<S>>
      implements TCPMetrics<S> {
    final M delegate;
    private final LongAdder open;

    CountedConnections(M delegate, LongAdder open) {
      this.delegate = delegate;
      this.open = open;
    }

    @Override
    public S connected(SocketAddress remoteAddress, String remoteName) {
      open.increment();
      return delegate.connected(remoteAddress, remoteName);
    }

    @Override
    public void disconnected(S socketMetric, SocketAddress remoteAddress) {
      open.decrement();
      delegate.disconnected(socketMetric, remoteAddress);
    }

    @Override
    public void bytesRead(S socketMetric, SocketAddress remoteAddress, long numberOfBytes) {
      delegate.bytesRead(socketMetric, remoteAddress, numberOfBytes);
    }

    @Override
    public void bytesWritten(S socketMetric, SocketAddress remoteAddress, long numberOfBytes) {
      delegate.bytesWritten(socketMetric, remoteAddress, numberOfBytes);
    }

    @Override
    public void exceptionOccurred(S socketMetric, SocketAddress remoteAddress, Throwable t) {
      delegate.exceptionOccurred(socketMetric, remoteAddress, t);
    }

    @Override
    public void close() {
      delegate.close();
    }
  }

  /** vertx-micrometer's server metrics with the connections counted here. */
  private static final class CountedServer<R, W, S>
      extends CountedConnections<S, HttpServerMetrics<R, W, S>>
      implements HttpServerMetrics<R, W, S> {
    CountedServer(HttpServerMetrics<R, W, S> delegate, LongAdder open) {
      super(delegate, open);
    }

    @Override
    public R requestBegin(S socketMetric, HttpRequest request) {
      return delegate.requestBegin(socketMetric, request);
    }

    @Override
    public void requestEnd(R requestMetric, HttpRequest request, long bytesRead) {
      delegate.requestEnd(requestMetric, request, bytesRead);
    }

    @Override
    public void requestReset(R requestMetric) {
      delegate.requestReset(requestMetric);
    }

    @Override
    public void responseBegin(R requestMetric, HttpResponse response) {
      delegate.responseBegin(requestMetric, response);
    }

    @Override
    public R responsePushed(S socketMetric, HttpMethod method, String uri, HttpResponse response) {
      return delegate.responsePushed(socketMetric, method, uri, response);
    }

    @Override
    public void responseEnd(R requestMetric, HttpResponse response, long bytesWritten) {
      delegate.responseEnd(requestMetric, response, bytesWritten);
    }

    @Override
    public W connected(S socketMetric, R requestMetric, ServerWebSocket serverWebSocket) {
      return delegate.connected(socketMetric, requestMetric, serverWebSocket);
    }

    @Override
    public void disconnected(W serverWebSocketMetric) {
      delegate.disconnected(serverWebSocketMetric);
    }

    @Override
    public void requestRouted(R requestMetric, String route) {
      delegate.requestRouted(requestMetric, route);
    }
  }

  /** vertx-micrometer's client metrics with the connections counted here. */
  private static final class CountedClient<R, W, S>
      extends CountedConnections<S, HttpClientMetrics<R, W, S>>
      implements HttpClientMetrics<R, W, S> {
    CountedClient(HttpClientMetrics<R, W, S> delegate, LongAdder open) {
      super(delegate, open);
    }

    @Override
    public ClientMetrics<R, HttpRequest, HttpResponse> createEndpointMetrics(
        SocketAddress remoteAddress, int maxPoolSize) {
      return delegate.createEndpointMetrics(remoteAddress, maxPoolSize);
    }

    @Override
    public void endpointConnected(ClientMetrics<R, ?, ?> endpointMetric) {
      delegate.endpointConnected(endpointMetric);
    }

    @Override
    public void endpointDisconnected(ClientMetrics<R, ?, ?> endpointMetric) {
      delegate.endpointDisconnected(endpointMetric);
    }

    @Override
    public W connected(WebSocket webSocket) {
      return delegate.connected(webSocket);
    }

    @Override
    public void disconnected(W webSocketMetric) {
      delegate.disconnected(webSocketMetric);
    }
  }
}
