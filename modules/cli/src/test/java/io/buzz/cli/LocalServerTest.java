package io.buzz.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import io.buzz.fuse.client.QueryClient;
import io.buzz.fuse.client.QueryResult;
import io.buzz.hbee.HBeeFunction;
import io.buzz.local.LocalStackConfig;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The lifecycle behind {@code buzz serve}, without signals: the shutdown hook calls {@link
 * LocalServer#stop}, which must end running queries with a reason, free the port and let the
 * command return.
 */
class LocalServerTest {
  private Vertx vertx;
  private BufferAllocator allocator;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    allocator = new RootAllocator();
    io.buzz.datagen.TaxiDataGenerator.generate(
        Path.of(QueryCommandTest.RELATIVE_TABLE), QueryCommandTest.DATA);
  }

  @AfterEach
  void tearDown() throws Exception {
    allocator.close();
    vertx.close().await(30, TimeUnit.SECONDS);
  }

  private static String countQuery() {
    return QueryCommandTest.queryJson(
        "SELECT COUNT(*) AS n FROM nyc_taxi",
        "SELECT SUM(n) AS n FROM nyc_taxi_map",
        Path.of(QueryCommandTest.RELATIVE_TABLE).toAbsolutePath().toUri().toString());
  }

  @Test
  void servesUntilStoppedThenFreesItsPort() throws Exception {
    LocalServer server = LocalServer.start(LocalStackConfig.defaults().withQueryPort(0));
    int port = server.port();
    try (QueryClient client = new QueryClient(vertx, "127.0.0.1", port);
        QueryResult result =
            client
                .query(countQuery(), Duration.ofMinutes(1), allocator)
                .await(1, TimeUnit.MINUTES)) {
      assertThat(result.rowCount()).isEqualTo(1);
    }
    StringWriter err = new StringWriter();

    server.stop(new PrintWriter(err));
    server.awaitStopped();
    server.stop(new PrintWriter(err)); // a second signal is harmless

    assertThat(err.toString()).isEmpty();
    assertThat(accepts(port)).as("port %d still accepts connections", port).isFalse();
  }

  @Test
  void stoppingEndsRunningQueriesWithAReason() throws Exception {
    AtomicInteger arrived = new AtomicInteger();
    Promise<Void> never = Promise.promise();
    LocalServer server =
        LocalServer.start(
            LocalStackConfig.defaults()
                .withQueryPort(0)
                .withHBeeInterceptor(
                    runtime ->
                        (HBeeFunction)
                            task -> {
                              arrived.incrementAndGet();
                              return never.future().compose(v -> runtime.handle(task));
                            }));
    try (QueryClient client = new QueryClient(vertx, "127.0.0.1", server.port())) {
      Future<QueryResult> running = client.query(countQuery(), Duration.ofMinutes(1), allocator);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (arrived.get() == 0 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(arrived.get()).isPositive();

      server.stop(new PrintWriter(new StringWriter()));

      BuzzException error = failure(running);
      assertThat(error.code()).isEqualTo(ErrorCode.UNAVAILABLE);
      assertThat(error.getMessage()).contains("shutting down");
    }
  }

  private static BuzzException failure(Future<?> future) throws Exception {
    try {
      future.await(1, TimeUnit.MINUTES);
    } catch (BuzzException e) {
      return e;
    }
    throw new AssertionError("expected the query to fail");
  }

  private static boolean accepts(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
