package io.buzz.bench;

import static java.util.Objects.requireNonNull;

import io.buzz.fuse.FuseConfig;
import io.buzz.fuse.aws.AwsFuse;
import io.buzz.fuse.aws.AwsSettings;
import io.buzz.fuse.client.QueryClient;
import io.buzz.fuse.query.TaskPacking;
import io.buzz.fuse.service.QueryServerVerticle;
import io.buzz.local.LocalStack;
import io.buzz.local.LocalStackConfig;
import io.buzz.local.lambda.ColdStart;
import io.buzz.local.lambda.ProcessBackend;
import io.buzz.local.lambda.ProcessFunctionConfig;
import io.buzz.local.twin.AwsTwins;
import io.buzz.protocol.query.Statistics;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * Buzz's AWS code path on the twins: HBees as Lambda execution environments (JVM processes running
 * the HBee zip through the runtime interface client), the HComb as an ECS task process, the Fuse's
 * AWS wiring. Measures the HBee cold start under several JVM settings, and the fan-out through
 * process environments against the same query in-process.
 *
 * <pre>
 *   for each JVM variant: twins ─▶ HComb started ─▶ first query (every environment cold)
 *                                 ─▶ warm queries ─▶ cold-start figures of the environments
 *   fan-out: the fan-out table (tiny files) through process environments, then in-process
 * </pre>
 */
final class AwsTwinBench {

  private final BenchConfig config;
  private final Progress progress;

  AwsTwinBench(BenchConfig config, Progress progress) {
    this.config = requireNonNull(config, "config is null");
    this.progress = requireNonNull(progress, "progress is null");
  }

  /**
   * One JVM setting of the HBee environments.
   *
   * @param processToReadyMillis median over environments: process spawned until the runtime asked
   *     for its first invocation (JVM, runtime interface client, handler class loaded)
   * @param firstInvocationMillis median: the first invocation in each environment, lazy init
   *     (Vert.x, allocator, S3 and gRPC clients) and the task included
   * @param initMillis median: of the first invocation, the part outside the task (lazy init)
   * @param toFirstRequestMillis median: process start until the HBee requested its first byte
   * @param coldQueryMillis the first query, every environment cold
   * @param warmQueryMillis median of the warm queries after it
   */
  record ColdStartVariant(
      String name,
      List<String> flags,
      int environments,
      double processToReadyMillis,
      double firstInvocationMillis,
      double initMillis,
      double toFirstRequestMillis,
      double coldQueryMillis,
      double warmQueryMillis) {
    double extraMillis() {
      return coldQueryMillis - warmQueryMillis;
    }
  }

  /**
   * Fan-out of one query over many tiny files with real HBees: through process environments of the
   * Lambda twin, and in-process on the local stack (same Lambda endpoint concurrency).
   */
  record FanOut(
      int tasks,
      int environments,
      double processInvocationsPerSecond,
      double inProcessInvocationsPerSecond) {}

  record AwsTwinReport(
      List<ColdStartVariant> variants, Optional<FanOut> fanOut, Optional<String> error) {}

  AwsTwinReport run() {
    List<ColdStartVariant> variants = new ArrayList<>();
    Optional<FanOut> fanOut = Optional.empty();
    Optional<String> error = Optional.empty();
    String query =
        BenchSuite.queries(config.data())
            .get(0)
            .buzzJson(config.tableDir().toAbsolutePath().toUri().toString());
    try {
      Path work = Files.createTempDirectory("buzz-bench-aws");
      Path archive = work.resolve("hbee-appcds.jsa");
      List<String> managed = ProcessFunctionConfig.MANAGED_RUNTIME_FLAGS;
      List<String> noCds = new ArrayList<>(managed);
      noCds.replaceAll(flag -> flag.startsWith("-Xshare") ? "-Xshare:off" : flag);
      variants.add(measure("jvm defaults (C2, G1)", List.of(), query, work, false));
      variants.add(measure("managed runtime (C1, serial GC, CDS)", managed, query, work, false));
      variants.add(measure("managed, no CDS", noCds, query, work, false));
      List<String> training = new ArrayList<>(managed);
      training.add("-XX:ArchiveClassesAtExit=" + archive);
      measure("AppCDS training run", training, query, work, true);
      if (Files.exists(archive)) {
        List<String> appCds = new ArrayList<>(managed);
        appCds.replaceAll(
            flag -> flag.startsWith("-Xshare") ? "-XX:SharedArchiveFile=" + archive : flag);
        variants.add(measure("managed + AppCDS archive", appCds, query, work, false));
      } else {
        progress.say("aws: no AppCDS archive was written; that variant is skipped");
      }
      fanOut = Optional.of(fanOut(work));
    } catch (Exception e) {
      error = Optional.of(e.getClass().getSimpleName() + ": " + e.getMessage());
      progress.say("aws section FAILED: %s", error.get());
    }
    return new AwsTwinReport(variants, fanOut, error);
  }

  private AwsTwins twins(Path work, List<String> flags) {
    // Data are file:// here: HBees read the bench table from this machine's disk; no S3 request
    // is made, so the S3 endpoint only has to be well-formed.
    return AwsTwins.start(
        AwsTwins.Config.of(URI.create("http://127.0.0.1:9"), "bench", "bench", work)
            .withLambdaConcurrency(config.awsEnvironments())
            .withHBeeJvmFlags(flags));
  }

  private ColdStartVariant measure(
      String name, List<String> flags, String query, Path work, boolean drain) throws Exception {
    try (AwsTwins twins = twins(work, flags);
        AwsFuse fuse =
            AwsFuse.start(
                AwsSettings.from(twins.settings(), true),
                twins.credentials(),
                FuseConfig.defaults().withQueryTimeout(config.queryTimeout()));
        BufferAllocator allocator = new RootAllocator()) {
      QueryServerVerticle server = new QueryServerVerticle(fuse.services(), "127.0.0.1", 0);
      fuse.vertx().deployVerticle(server).await(60, TimeUnit.SECONDS);
      fuse.warmUp();
      // The HComb task starts first, so the first query measures the HBees' cold start.
      fuse.services().hcombs().acquire(1).await(120, TimeUnit.SECONDS);
      try (QueryClient client = new QueryClient(fuse.vertx(), "127.0.0.1", server.port())) {
        BuzzRunner runner = new BuzzRunner(client, allocator, config.queryTimeout());
        double cold = runner.run(query).millis();
        List<Double> warm = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
          warm.add(runner.run(query).millis());
        }
        ProcessBackend backend = twins.lambdaBackend();
        List<ColdStart> starts = backend.coldStarts();
        List<Double> ready = new ArrayList<>();
        List<Double> first = new ArrayList<>();
        List<Double> init = new ArrayList<>();
        List<Double> toFirstRequest = new ArrayList<>();
        for (ColdStart start : starts) {
          toFirstRequest.add(start.processToFirstRequestMillis());
          ready.add(start.processToReadyMillis());
          first.add(start.firstInvocationMillis());
          init.add(start.initMillis());
        }
        ColdStartVariant variant =
            new ColdStartVariant(
                name,
                flags,
                starts.size(),
                median(ready),
                median(first),
                median(init),
                median(toFirstRequest),
                cold,
                median(warm));
        progress.say(
            "aws cold start, %s: %d environments, process to ready %.0f ms, first invocation"
                + " %.0f ms (init %.0f ms), first byte requested at %.0f ms; first query %.0f ms,"
                + " warm %.0f ms (+%.0f ms)",
            name,
            starts.size(),
            variant.processToReadyMillis(),
            variant.firstInvocationMillis(),
            variant.initMillis(),
            variant.toFirstRequestMillis(),
            cold,
            variant.warmQueryMillis(),
            variant.extraMillis());
        if (drain) {
          backend.drain(Duration.ofSeconds(20));
        }
        return variant;
      }
    }
  }

  private FanOut fanOut(Path work) throws Exception {
    BenchData.fanOut(config.fanOutDir(), config.fanOutTasks());
    String json =
        BenchQuery.twoSteps(
            "tiny",
            "SELECT COUNT(*) AS n FROM tiny",
            Optional.empty(),
            "SELECT SUM(n) AS n FROM tiny_map",
            "tiny",
            config.fanOutDir().toAbsolutePath().toUri().toString());
    try (AwsTwins twins = twins(work, ProcessFunctionConfig.MANAGED_RUNTIME_FLAGS);
        AwsFuse fuse =
            AwsFuse.start(
                AwsSettings.from(twins.settings(), true),
                twins.credentials(),
                FuseConfig.defaults()
                    .withQueryTimeout(config.queryTimeout())
                    .withMaxTasks(Math.max(100_000, config.fanOutTasks()))
                    // one invocation per file: this bench measures the invocation rate
                    .withPacking(TaskPacking.ONE_FILE_PER_TASK));
        BufferAllocator allocator = new RootAllocator()) {
      QueryServerVerticle server = new QueryServerVerticle(fuse.services(), "127.0.0.1", 0);
      fuse.vertx().deployVerticle(server).await(60, TimeUnit.SECONDS);
      try (QueryClient client = new QueryClient(fuse.vertx(), "127.0.0.1", server.port())) {
        BuzzRunner runner = new BuzzRunner(client, allocator, config.queryTimeout());
        runner.run(json); // warm environments and HComb
        Statistics s = runner.run(json).statistics();
        double perSecond = s.getHbeeTasks() / (Math.max(1, s.getHbeePhaseMillis()) / 1000.0);
        progress.say(
            "aws fan-out: %,d tasks through %d process environments in %d ms: %.0f invocations/s",
            s.getHbeeTasks(), config.awsEnvironments(), s.getHbeePhaseMillis(), perSecond);
        return new FanOut(s.getHbeeTasks(), config.awsEnvironments(), perSecond, inProcess(json));
      }
    }
  }

  /** The same query with real HBees in-process, as many invocations at once as environments. */
  private double inProcess(String json) {
    LocalStackConfig defaults = LocalStackConfig.defaults();
    LocalStackConfig stackConfig =
        defaults
            .withFuse(
                defaults
                    .fuse()
                    .withQueryTimeout(config.queryTimeout())
                    .withMaxTasks(Math.max(100_000, config.fanOutTasks()))
                    .withPacking(TaskPacking.ONE_FILE_PER_TASK))
            .withLambdaConcurrency(config.awsEnvironments());
    try (LocalStack stack = LocalStack.start(stackConfig);
        QueryClient client = new QueryClient(stack.vertx(), "127.0.0.1", stack.port());
        BufferAllocator allocator = new RootAllocator()) {
      BuzzRunner runner = new BuzzRunner(client, allocator, config.queryTimeout());
      runner.run(json);
      Statistics s = runner.run(json).statistics();
      double perSecond = s.getHbeeTasks() / (Math.max(1, s.getHbeePhaseMillis()) / 1000.0);
      progress.say(
          "aws fan-out, in-process HBees: %,d tasks in %d ms: %.0f invocations/s",
          s.getHbeeTasks(), s.getHbeePhaseMillis(), perSecond);
      return perSecond;
    }
  }

  private static double median(List<Double> values) {
    if (values.isEmpty()) {
      return 0;
    }
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(Double::compare);
    return sorted.get((sorted.size() - 1) / 2);
  }
}
