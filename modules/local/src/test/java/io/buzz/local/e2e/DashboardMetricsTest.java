package io.buzz.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.buzz.datagen.TaxiDataGenerator;
import io.buzz.datagen.TaxiDataSpec;
import io.buzz.fuse.FuseConfig;
import io.buzz.fuse.client.QueryClient;
import io.buzz.fuse.client.QueryResult;
import io.buzz.local.LocalStack;
import io.buzz.local.LocalStackConfig;
import io.buzz.local.MetricsPorts;
import io.buzz.metrics.MetricsEndpoint;
import io.buzz.testing.Await;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Grafana dashboards in {@code ops/grafana/dashboards} only query what Buzz emits: after a
 * short mixed load on the local stack (good queries, a bad query, a task over a damaged file),
 * every metric a panel names is on the Fuse's or the HComb's {@code /metrics} endpoint. Where
 * Prometheus is installed ({@code .ci/run} installs it), a real one scrapes both endpoints and
 * every panel expression, evaluated through its HTTP API, returns data.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardMetricsTest {
  static final Path DASHBOARDS = Path.of("../../ops/grafana/dashboards");
  static final TaxiDataSpec DATA = new TaxiDataSpec(40_000, 4, LocalDate.of(2009, 1, 1), 5_000);

  @TempDir static Path temp;

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** Query slots of the Fuse: small, so the load can fill them and the queue behind them. */
  static final int SLOTS = 2;

  private HBeeGate gate;
  private Path taxi;
  private Path damaged;
  private LocalStack stack;
  private QueryClient client;
  private BufferAllocator allocator;

  @BeforeAll
  void setUp() throws IOException {
    taxi = temp.resolve("nyc-taxi");
    TaxiDataGenerator.generate(taxi, DATA);
    damaged = temp.resolve("damaged");
    TaxiDataGenerator.generate(damaged, new TaxiDataSpec(2_000, 2, LocalDate.of(2009, 1, 1), 500));
    damageDataPages(lastFile(damaged));
    gate = new HBeeGate();
    stack =
        LocalStack.start(
            LocalStackConfig.defaults()
                .withMetrics(MetricsPorts.EPHEMERAL)
                .withFuse(FuseConfig.defaults().withAdmission(SLOTS, 1))
                .withHBeeInterceptor(gate));
    client = new QueryClient(stack.vertx(), "127.0.0.1", stack.port());
    allocator = new RootAllocator();
  }

  @AfterAll
  void tearDown() {
    if (client != null) {
      client.close();
    }
    if (stack != null) {
      stack.close();
    }
    if (allocator != null) {
      allocator.close();
    }
  }

  @Test
  void everyMetricADashboardQueriesIsEmitted() throws Exception {
    runMixedLoad(Duration.ZERO);
    Set<String> emitted = new TreeSet<>();
    emitted.addAll(names(scrape(stack.fuseMetricsPort())));
    emitted.addAll(names(scrape(stack.hcombMetricsPort())));

    Map<String, Set<String>> missing = new LinkedHashMap<>();
    for (Panel panel : panels()) {
      Set<String> names = PromQlNames.of(panel.expr());
      assertThat(names).as("metrics of " + panel.title() + ": " + panel.expr()).isNotEmpty();
      for (String name : names) {
        if (!emitted.contains(name)) {
          missing.computeIfAbsent(panel.title(), k -> new TreeSet<>()).add(name);
        }
      }
    }
    assertThat(missing).as("panels naming metrics the local stack does not emit").isEmpty();
  }

  @Test
  void everyPanelExpressionReturnsDataFromARealPrometheus() throws Exception {
    Optional<Path> prometheus = prometheusBinary();
    if ("1".equals(System.getenv("BUZZ_REQUIRE_PROMETHEUS"))) {
      assertThat(prometheus).as("prometheus on PATH (BUZZ_REQUIRE_PROMETHEUS=1)").isPresent();
    }
    assumeTrue(
        prometheus.isPresent(),
        "prometheus is not installed (.ci/run installs it; or set BUZZ_PROMETHEUS)");
    Path home = Files.createDirectories(temp.resolve("prometheus"));
    int port = freePort();
    Files.writeString(
        home.resolve("prometheus.yml"),
        String.join(
            "\n",
            "global:",
            "  scrape_interval: 1s",
            "  scrape_timeout: 1s",
            "scrape_configs:",
            "  - job_name: buzz-fuse",
            "    static_configs: [{targets: ['127.0.0.1:" + stack.fuseMetricsPort() + "']}]",
            "  - job_name: buzz-hcomb",
            "    static_configs: [{targets: ['127.0.0.1:" + stack.hcombMetricsPort() + "']}]",
            ""));
    Process process =
        new ProcessBuilder(
                prometheus.get().toString(),
                "--config.file=" + home.resolve("prometheus.yml"),
                "--storage.tsdb.path=" + home.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port,
                "--log.level=warn")
            .redirectErrorStream(true)
            .redirectOutput(home.resolve("prometheus.log").toFile())
            .start();
    try {
      String api = "http://127.0.0.1:" + port;
      awaitReady(api, process, home.resolve("prometheus.log"));
      // Load while Prometheus scrapes every second: rates need two samples with a change between.
      runMixedLoad(Duration.ofSeconds(5));
      List<Panel> panels = panels();
      Map<String, String> empty = new LinkedHashMap<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(45).toNanos();
      do {
        empty.clear();
        for (Panel panel : panels) {
          String outcome = evaluate(api, grafanaVariables(panel.expr()));
          if (outcome != null) {
            empty.put(panel.title() + ": " + panel.expr(), outcome);
          }
        }
        if (!empty.isEmpty()) {
          Thread.sleep(1_000);
        }
      } while (!empty.isEmpty() && System.nanoTime() < deadline);
      assertThat(empty).as("panel expressions Prometheus answers with no data").isEmpty();
    } finally {
      process.destroy();
      if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }

  /**
   * Successful queries (one pruned by a partition filter), a query with an SQL error and one whose
   * task hits a damaged file, then a GC so the GC panels have something to show. With a duration,
   * good queries repeat until it has passed.
   */
  private void runMixedLoad(Duration duration) throws Exception {
    String uri = taxi.toUri().toString();
    String reduce = "SELECT payment_type, SUM(n) AS n FROM nyc_taxi_map GROUP BY payment_type";
    String map = "SELECT payment_type, COUNT(*) AS n FROM nyc_taxi GROUP BY payment_type";
    long end = System.nanoTime() + duration.toNanos();
    do {
      for (String filter : Arrays.asList(null, "pickup_date <= '2009-01-02'")) {
        try (QueryResult result =
            Await.result(
                client.query(
                    QueryJsonText.twoSteps(map, filter, reduce, "nyc_taxi", uri),
                    Duration.ofMinutes(1),
                    allocator))) {
          assertThat(result.rowCount()).isPositive();
        }
      }
    } while (System.nanoTime() < end);
    Await.failure(
        client.query(
            QueryJsonText.twoSteps("SELEC 1 FROM nyc_taxi", null, reduce, "nyc_taxi", uri),
            Duration.ofMinutes(1),
            allocator));
    Throwable broken =
        Await.failure(
            client.query(
                QueryJsonText.twoSteps(map, null, reduce, "nyc_taxi", damaged.toUri().toString()),
                Duration.ofMinutes(1),
                allocator));
    assertThat(broken.getMessage()).contains(lastFile(damaged).getFileName().toString());
    fillTheSlotsAndTheQueue(uri, map, reduce);
    System.gc();
  }

  /**
   * Holds the HBees so that {@link #SLOTS} queries run, one waits in the queue and one more is
   * refused; then lets everything finish.
   */
  private void fillTheSlotsAndTheQueue(String uri, String map, String reduce) throws Exception {
    String json = QueryJsonText.twoSteps(map, null, reduce, "nyc_taxi", uri);
    gate.hold();
    List<io.vertx.core.Future<QueryResult>> admitted = new ArrayList<>();
    for (int i = 0; i < SLOTS; i++) {
      admitted.add(client.query(json, Duration.ofMinutes(1), allocator));
    }
    gate.awaitWaiting(SLOTS); // each running query has at least one HBee held
    admitted.add(client.query(json, Duration.ofMinutes(1), allocator)); // waits in the queue
    QueryLifecycleTest.eventually(
        "a query waits for a slot",
        () -> stack.fuseMetrics().registry().get("buzz.fuse.queries.queued").gauge().value() == 1);
    Throwable refused = Await.failure(client.query(json, Duration.ofMinutes(1), allocator));
    assertThat(refused.getMessage()).contains("at capacity");
    gate.release();
    for (io.vertx.core.Future<QueryResult> query : admitted) {
      Await.result(query).close();
    }
  }

  private record Panel(String title, String expr) {}

  /** Every panel target's expression, panels nested in rows included. */
  private static List<Panel> panels() throws IOException {
    List<Panel> panels = new ArrayList<>();
    try (Stream<Path> files = Files.list(DASHBOARDS)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
        JsonObject dashboard = new JsonObject(Files.readString(file));
        collect(dashboard.getString("title"), dashboard.getJsonArray("panels"), panels);
      }
    }
    assertThat(panels).as("panels in " + DASHBOARDS.toAbsolutePath()).hasSizeGreaterThan(20);
    return panels;
  }

  private static void collect(String dashboard, JsonArray items, List<Panel> into) {
    if (items == null) {
      return;
    }
    for (int i = 0; i < items.size(); i++) {
      JsonObject panel = items.getJsonObject(i);
      JsonArray targets = panel.getJsonArray("targets", new JsonArray());
      for (int t = 0; t < targets.size(); t++) {
        String expr = targets.getJsonObject(t).getString("expr");
        assertThat(expr).as("expr of a target of " + panel.getString("title")).isNotBlank();
        into.add(new Panel(dashboard + " / " + panel.getString("title"), expr));
      }
      collect(dashboard, panel.getJsonArray("panels"), into);
    }
  }

  /** Grafana's variables as a dashboard would fill them in for the last minutes. */
  private static String grafanaVariables(String expr) {
    return expr.replace("$__rate_interval", "1m")
        .replace("${component}", ".*")
        .replace("$component", ".*");
  }

  private String scrape(int port) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type"))
        .hasValue(MetricsEndpoint.CONTENT_TYPE);
    return response.body();
  }

  private static Set<String> names(String exposition) {
    Set<String> names = new TreeSet<>();
    for (String line : exposition.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int end = line.indexOf('{');
      names.add(line.substring(0, end >= 0 ? end : line.indexOf(' ')));
    }
    return names;
  }

  /** Null when the expression returned data; otherwise what Prometheus said. */
  private String evaluate(String api, String expr) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(
                        api
                            + "/api/v1/query?query="
                            + URLEncoder.encode(expr, StandardCharsets.UTF_8)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    JsonObject body = new JsonObject(response.body());
    if (!"success".equals(body.getString("status"))) {
      return body.getString("errorType") + ": " + body.getString("error");
    }
    JsonArray result = body.getJsonObject("data").getJsonArray("result");
    return result.isEmpty() ? "no data" : null;
  }

  private void awaitReady(String api, Process process, Path log) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError("prometheus exited: " + Files.readString(log));
      }
      try {
        HttpResponse<String> ready =
            http.send(
                HttpRequest.newBuilder(URI.create(api + "/-/ready")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (ready.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(100);
    }
    throw new AssertionError("prometheus was not ready within 30 s: " + Files.readString(log));
  }

  private static Optional<Path> prometheusBinary() {
    String configured = System.getenv("BUZZ_PROMETHEUS");
    if (configured != null && !configured.isBlank()) {
      return Optional.of(Path.of(configured));
    }
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      Path candidate = Path.of(dir, "prometheus");
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static Path lastFile(Path table) throws IOException {
    try (Stream<Path> files = Files.walk(table)) {
      return files
          .filter(f -> f.toString().endsWith(".parquet"))
          .sorted()
          .reduce((a, b) -> b)
          .get();
    }
  }

  /** Overwrites every data page of a Parquet file and leaves its footer (the schema) intact. */
  private static void damageDataPages(Path file) throws IOException {
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      long length = raf.length();
      raf.seek(length - 8);
      int footer = Integer.reverseBytes(raf.readInt());
      byte[] garbage = new byte[(int) (length - 8 - footer - 4)];
      Arrays.fill(garbage, (byte) 0x7f);
      raf.seek(4);
      raf.write(garbage);
    }
  }
}
