package io.buzz.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.Optional;

/**
 * The console tables of the two query suites (the taxi latency suite and the wide table's): each
 * query's latencies beside DuckDB's, the geometric mean, and what the JIT still compiled meanwhile.
 */
final class SuiteConsole {
  private SuiteConsole() {}

  static void wide(BenchResults.WideReport w, PrintStream out) {
    out.printf(
        "%nWide table: %,d rows x 107 columns in %d files (%.1f MB); same runs as the latency"
            + " suite; ms%n",
        w.data().rows(), w.data().files(), w.data().bytes() / 1e6);
    queryTable(w.queries(), out);
    w.geometricMeanRatio()
        .ifPresent(g -> out.printf("geometric mean of Buzz/DuckDB median ratios: %.2fx%n", g));
    jitDuringTimedRuns(w.queries(), out);
    out.printf("%n%-14s %10s %10s %8s%n", "query", "MB listed", "MB read", "read %");
    for (QueryReport q : w.queries()) {
      QueryReport.BuzzFigures f = q.figures();
      out.printf(
          "%-14s %10.1f %10.1f %7.1f%%%n",
          q.query().name(),
          f.bytesListed() / 1e6,
          f.bytesRead() / 1e6,
          f.bytesListed() == 0 ? 0 : 100.0 * f.bytesRead() / f.bytesListed());
    }
    out.printf(
        "%nDecode throughput, one core each, same files and columns (MB/s of Parquet column"
            + " chunks; M rows/s):%n%-20s %7s | %9s %9s | %9s %9s | %7s%n",
        "columns", "count", "buzz MB/s", "M rows/s", "duck MB/s", "M rows/s", "ratio");
    for (DecodeBench.DecodeFigure d : w.decode()) {
      out.printf(
          "%-20s %7d | %9.1f %9.2f | %9.1f %9.2f | %6.2fx%n",
          d.columnSet(),
          d.columns(),
          d.buzzMegabytesPerSecond(),
          d.buzzRowsPerSecond() / 1e6,
          d.duckDbMegabytesPerSecond(),
          d.duckDbRowsPerSecond() / 1e6,
          d.buzzSeconds() / d.duckDbSeconds());
    }
    out.println("(decode ratio = Buzz time / DuckDB time; < 1: Buzz faster)");
  }

  /** Where the HBees' time goes under the S3 model, against the least a task could take. */
  private static void latencyFloor(BenchResults r, PrintStream out) {
    out.printf(
        "%nHBee tasks under the S3 model (medians, ms; floor = one round trip at the median first"
            + " byte + the task's bytes at one connection's bandwidth):%n");
    out.printf(
        "%-14s %5s %9s %10s %11s %9s %8s%n",
        "query", "tasks", "task", "I/O wait", "first bytes", "floor", "x floor");
    for (QueryReport q : r.latency()) {
      QueryReport.BuzzFigures f = q.figures();
      double floor = f.latencyFloorMillis(r.config().s3Latency());
      out.printf(
          "%-14s %5d %9.1f %10.1f %11.1f %9.1f %7.1fx%n",
          q.query().name(),
          f.hbeeTasks(),
          f.hbeeMedianMillis(),
          f.hbeeTasks() == 0 ? 0 : f.ioWaitMillis() / f.hbeeTasks(),
          f.firstByteMedianMillis(),
          floor,
          floor == 0 ? 0 : f.hbeeMedianMillis() / floor);
    }
    out.println(
        "(I/O wait: a task's time waiting for S3 with nothing to decode; first bytes: summed over"
            + " its requests, which overlap, so they can exceed the task's time)");
  }

  /** How busy the JIT still was while the suite was timed: a measure of how warm Buzz was. */
  private static void jitDuringTimedRuns(List<QueryReport> queries, PrintStream out) {
    double total = 0;
    QueryReport most = null;
    for (QueryReport q : queries) {
      if (Double.isNaN(q.timedJitSeconds())) {
        continue; // failed before its timed runs, or a JVM that does not say
      }
      total += q.timedJitSeconds();
      if (most == null || q.timedJitSeconds() > most.timedJitSeconds()) {
        most = q;
      }
    }
    if (most != null) {
      out.printf(
          "the JIT compiled %.1f s during the timed runs (most during %s: %.1f s)%n",
          total, most.query().name(), most.timedJitSeconds());
    }
  }

  static void latency(BenchResults r, PrintStream out) {
    WarmUp warmUp = r.config().warmUp();
    out.printf(
        "%nLatency suite: the suite on Buzz (equal shares) %s, then per query %d warm-up and %d"
            + " timed runs, interleaved with DuckDB %s (%d threads); ms%n",
        warmUp.isFixed()
            ? String.format("for %.0f s", warmUp.minimum().toMillis() / 1000.0)
            : String.format(
                "for at least %.0f s and on until the JIT is quiet (at most %.0f s)",
                warmUp.minimum().toMillis() / 1000.0, warmUp.maximum().toMillis() / 1000.0),
        r.config().warmups(),
        r.config().repetitions(),
        r.duckDbVersion().orElse("(not run)"),
        r.config().duckDbThreads());
    if (!r.config().s3Latency().isOff()) {
      out.printf(
          "Buzz reads the table from S3 behind the latency twin (%s); DuckDB reads local files%n",
          r.config().s3Latency().describe());
    }
    queryTable(r.latency(), out);
    r.geometricMeanRatio()
        .ifPresent(g -> out.printf("geometric mean of Buzz/DuckDB median ratios: %.2fx%n", g));
    jitDuringTimedRuns(r.latency(), out);
    if (!r.config().s3Latency().isOff()) {
      latencyFloor(r, out);
    }
    out.println(
        "(hbee ph. = Buzz's HBee phase, first invocation until every task committed, median;"
            + " plan = Fuse planning, median)");
    out.printf(
        "%nAWS cost estimate (us-east-1 prices, HBee 1769 MB, HComb 2 vCPU / 8 GB):%n%-14s %10s"
            + " %12s %10s %12s %14s%n",
        "query", "MB listed", "GB-s Lambda", "GETs", "USD/query", "USD per TB");
    for (QueryReport q : r.latency()) {
      QueryReport.BuzzFigures f = q.figures();
      out.printf(
          "%-14s %10.1f %12.3f %10d %12.7f %14.4f%n",
          q.query().name(),
          f.bytesListed() / 1e6,
          f.lambdaGbSeconds(),
          f.ioRequests(),
          f.costUsd(),
          f.costPerTerabyteUsd());
    }
  }

  /** One line per query: Buzz's latencies and figures beside DuckDB's, and whether they agree. */
  private static void queryTable(List<QueryReport> queries, PrintStream out) {
    out.printf(
        "%-14s %5s %8s %8s %8s %8s %8s %7s | %8s %8s %8s | %7s %s%n",
        "query",
        "files",
        "MB read",
        "min",
        "median",
        "p95",
        "hbee ph.",
        "plan",
        "duck min",
        "median",
        "p95",
        "ratio",
        "answers");
    for (QueryReport q : queries) {
      QueryReport.BuzzFigures f = q.figures();
      Optional<Latencies> duck = q.duckDb();
      out.printf(
          "%-14s %5d %8.1f %8.1f %8.1f %8.1f %8.1f %7.1f | %8s %8s %8s | %7s %s%n",
          q.query().name(),
          f.filesSelected(),
          f.bytesRead() / 1e6,
          q.buzz().min(),
          q.buzz().median(),
          q.buzz().p95(),
          f.hbeePhaseMillis(),
          f.planningMillis(),
          duck.map(x -> String.format("%.1f", x.min())).orElse("-"),
          duck.map(x -> String.format("%.1f", x.median())).orElse("-"),
          duck.map(x -> String.format("%.1f", x.p95())).orElse("-"),
          q.ratio().map(x -> String.format("%.2fx", x)).orElse("-"),
          q.error().isPresent()
              ? "FAILED: " + q.error().get()
              : q.answersAgree()
                  .map(a -> a ? "agree" : "DIFFER: " + q.difference().orElse(""))
                  .orElse("-"));
    }
  }
}
