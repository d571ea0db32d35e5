package io.buzz.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MetricsEndpointTest {
  private final HttpClient http = HttpClient.newHttpClient();
  private Vertx vertx;
  private ComponentMetrics metrics;
  private BufferAllocator allocator;
  private MetricsEndpoint endpoint;

  @BeforeEach
  void setUp() throws Exception {
    vertx = Vertx.vertx();
    allocator = new RootAllocator();
    metrics = ComponentMetrics.create("probe").bindEventLoops(vertx).bindArrow(allocator);
    endpoint = new MetricsEndpoint(metrics, "127.0.0.1", 0);
    vertx.deployVerticle(endpoint).await(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void tearDown() throws Exception {
    metrics.close();
    vertx.close().await(10, TimeUnit.SECONDS);
    allocator.close();
  }

  private HttpResponse<String> send(String method, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + endpoint.port() + path))
            .method(method, HttpRequest.BodyPublishers.noBody())
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void servesTheProcessFiguresAndTheEventLoopLagInThePrometheusFormat() throws Exception {
    // The probe runs every 200 ms on each loop: wait until it has measured.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    HttpResponse<String> response = send("GET", "/metrics");
    while (!response.body().contains("buzz_eventloop_lag_seconds_count{component=\"probe\"}")
        && System.nanoTime() < deadline) {
      Thread.sleep(100);
      response = send("GET", "/metrics");
    }
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type"))
        .hasValue(MetricsEndpoint.CONTENT_TYPE);
    assertThat(response.body())
        .contains("buzz_eventloop_lag_seconds_bucket{component=\"probe\",le=\"0.001\"}")
        .contains("buzz_eventloop_lag_seconds_count{component=\"probe\"}")
        .contains("jvm_memory_used_bytes{area=\"heap\",component=\"probe\"")
        .contains("jvm_buffer_memory_used_bytes{component=\"probe\",id=\"direct\"}")
        .contains("jvm_threads_live_threads{component=\"probe\"}")
        .contains("process_cpu_usage{component=\"probe\"}");
  }

  @Test
  void arrowMemoryIsReportedAsAllocated() throws Exception {
    try (ArrowBuf buffer = allocator.buffer(1 << 20)) {
      assertThat(send("GET", "/metrics").body())
          .contains(
              "buzz_arrow_allocated_bytes{component=\"probe\"} "
                  + (double) allocator.getAllocatedMemory());
    }
    assertThat(send("GET", "/metrics").body())
        .contains("buzz_arrow_allocated_bytes{component=\"probe\"} 0.0");
  }

  @Test
  void theArrowBlockPoolIsReported() {
    java.util.concurrent.atomic.AtomicLong pooled = new java.util.concurrent.atomic.AtomicLong();
    java.util.concurrent.atomic.AtomicLong reused = new java.util.concurrent.atomic.AtomicLong();
    try (ComponentMetrics pool =
        ComponentMetrics.create("pool").bindArrowPool(pooled::get, reused::get)) {
      pooled.set(3L << 20);
      reused.set(7);
      System.gc(); // a gauge that held its supplier weakly would read NaN now
      assertThat(pool.scrape())
          .contains("buzz_arrow_pool_pooled_bytes{component=\"pool\"} 3145728.0")
          .contains("buzz_arrow_pool_reused_blocks_total{component=\"pool\"} 7.0");
    }
  }

  @Test
  void aVertxMadeByTheRegistryReportsItsPoolsAndServers() throws Exception {
    try (ComponentMetrics own = ComponentMetrics.create("own")) {
      Vertx measured = own.newVertx(new VertxOptions());
      try {
        measured.executeBlocking(() -> 1).await(10, TimeUnit.SECONDS);
        MetricsEndpoint served = new MetricsEndpoint(own, "127.0.0.1", 0);
        measured.deployVerticle(served).await(10, TimeUnit.SECONDS);
        String text =
            http.send(
                    HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + served.port() + "/metrics"))
                        .build(),
                    HttpResponse.BodyHandlers.ofString())
                .body();
        assertThat(text)
            .contains(
                "vertx_pool_completed_total{component=\"own\",pool_name=\"vert.x-worker-thread\","
                    + "pool_type=\"worker\"}")
            .contains("buzz_http_server_connections{component=\"own\"}");
      } finally {
        measured.close().await(10, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void otherPathsAndMethodsAreRefused() throws Exception {
    assertThat(send("GET", "/").statusCode()).isEqualTo(404);
    assertThat(send("GET", "/").body()).contains("/metrics");
    HttpResponse<String> post = send("POST", "/metrics");
    assertThat(post.statusCode()).isEqualTo(405);
    assertThat(post.headers().firstValue("allow")).hasValue("GET, HEAD");
  }

  @Test
  void aTakenPortIsAClearStartError() {
    MetricsEndpoint second = new MetricsEndpoint(metrics, "127.0.0.1", endpoint.port());
    assertThatThrownBy(() -> vertx.deployVerticle(second).await(10, TimeUnit.SECONDS))
        .hasMessageContaining("the probe metrics endpoint cannot listen on 127.0.0.1:")
        .hasMessageContaining(String.valueOf(endpoint.port()));
  }

  @Test
  void anInvalidPortIsRefusedAtOnce() {
    assertThatThrownBy(() -> new MetricsEndpoint(metrics, "127.0.0.1", 70_000))
        .hasMessageContaining("metrics port must be within 0..65535, got 70000");
  }
}
