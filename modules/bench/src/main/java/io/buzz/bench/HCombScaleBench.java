package io.buzz.bench;

import static java.util.Objects.requireNonNull;

import io.buzz.fuse.client.QueryClient;
import io.buzz.fuse.query.DispatchConfig;
import io.buzz.local.LocalStack;
import io.buzz.local.LocalStackConfig;
import io.buzz.protocol.query.Statistics;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * The HComb at scale: one query whose N tasks' HBees ({@link SyntheticHBeeFunction}) all stream
 * their partial aggregates into one HComb at once — each stream opens, and none sends a batch until
 * all N are open. Everything but the HBees' scan is real: the Fuse plans the two-step query and
 * registers it, invokes the N HBees through the Lambda twin, and the HComb decodes, merges, commits
 * and answers.
 *
 * <pre>
 *   N × synthetic HBee ──DoPut: header, schema ─ gate (all N open) ─ batches, trailer──▶ HComb
 *                                                   merge ──▶ result ──▶ Fuse ──▶ this client
 * </pre>
 *
 * <p>Each {@link StreamShape} says how many groups and rows a stream carries and whether streams
 * share their keys (the merged result then has that many groups) or not (the result has N times as
 * many, which is how a query meets the HComb's memory limit). Measured per shape: the Arrow bytes
 * and rows merged per second from the gate's opening to the result, the merge thread's busy time,
 * the time from the last stream's end to the result, and the merge state's peak.
 */
final class HCombScaleBench {
  /** Rows per Arrow batch a synthetic HBee sends. */
  static final int BATCH_ROWS = 8_192;

  private static final String HBEE_SQL =
      "SELECT id, COUNT(*) AS n, SUM(id) AS total FROM tiny GROUP BY id";
  private static final String HCOMB_SQL =
      "SELECT id, SUM(n) AS n, SUM(total) AS total FROM tiny_map GROUP BY id";

  /**
   * What each stream carries.
   *
   * @param id the shape's name for {@code --queries}
   * @param groups distinct keys in one stream
   * @param rows rows of one stream (keys repeat when more than {@code groups})
   * @param sharedKeys whether every stream has the same keys
   * @param memoryDrill whether the query runs with a memory limit its result cannot fit (8 bytes
   *     per result group, a third of what each group's key and sums take) and must be refused
   */
  record StreamShape(
      String id, String name, int groups, int rows, boolean sharedKeys, boolean memoryDrill) {
    StreamShape {
      requireNonNull(id, "id is null");
      requireNonNull(name, "name is null");
      if (groups < 1 || rows < groups) {
        throw new IllegalArgumentException("a stream needs 1 <= groups <= rows");
      }
    }

    long resultGroups(int streams) {
      return sharedKeys ? groups : (long) groups * streams;
    }

    /** The HComb's query memory limit for {@code streams} streams, 0 for its default. */
    long memoryLimitBytes(int streams) {
      return memoryDrill ? Math.max(1L << 20, 8 * resultGroups(streams)) : 0;
    }
  }

  /** The shapes of the section: from a few groups per stream to 100,000, and a memory drill. */
  static List<StreamShape> shapes() {
    return List.of(
        new StreamShape("groups_10", "10 groups", 10, 10, true, false),
        new StreamShape("groups_1k", "1,000 groups", 1_000, 1_000, true, false),
        new StreamShape("groups_100k", "100,000 groups", 100_000, 100_000, true, false),
        new StreamShape("rows_64k", "100 groups, 64 Ki rows", 100, 65_536, true, false),
        new StreamShape(
            "memory_limit", "10,000 own groups, too small a limit", 10_000, 10_000, false, true));
  }

  /**
   * One query of one shape.
   *
   * @param openToResultMillis from the last stream's opening (the gate) to the client's result
   * @param lastEndToResultMillis from the last stream's end to the client's result
   * @param heapPeakBytes the process's heap in use, sampled every 20 ms during the query (every
   *     part runs in this process: HBees, Fuse, HComb)
   */
  record ShapeRun(
      StreamShape shape,
      int streams,
      long bytesMerged,
      long rowsMerged,
      double openToResultMillis,
      double lastEndToResultMillis,
      long mergeMicros,
      long finishMicros,
      long peakStateBytes,
      long heapPeakBytes,
      long resultGroups,
      Optional<String> error) {
    /** The memory drill's query must be refused with the HComb's memory-limit error. */
    boolean ok() {
      if (!shape.memoryDrill()) {
        return error.isEmpty();
      }
      return error
          .map(e -> e.contains("memory limit") || e.contains("over its limit"))
          .orElse(false);
    }

    double megabytesPerSecond() {
      return bytesMerged / 1e6 / Math.max(1e-3, openToResultMillis / 1000);
    }

    /** Arrow bytes per second of the merge thread's busy time (decode, fold, commit). */
    double mergeMegabytesPerSecond() {
      return bytesMerged / 1e6 / Math.max(1e-6, mergeMicros / 1e6);
    }

    double rowsPerSecond() {
      return rowsMerged / Math.max(1e-3, openToResultMillis / 1000);
    }
  }

  /**
   * The section's runs: per shape, the run with the median time (or the failed one); and the
   * low-cardinality shape again with the HComb in a process of its own, its CPU time apart (empty
   * when that shape was not selected).
   */
  record HCombScaleReport(
      int streams,
      int runsPerShape,
      List<ShapeRun> runs,
      Optional<HCombProcessRun.Result> ownProcess) {
    boolean ok() {
      return runs.stream().allMatch(ShapeRun::ok)
          && ownProcess.map(p -> p.error().isEmpty()).orElse(true);
    }
  }

  private final BenchConfig config;
  private final Progress progress;

  HCombScaleBench(BenchConfig config, Progress progress) {
    this.config = requireNonNull(config, "config is null");
    this.progress = requireNonNull(progress, "progress is null");
  }

  HCombScaleReport run() {
    int streams = config.hcombStreams();
    BenchData.fanOut(config.tinyTableDir(streams), streams);
    List<ShapeRun> runs = new ArrayList<>();
    if (config.warmups() > 0) {
      // The JIT compiles the transport, decode and merge paths on an untimed query first.
      StreamShape warmUp = shapes().get(3);
      runOnce(warmUp, streams, "warm-up");
    }
    for (StreamShape shape : shapes()) {
      if (config.onlyQueries().isEmpty() || config.onlyQueries().contains(shape.id())) {
        runs.add(runShape(shape, streams));
      }
    }
    StreamShape lowCardinality = shapes().get(3);
    Optional<HCombProcessRun.Result> ownProcess =
        config.onlyQueries().isEmpty() || config.onlyQueries().contains(lowCardinality.id())
            ? Optional.of(
                new HCombProcessRun(config, progress)
                    .run(lowCardinality, streams, query(streams), config.hcombRuns()))
            : Optional.empty();
    return new HCombScaleReport(streams, config.hcombRuns(), runs, ownProcess);
  }

  private ShapeRun runShape(StreamShape shape, int streams) {
    List<ShapeRun> runs = new ArrayList<>();
    int total = shape.memoryDrill() ? 1 : config.hcombRuns();
    for (int i = 0; i < total; i++) {
      runs.add(runOnce(shape, streams, (i + 1) + "/" + total));
    }
    runs.sort((a, b) -> Double.compare(a.openToResultMillis(), b.openToResultMillis()));
    return runs.get((runs.size() - 1) / 2);
  }

  /** One query of {@code shape} on a fresh stack (the HComb's memory limit is per shape). */
  private ShapeRun runOnce(StreamShape shape, int streams, String label) {
    LocalStackConfig stackConfig = stackConfig(streams, shape.memoryLimitBytes(streams));
    String json = query(streams);
    Vertx vertx = BenchVertx.create();
    SyntheticHBeeFunction.StartGate gate = new SyntheticHBeeFunction.StartGate(streams);
    SyntheticHBeeFunction hbees =
        new SyntheticHBeeFunction(vertx, new StreamPayloads(shape, BATCH_ROWS), gate);
    ShapeRun run;
    try (BufferAllocator allocator = new RootAllocator();
        LocalStack stack = LocalStack.start(vertx, stackConfig.withHBeeInterceptor(r -> hbees));
        QueryClient client = new QueryClient(vertx, stackConfig.host(), stack.port());
        HeapSampler heap = new HeapSampler()) {
      BuzzRunner runner = new BuzzRunner(client, allocator, config.queryTimeout());
      run = query(runner, json, shape, streams, gate, hbees, heap);
      if (!hbees.awaitIdle(30_000)) {
        progress.say("hcomb %s: HBees still running 30 s after the query ended", shape.name());
      }
    } finally {
      hbees.close();
      BenchVertx.close(vertx, progress);
    }
    progress.say(
        "hcomb %s %s: %s",
        shape.name(),
        label,
        run.error()
            .orElse(
                String.format(
                    "%,d streams, %,.0f MB/s (merge thread %,.0f MB/s), %,.0f rows/s,"
                        + " last end to result %.0f ms",
                    streams,
                    run.megabytesPerSecond(),
                    run.mergeMegabytesPerSecond(),
                    run.rowsPerSecond(),
                    run.lastEndToResultMillis())));
    return run;
  }

  /** The section's two-step query over the table of {@code streams} tiny files. */
  private String query(int streams) {
    return BenchQuery.twoSteps(
        "tiny",
        HBEE_SQL,
        Optional.empty(),
        HCOMB_SQL,
        "tiny",
        config.tinyTableDir(streams).toAbsolutePath().toUri().toString());
  }

  private LocalStackConfig stackConfig(int streams, long memoryLimitBytes) {
    DispatchConfig.Hedging hedging = LocalStackConfig.defaults().fuse().dispatch().hedging();
    // Every HBee waits at the gate: none of them is a straggler to hedge.
    LocalStackConfig stack =
        FanOutBench.oneTaskPerFile(
            config,
            streams,
            streams,
            new DispatchConfig.Hedging(
                false,
                hedging.afterFraction(),
                hedging.slowerThanMedian(),
                hedging.minDelay(),
                hedging.maxFraction()));
    return memoryLimitBytes > 0
        ? stack.withHComb(stack.hcomb().withQueryMemoryLimit(memoryLimitBytes))
        : stack;
  }

  private static ShapeRun query(
      BuzzRunner runner,
      String json,
      StreamShape shape,
      int streams,
      SyntheticHBeeFunction.StartGate gate,
      SyntheticHBeeFunction hbees,
      HeapSampler heap) {
    try {
      BuzzRunner.Run run = runner.run(json);
      long end = System.nanoTime();
      Statistics s = run.statistics();
      long groups = run.rows().size();
      long counted = 0;
      for (List<Object> row : run.rows()) {
        counted += ((Number) row.get(1)).longValue();
      }
      long expectedRows = (long) shape.rows() * streams;
      Optional<String> wrong = Optional.empty();
      if (groups != shape.resultGroups(streams) || counted != expectedRows) {
        wrong =
            Optional.of(
                String.format(
                    "WRONG ANSWER: %,d groups counting %,d rows, expected %,d groups of %,d rows",
                    groups, counted, shape.resultGroups(streams), expectedRows));
      }
      return new ShapeRun(
          shape,
          streams,
          s.getBytesShuffled(),
          s.getRowsShuffled(),
          (end - gate.openNanos()) / 1e6,
          (end - hbees.lastEndNanos()) / 1e6,
          s.getMergeMicros(),
          s.getFinishMicros(),
          s.getHcombPeakStateBytes(),
          heap.peakBytes(),
          groups,
          wrong);
    } catch (RuntimeException e) {
      return new ShapeRun(
          shape,
          streams,
          0,
          0,
          0,
          0,
          0,
          0,
          0,
          heap.peakBytes(),
          0,
          Optional.of(e.getClass().getSimpleName() + ": " + e.getMessage()));
    }
  }
}
