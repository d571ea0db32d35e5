package io.buzz.bench;

import static java.util.Objects.requireNonNull;

import io.buzz.fuse.FuseConfig;
import io.buzz.fuse.client.QueryClient;
import io.buzz.fuse.query.DispatchConfig;
import io.buzz.fuse.query.TaskPacking;
import io.buzz.local.LocalStack;
import io.buzz.local.LocalStackConfig;
import io.buzz.protocol.query.Statistics;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * The Fuse's own overhead: one query over a table of N tiny files, so N HBee tasks, against HBees
 * that return at once ({@link SyntheticHBeeFunction} with no payload). Everything else is real: the
 * catalog lists N files, the Fuse plans, registers N expected tasks on the HComb and invokes each
 * HBee with the AWS SDK's LambdaAsyncClient over HTTP; each HBee opens a stream to the HComb, which
 * commits it.
 *
 * <pre>
 *   client ─▶ Fuse ──N × LambdaAsyncClient/HTTP (≤ in-flight)──▶ local Lambda endpoint (≤ concurrency)
 *                                                                  │ SyntheticHBeeFunction
 *                  HComb ◀──────────── N × DoPut (header, schema, trailer) ───┘
 * </pre>
 *
 * <p>The Fuse's in-flight limit and the endpoint's concurrency are set equal: with fewer endpoint
 * slots than invocations in flight, the endpoint answers 429 and the Fuse spends its time retrying.
 */
final class FanOutBench {
  /** Untimed fan-out queries of a full run before the timed ones. */
  static final int WARMUP_QUERIES = 8;

  /** The local LambdaAsyncClient's HTTP connections (LambdaInvokerConfig.local). */
  static final int HTTP_CONNECTIONS = 1024;

  private final BenchConfig config;
  private final Progress progress;

  FanOutBench(BenchConfig config, Progress progress) {
    this.config = requireNonNull(config, "config is null");
    this.progress = requireNonNull(progress, "progress is null");
  }

  /**
   * One fan-out query.
   *
   * @param toFirstInvocationMillis the Fuse's time before its first invocation (queue, planning,
   *     listing, HComb registration)
   * @param cpuMicrosPerInvocation the whole process's CPU time during the query per task: the Fuse,
   *     and also the Lambda twin, the no-op HBees and the HComb on the same cores
   * @param heapBytesPerTask the process's peak heap during the query over its heap before, per
   *     task: an upper bound of what the Fuse keeps per task (garbage counts too)
   * @param afterLastCommitMillis from the last task's commit, as the Fuse heard it, until the
   *     HComb's result was out
   */
  record FanOutRun(
      double wallMillis,
      long hbeePhaseMillis,
      long catalogMillis,
      long planningMillis,
      long serverTotalMillis,
      int retries,
      double invocationsPerSecond,
      long toFirstInvocationMillis,
      double cpuMicrosPerInvocation,
      double heapBytesPerTask,
      double afterLastCommitMillis) {}

  /**
   * The section's settings and runs.
   *
   * @param liveHeapBytesPerTask the heap live (after a full GC) half-way through one more query,
   *     over the heap live before it, per task: what the process keeps for a query in flight, the
   *     Fuse's task records among it; empty when not measured
   * @param fuseProcess the same query with the Fuse in a process of its own, its CPU time measured
   *     apart; empty when the in-process runs failed
   */
  record FanOutReport(
      int tasks,
      int inFlight,
      int lambdaConcurrency,
      int httpConnections,
      long invocationsHandled,
      List<FanOutRun> runs,
      Optional<Double> liveHeapBytesPerTask,
      Optional<FuseProcessFanOut.Report> fuseProcess,
      Optional<String> error) {
    /** The run with the median HBee phase. */
    Optional<FanOutRun> median() {
      if (runs.isEmpty()) {
        return Optional.empty();
      }
      List<FanOutRun> sorted = new ArrayList<>(runs);
      sorted.sort((a, b) -> Long.compare(a.hbeePhaseMillis(), b.hbeePhaseMillis()));
      return Optional.of(sorted.get((sorted.size() - 1) / 2));
    }
  }

  /**
   * A local stack whose Fuse invokes one HBee per file ({@code tasks} of them), {@code inFlight} at
   * a time, against a Lambda endpoint with as many slots (with fewer, it would answer 429 and the
   * Fuse would spend its time retrying).
   */
  static LocalStackConfig oneTaskPerFile(
      BenchConfig config, int tasks, int inFlight, DispatchConfig.Hedging hedging) {
    LocalStackConfig defaults = LocalStackConfig.defaults();
    DispatchConfig dispatch = defaults.fuse().dispatch();
    FuseConfig fuse =
        defaults
            .fuse()
            .withQueryTimeout(config.queryTimeout())
            .withMaxTasks(Math.max(defaults.fuse().maxTasks(), tasks))
            .withPacking(TaskPacking.ONE_FILE_PER_TASK)
            .withDispatch(
                new DispatchConfig(
                    inFlight,
                    dispatch.maxAttempts(),
                    dispatch.retryBackoff(),
                    dispatch.maxBackoff(),
                    hedging));
    return defaults.withFuse(fuse).withLambdaConcurrency(inFlight);
  }

  /** CPU time of this process so far, in nanoseconds (0 where the JVM cannot tell). */
  static long processCpuNanos() {
    if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return Math.max(0, os.getProcessCpuTime());
    }
    return 0;
  }

  FanOutReport run() {
    int tasks = config.fanOutTasks();
    int inFlight = config.fanOutInFlight();
    Path dir = config.fanOutDir();
    long start = System.nanoTime();
    BenchData.fanOut(dir, tasks);
    progress.say(
        "fan-out table: %d files in %s (%.1f s)", tasks, dir, (System.nanoTime() - start) / 1e9);
    LocalStackConfig defaults = LocalStackConfig.defaults();
    LocalStackConfig stackConfig =
        oneTaskPerFile(config, tasks, inFlight, defaults.fuse().dispatch().hedging());
    String json =
        BenchQuery.twoSteps(
            "tiny",
            "SELECT COUNT(*) AS n FROM tiny",
            Optional.empty(),
            "SELECT SUM(n) AS n FROM tiny_map",
            "tiny",
            dir.toAbsolutePath().toUri().toString());
    Vertx vertx = BenchVertx.create();
    SyntheticHBeeFunction noOp = new SyntheticHBeeFunction(vertx);
    List<FanOutRun> runs = new ArrayList<>();
    Optional<Double> live = Optional.empty();
    Optional<String> error = Optional.empty();
    try (LocalStack stack = LocalStack.start(vertx, stackConfig.withHBeeInterceptor(real -> noOp));
        QueryClient client = new QueryClient(vertx, defaults.host(), stack.port());
        BufferAllocator allocator = new RootAllocator()) {
      BuzzRunner runner = new BuzzRunner(client, allocator, config.queryTimeout());
      // Warm-up queries at full size open the Lambda client's connections and let the JIT compile
      // the dispatch path: the rate keeps rising over the first ~8 queries of 10,000 tasks
      // (2,400 invocations/s on the first, 5,600/s by the ninth on the 2-core machine).
      int warmups = config.warmups() == 0 ? 0 : config.quick() ? 1 : WARMUP_QUERIES;
      for (int i = 0; i < warmups; i++) {
        BuzzRunner.Run warm = runner.run(json);
        progress.say("fan-out warm-up: %,d tasks in %.0f ms", tasks, warm.millis());
      }
      for (int i = 0; i < config.fanOutRuns(); i++) {
        System.gc(); // a baseline for the heap the query takes
        Runtime jvm = Runtime.getRuntime();
        long heapBefore = jvm.totalMemory() - jvm.freeMemory();
        long cpuBefore = processCpuNanos();
        BuzzRunner.Run run;
        long heapPeak;
        try (HeapSampler heap = new HeapSampler()) {
          run = runner.run(json);
          heapPeak = heap.peakBytes();
        }
        long cpu = processCpuNanos() - cpuBefore;
        Statistics s = run.statistics();
        double phaseSeconds = Math.max(1, s.getHbeePhaseMillis()) / 1000.0;
        FanOutRun result =
            new FanOutRun(
                run.millis(),
                s.getHbeePhaseMillis(),
                s.getCatalogMillis(),
                s.getPlanningMillis(),
                s.getTotalMillis(),
                s.getHbeeRetries(),
                s.getHbeeTasks() / phaseSeconds,
                s.getTotalMillis() - s.getHbeePhaseMillis(),
                cpu / 1000.0 / Math.max(1, s.getHbeeTasks()),
                Math.max(0, heapPeak - heapBefore) / (double) Math.max(1, s.getHbeeTasks()),
                s.getAfterLastCommitMicros() / 1000.0);
        runs.add(result);
        progress.say(
            "fan-out %d/%d: %,d tasks in %.0f ms (HBee phase %d ms, %.0f invocations/s, %d"
                + " retries, %.0f µs of CPU and %.0f bytes of heap per task)",
            i + 1,
            config.fanOutRuns(),
            s.getHbeeTasks(),
            run.millis(),
            s.getHbeePhaseMillis(),
            result.invocationsPerSecond(),
            s.getHbeeRetries(),
            result.cpuMicrosPerInvocation(),
            result.heapBytesPerTask());
      }
      if (config.fanOutRuns() > 0 && !config.quick()) {
        live = liveHeapPerTask(runner, json, noOp, tasks);
        live.ifPresent(
            bytes ->
                progress.say(
                    "fan-out: %,.0f bytes of live heap per task half-way through a query", bytes));
      }
    } catch (RuntimeException e) {
      error = Optional.of(e.getClass().getSimpleName() + ": " + e.getMessage());
      progress.say("fan-out FAILED: %s", error.get());
    } finally {
      noOp.close();
      BenchVertx.close(vertx, progress);
    }
    Optional<FuseProcessFanOut.Report> fuseProcess =
        error.isPresent()
            ? Optional.empty()
            : Optional.of(
                new FuseProcessFanOut(config, progress)
                    .run(json, config.warmups() == 0 ? 0 : config.quick() ? 1 : WARMUP_QUERIES));
    return new FanOutReport(
        tasks,
        inFlight,
        inFlight,
        HTTP_CONNECTIONS,
        noOp.invocations(),
        runs,
        live,
        fuseProcess,
        error);
  }

  /**
   * One more query, untimed, with a full GC once half of its HBees were invoked: the heap live then
   * over the heap live before, per task (garbage excluded, unlike the runs' peak).
   */
  private static Optional<Double> liveHeapPerTask(
      BuzzRunner runner, String json, SyntheticHBeeFunction hbees, int tasks) {
    long before = liveHeapBytes();
    long start = hbees.invocations();
    AtomicLong during = new AtomicLong(-1);
    Thread probe =
        new Thread(
            () -> {
              try {
                while (hbees.invocations() - start < tasks / 2) {
                  Thread.sleep(1);
                }
                during.set(liveHeapBytes());
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "bench-live-heap-probe");
    probe.setDaemon(true);
    probe.start();
    try {
      runner.run(json);
      probe.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      probe.interrupt();
    }
    return during.get() < 0
        ? Optional.empty()
        : Optional.of(Math.max(0, during.get() - before) / (double) tasks);
  }

  private static long liveHeapBytes() {
    System.gc(); // a full collection with G1's defaults: what is left is live
    Runtime jvm = Runtime.getRuntime();
    return jvm.totalMemory() - jvm.freeMemory();
  }
}
