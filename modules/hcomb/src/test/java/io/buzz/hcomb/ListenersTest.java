package io.buzz.hcomb;

import static org.assertj.core.api.Assertions.assertThat;

import io.buzz.grpc.GrpcLimits;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HComb's servers: one port, connections spread over event loops, never shared by two. */
class ListenersTest {
  private Vertx vertx;
  private final List<Throwable> faults = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stop() throws Exception {
    await(vertx.close());
    assertThat(faults).as("exceptions that escaped a handler").isEmpty();
  }

  /** Servers answering every request with {@code name}; the threads that served them in threads. */
  private Listeners listen(String name, int count, Set<String> threads) throws Exception {
    return onEventLoop(
        () ->
            Listeners.listen(
                vertx,
                HttpHold.serverOptions(),
                "127.0.0.1",
                0,
                count,
                request -> {
                  threads.add(Thread.currentThread().getName());
                  request.response().end(name);
                },
                faults::add));
  }

  /** {@code connections} requests, each on a connection of its own; the bodies answered. */
  private Set<String> ask(int port, int connections) throws Exception {
    HttpClient client =
        vertx
            .httpClientBuilder()
            .with(GrpcLimits.httpClientOptions().setHttp2MultiplexingLimit(1))
            .with(new PoolOptions().setHttp2MaxSize(connections))
            .build();
    Set<String> bodies = new HashSet<>();
    List<Future<String>> requests = new ArrayList<>();
    for (int i = 0; i < connections; i++) {
      requests.add(
          client
              .request(HttpMethod.GET, port, "127.0.0.1", "/")
              .compose(r -> r.send().compose(HttpClientResponse::body))
              .map(Object::toString));
    }
    for (Future<String> request : requests) {
      bodies.add(await(request));
    }
    await(client.close());
    return bodies;
  }

  @Test
  void twoHCombsOnPortZeroGetPortsOfTheirOwnAndEachIsServedByItsLoops() throws Exception {
    int loops = 2; // Vert.x has at least two event loops, whatever the cores
    Set<String> threadsA = ConcurrentHashMap.newKeySet();
    Set<String> threadsB = ConcurrentHashMap.newKeySet();
    Listeners a = listen("a", loops, threadsA);
    Listeners b = listen("b", loops, threadsB);
    assertThat(a.size()).isEqualTo(loops);
    assertThat(a.port()).isNotEqualTo(b.port());
    assertThat(ask(a.port(), 8)).containsExactly("a");
    assertThat(ask(b.port(), 8)).containsExactly("b");
    // Vert.x hands new connections to the servers in turn: every loop served some.
    assertThat(threadsA).hasSize(loops);
    await(a.close());
    assertThat(ask(b.port(), 2)).containsExactly("b");
    await(b.close());
  }

  @Test
  void aConfiguredPortIsSharedByTheServersOfOneHComb() throws Exception {
    Set<String> threads = ConcurrentHashMap.newKeySet();
    // A free port, found by a socket that closes again (another process may take it meanwhile:
    // then the next one). Not a Vert.x server: Vert.x would share its closing one.
    for (int attempt = 1; ; attempt++) {
      int port;
      try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        port = probe.getLocalPort();
      }
      Listeners servers;
      try {
        servers =
            onEventLoop(
                () ->
                    Listeners.listen(
                        vertx,
                        HttpHold.serverOptions(),
                        "127.0.0.1",
                        port,
                        2,
                        request -> {
                          threads.add(Thread.currentThread().getName());
                          request.response().end("y");
                        },
                        faults::add));
      } catch (ExecutionException e) {
        if (attempt < 5 && e.getCause() instanceof BindException) {
          continue;
        }
        throw e;
      }
      assertThat(servers.port()).isEqualTo(port);
      assertThat(servers.size()).isEqualTo(2);
      assertThat(ask(port, 8)).containsExactly("y");
      assertThat(threads).as("both servers served").hasSize(2);
      await(servers.close());
      return;
    }
  }

  /** Runs {@code start} on an event loop, as a verticle's start would. */
  private <T> T onEventLoop(Supplier<Future<T>> start) throws Exception {
    Promise<T> started = Promise.promise();
    vertx.getOrCreateContext().runOnContext(v -> start.get().onComplete(started));
    return await(started.future());
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
