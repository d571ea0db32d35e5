package io.buzz.bench;

import java.io.PrintStream;
import java.util.List;

/** The human-readable tables printed on stdout at the end of a run. */
final class ConsoleReport {
  private ConsoleReport() {}

  static void print(BenchResults r, PrintStream out) {
    MachineInfo m = r.machine();
    BenchResults.DataInfo d = r.data();
    out.printf(
        "Buzz bench%s — %s; %,d rows in %d files (%.1f MB); %d cores%s; load avg %.1f → %.1f%n",
        r.config().quick() ? " (quick)" : "",
        r.startedAt(),
        d.rows(),
        d.files(),
        d.bytes() / 1e6,
        m.cores(),
        m.cpuModel().map(c -> " (" + c + ")").orElse(""),
        m.loadAverageAtStart(),
        r.loadAverageAtEnd());
    if (!r.latency().isEmpty()) {
      SuiteConsole.latency(r, out);
    }
    if (!r.load().isEmpty()) {
      load(r, out);
    }
    r.fanOut().ifPresent(f -> fanOut(f, out));
    r.hcomb().ifPresent(h -> hcomb(h, out));
    r.scale().ifPresent(s -> scale(s, out));
    r.scale().flatMap(ScaleBench.ScaleReport::listing).ifPresent(l -> listing(l, out));
    r.aws().ifPresent(a -> aws(r, a, out));
    r.wide().ifPresent(w -> SuiteConsole.wide(w, out));
  }

  private static void load(BenchResults r, PrintStream out) {
    out.printf(
        "%nLoad: closed-loop clients through the gRPC API, %.0f s per level, queries %s;"
            + " Lambda concurrency %d%n",
        r.config().loadDuration().toMillis() / 1000.0,
        String.join(",", r.config().loadQueries()),
        r.config().lambdaConcurrency());
    out.printf(
        "%7s %8s %7s %8s %8s %8s %8s %8s%n",
        "clients", "queries", "errors", "q/s", "p50 ms", "p95 ms", "p99 ms", "max ms");
    for (LoadSweep.LoadLevel level : r.load()) {
      out.printf(
          "%7d %8d %7d %8.2f %8.1f %8.1f %8.1f %8.1f%n",
          level.clients(),
          level.completed(),
          level.failed(),
          level.throughput(),
          level.latencies().median(),
          level.latencies().p95(),
          level.latencies().p99(),
          level.latencies().max());
      for (LoadSweep.ErrorKind e : level.errors()) {
        out.printf("        %s ×%d, first: %s%n", e.kind(), e.count(), e.firstMessage());
      }
    }
  }

  private static void fanOut(FanOutBench.FanOutReport f, PrintStream out) {
    out.printf(
        "%nFan-out: %,d no-op HBee tasks; Fuse in-flight %d, Lambda endpoint concurrency %d,"
            + " %d HTTP connections%n",
        f.tasks(), f.inFlight(), f.lambdaConcurrency(), f.httpConnections());
    out.printf(
        "%4s %10s %14s %10s %9s %8s %14s %15s %13s %14s %14s%n",
        "run",
        "wall ms",
        "HBee phase ms",
        "catalog ms",
        "plan ms",
        "retries",
        "invocations/s",
        "to 1st invoc ms",
        "CPU µs/task",
        "heap B/task",
        "commit→res ms");
    int i = 1;
    for (FanOutBench.FanOutRun run : f.runs()) {
      out.printf(
          "%4d %10.0f %14d %10d %9d %8d %14.0f %15d %13.0f %14.0f %14.1f%n",
          i++,
          run.wallMillis(),
          run.hbeePhaseMillis(),
          run.catalogMillis(),
          run.planningMillis(),
          run.retries(),
          run.invocationsPerSecond(),
          run.toFirstInvocationMillis(),
          run.cpuMicrosPerInvocation(),
          run.heapBytesPerTask(),
          run.afterLastCommitMillis());
    }
    f.liveHeapBytesPerTask()
        .ifPresent(
            b ->
                out.printf(
                    "live heap half-way through a query: %,.0f bytes per task (%,.0f MB for"
                        + " 100,000 tasks)%n",
                    b, b * 100_000 / 1e6));
    f.fuseProcess().ifPresent(p -> fuseProcess(p, out));
    f.error().ifPresent(e -> out.println("FAILED: " + e));
  }

  private static void fuseProcess(FuseProcessFanOut.Report p, PrintStream out) {
    fuseRuns(
        "The Fuse in a process of its own (Lambda twin and HBees here, the HComb an ECS-twin"
            + " process):",
        p.runs(),
        out);
    p.compared()
        .ifPresent(
            c -> {
              fuseRuns(
                  "The Fuse with "
                      + String.join(" ", c.options())
                      + ", its queries alternating with those above (a stack of its own):",
                  c.runs(),
                  out);
              out.printf(
                  "its Fuse CPU per task over the first's, median of %d pairs: %.3f%n",
                  Math.min(c.runs().size(), p.runs().size()), c.medianCpuRatio(p.runs()));
            });
    p.error().ifPresent(e -> out.println("FAILED: " + e));
  }

  private static void fuseRuns(String title, List<FuseProcessFanOut.Run> runs, PrintStream out) {
    out.printf(
        "%s%n%4s %14s %14s %13s %22s %13s %13s %13s %16s%n",
        title,
        "run",
        "HBee phase ms",
        "invocations/s",
        "Fuse µs/task",
        "Fuse invoc./core-s",
        "of it kernel",
        "of it JIT µs",
        "HComb µs/task",
        "twin+HBees µs/task");
    int i = 1;
    for (FuseProcessFanOut.Run run : runs) {
      out.printf(
          "%4d %14d %14.0f %13.0f %22.0f %13.0f %13.0f %13.0f %16.0f%n",
          i++,
          run.hbeePhaseMillis(),
          run.invocationsPerSecond(),
          run.fuseCpuMicros(),
          run.fuseInvocationsPerCoreSecond(),
          run.fuseKernelMicros(),
          run.fuseJitMicros(),
          run.hcombCpuMicros(),
          run.twinCpuMicros());
    }
  }

  private static void hcomb(HCombScaleBench.HCombScaleReport h, PrintStream out) {
    out.printf(
        "%nHComb: %,d HBee streams into one HComb at once (median of %d queries per shape)%n",
        h.streams(), h.runsPerShape());
    out.printf(
        "%-34s %9s %11s %9s %13s %9s %10s %11s %10s %10s %10s%n",
        "per stream",
        "MB in",
        "rows in",
        "MB/s",
        "rows/s",
        "wall ms",
        "merge ms",
        "merge MB/s",
        "end→res ms",
        "state MB",
        "heap MB");
    for (HCombScaleBench.ShapeRun run : h.runs()) {
      if (run.error().isPresent()) {
        out.printf(
            "%-34s %s: %s%n",
            run.shape().name(), run.ok() ? "refused as it must be" : "FAILED", run.error().get());
        continue;
      }
      out.printf(
          "%-34s %9.1f %,11d %,9.0f %,13.0f %9.0f %10.0f %,11.0f %10.0f %10.1f %10.0f%n",
          run.shape().name(),
          run.bytesMerged() / 1e6,
          run.rowsMerged(),
          run.megabytesPerSecond(),
          run.rowsPerSecond(),
          run.openToResultMillis(),
          run.mergeMicros() / 1000.0,
          run.mergeMegabytesPerSecond(),
          run.lastEndToResultMillis(),
          run.peakStateBytes() / 1e6,
          run.heapPeakBytes() / 1e6);
    }
    h.ownProcess().ifPresent(p -> hcombProcess(p, out));
  }

  private static void hcombProcess(HCombProcessRun.Result p, PrintStream out) {
    if (p.error().isPresent()) {
      out.printf("%s, the HComb in its own process: FAILED: %s%n", p.shape(), p.error().get());
      return;
    }
    out.printf(
        "%s, the HComb in its own process: %,.0f MB in %.0f ms (%,.0f MB/s); the HComb's CPU"
            + " %,.0f ms: %,.0f MB per CPU-second; the senders' CPU %,.0f ms%n",
        p.shape(),
        p.bytes() / 1e6,
        p.wallMillis(),
        p.megabytesPerSecond(),
        p.hcombCpuMillis(),
        p.megabytesPerHCombCpuSecond(),
        p.senderCpuMillis());
  }

  private static void listing(ListingBench.ListingReport l, PrintStream out) {
    if (l.error().isPresent()) {
      out.printf("%nListing FAILED: %s%n", l.error().get());
      return;
    }
    out.printf(
        "%nListing a Static table of %d partitions x %,d files on S3 under the model (median of 3):%n",
        l.partitions(), l.filesPerPartition());
    for (ListingBench.StrategyRun run : l.runs()) {
      out.printf(
          "  %-10s %7.0f ms %6.0f LIST requests %,8d files%n",
          run.strategy(), run.medianMillis(), run.requests(), run.files());
    }
  }

  private static void scale(ScaleBench.ScaleReport s, PrintStream out) {
    if (s.error().isPresent()) {
      out.printf("%nScale projection FAILED: %s%n", s.error().get());
      return;
    }
    out.printf("%nScale projection: a scan on AWS from this machine's measured rates%n");
    out.printf(
        "%-7s %6s %8s %8s %8s %9s %8s %8s %8s %9s%n",
        "scan",
        "HBees",
        "GB/HBee",
        "task s",
        "wall s",
        "Lambda $",
        "S3 $",
        "HComb $",
        "total $",
        "Athena $");
    for (ScaleProjection.Scan scan : s.scans()) {
      out.printf(
          "%-7s %,6d %8.2f %8.1f %8.1f %9.3f %8.3f %8.4f %8.3f %9.2f%s%n",
          scan.scanBytes() >= ScaleProjection.TB
              ? (scan.scanBytes() / ScaleProjection.TB) + " TB"
              : (scan.scanBytes() / ScaleProjection.GB) + " GB",
          scan.hbees(),
          scan.scanBytes() / 1e9 / scan.hbees(),
          scan.taskSeconds(),
          scan.wallSeconds(),
          scan.lambdaUsd(),
          scan.s3Usd(),
          scan.hcombUsd(),
          scan.totalUsd(),
          scan.athenaUsd(),
          scan.overLambdaLimit() ? "  (task over Lambda's 900 s)" : "");
    }
    s.projection().ifPresent(p -> p.assumptions().forEach(a -> out.println("  - " + a)));
  }

  private static void aws(BenchResults r, AwsTwinBench.AwsTwinReport a, PrintStream out) {
    out.printf(
        "%nAWS twins: HBee cold start in Lambda-twin environments (JVM processes through the"
            + " runtime interface client, %d at once)%n",
        r.config().awsEnvironments());
    out.printf(
        "%-38s %5s %12s %14s %10s %14s %12s %8s %9s%n",
        "JVM",
        "envs",
        "to ready ms",
        "1st invoc. ms",
        "init ms",
        "to 1st req ms",
        "cold query",
        "warm",
        "extra ms");
    for (AwsTwinBench.ColdStartVariant v : a.variants()) {
      out.printf(
          "%-38s %5d %12.0f %14.0f %10.0f %14.0f %12.0f %8.0f %9.0f%n",
          v.name(),
          v.environments(),
          v.processToReadyMillis(),
          v.firstInvocationMillis(),
          v.initMillis(),
          v.toFirstRequestMillis(),
          v.coldQueryMillis(),
          v.warmQueryMillis(),
          v.extraMillis());
    }
    a.fanOut()
        .ifPresent(
            f ->
                out.printf(
                    "fan-out, %,d real HBee tasks: %.0f invocations/s through %d process"
                        + " environments, %.0f invocations/s in-process%n",
                    f.tasks(),
                    f.processInvocationsPerSecond(),
                    f.environments(),
                    f.inProcessInvocationsPerSecond()));
    a.error().ifPresent(e -> out.println("FAILED: " + e));
  }
}
