package io.buzz.local.s3;

import static java.util.Objects.requireNonNull;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.HostAndPort;
import io.vertx.core.net.SocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * The S3 twin's latency: an HTTP proxy on loopback in front of an S3-compatible server that delays,
 * paces and throttles each request as {@link S3LatencyModel} says, and passes everything else
 * through unchanged (headers, signatures, status, body), so the real {@code S3AsyncClient} meets
 * S3's timing and S3's {@code 503 SlowDown}.
 *
 * <p>Per request: the prefix's rate is checked first (over it: {@code 503 SlowDown} in S3's XML);
 * then the request waits its first-byte delay ({@link RequestDelays}) and goes upstream; the
 * response body is written no faster than the model's bandwidth (the upstream read pauses while it
 * is ahead). Everything runs on this verticle's event loop with timers; nothing blocks.
 */
public final class S3LatencyProxy extends VerticleBase {
  /** Hop-by-hop headers, which a proxy does not forward. */
  private static final Set<String> HOP_BY_HOP =
      Set.of("connection", "keep-alive", "proxy-connection", "te", "trailer", "upgrade", "host");

  private final S3LatencyModel model;
  private final URI upstream;
  private final RequestDelays delays;
  private final PrefixRateLimiter reads;
  private final PrefixRateLimiter writes;
  private final LongAdder requests = new LongAdder();
  private final LongAdder throttled = new LongAdder();
  private final LongAdder bodyBytes = new LongAdder();
  private final AtomicLong delayMicros = new AtomicLong();
  private final LongAdder abandoned = new LongAdder();
  private final AtomicInteger stallNext = new AtomicInteger();
  private volatile long stallMillis;
  private volatile boolean stallRangedGetsOnly;
  private HttpServer server;
  private HttpClient client;

  /**
   * @param model the delays, bandwidth and rates
   * @param upstream the S3-compatible server's endpoint ({@code http://host:port})
   */
  public S3LatencyProxy(S3LatencyModel model, URI upstream) {
    this(model, upstream, System::nanoTime);
  }

  /** With the rate limiter's clock given (tests freeze it). */
  S3LatencyProxy(S3LatencyModel model, URI upstream, LongSupplier nanoTime) {
    this.model = requireNonNull(model, "model is null");
    this.upstream = requireNonNull(upstream, "upstream is null");
    this.delays = new RequestDelays(model);
    this.reads = new PrefixRateLimiter(model.readsPerSecond(), nanoTime);
    this.writes = new PrefixRateLimiter(model.writesPerSecond(), nanoTime);
  }

  @Override
  public Future<?> start() {
    client =
        vertx.createHttpClient(
            new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true),
            new PoolOptions().setHttp1MaxSize(1_000));
    return vertx
        .createHttpServer()
        .requestHandler(this::handle)
        .listen(0, "127.0.0.1")
        .onSuccess(s -> server = s);
  }

  /** The endpoint to point S3 clients at; valid once deployed. */
  public URI endpoint() {
    if (server == null) {
      throw new IllegalStateException("S3LatencyProxy is not started");
    }
    return URI.create("http://127.0.0.1:" + server.actualPort());
  }

  public S3LatencyModel model() {
    return model;
  }

  /**
   * Fault drill: the next {@code count} requests stall for {@code stall} before their first byte,
   * on top of the model's delay (a request stuck on a slow S3 node).
   */
  public void stallNext(int count, Duration stall) {
    stall(count, stall, false);
  }

  /**
   * Like {@link #stallNext} for the next {@code count} ranged GETs only (reads of Parquet footers
   * and column chunks), not listings or whole-object reads.
   */
  public void stallNextRangedGets(int count, Duration stall) {
    stall(count, stall, true);
  }

  private void stall(int count, Duration stall, boolean rangedGetsOnly) {
    stallMillis = stall.toMillis();
    stallRangedGetsOnly = rangedGetsOnly;
    stallNext.set(count);
  }

  /**
   * What the proxy has done so far.
   *
   * @param abandoned requests the client gave up (closed the connection) before their first byte
   */
  public record Figures(
      long requests,
      long throttled,
      long abandoned,
      long bodyBytes,
      double delayMillis,
      int distinctRequests) {}

  public Figures figures() {
    return new Figures(
        requests.sum(),
        throttled.sum(),
        abandoned.sum(),
        bodyBytes.sum(),
        delayMicros.get() / 1e3,
        delays.distinctRequests());
  }

  private void handle(HttpServerRequest request) {
    requests.increment();
    boolean read = request.method() == HttpMethod.GET || request.method() == HttpMethod.HEAD;
    String prefix = PrefixRateLimiter.prefixOf(request.path());
    if (!(read ? reads : writes).tryAcquire(prefix)) {
      throttled.increment();
      slowDown(request, prefix);
      return;
    }
    request.pause();
    double millis =
        delays.firstByteMillis(request.method().name(), request.uri(), request.getHeader("Range"));
    delayMicros.addAndGet(Math.round(millis * 1e3));
    long wait = Math.round(millis);
    boolean stallable =
        !stallRangedGetsOnly
            || (request.method() == HttpMethod.GET && request.getHeader("Range") != null);
    if (stallable && stallNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      wait += stallMillis;
    }
    if (wait < 1) {
      forward(request);
      return;
    }
    long timer = vertx.setTimer(wait, id -> forward(request));
    // A client that gives up (a hedge answered, a timeout) closes the connection: stop waiting.
    request
        .response()
        .closeHandler(
            v -> {
              if (vertx.cancelTimer(timer)) {
                abandoned.increment();
              }
            });
  }

  private void forward(HttpServerRequest request) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    copyEndToEnd(request.headers(), headers);
    HostAndPort authority = request.authority();
    RequestOptions options =
        new RequestOptions()
            .setServer(SocketAddress.inetSocketAddress(upstream.getPort(), upstream.getHost()))
            .setMethod(request.method())
            .setURI(request.uri())
            .setHeaders(headers);
    client
        .request(options)
        .compose(
            outgoing -> {
              if (authority != null) {
                outgoing.authority(authority); // the Host the client signed
              }
              return outgoing.send(request);
            })
        .onSuccess(response -> relay(request, response))
        .onFailure(failure -> internalError(request, failure));
  }

  /** Copies the upstream response, its body paced to the model's bandwidth. */
  private void relay(HttpServerRequest request, HttpClientResponse upstreamResponse) {
    HttpServerResponse response = request.response();
    if (response.closed()) {
      upstreamResponse.request().reset();
      return;
    }
    response.setStatusCode(upstreamResponse.statusCode());
    copyEndToEnd(upstreamResponse.headers(), response.headers());
    if (!response.headers().contains(HttpHeaders.CONTENT_LENGTH)) {
      response.setChunked(true);
    }
    long start = System.nanoTime();
    long[] sent = {0};
    response.closeHandler(v -> upstreamResponse.request().reset());
    upstreamResponse.handler(
        buffer -> {
          // Counted before the write: a client that has the bytes sees them counted.
          sent[0] += buffer.length();
          bodyBytes.add(buffer.length());
          response.write(buffer);
          if (model.bytesPerSecond() > 0) {
            long due = start + Math.round(sent[0] * 1e9 / model.bytesPerSecond());
            long ahead = (due - System.nanoTime()) / 1_000_000;
            if (ahead >= 1) {
              upstreamResponse.pause();
              vertx.setTimer(ahead, id -> upstreamResponse.resume());
            }
          }
        });
    upstreamResponse.endHandler(v -> response.end());
    upstreamResponse.exceptionHandler(failure -> response.reset());
  }

  /** Copies the headers a proxy forwards (all but the hop-by-hop ones). */
  private static void copyEndToEnd(MultiMap from, MultiMap to) {
    from.forEach(
        h -> {
          if (!HOP_BY_HOP.contains(h.getKey().toLowerCase(Locale.ROOT))) {
            to.add(h.getKey(), h.getValue());
          }
        });
  }

  /** S3's answer to a request over the prefix's rate. */
  private void slowDown(HttpServerRequest request, String prefix) {
    request
        .response()
        .setStatusCode(503)
        .putHeader("Content-Type", "application/xml")
        .end(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>SlowDown</Code>"
                + "<Message>Please reduce your request rate.</Message>"
                + "<Resource>"
                + xml(prefix)
                + "</Resource></Error>");
  }

  private void internalError(HttpServerRequest request, Throwable failure) {
    if (request.response().ended() || request.response().closed()) {
      return;
    }
    request
        .response()
        .setStatusCode(500)
        .putHeader("Content-Type", "application/xml")
        .end(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>InternalError</Code>"
                + "<Message>S3 latency twin: the upstream server failed: "
                + xml(String.valueOf(failure.getMessage()))
                + "</Message></Error>");
  }

  private static String xml(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  @Override
  public Future<?> stop() {
    return client == null ? Future.succeededFuture() : client.close();
  }
}
