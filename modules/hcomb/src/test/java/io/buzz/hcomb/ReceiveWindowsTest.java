package io.buzz.hcomb;

import static io.buzz.hcomb.HCombTestBase.await;
import static io.buzz.hcomb.HCombTestBase.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.buzz.grpc.GrpcLimits;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.PoolOptions;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Wide receive windows over real HTTP/2 on loopback: the HComb's request wrapper ({@link HttpHold})
 * in front of a handler that reads every body and answers at its end (or at once, on {@code
 * /reject}).
 */
class ReceiveWindowsTest {
  private static final long EXTRA = ReceiveWindows.EXTRA;
  private static final int NARROW = ReceiveWindows.NARROW;
  private static final int WIDE = ReceiveWindows.WIDE;

  private Vertx vertx;
  private int port;
  private final AtomicLong received = new AtomicLong();

  /** The server side of each connection, by the client's port. */
  private final Map<Integer, HttpConnection> serverSides = new ConcurrentHashMap<>();

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stop() {
    await(vertx.close());
  }

  private ReceiveWindows serve(long budgetBytes) {
    ReceiveWindows windows = new ReceiveWindows(budgetBytes);
    HttpServer server =
        await(
            vertx
                .createHttpServer(HttpHold.serverOptions())
                .requestHandler(
                    HttpHold.wrapping(
                        request -> {
                          serverSides.put(
                              request.connection().remoteAddress().port(), request.connection());
                          long[] got = {0};
                          request.handler(
                              bytes -> {
                                received.addAndGet(bytes.length());
                                got[0] += bytes.length();
                                if (request.path().equals("/reject")
                                    && got[0] >= NARROW
                                    && !request.response().ended()) {
                                  request.response().setStatusCode(400).end();
                                }
                              });
                          request.endHandler(
                              v -> {
                                if (!request.response().ended()) {
                                  request.response().end();
                                }
                              });
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

  private HttpClientRequest open(HttpClient client, String path) {
    HttpClientRequest request = await(client.request(HttpMethod.POST, port, "127.0.0.1", path));
    request.setChunked(true);
    return request;
  }

  private HttpClientRequest open(HttpClient client) {
    return open(client, "/upload");
  }

  /** A second stream on {@code first}'s connection, seen by the server (1,000 bytes sent). */
  private HttpClientRequest besides(HttpClient client, HttpClientRequest first) {
    HttpClientRequest second = open(client);
    assertThat(second.connection()).isSameAs(first.connection());
    send(second, 1_000);
    return second;
  }

  private static void send(HttpClientRequest request, int bytes) {
    await(request.write(Buffer.buffer(new byte[bytes])));
  }

  private static void finish(HttpClientRequest request) {
    await(request.end());
    await(request.response());
  }

  /**
   * The stream window of the client's connection, as the server's side has it acknowledged (the
   * client's view would read a dropped change as the default); -1 before the server saw it.
   */
  private IntSupplier windowOf(HttpClientRequest request) {
    int clientPort = request.connection().localAddress().port();
    return () -> {
      HttpConnection connection = serverSides.get(clientPort);
      return connection == null ? -1 : (int) connection.settings().getInitialWindowSize();
    };
  }

  private void serverReceived(long bytes) {
    eventually("the server received " + bytes + " bytes", () -> received.get() == bytes);
  }

  private static void allGivenBack(ReceiveWindows windows) {
    eventually("every charge given back", () -> windows.grantedBytes() == 0);
    eventually("no connection kept", () -> windows.connectionCount() == 0);
  }

  @Test
  void aLargeStreamAloneOnItsConnectionGetsAWideWindowUntilItEnds() {
    ReceiveWindows windows = serve(10 * EXTRA);
    HttpClientRequest request = open(client(1, 10));
    send(request, 1_000);
    serverReceived(1_000);
    assertThat(windows.grantedBytes()).isZero(); // a small stream keeps the default
    send(request, NARROW);
    eventually("charged", () -> windows.grantedBytes() == EXTRA);
    eventually("wide", () -> windowOf(request).getAsInt() == WIDE);
    finish(request);
    eventually("narrow again", () -> windowOf(request).getAsInt() == NARROW);
    allGivenBack(windows);
  }

  @Test
  void aStreamThatEndsBeforeItsWideningIsAcknowledgedLeavesItsConnectionNarrow() {
    ReceiveWindows windows = serve(10 * EXTRA);
    HttpClient client = client(1, 1);
    for (int i = 0; i < 5; i++) {
      HttpClientRequest request = open(client);
      // A whole window and the end at once: the stream ends before any acknowledgement.
      await(request.end(Buffer.buffer(new byte[NARROW])));
      await(request.response());
      allGivenBack(windows);
      assertThat(windows.widenings()).isEqualTo(i + 1);
      assertThat(windowOf(request).getAsInt()).isEqualTo(NARROW);
    }
  }

  @Test
  void withoutBudgetEveryWindowStaysNarrow() {
    ReceiveWindows windows = serve(EXTRA - 1);
    HttpClientRequest request = open(client(1, 10));
    send(request, 4 * NARROW);
    serverReceived(4 * NARROW);
    assertThat(windows.grantedBytes()).isZero();
    finish(request);
    assertThat(windowOf(request).getAsInt()).isEqualTo(NARROW);
    allGivenBack(windows);
  }

  @Test
  void theBudgetWidensAsManyStreamsAsItHoldsAndPassesOnWhenOneEnds() {
    ReceiveWindows windows = serve(EXTRA);
    HttpClient client = client(1, 10);
    HttpClientRequest first = open(client);
    HttpClientRequest second = open(client);
    assertThat(first.connection()).isNotSameAs(second.connection());
    send(first, NARROW);
    eventually("first wide", () -> windowOf(first).getAsInt() == WIDE);
    send(second, NARROW);
    serverReceived(2 * NARROW);
    assertThat(windows.grantedBytes()).isEqualTo(EXTRA);
    assertThat(windowOf(second).getAsInt()).isEqualTo(NARROW);
    finish(first);
    eventually("the first one's charge back", () -> windows.grantedBytes() == 0);
    send(second, 1_000); // its next bytes find the budget free
    eventually("second wide", () -> windowOf(second).getAsInt() == WIDE);
    assertThat(windows.grantedBytes()).isEqualTo(EXTRA);
    finish(second);
    allGivenBack(windows);
  }

  @Test
  void aConnectionCarryingTwoStreamsIsNotWidened() {
    ReceiveWindows windows = serve(10 * EXTRA);
    HttpClient client = client(2, 1);
    HttpClientRequest first = open(client);
    send(first, 1_000);
    HttpClientRequest second = besides(client, first);
    send(first, 2 * NARROW);
    send(second, 2 * NARROW);
    serverReceived(4 * NARROW + 2_000);
    assertThat(windows.grantedBytes()).isZero();
    assertThat(windowOf(first).getAsInt()).isEqualTo(NARROW);
    finish(first);
    finish(second);
    allGivenBack(windows);
  }

  @Test
  void aStreamOpeningOnAWideConnectionIsChargedUntilItEndsAndTheConnectionNarrowsOnceIdle() {
    ReceiveWindows windows = serve(10 * EXTRA);
    HttpClient client = client(2, 1);
    HttpClientRequest first = open(client);
    send(first, NARROW);
    eventually("wide", () -> windowOf(first).getAsInt() == WIDE);
    HttpClientRequest second = besides(client, first);
    eventually("both charged", () -> windows.grantedBytes() == 2 * EXTRA);
    finish(first);
    // One charge for the stream left; still wide: narrowing under open streams stalled them.
    eventually("one charge given back", () -> windows.grantedBytes() == EXTRA);
    assertThat(windowOf(second).getAsInt()).isEqualTo(WIDE);
    send(second, 2 * NARROW);
    finish(second);
    eventually("narrow once idle", () -> windowOf(second).getAsInt() == NARROW);
    allGivenBack(windows);
  }

  @Test
  void aStreamResetByItsClientGivesItsWindowBack() {
    ReceiveWindows windows = serve(10 * EXTRA);
    HttpClientRequest request = open(client(1, 10));
    send(request, NARROW);
    eventually("charged", () -> windows.grantedBytes() == EXTRA);
    request.reset();
    allGivenBack(windows);
  }

  @Test
  void aClosedConnectionGivesItsWindowBack() {
    ReceiveWindows windows = serve(10 * EXTRA);
    HttpClientRequest request = open(client(1, 10));
    send(request, NARROW);
    eventually("charged", () -> windows.grantedBytes() == EXTRA);
    await(request.connection().close());
    allGivenBack(windows);
  }

  @Test
  void aStreamAnsweredBeforeItsEndGivesItsWindowBack() {
    ReceiveWindows windows = serve(10 * EXTRA);
    HttpClientRequest request = open(client(1, 10), "/reject");
    request.write(Buffer.buffer(new byte[NARROW]));
    assertThat(await(request.response()).statusCode()).isEqualTo(400);
    eventually("widened", () -> windows.widenings() == 1);
    allGivenBack(windows);
  }

  @Test
  void anHttp1RequestIsLeftAlone() {
    ReceiveWindows windows = serve(10 * EXTRA);
    HttpClient http1 = vertx.createHttpClient(new HttpClientOptions());
    HttpClientRequest request = open(http1);
    send(request, 4 * NARROW);
    finish(request);
    assertThat(received.get()).isEqualTo(4 * NARROW);
    assertThat(windows.grantedBytes()).isZero();
    assertThat(windows.connectionCount()).isZero();
  }
}
