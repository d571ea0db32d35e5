package io.buzz.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Open connections are counted once per component, and nothing registers a meter twice: the
 * duplicate-gauge WARN vertx-micrometer provokes at each new connection has no cause left.
 */
class ConnectionCountingTest {
  private final ListAppender<ILoggingEvent> micrometerLog = new ListAppender<>();
  private final Logger registryLogger =
      (Logger) LoggerFactory.getLogger(MeterRegistry.class.getName());
  private ComponentMetrics metrics;
  private Vertx vertx;

  @BeforeEach
  void setUp() {
    // Micrometer warns about the first double registration and logs the others at DEBUG.
    registryLogger.setLevel(Level.DEBUG);
    micrometerLog.start();
    registryLogger.addAppender(micrometerLog);
    metrics = ComponentMetrics.create("probe");
    vertx = metrics.newVertx(new VertxOptions());
  }

  @AfterEach
  void tearDown() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
    metrics.close();
    registryLogger.detachAppender(micrometerLog);
  }

  @Test
  void serversAndClientsCountTheirConnectionsWithoutRegisteringAnyMeterTwice() throws Exception {
    List<HttpServer> servers = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      servers.add(
          vertx
              .createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
              .requestHandler(request -> request.response().end("ok"))
              .listen()
              .await(10, TimeUnit.SECONDS));
    }
    List<HttpClientAgent> clients = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      HttpClientAgent client = vertx.createHttpClient(new HttpClientOptions());
      clients.add(client);
      for (HttpServer server : servers) {
        String body =
            client
                .request(HttpMethod.GET, server.actualPort(), "127.0.0.1", "/")
                .compose(request -> request.send().compose(response -> response.body()))
                .await(10, TimeUnit.SECONDS)
                .toString();
        assertThat(body).isEqualTo("ok");
      }
    }

    assertThat(gauge("buzz.http.server.connections")).isEqualTo(6.0);
    assertThat(gauge("buzz.http.client.connections")).isEqualTo(6.0);
    assertThat(metrics.scrape())
        .contains("buzz_http_server_connections{component=\"probe\"} 6.0")
        .contains(
            "vertx_http_server_requests_total{code=\"200\",component=\"probe\",method=\"GET\"} 6.0")
        .doesNotContain("vertx_http_server_active_connections");

    for (HttpClientAgent client : clients) {
      client.close().await(10, TimeUnit.SECONDS);
    }
    awaitZero(() -> gauge("buzz.http.server.connections"));
    awaitZero(() -> gauge("buzz.http.client.connections"));
    assertThat(micrometerLog.list)
        .extracting(ILoggingEvent::getFormattedMessage)
        .noneMatch(message -> message.contains("already registered"));
  }

  @Test
  void aConnectionsOnlyClientIsCountedButItsRequestsAreNotMeasured() throws Exception {
    HttpServer server =
        vertx
            .createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
            .requestHandler(request -> request.response().end("ok"))
            .listen()
            .await(10, TimeUnit.SECONDS);
    HttpClientAgent quiet =
        vertx.createHttpClient(
            new HttpClientOptions().setMetricsName(ComponentMetrics.CONNECTIONS_ONLY));
    HttpClientAgent measured = vertx.createHttpClient(new HttpClientOptions());
    for (HttpClientAgent client : List.of(quiet, measured)) {
      client
          .request(HttpMethod.GET, server.actualPort(), "127.0.0.1", "/")
          .compose(request -> request.send().compose(response -> response.body()))
          .await(10, TimeUnit.SECONDS);
    }

    assertThat(gauge("buzz.http.client.connections")).isEqualTo(2.0);
    // One request measured (the other client's), two served.
    assertThat(metrics.scrape())
        .contains("vertx_http_client_requests_total{component=\"probe\",method=\"GET\"} 1.0")
        .contains(
            "vertx_http_server_requests_total{code=\"200\",component=\"probe\",method=\"GET\"} 2.0");
    quiet.close().await(10, TimeUnit.SECONDS);
    measured.close().await(10, TimeUnit.SECONDS);
    awaitZero(() -> gauge("buzz.http.client.connections"));
  }

  @Test
  void aComponentMeasuresOneVertxInstance() {
    // A second instance would register the component's worker-pool gauges again.
    assertThatThrownBy(() -> metrics.newVertx(new VertxOptions()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("probe metrics already measure a Vert.x instance");
  }

  private double gauge(String name) {
    return metrics.registry().get(name).gauge().value();
  }

  private static void awaitZero(DoubleSupplier value) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (value.getAsDouble() != 0.0 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(value.getAsDouble()).isZero();
  }
}
