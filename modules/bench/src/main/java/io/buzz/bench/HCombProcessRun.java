package io.buzz.bench;

import static java.util.Objects.requireNonNull;

import io.buzz.fuse.client.QueryClient;
import io.buzz.protocol.query.Statistics;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * One shape of the HComb section with the HComb in a process of its own ({@link ProcessStack}), so
 * that the CPU time it takes to receive and merge the streams is measured apart from the senders':
 * on this machine both share two cores, on AWS the HComb has its own.
 */
final class HCombProcessRun {
  /**
   * The median query of a shape.
   *
   * @param bytes Arrow IPC bytes the HComb received
   * @param wallMillis from the last stream's opening to the result
   * @param hcombCpuMillis the HComb process's CPU time during the query (every thread: event loops
   *     decoding HTTP/2 and gRPC, the merge thread, GC)
   * @param senderCpuMillis this process's: the synthetic HBees writing their streams, the Lambda
   *     twin
   */
  record Result(
      String shape,
      int streams,
      long bytes,
      double wallMillis,
      double hcombCpuMillis,
      double senderCpuMillis,
      Optional<String> error) {
    double megabytesPerSecond() {
      return bytes / 1e6 / Math.max(1e-3, wallMillis / 1000);
    }

    /** Arrow MB the HComb took in and merged per second of its CPU time. */
    double megabytesPerHCombCpuSecond() {
      return bytes / 1e6 / Math.max(1e-3, hcombCpuMillis / 1000);
    }
  }

  private final BenchConfig config;
  private final Progress progress;

  HCombProcessRun(BenchConfig config, Progress progress) {
    this.config = requireNonNull(config, "config is null");
    this.progress = requireNonNull(progress, "progress is null");
  }

  /**
   * Untimed queries of {@code shape} until the HComb is warm, then {@code runs}; the median by wall
   * time.
   */
  Result run(HCombScaleBench.StreamShape shape, int streams, String json, int runs) {
    Vertx vertx = BenchVertx.create();
    List<Result> results = new ArrayList<>();
    AtomicReference<SyntheticHBeeFunction.StartGate> gate =
        new AtomicReference<>(new SyntheticHBeeFunction.StartGate(streams));
    SyntheticHBeeFunction hbees =
        new SyntheticHBeeFunction(
            vertx, new StreamPayloads(shape, HCombScaleBench.BATCH_ROWS), gate::get);
    try (ProcessStack stack =
            ProcessStack.start(
                hbees, Math.max(100_000, streams), streams, config.queryTimeout(), List.of());
        QueryClient client = new QueryClient(vertx, "127.0.0.1", stack.port());
        BufferAllocator allocator = new RootAllocator()) {
      try {
        BuzzRunner runner = new BuzzRunner(client, allocator, config.queryTimeout());
        warmUp(runner, json, hbees, gate, streams, stack);
        for (int i = 0; i < runs; i++) {
          gate.set(new SyntheticHBeeFunction.StartGate(streams));
          long hcombBefore = stack.hcombCpuNanos();
          long jitBefore = stack.hcombJitMillis();
          long sendersBefore = FanOutBench.processCpuNanos();
          Statistics s = runner.run(json).statistics();
          long end = System.nanoTime();
          Result result =
              new Result(
                  shape.name(),
                  streams,
                  s.getBytesShuffled(),
                  (end - gate.get().openNanos()) / 1e6,
                  (stack.hcombCpuNanos() - hcombBefore) / 1e6,
                  (FanOutBench.processCpuNanos() - sendersBefore) / 1e6,
                  Optional.empty());
          hbees.awaitIdle(30_000);
          results.add(result);
          progress.say(
              "hcomb %s, HComb in its own process %d/%d: %,.0f MB/s; the HComb's CPU %,.0f ms"
                  + " (%,.0f MB per CPU-second; its JIT %,d ms), the senders' %,.0f ms",
              shape.name(),
              i + 1,
              runs,
              result.megabytesPerSecond(),
              result.hcombCpuMillis(),
              result.megabytesPerHCombCpuSecond(),
              stack.hcombJitMillis() - jitBefore,
              result.senderCpuMillis());
        }
      } catch (RuntimeException e) {
        progress.say("hcomb, HComb in its own process: logs kept in %s", stack.keepLogs());
        throw e;
      }
    } catch (IOException | RuntimeException e) {
      String error = e.getClass().getSimpleName() + ": " + e.getMessage();
      progress.say("hcomb %s, HComb in its own process, FAILED: %s", shape.name(), error);
      return new Result(shape.name(), streams, 0, 0, 0, 0, Optional.of(error));
    } finally {
      hbees.close();
      BenchVertx.close(vertx, progress);
    }
    results.sort((a, b) -> Double.compare(a.wallMillis(), b.wallMillis()));
    return results.get((results.size() - 1) / 2);
  }

  /**
   * Untimed queries: the first starts the HComb process; then, unless the warm-up is off, on until
   * the HComb's JIT is quiet (the bench's {@link WarmUp}, judged on the HComb's compiler threads):
   * after one query, C2 still took up to 30% of the HComb's CPU in the queries measured next.
   */
  private void warmUp(
      BuzzRunner runner,
      String json,
      SyntheticHBeeFunction hbees,
      AtomicReference<SyntheticHBeeFunction.StartGate> gate,
      int streams,
      ProcessStack stack) {
    Runnable query =
        () -> {
          gate.set(new SyntheticHBeeFunction.StartGate(streams));
          runner.run(json);
          hbees.awaitIdle(30_000);
        };
    query.run();
    if (config.warmups() == 0) {
      return;
    }
    WarmUp.Gauge gauge = config.warmUp().start(System::nanoTime, stack::hcombJitMillis);
    int ran = 1 + gauge.runUntilWarm(1, query);
    progress.say("hcomb, HComb in its own process: %s", gauge.summary(ran));
  }
}
