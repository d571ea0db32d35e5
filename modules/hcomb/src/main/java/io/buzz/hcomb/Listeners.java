package io.buzz.hcomb;

import static java.util.Objects.requireNonNull;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HComb's HTTP/2 servers: one per event loop it uses, all on one port, so that its HBees'
 * connections (one per HBee) are spread over several cores. A Vert.x server listens on the event
 * loop it was started from and serves every connection there: one server made the whole HComb's
 * network work — reading, HTTP/2 and gRPC decoding, window updates, acknowledgements — one
 * thread's, which on 1,000 streams was busier than the merge thread. Vert.x shares a port between
 * servers of the same address and hands new connections to them in turn.
 *
 * <p>Port 0 (any free port) is not shared by Vert.x; Vert.x shares a random port between the
 * servers that ask for the same negative port, so each HComb asks for its own ({@link
 * #SHARED_RANDOM_PORTS}): two HCombs of one JVM asking for any free port never share one. A
 * configured port is shared by every server of the JVM listening on it (Vert.x's rule), as before.
 *
 * <p>Threads: {@link #listen} on an event loop (a verticle's start); the servers then serve on
 * theirs.
 */
final class Listeners {
  private static final AtomicInteger SHARED_RANDOM_PORTS = new AtomicInteger();

  private final List<HttpServer> servers;

  private Listeners(List<HttpServer> servers) {
    this.servers = List.copyOf(servers);
  }

  /** As many servers as there are cores ({@link #listen} starts no more than Vert.x has loops). */
  static int defaultCount() {
    return Math.max(1, Runtime.getRuntime().availableProcessors());
  }

  /** One server per core on the HComb's host and port, with its HTTP/2 settings. */
  static Future<Listeners> listen(
      Vertx vertx,
      HCombConfig config,
      Handler<HttpServerRequest> handler,
      Handler<Throwable> faults) {
    return listen(
        vertx,
        HttpHold.serverOptions(),
        config.host(),
        config.port(),
        defaultCount(),
        handler,
        faults);
  }

  /**
   * Starts {@code count} servers with {@code options} on {@code host}:{@code port} (0: one free
   * port for all), the first on the caller's event loop, the others each on an event loop of its
   * own (as far as Vert.x has loops); {@code faults} takes what escapes a handler on theirs.
   */
  static Future<Listeners> listen(
      Vertx vertx,
      HttpServerOptions options,
      String host,
      int port,
      int count,
      Handler<HttpServerRequest> handler,
      Handler<Throwable> faults) {
    requireNonNull(vertx, "vertx is null");
    requireNonNull(options, "options is null");
    requireNonNull(host, "host is null");
    requireNonNull(handler, "handler is null");
    requireNonNull(faults, "faults is null");
    if (count < 1) {
      throw new IllegalArgumentException("an HComb needs at least one server");
    }
    int shared = port > 0 ? port : -SHARED_RANDOM_PORTS.incrementAndGet();
    HttpServerOptions bound = new HttpServerOptions(options).setHost(host).setPort(shared);
    List<ContextInternal> contexts = contexts((VertxInternal) vertx, count);
    List<HttpServer> servers = new ArrayList<>();
    Future<Void> chain = Future.succeededFuture();
    for (ContextInternal context : contexts) {
      context.exceptionHandler(faults);
      chain =
          chain.compose(
              v ->
                  context
                      .succeededFuture()
                      .compose(w -> vertx.createHttpServer(bound).requestHandler(handler).listen())
                      .map(
                          server -> {
                            synchronized (servers) {
                              servers.add(server);
                            }
                            return null;
                          }));
    }
    return chain.transform(
        done -> {
          Listeners listeners;
          synchronized (servers) {
            listeners = new Listeners(servers);
          }
          return done.succeeded()
              ? Future.succeededFuture(listeners)
              : listeners.close().transform(closed -> Future.failedFuture(done.cause()));
        });
  }

  /**
   * The caller's context and then event-loop contexts on loops not taken yet, {@code count} in all
   * or as many as Vert.x has loops.
   */
  private static List<ContextInternal> contexts(VertxInternal vertx, int count) {
    ContextInternal current = vertx.getOrCreateContext();
    List<ContextInternal> contexts = new ArrayList<>(List.of(current));
    Set<Object> loops = new HashSet<>(Set.of(current.nettyEventLoop()));
    int loopCount = 0;
    for (Object ignored : vertx.nettyEventLoopGroup()) {
      loopCount++;
    }
    for (int tries = 0; contexts.size() < count && tries < 2 * loopCount; tries++) {
      ContextInternal next = vertx.createEventLoopContext();
      if (loops.add(next.nettyEventLoop())) {
        contexts.add(next);
      }
    }
    return contexts;
  }

  /** The port every server listens on. */
  int port() {
    return servers.get(0).actualPort();
  }

  /** How many servers listen. */
  int size() {
    return servers.size();
  }

  /** Closes every server and its connections. */
  Future<Void> close() {
    List<Future<Void>> closes = new ArrayList<>();
    for (HttpServer server : servers) {
      closes.add(server.close());
    }
    return Future.join(closes).mapEmpty();
  }
}
