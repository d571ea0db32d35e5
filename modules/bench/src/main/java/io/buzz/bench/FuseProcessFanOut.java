package io.buzz.bench;

import static java.util.Objects.requireNonNull;

import io.buzz.fuse.client.QueryClient;
import io.buzz.protocol.query.Statistics;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
   * @param fuseKernelMicros the part of it spent in the kernel (-1 when not known)
   * @param fuseJitMicros the part of it the Fuse's JIT spent compiling (its compile time; -1 when
   *     the Fuse does not say)
   * @param hcombCpuMicros the HComb process's
   * @param twinCpuMicros this process's: the Lambda twin, the no-op HBees, the query's client
   */
  record Run(
      long hbeePhaseMillis,
      double invocationsPerSecond,
      double fuseCpuMicros,
      double fuseKernelMicros,
      double fuseJitMicros,
      double hcombCpuMicros,
      double twinCpuMicros) {
    /** Invocations one core of the Fuse could make per second at this CPU cost. */
    double fuseInvocationsPerCoreSecond() {
      return fuseCpuMicros <= 0 ? 0 : 1e6 / fuseCpuMicros;
    }
  }

  /**
   * @param compared the runs of the second Fuse ({@code --fanout-compare}), alternating with these
   */
  record Report(int tasks, List<Run> runs, Optional<Compared> compared, Optional<String> error) {
    /** The run with the median Fuse CPU per task. */
    Optional<Run> median() {
      return medianOf(runs);
    }
  }

  /**
   * The second Fuse's runs: run {@code i} of each Fuse ran back to back, in turns first, so that
   * both meet the same phases of a machine whose speed drifts by a third between minutes.
   *
   * @param options its JVM options
   */
  record Compared(List<String> options, List<Run> runs) {
    /**
     * The median over the pairs of this Fuse's CPU per task over the first's; 0 when there are no
     * pairs.
     */
    double medianCpuRatio(List<Run> first) {
      List<Double> ratios = new ArrayList<>();
      for (int i = 0; i < Math.min(first.size(), runs.size()); i++) {
        if (first.get(i).fuseCpuMicros() > 0) {
          ratios.add(runs.get(i).fuseCpuMicros() / first.get(i).fuseCpuMicros());
        }
      }
      if (ratios.isEmpty()) {
        return 0;
      }
      ratios.sort(Double::compare);
      int n = ratios.size();
      return n % 2 == 1 ? ratios.get(n / 2) : (ratios.get(n / 2 - 1) + ratios.get(n / 2)) / 2;
    }
  }

  private static Optional<Run> medianOf(List<Run> runs) {
    List<Run> sorted = new ArrayList<>(runs);
    sorted.sort((a, b) -> Double.compare(a.fuseCpuMicros(), b.fuseCpuMicros()));
    return sorted.isEmpty() ? Optional.empty() : Optional.of(sorted.get((sorted.size() - 1) / 2));
  }

  /**
   * Runs {@code json} (the fan-out query) untimed {@code warmups} times and on until the Fuse's JIT
   * is quiet (as the bench's {@link WarmUp} says: the Fuse alone, its compiler, is judged), then
   * the timed runs. A Fuse measured while C2 still compiles counts the compiler's CPU as its own:
   * ~30% of it after eight queries of 10,000 tasks. With {@code --fanout-compare}, a second stack
   * (its own twins, HComb and Fuse) warms up the same way, and the two Fuses' timed queries
   * alternate.
   */
  Report run(String json, int warmups) {
    int tasks = config.fanOutTasks();
    List<String> options = config.fanOutCompare();
    List<Run> runs = new ArrayList<>();
    List<Run> comparedRuns = new ArrayList<>();
    Vertx vertx = BenchVertx.create();
    SyntheticHBeeFunction noOp = new SyntheticHBeeFunction(vertx);
    int maxTasks = Math.max(100_000, tasks);
    try (ProcessStack stack =
            ProcessStack.start(
                noOp, maxTasks, config.fanOutInFlight(), config.queryTimeout(), List.of());
        ProcessStack other =
            options.isEmpty()
                ? null
                : ProcessStack.start(
                    noOp, maxTasks, config.fanOutInFlight(), config.queryTimeout(), options);
        QueryClient client = new QueryClient(vertx, "127.0.0.1", stack.port());
        QueryClient otherClient =
            other == null ? null : new QueryClient(vertx, "127.0.0.1", other.port());
        BufferAllocator allocator = new RootAllocator()) {
      try {
        BuzzRunner runner = new BuzzRunner(client, allocator, config.queryTimeout());
        BuzzRunner otherRunner =
            other == null ? null : new BuzzRunner(otherClient, allocator, config.queryTimeout());
        warmUp(runner, json, warmups, stack, "");
        if (other != null) {
          warmUp(
              otherRunner, json, warmups, other, " (compared: " + String.join(" ", options) + ")");
        }
        if (other != null && warmups > 0) {
          runner.run(json); // untimed: the first Fuse sat idle through the second's warm-up
        }
        for (int i = 0; i < config.fanOutRuns(); i++) {
          if (other != null && i % 2 == 1) {
            comparedRuns.add(measure(otherRunner, json, other, "(compared) "));
          }
          runs.add(measure(runner, json, stack, ""));
          if (other != null && i % 2 == 0) {
            comparedRuns.add(measure(otherRunner, json, other, "(compared) "));
          }
        }
      } catch (RuntimeException e) {
        progress.say("fan-out, Fuse in its own process: logs kept in %s", stack.keepLogs());
        if (other != null) {
          progress.say("fan-out, compared Fuse: logs kept in %s", other.keepLogs());
        }
        throw e;
      }
      return new Report(
          tasks,
          runs,
          other == null ? Optional.empty() : Optional.of(new Compared(options, comparedRuns)),
          Optional.empty());
    } catch (IOException | RuntimeException e) {
      String error = e.getClass().getSimpleName() + ": " + e.getMessage();
      progress.say("fan-out, Fuse in its own process, FAILED: %s", error);
      return new Report(tasks, runs, Optional.empty(), Optional.of(error));
    } finally {
      noOp.close();
      BenchVertx.close(vertx, progress);
    }
  }

  private void warmUp(
      BuzzRunner runner, String json, int warmups, ProcessStack stack, String which) {
    if (warmups == 0) {
      return;
    }
    WarmUp.Gauge gauge = config.warmUp().start(System::nanoTime, stack::fuseJitMillis);
    int ran = gauge.runUntilWarm(warmups, () -> runner.run(json));
    progress.say("fan-out, Fuse%s in its own process: %s", which, gauge.summary(ran));
  }

  private Run measure(BuzzRunner runner, String json, ProcessStack stack, String which) {
    long jitBefore = stack.fuseJitMillis();
    long kernelBefore = stack.fuseKernelCpuNanos();
    long fuseBefore = stack.fuseCpuNanos();
    long hcombBefore = stack.hcombCpuNanos();
    long twinBefore = FanOutBench.processCpuNanos();
    Statistics s = runner.run(json).statistics();
    long tasks = Math.max(1, s.getHbeeTasks());
    sleepPastJitReport(); // the JIT time reported after the query's end
    long jitAfter = stack.fuseJitMillis();
    long kernelAfter = stack.fuseKernelCpuNanos();
    Run run =
        new Run(
            s.getHbeePhaseMillis(),
            tasks / (Math.max(1, s.getHbeePhaseMillis()) / 1000.0),
            (stack.fuseCpuNanos() - fuseBefore) / 1000.0 / tasks,
            kernelBefore < 0 || kernelAfter < 0
                ? -1
                : (kernelAfter - kernelBefore) / 1000.0 / tasks,
            jitBefore < 0 || jitAfter < 0 ? -1 : (jitAfter - jitBefore) * 1000.0 / tasks,
            (stack.hcombCpuNanos() - hcombBefore) / 1000.0 / tasks,
            (FanOutBench.processCpuNanos() - twinBefore) / 1000.0 / tasks);
    progress.say(
        "fan-out, %sFuse in its own process: %,d tasks, HBee phase %d ms, %.0f invocations/s; CPU"
            + " per task: Fuse %.0f µs (%.0f invocations per core-second; of it kernel %.0f µs, JIT"
            + " %.0f µs), HComb"
            + " %.0f µs, Lambda twin and HBees %.0f µs",
        which,
        s.getHbeeTasks(),
        run.hbeePhaseMillis(),
        run.invocationsPerSecond(),
        run.fuseCpuMicros(),
        run.fuseInvocationsPerCoreSecond(),
        run.fuseKernelMicros(),
        run.fuseJitMicros(),
        run.hcombCpuMicros(),
        run.twinCpuMicros());
    return run;
  }

  private static void sleepPastJitReport() {
    try {
      Thread.sleep(2 * FuseProcessMain.JIT_EVERY_MS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
