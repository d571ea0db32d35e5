package io.buzz.hcomb;

import static org.assertj.core.api.Assertions.assertThat;

import io.buzz.grpc.GrpcLimits;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.PoolOptions;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Wide receive windows over real HTTP/2 on loopback: the HComb's request wrapper ({@link HttpHold})
 * in front of a handler that reads every body and answers at its end.
 */
class ReceiveWindowsTest {
  private static final long EXTRA = ReceiveWindows.WIDE - ReceiveWindows.NARROW;

  private Vertx vertx;
  private int port;
  private final AtomicLong received = new AtomicLong();

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stop() throws Exception {
    await(vertx.close());
  }

  private ReceiveWindows serve(long budgetBytes) throws Exception {
    ReceiveWindows windows = new ReceiveWindows(budgetBytes);
    HttpServer server =
        await(
            vertx
                .createHttpServer(HttpHold.serverOptions())
                .requestHandler(
                    HttpHold.wrapping(
                        request -> {
                          request.handler(bytes -> received.addAndGet(bytes.length()));
                          request.endHandler(v -> request.response().end());
                        },
                        GrpcLimits.MAX_MESSAGE_BYTES,
                        windows))
                .listen(0, "127.0.0.1"));
    port = server.actualPort();
    return windows;
  }

  /** An HTTP/2 client with at most {@code streamsPerConnection} streams on each connection. */
  private HttpClient client(int streamsPerConnection, int connections) {
    return vertx
        .httpClientBuilder()
        .with(GrpcLimits.httpClientOptions().setHttp2MultiplexingLimit(streamsPerConnection))
        .with(new PoolOptions().setHttp2MaxSize(connections))
        .build();
  }

  private HttpClientRequest open(HttpClient client) throws Exception {
    HttpClientRequest request =
        await(client.request(HttpMethod.POST, port, "127.0.0.1", "/upload"));
    request.setChunked(true);
    return request;
  }

  private static void send(HttpClientRequest request, int bytes) throws Exception {
    await(request.write(Buffer.buffer(new byte[bytes])));
  }

  /** The stream window the server's last SETTINGS gave the client's connection. */
  private static IntSupplier windowOf(HttpClientRequest request) {
    return () -> request.connection().remoteSettings().getInitialWindowSize();
  }

  @Test
  void aLargeStreamAloneOnItsConnectionGetsAWideWindowUntilItEnds() throws Exception {
    ReceiveWindows windows = serve(10 * EXTRA);
    HttpClientRequest request = open(client(1, 10));
    send(request, 1_000);
    assertThat(windows.grantedBytes()).isZero(); // a small stream keeps the default
    send(request, ReceiveWindows.NARROW);
    eventually(() -> windows.grantedBytes() == EXTRA);
    eventually(() -> windowOf(request).getAsInt() == ReceiveWindows.WIDE);
    await(request.end());
    await(request.response());
    eventually(() -> windows.grantedBytes() == 0);
    eventually(() -> windowOf(request).getAsInt() == ReceiveWindows.NARROW);
  }

  @Test
  void withoutBudgetEveryWindowStaysNarrow() throws Exception {
    ReceiveWindows windows = serve(EXTRA - 1);
    HttpClientRequest request = open(client(1, 10));
    send(request, 4 * ReceiveWindows.NARROW);
    eventually(() -> received.get() == 4 * ReceiveWindows.NARROW);
    assertThat(windows.grantedBytes()).isZero();
    await(request.end());
    await(request.response());
    assertThat(windows.grantedBytes()).isZero();
    assertThat(windowOf(request).getAsInt()).isEqualTo(ReceiveWindows.NARROW);
  }

  @Test
  void theBudgetWidensAsManyStreamsAsItHoldsAndPassesOnWhenOneEnds() throws Exception {
    ReceiveWindows windows = serve(EXTRA);
    HttpClient client = client(1, 10);
    HttpClientRequest first = open(client);
    HttpClientRequest second = open(client);
    assertThat(first.connection()).isNotSameAs(second.connection());
    send(first, ReceiveWindows.NARROW);
    eventually(() -> windowOf(first).getAsInt() == ReceiveWindows.WIDE);
    send(second, ReceiveWindows.NARROW);
    eventually(() -> received.get() == 2 * ReceiveWindows.NARROW);
    assertThat(windows.grantedBytes()).isEqualTo(EXTRA);
    assertThat(windowOf(second).getAsInt()).isEqualTo(ReceiveWindows.NARROW);
    await(first.end());
    await(first.response());
    send(second, 1_000); // its next bytes find the budget free
    eventually(() -> windowOf(second).getAsInt() == ReceiveWindows.WIDE);
    assertThat(windows.grantedBytes()).isEqualTo(EXTRA);
    await(second.end());
    await(second.response());
    eventually(() -> windows.grantedBytes() == 0);
  }

  @Test
  void aConnectionCarryingTwoStreamsIsNotWidened() throws Exception {
    ReceiveWindows windows = serve(10 * EXTRA);
    HttpClient client = client(2, 1);
    HttpClientRequest first = open(client);
    send(first, 1_000);
    HttpClientRequest second = open(client);
    assertThat(second.connection()).isSameAs(first.connection());
    send(second, 1_000);
    send(first, 2 * ReceiveWindows.NARROW);
    send(second, 2 * ReceiveWindows.NARROW);
    eventually(() -> received.get() == 4 * ReceiveWindows.NARROW + 2_000);
    assertThat(windows.grantedBytes()).isZero();
    assertThat(windowOf(first).getAsInt()).isEqualTo(ReceiveWindows.NARROW);
    await(first.end());
    await(second.end());
    await(first.response());
    await(second.response());
  }

  @Test
  void aStreamOpeningOnAWideConnectionIsChargedAndTheConnectionNarrowsOnceBothEnded()
      throws Exception {
    ReceiveWindows windows = serve(10 * EXTRA);
    HttpClient client = client(2, 1);
    HttpClientRequest first = open(client);
    send(first, ReceiveWindows.NARROW);
    eventually(() -> windowOf(first).getAsInt() == ReceiveWindows.WIDE);
    HttpClientRequest second = open(client);
    assertThat(second.connection()).isSameAs(first.connection());
    send(second, 1_000); // the server sees the second stream
    eventually(() -> windows.grantedBytes() == 2 * EXTRA);
    await(first.end());
    await(first.response());
    // Still wide while a stream is open: narrowing under open streams stalled them.
    assertThat(windows.grantedBytes()).isEqualTo(2 * EXTRA);
    assertThat(windowOf(second).getAsInt()).isEqualTo(ReceiveWindows.WIDE);
    send(second, 2 * ReceiveWindows.NARROW);
    await(second.end());
    await(second.response());
    eventually(() -> windows.grantedBytes() == 0);
    eventually(() -> windowOf(second).getAsInt() == ReceiveWindows.NARROW);
  }

  @Test
  void aStreamResetByItsClientGivesItsWindowBack() throws Exception {
    ReceiveWindows windows = serve(10 * EXTRA);
    HttpClientRequest request = open(client(1, 10));
    send(request, ReceiveWindows.NARROW);
    eventually(() -> windows.grantedBytes() == EXTRA);
    request.reset();
    eventually(() -> windows.grantedBytes() == 0);
  }

  private static void eventually(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the condition did not hold within 10 s");
      }
      Thread.sleep(5);
    }
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
