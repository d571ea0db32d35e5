package io.buzz.cli;

import io.buzz.fuse.FuseConfig;
import io.buzz.hcomb.HCombConfig;
import io.buzz.local.LocalStackConfig;
import io.buzz.local.MetricsPorts;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code buzz serve [--port N] [--host H] [--metrics-port N] [--hcomb-metrics-port N]}: the Fuse's
 * query API with a local HComb and local HBees, and both components' Prometheus endpoints, until
 * SIGTERM or Ctrl-C; then running queries end with UNAVAILABLE and everything stops before the
 * process exits.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = "Serves the gRPC query API (buzz.query.v1.QueryService) on the local stack.")
final class ServeCommand implements Callable<Integer> {
  @Option(
      names = "--port",
      defaultValue = "50051",
      description = "port to listen on (0 picks a free one); default ${DEFAULT-VALUE}")
  int port;

  @Option(
      names = "--host",
      defaultValue = "127.0.0.1",
      description = "interface to listen on; default ${DEFAULT-VALUE}")
  String host;

  @Option(
      names = "--metrics-port",
      defaultValue = "9464",
      description =
          "port of the Fuse's Prometheus endpoint (GET /metrics); 0 picks a free one, -1 serves"
              + " none; default ${DEFAULT-VALUE}")
  int metricsPort;

  @Option(
      names = "--hcomb-metrics-port",
      defaultValue = "9465",
      description =
          "port of the HComb's Prometheus endpoint; 0 picks a free one, -1 serves none; default"
              + " ${DEFAULT-VALUE}")
  int hcombMetricsPort;

  @Option(
      names = "--hcomb-idle-shutdown",
      defaultValue = "600",
      paramLabel = "SECONDS",
      description =
          "seconds the HComb may stay without a query before it shuts down (the next query starts"
              + " a new one); 0 never; default ${DEFAULT-VALUE}")
  long hcombIdleSeconds;

  @Option(
      names = "--max-running-queries",
      defaultValue = "32",
      description = "queries run at once; more wait in a queue; default ${DEFAULT-VALUE}")
  int maxRunning;

  @Option(
      names = "--max-queued-queries",
      defaultValue = "1000",
      description =
          "queries that may wait for a slot; more are refused (RESOURCE_EXHAUSTED); default"
              + " ${DEFAULT-VALUE}")
  int maxQueued;

  @picocli.CommandLine.Mixin AwsOptions aws = new AwsOptions();

  @picocli.CommandLine.Mixin S3Options s3 = new S3Options();

  @picocli.CommandLine.ParentCommand BuzzCli cli;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  /**
   * Two servers of one Vert.x instance on the same port share it and take turns answering: refuse
   * that instead of serving the query API and a metrics endpoint by turns.
   */
  private void checkDistinctPorts() {
    int[] ports = {port, metricsPort, hcombMetricsPort};
    String[] names = {"--port", "--metrics-port", "--hcomb-metrics-port"};
    for (int i = 0; i < ports.length; i++) {
      for (int j = i + 1; j < ports.length; j++) {
        if (ports[i] > 0 && ports[i] == ports[j]) {
          throw new ParameterException(
              spec.commandLine(),
              names[i] + " and " + names[j] + " are both " + ports[i] + "; give each its own port");
        }
      }
    }
  }

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter err = spec.commandLine().getErr();
    checkDistinctPorts();
    if (aws.aws) {
      return serveOnAws(err);
    }
    LocalStackConfig config;
    try {
      LocalStackConfig defaults = LocalStackConfig.defaults().withS3(s3.resolve(cli.environment()));
      config =
          defaults
              .withHost(host)
              .withQueryPort(port)
              .withMetrics(new MetricsPorts(metricsPort, hcombMetricsPort))
              .withFuse(defaults.fuse().withAdmission(maxRunning, maxQueued))
              .withHComb(
                  HCombConfig.defaults().withIdleShutdown(Duration.ofSeconds(hcombIdleSeconds)));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    } catch (io.buzz.error.BuzzException e) {
      err.println("buzz: " + BuzzCli.oneLine(e.getMessage()));
      return e.code().exitCode();
    }
    LocalServer server = LocalServer.start(config);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(err), "buzz-shutdown"));
    err.println("buzz: query API listening on " + host + ":" + server.port() + " (Ctrl-C to stop)");
    server
        .metricsEndpoints()
        .forEach(
            (component, endpointPort) ->
                err.println(
                    "buzz: "
                        + component
                        + " metrics at http://"
                        + host
                        + ":"
                        + endpointPort
                        + "/metrics"));
    err.flush();
    server.awaitStopped();
    return 0;
  }

  /** The query API with HBees on Lambda and HCombs on Fargate, until SIGTERM or Ctrl-C. */
  private int serveOnAws(PrintWriter err) throws InterruptedException {
    io.buzz.fuse.aws.AwsSettings settings;
    try {
      settings = aws.load(cli.environment(), true);
    } catch (io.buzz.error.BuzzException e) {
      err.println("buzz: " + BuzzCli.oneLine(e.getMessage()));
      return e.code().exitCode();
    }
    io.buzz.fuse.aws.FuseServer server =
        io.buzz.fuse.aws.FuseServer.start(
            io.buzz.fuse.aws.AwsFuse.start(
                settings,
                io.buzz.fuse.aws.AwsFuse.credentials(settings),
                FuseConfig.defaults().withAdmission(maxRunning, maxQueued)),
            host,
            port,
            metricsPort);
    java.util.concurrent.CountDownLatch stopped = new java.util.concurrent.CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  stopped.countDown();
                },
                "buzz-shutdown"));
    err.println(
        "buzz: query API listening on "
            + host
            + ":"
            + server.port()
            + ", HBees on Lambda function "
            + settings.hbeeFunction()
            + ", HCombs on ECS cluster "
            + settings.fargate().cluster()
            + " (Ctrl-C to stop)");
    if (server.metricsPort() >= 0) {
      err.println("buzz: Fuse metrics at http://" + host + ":" + server.metricsPort() + "/metrics");
    }
    err.flush();
    stopped.await();
    return 0;
  }
}
