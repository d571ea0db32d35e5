package io.buzz.fuse.aws;

import static java.util.Objects.requireNonNull;

import io.buzz.config.Settings;
import io.buzz.error.BuzzException;
import io.buzz.fuse.FuseConfig;
import io.buzz.fuse.service.QueryServerVerticle;
import io.buzz.metrics.MetricsEndpoint;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The Fuse's gRPC query service in AWS mode, for interactive clients: the container entry point
 * ({@link #main}) and what {@code buzz serve --aws} runs. Queries run with HBees on Lambda and
 * HCombs on Fargate ({@link AwsFuse}).
 *
 * <table>
 *   <caption>Environment of the container</caption>
 *   <tr><td>{@code BUZZ_FUSE_HOST}</td><td>interface of the query API (0.0.0.0)</td></tr>
 *   <tr><td>{@code BUZZ_FUSE_PORT}</td><td>port of the query API (50051)</td></tr>
 *   <tr><td>{@code BUZZ_FUSE_METRICS_PORT}</td><td>Prometheus port, -1 for none (9090)</td></tr>
 *   <tr><td>{@code BUZZ_AWS_CONFIG}</td><td>a properties file of AWS settings (optional; the
 *       {@code BUZZ_AWS_*} variables work alone)</td></tr>
 * </table>
 */
public final class FuseServer implements AutoCloseable {
  /**
   * The JVM flags the Fuse's image runs it with; the bench's Fuse process runs with them too.
   *
   * <ul>
   *   <li>The parallel collector. The Fuse's live heap is small (task records, caches) and its
   *       garbage dies young, at thousands of HBee invocations a second: it took 0.88–0.91 of G1's
   *       CPU per invocation (G1's write barriers and concurrent work), for longer, rarer young
   *       pauses.
   *   <li>Transparent huge pages where the kernel offers them (as the HComb's image): 0.91–0.96 of
   *       the CPU per invocation without them (fewer TLB misses over a heap allocated at a high
   *       rate). Where it offers none the JVM falls back to small pages; its warning saying so is
   *       off ({@code -Xlog:pagesize=off}), so the Fuse's output stays its own.
   * </ul>
   *
   * Both measured with the fan-out bench's {@code --fanout-compare} (README).
   */
  public static final List<String> JVM_FLAGS =
      List.of("-XX:+UseParallelGC", "-XX:+UseTransparentHugePages", "-Xlog:pagesize=off");

  private final AwsFuse fuse;
  private final QueryServerVerticle server;
  private final MetricsEndpoint metrics;

  private FuseServer(AwsFuse fuse, QueryServerVerticle server, MetricsEndpoint metrics) {
    this.fuse = fuse;
    this.server = server;
    this.metrics = metrics;
  }

  /**
   * Serves {@code fuse} on {@code host:port}, its metrics on {@code metricsPort} (-1: none); blocks
   * until both listen. The server owns {@code fuse} from now on.
   */
  public static FuseServer start(AwsFuse fuse, String host, int port, int metricsPort) {
    requireNonNull(fuse, "fuse is null");
    try {
      QueryServerVerticle server = new QueryServerVerticle(fuse.services(), host, port);
      fuse.vertx().deployVerticle(server).await(60, TimeUnit.SECONDS);
      MetricsEndpoint metrics = null;
      if (metricsPort >= 0) {
        metrics = new MetricsEndpoint(fuse.metrics(), host, metricsPort);
        fuse.vertx().deployVerticle(metrics).await(60, TimeUnit.SECONDS);
      }
      // Calcite's first plan costs seconds: pay it before the first query, not in it.
      fuse.vertx()
          .executeBlocking(
              () -> {
                fuse.warmUp();
                return null;
              },
              false);
      return new FuseServer(fuse, server, metrics);
    } catch (TimeoutException e) {
      fuse.close();
      throw new IllegalStateException("the Fuse did not start within 60 s", e);
    } catch (RuntimeException e) {
      fuse.close();
      throw e;
    }
  }

  public int port() {
    return server.port();
  }

  /** The metrics port, or -1 when none is served. */
  public int metricsPort() {
    return metrics == null ? -1 : metrics.port();
  }

  /** Stops serving: running queries end with UNAVAILABLE; then the clients close. */
  @Override
  public void close() {
    fuse.close();
  }

  /** The container entry point; exits 2 with one line naming a wrong setting. */
  public static void main(String[] args) throws InterruptedException {
    FuseServer server;
    try {
      Map<String, String> env = System.getenv();
      Settings own =
          Settings.empty()
              .withEnvironment(
                  env, List.of("buzz.fuse.host", "buzz.fuse.port", "buzz.fuse.metrics.port"));
      AwsSettings settings =
          AwsSettings.load(
              Optional.ofNullable(env.get("BUZZ_AWS_CONFIG")).map(Path::of), env, true);
      server =
          start(
              AwsFuse.start(settings, AwsFuse.credentials(settings), FuseConfig.defaults()),
              own.string("buzz.fuse.host", "0.0.0.0"),
              own.integer("buzz.fuse.port", 50051, 0, 65535),
              own.integer("buzz.fuse.metrics.port", 9090, -1, 65535));
    } catch (BuzzException e) {
      System.err.println("buzz-fuse: " + e.getMessage());
      System.exit(e.code().exitCode());
      return;
    }
    System.out.println("buzz-fuse: query API on port " + server.port());
    CountDownLatch stopped = new CountDownLatch(1);
    FuseServer running = server;
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  running.close();
                  stopped.countDown();
                },
                "buzz-fuse-shutdown"));
    stopped.await();
  }
}
