package io.buzz.fuse.aws;

import static java.util.Objects.requireNonNull;

import io.buzz.error.Causes;
import io.buzz.metrics.ComponentMetrics;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.EventExecutor;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.internal.buffer.BufferInternal;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import software.amazon.awssdk.http.SdkHttpFullResponse;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.http.async.AsyncExecuteRequest;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.async.SdkAsyncHttpResponseHandler;

/**
 * The AWS SDK's HTTP transport on Vert.x's HTTP/1.1 client, for request/response APIs whose bodies
 * are small (Lambda's Invoke: at most 6 MB each way). The SDK still marshals, signs and reads the
 * answers; this only moves the bytes. Connections sit in pools of at most {@link
 * #CONNECTIONS_PER_POOL}, the pools spread over Vert.x's event loops, and an exchange always runs
 * on its pool's loop. A caller that starts its SDK calls with {@link #runOnNextLoop} (the Fuse's
 * invoker does) spreads the SDK's work over every loop too, and its requests take a pool of the
 * loop they are on: no further hop.
 *
 * <p>Why not the SDK's own Netty client: it ran a reactive-streams pipeline, ordered writes and
 * channel-pool listeners around every request on event loops of its own. With this transport the
 * Fuse spends ~17% less CPU per invocation (README, fan-out bench). A request is one write of
 * headers and body on a pooled keep-alive connection, and the answer is handed to the SDK as one
 * buffer.
 *
 * <p>Bodies are read whole: a response over {@code maxBodyBytes} fails the call (named in the
 * error) instead of filling the heap; request bodies are the SDK's, already in memory.
 */
public final class VertxSdkHttpClient implements SdkAsyncHttpClient {
  /**
   * Connections per Vert.x client. Vert.x picks a pooled connection by scanning all of its pool's
   * connections (5.0: {@code SharedHttpClientConnectionGroup}'s selector), so one pool of 1,000
   * spent 6% of the Fuse's CPU choosing; requests take a free place on pools of at most this many
   * instead.
   */
  static final int CONNECTIONS_PER_POOL = 32;

  /**
   * A TCP connection not made in this time fails, and so does a TLS handshake not done in it (the
   * SDK's Netty client's connect default is 2 s; Vert.x's handshake default 10 s).
   */
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

  private final HttpClient[] pools;

  /** The event loop each pool's connections live on, {@code pools[i]} on {@code loops[i % n]}. */
  private final ContextInternal[] loops;

  /** Requests in flight on each pool, at most {@link #perPool} unless all pools are full. */
  private final AtomicInteger[] inFlight;

  private final int perPool;
  private final AtomicInteger next = new AtomicInteger();
  private final AtomicInteger nextLoop = new AtomicInteger();
  private final long idleTimeoutMillis;
  private final long maxBodyBytes;

  /**
   * @param maxConnections connections kept at once (a request beyond waits for one)
   * @param idleTimeout how long a request may see no bytes before it fails
   * @param maxBodyBytes the largest response body accepted
   */
  public VertxSdkHttpClient(
      Vertx vertx, int maxConnections, Duration idleTimeout, long maxBodyBytes) {
    requireNonNull(vertx, "vertx is null");
    if (maxConnections < 1 || maxBodyBytes < 1) {
      throw new IllegalArgumentException("maxConnections and maxBodyBytes must be positive");
    }
    this.idleTimeoutMillis = requireNonNull(idleTimeout, "idleTimeout is null").toMillis();
    this.maxBodyBytes = maxBodyBytes;
    this.loops = eventLoops((VertxInternal) vertx);
    // As many pools on each loop, so that callers spread evenly over the loops find as many
    // connections on each (fewer pools than loops when there are fewer connections). Together
    // they hold at least maxConnections, so that many requests in flight never wait.
    int n = loops.length;
    int count =
        maxConnections <= n
            ? maxConnections
            : ((maxConnections + CONNECTIONS_PER_POOL - 1) / CONNECTIONS_PER_POOL + n - 1) / n * n;
    this.perPool = (maxConnections + count - 1) / count;
    this.pools = new HttpClient[count];
    long connectMillis = Math.min(CONNECT_TIMEOUT.toMillis(), idleTimeoutMillis);
    this.inFlight = new AtomicInteger[count];
    for (int i = 0; i < count; i++) {
      inFlight[i] = new AtomicInteger();
      pools[i] =
          vertx.createHttpClient(
              new HttpClientOptions()
                  .setProtocolVersion(HttpVersion.HTTP_1_1)
                  .setKeepAlive(true)
                  .setTcpNoDelay(true)
                  .setConnectTimeout((int) connectMillis)
                  .setSslHandshakeTimeout(connectMillis)
                  .setSslHandshakeTimeoutUnit(TimeUnit.MILLISECONDS)
                  // The SDK's callers measure their calls; timing each request too cost ~5% of
                  // the Fuse's CPU per HBee invocation. Connections are still counted.
                  .setMetricsName(ComponentMetrics.CONNECTIONS_ONLY),
              new PoolOptions().setHttp1MaxSize(perPool).setMaxWaitQueueSize(-1));
    }
  }

  /** A context on each of the instance's event loops. */
  private static ContextInternal[] eventLoops(VertxInternal vertx) {
    List<ContextInternal> contexts = new ArrayList<>();
    for (EventExecutor loop : vertx.nettyEventLoopGroup()) {
      contexts.add(vertx.contextBuilder().withEventLoop((EventLoop) loop).build());
    }
    return contexts.toArray(ContextInternal[]::new);
  }

  @Override
  public CompletableFuture<Void> execute(AsyncExecuteRequest request) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    SdkAsyncHttpResponseHandler handler = request.responseHandler();
    SdkHttpRequest http = request.request();
    SdkBodies.RequestBody body = new SdkBodies.RequestBody();
    request.requestContentPublisher().subscribe(body);
    body.bytes
        .compose(bytes -> send(http, bytes, done))
        .onComplete(
            answer -> {
              if (answer.failed()) {
                Throwable failure = described(http, answer.cause());
                handler.onError(failure);
                done.completeExceptionally(failure);
                return;
              }
              Answer a = answer.result();
              handler.onHeaders(a.headers());
              handler.onStream(new SdkBodies.OneBuffer(a.body(), done));
            });
    return done;
  }

  private record Answer(SdkHttpResponse headers, ByteBuffer body) {}

  private Future<Answer> send(SdkHttpRequest http, Buffer body, CompletableFuture<Void> done) {
    RequestOptions options =
        new RequestOptions()
            .setMethod(HttpMethod.valueOf(http.method().name()))
            .setHost(http.host())
            .setPort(http.port())
            .setSsl("https".equalsIgnoreCase(http.protocol()))
            .setURI(uri(http))
            .setConnectTimeout(idleTimeoutMillis) // a connection from the pool, waited for
            .setIdleTimeout(idleTimeoutMillis);
    for (Map.Entry<String, List<String>> header : http.headers().entrySet()) {
      // Vert.x writes Host (from host and port, as the SDK signed it) and Content-Length itself.
      String name = header.getKey();
      if (!name.equalsIgnoreCase("Host") && !name.equalsIgnoreCase("Content-Length")) {
        for (String value : header.getValue()) {
          options.addHeader(name, value);
        }
      }
    }
    // The exchange runs on its pool's event loop, always: a pool's connections then live on that
    // loop, and each step's callback runs as the step completes, so the response's handlers are
    // set before its bytes are read. Started from another thread (the SDK calls from whichever
    // asked), a step's callback may be queued behind the response's end, which is then lost.
    // Called on one of the loops (see runOnNextLoop), a pool of that loop is taken: no hop.
    int turn = next.getAndIncrement();
    int here = -1; // the loop this runs on, if it has pools
    for (int k = 0; k < loops.length && k < pools.length && here < 0; k++) {
      if (loops[k].nettyEventLoop().inEventLoop()) {
        here = k;
      }
    }
    int i = here >= 0 ? take(here, loops.length, turn) : -1; // a pool of this loop
    if (i < 0) {
      i = take(0, 1, turn); // any pool with a free connection
    }
    if (i < 0) { // all full: wait in one's queue
      i = Math.floorMod(turn, pools.length);
      inFlight[i].incrementAndGet();
    }
    int pool = i;
    if (pool % loops.length == here) {
      return exchange(pool, options, http, body, done);
    }
    Promise<Answer> answer = Promise.promise();
    loops[pool % loops.length].runOnContext(
        v -> exchange(pool, options, http, body, done).onComplete(answer));
    return answer.future();
  }

  /**
   * Takes a connection's place on one of the pools {@code first}, {@code first + step}, ..., looked
   * at from the {@code turn}-th on; its index, or -1 when they are all full.
   */
  private int take(int first, int step, int turn) {
    int of = (pools.length - first + step - 1) / step;
    for (int j = 0; j < of; j++) {
      int i = first + step * Math.floorMod(turn + j, of);
      for (int taken = inFlight[i].get(); taken < perPool; taken = inFlight[i].get()) {
        if (inFlight[i].compareAndSet(taken, taken + 1)) {
          return i;
        }
      }
    }
    return -1;
  }

  /**
   * Runs {@code call} on the next of this client's event loops in turn, so that a caller on one
   * loop spreads the SDK's work for its requests (marshalling, signing, reading the answers) over
   * every loop; the requests it makes there use that loop's pools without a further hop. The result
   * is completed on that loop.
   */
  public <T> Future<T> runOnNextLoop(java.util.function.Supplier<CompletableFuture<T>> call) {
    ContextInternal loop = loops[Math.floorMod(nextLoop.getAndIncrement(), loops.length)];
    Promise<T> result = Promise.promise();
    loop.runOnContext(
        v -> {
          try {
            Future.fromCompletionStage(call.get()).onComplete(result);
          } catch (Throwable t) {
            result.fail(t);
          }
        });
    return result.future();
  }

  /**
   * One request on {@code pool}, on its event loop. Once the SDK has given up on it ({@code done}
   * failed: its call timed out), it is not sent, or it is reset, so its connection goes back to the
   * pool.
   */
  private Future<Answer> exchange(
      int pool,
      RequestOptions options,
      SdkHttpRequest http,
      Buffer body,
      CompletableFuture<Void> done) {
    Future<HttpClientRequest> request;
    try {
      request = pools[pool].request(options);
    } catch (RuntimeException e) { // a closed client throws rather than failing the future
      request = Future.failedFuture(e);
    }
    return request
        .compose(
            req -> {
              if (done.isDone()) {
                req.reset();
                return Future.failedFuture(new IllegalStateException("abandoned by the SDK"));
              }
              done.whenComplete(
                  (ignored, failure) -> {
                    if (failure != null) {
                      req.reset();
                    }
                  });
              return req.send(body);
            })
        .compose(response -> read(http, response))
        .andThen(ended -> inFlight[pool].decrementAndGet());
  }

  private Future<Answer> read(SdkHttpRequest http, HttpClientResponse response) {
    Promise<Answer> answer = Promise.promise();
    response.exceptionHandler(answer::tryFail); // before any reset, which it then reports
    String length = response.getHeader("Content-Length");
    if (length != null && parsedLength(length) > maxBodyBytes) {
      answer.tryFail(tooLarge(http, length + " bytes"));
      response.request().reset();
      return answer.future();
    }
    Buffer body = Buffer.buffer(length == null ? 256 : (int) parsedLength(length));
    response.handler(
        chunk -> {
          if (body.length() + (long) chunk.length() > maxBodyBytes) {
            // Failed first: the reset reports itself through the exception handler too.
            answer.tryFail(tooLarge(http, "over " + maxBodyBytes + " bytes"));
            response.request().reset();
          } else {
            body.appendBuffer(chunk);
          }
        });
    response.endHandler(
        end -> {
          SdkHttpFullResponse.Builder headers =
              SdkHttpResponse.builder()
                  .statusCode(response.statusCode())
                  .statusText(response.statusMessage());
          for (Map.Entry<String, String> header : response.headers()) {
            headers.appendHeader(header.getKey(), header.getValue());
          }
          answer.tryComplete(
              new Answer(headers.build(), ((BufferInternal) body).getByteBuf().nioBuffer()));
        });
    return answer.future();
  }

  /**
   * A failed TLS handshake says why (Vert.x reports only "Failed to create SSL connection"): an
   * untrusted certificate, a name that does not match, no common protocol.
   */
  private static Throwable described(SdkHttpRequest http, Throwable failure) {
    if (!(failure instanceof SSLHandshakeException)) {
      return failure;
    }
    SSLException deepest = (SSLException) failure; // Vert.x's wraps the JDK's, which says why
    for (Throwable c : Causes.chain(failure)) {
      if (c instanceof SSLException tls) {
        deepest = tls;
      }
    }
    SSLHandshakeException described =
        new SSLHandshakeException(
            "TLS with " + http.host() + ":" + http.port() + " failed: " + deepest.getMessage());
    described.initCause(failure);
    return described;
  }

  private IllegalStateException tooLarge(SdkHttpRequest http, String size) {
    return new IllegalStateException(
        "the response from "
            + http.getUri()
            + " ("
            + size
            + ") is over the client's limit of "
            + maxBodyBytes
            + " bytes");
  }

  private static long parsedLength(String length) {
    try {
      return Long.parseLong(length.trim());
    } catch (NumberFormatException e) {
      return Long.MAX_VALUE;
    }
  }

  private static String uri(SdkHttpRequest http) {
    String path = http.encodedPath();
    String uri = path == null || path.isEmpty() ? "/" : path;
    return http.encodedQueryParameters().map(q -> uri + "?" + q).orElse(uri);
  }

  /** The connections its pools may hold together (at least the {@code maxConnections} asked). */
  int connectionLimit() {
    return pools.length * perPool;
  }

  @Override
  public String clientName() {
    return "Vertx";
  }

  @Override
  public void close() {
    for (HttpClient pool : pools) {
      pool.close();
    }
  }
}
