package io.buzz.bench;

import static java.util.Objects.requireNonNull;

import io.buzz.config.Settings;
import io.buzz.fuse.aws.AwsSettings;
import io.buzz.fuse.client.QueryClient;
import io.buzz.local.twin.AwsTwins;
import io.buzz.protocol.query.Statistics;
import io.vertx.core.Vertx;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * The fan-out query with the Fuse in a JVM process of its own, so that its CPU time is measured
 * apart from what serves it: the Lambda twin and the no-op HBees in this process, the HComb an ECS
 * twin task (a process too), the Fuse ({@link FuseProcessMain}) reaching both through its AWS
 * wiring as on AWS.
 *
 * <pre>
 *   bench ─gRPC─▶ Fuse process ─LambdaAsyncClient─▶ Lambda twin + no-op HBees (bench process)
 *                              ─EcsAsyncClient────▶ ECS twin ─▶ HComb process ◀─DoPut─ HBees
 * </pre>
 *
 * <p>The three processes share the machine's cores, so the query's rate is the machine's; the
 * Fuse's CPU time per task is its own, and bounds what one core of Fuse could invoke per second.
 */
final class FuseProcessFanOut {
  private final BenchConfig config;
  private final Progress progress;

  FuseProcessFanOut(BenchConfig config, Progress progress) {
    this.config = requireNonNull(config, "config is null");
    this.progress = requireNonNull(progress, "progress is null");
  }

  /**
   * One query; CPU times are per task, over the query.
   *
   * @param fuseCpuMicros the Fuse process's
   * @param hcombCpuMicros the HComb process's
   * @param twinCpuMicros this process's: the Lambda twin, the no-op HBees, the query's client
   */
  record Run(
      long hbeePhaseMillis,
      double invocationsPerSecond,
      double fuseCpuMicros,
      double hcombCpuMicros,
      double twinCpuMicros) {
    /** Invocations one core of the Fuse could make per second at this CPU cost. */
    double fuseInvocationsPerCoreSecond() {
      return fuseCpuMicros <= 0 ? 0 : 1e6 / fuseCpuMicros;
    }
  }

  record Report(int tasks, List<Run> runs, Optional<String> error) {
    /** The run with the median Fuse CPU per task. */
    Optional<Run> median() {
      List<Run> sorted = new ArrayList<>(runs);
      sorted.sort((a, b) -> Double.compare(a.fuseCpuMicros(), b.fuseCpuMicros()));
      return sorted.isEmpty() ? Optional.empty() : Optional.of(sorted.get((sorted.size() - 1) / 2));
    }
  }

  /** Runs {@code json} (the fan-out query) {@code warmups} times untimed, then the timed runs. */
  Report run(String json, int warmups) {
    int tasks = config.fanOutTasks();
    int inFlight = config.fanOutInFlight();
    List<Run> runs = new ArrayList<>();
    Vertx vertx = BenchVertx.create();
    SyntheticHBeeFunction noOp = new SyntheticHBeeFunction(vertx);
    Process fuse = null;
    try {
      Path work = Files.createTempDirectory("buzz-bench-fuse-process");
      // Data are file://: no S3 request is made, the S3 endpoint only has to be well-formed.
      try (AwsTwins twins =
          AwsTwins.startWithFunction(
              AwsTwins.Config.of(URI.create("http://127.0.0.1:9"), "bench", "bench", work)
                  .withLambdaConcurrency(inFlight),
              noOp)) {
        fuse = startFuse(twins.settings(), tasks, inFlight, work);
        int port = awaitPort(fuse, work);
        try (QueryClient client = new QueryClient(vertx, "127.0.0.1", port);
            BufferAllocator allocator = new RootAllocator()) {
          BuzzRunner runner = new BuzzRunner(client, allocator, config.queryTimeout());
          for (int i = 0; i < warmups; i++) {
            runner.run(json);
          }
          for (int i = 0; i < config.fanOutRuns(); i++) {
            runs.add(measure(runner, json, fuse.toHandle()));
          }
        }
        fuse.destroy();
        fuse.waitFor(30, TimeUnit.SECONDS);
      }
      removeLogs(work); // kept when something failed
      return new Report(tasks, runs, Optional.empty());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Report(tasks, runs, Optional.of("interrupted"));
    } catch (IOException | RuntimeException e) {
      String error = e.getClass().getSimpleName() + ": " + e.getMessage();
      progress.say("fan-out, Fuse in its own process, FAILED: %s", error);
      return new Report(tasks, runs, Optional.of(error));
    } finally {
      if (fuse != null) {
        fuse.destroy();
      }
      noOp.close();
      BenchVertx.close(vertx, progress);
    }
  }

  private void removeLogs(Path work) {
    try {
      BenchData.deleteRecursively(work);
    } catch (IOException e) {
      progress.say("fan-out: could not remove %s (%s)", work, e.getMessage());
    }
  }

  private Run measure(BuzzRunner runner, String json, ProcessHandle fuse) {
    long fuseBefore = cpuNanos(fuse);
    long hcombBefore = hcombCpuNanos(fuse);
    long twinBefore = FanOutBench.processCpuNanos();
    Statistics s = runner.run(json).statistics();
    long tasks = Math.max(1, s.getHbeeTasks());
    Run run =
        new Run(
            s.getHbeePhaseMillis(),
            tasks / (Math.max(1, s.getHbeePhaseMillis()) / 1000.0),
            (cpuNanos(fuse) - fuseBefore) / 1000.0 / tasks,
            (hcombCpuNanos(fuse) - hcombBefore) / 1000.0 / tasks,
            (FanOutBench.processCpuNanos() - twinBefore) / 1000.0 / tasks);
    progress.say(
        "fan-out, Fuse in its own process: %,d tasks, HBee phase %d ms, %.0f invocations/s; CPU"
            + " per task: Fuse %.0f µs (%.0f invocations per core-second), HComb %.0f µs,"
            + " Lambda twin and HBees %.0f µs",
        s.getHbeeTasks(),
        run.hbeePhaseMillis(),
        run.invocationsPerSecond(),
        run.fuseCpuMicros(),
        run.fuseInvocationsPerCoreSecond(),
        run.hcombCpuMicros(),
        run.twinCpuMicros());
    return run;
  }

  private Process startFuse(Settings aws, int tasks, int inFlight, Path work) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.add("--add-opens=java.base/java.nio=ALL-UNNAMED");
    String extra = System.getenv("BUZZ_BENCH_FUSE_JAVA_OPTS"); // e.g. a profiler agent
    if (extra != null && !extra.isBlank()) {
      command.addAll(List.of(extra.trim().split("\\s+")));
    }
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(FuseProcessMain.class.getName());
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectError(work.resolve("fuse.log").toFile())
            .redirectOutput(ProcessBuilder.Redirect.PIPE);
    Map<String, String> env = builder.environment();
    for (String name : AwsSettings.NAMES) {
      aws.optional(name).ifPresent(value -> env.put(Settings.environmentName(name), value));
    }
    env.put("AWS_ACCESS_KEY_ID", "bench");
    env.put("AWS_SECRET_ACCESS_KEY", "bench");
    env.put("BUZZ_BENCH_FUSE_MAX_TASKS", Integer.toString(Math.max(100_000, tasks)));
    env.put("BUZZ_BENCH_FUSE_IN_FLIGHT", Integer.toString(inFlight));
    env.put("BUZZ_BENCH_FUSE_TIMEOUT_MS", Long.toString(config.queryTimeout().toMillis()));
    return builder.start();
  }

  /** Reads the Fuse's port from its first line, then drains its output on a daemon thread. */
  private static int awaitPort(Process fuse, Path work) throws IOException {
    CompletableFuture<Integer> port = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader lines =
                  new BufferedReader(
                      new InputStreamReader(fuse.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                  if (line.startsWith(FuseProcessMain.READY)) {
                    port.complete(
                        Integer.parseInt(line.substring(FuseProcessMain.READY.length()).trim()));
                  }
                }
              } catch (IOException | NumberFormatException e) {
                port.completeExceptionally(e);
              }
              port.complete(-1);
            },
            "bench-fuse-process-output");
    reader.setDaemon(true);
    reader.start();
    int answer;
    try {
      answer = port.get(Duration.ofSeconds(120).toSeconds(), TimeUnit.SECONDS);
    } catch (Exception e) {
      answer = -1;
    }
    if (answer < 0) {
      List<String> log = Files.readAllLines(work.resolve("fuse.log"));
      throw new IllegalStateException(
          "the Fuse process did not start"
              + (log.isEmpty() ? "" : ": " + log.get(log.size() - 1))
              + " (log: "
              + work.resolve("fuse.log")
              + ")");
    }
    return answer;
  }

  private static long cpuNanos(ProcessHandle process) {
    return process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
  }

  /** The CPU time of this process's other descendants: the ECS twin's HComb. */
  private static long hcombCpuNanos(ProcessHandle fuse) {
    return ProcessHandle.current()
        .descendants()
        .filter(
            p ->
                p.pid() != fuse.pid()
                    && p.parent().map(ProcessHandle::pid).orElse(0L) != fuse.pid())
        .mapToLong(FuseProcessFanOut::cpuNanos)
        .sum();
  }
}
