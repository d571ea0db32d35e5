package io.buzz.bench;

import static java.util.Objects.requireNonNull;

import io.buzz.fuse.client.ResultRows;
import io.buzz.protocol.query.Statistics;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * Times each suite query on Buzz and, interleaved run by run (Buzz, DuckDB, Buzz, DuckDB, …), on
 * DuckDB over the same files, and checks that both give the same answer.
 */
final class LatencySuite {
  /** A bound on the runs of the time-based warm-up. */
  private static final int MAX_WARMUPS = 50_000;

  /** A query slower than this leaves the warm-up after one run. */
  private static final double SLOW_WARMUP_MILLIS = 1_000;

  private final BuzzRunner buzz;
  private final Optional<DuckDbPeer> duckDb;
  private final String tableUri;
  private final int warmups;
  private final WarmUp warmUp;
  private final int repetitions;
  private final Progress progress;

  LatencySuite(
      BuzzRunner buzz,
      Optional<DuckDbPeer> duckDb,
      String tableUri,
      int warmups,
      WarmUp warmUp,
      int repetitions,
      Progress progress) {
    this.buzz = requireNonNull(buzz, "buzz is null");
    this.duckDb = requireNonNull(duckDb, "duckDb is null");
    this.tableUri = requireNonNull(tableUri, "tableUri is null");
    this.warmups = warmups;
    this.warmUp = requireNonNull(warmUp, "warmUp is null");
    this.repetitions = repetitions;
    this.progress = requireNonNull(progress, "progress is null");
  }

  List<QueryReport> run(List<BenchQuery> queries) {
    warmUp(queries);
    List<QueryReport> reports = new ArrayList<>();
    for (BenchQuery query : queries) {
      reports.add(measure(query));
    }
    return reports;
  }

  /**
   * Runs the suite's queries on Buzz, untimed, as long as {@link #warmUp} says (until the JIT is
   * quiet): a serving Fuse has long compiled the paths every query shares (planning, invocation,
   * the stream to the HComb, the commit), which takes the JIT hundreds of queries, and the AWS
   * SDK's per-call pipeline thousands. Each query gets about an equal share of the time (its cold
   * first run not counted), so a 20 ms query runs some 25 times for each run of a 500 ms one; a
   * query slower than {@link #SLOW_WARMUP_MILLIS} on its second run runs twice. DuckDB is native
   * code; its own warm-up runs come just before its timed ones.
   */
  private void warmUp(List<BenchQuery> queries) {
    if (warmUp.isOff()) {
      return;
    }
    List<String> jsons = new ArrayList<>();
    for (BenchQuery query : queries) {
      jsons.add(query.buzzJson(tableUri));
    }
    // Fair shares of the time: the next to run is the query that has had the least of it.
    double[] spent = new double[jsons.size()];
    boolean[] done = new boolean[jsons.size()];
    boolean[] ran = new boolean[jsons.size()];
    WarmUp.Gauge gauge = warmUp.start();
    int runs = 0;
    int failed = 0;
    String firstFailure = null;
    while (runs < MAX_WARMUPS && gauge.goOn()) {
      int next = -1;
      for (int q = 0; q < jsons.size(); q++) {
        if (!done[q] && (next < 0 || spent[q] < spent[next])) {
          next = q;
        }
      }
      if (next < 0) {
        break;
      }
      double took;
      try {
        took = buzz.run(jsons.get(next)).millis();
      } catch (RuntimeException e) {
        took = Double.NaN; // its timed runs report the failure too
        failed++;
        if (firstFailure == null) {
          firstFailure =
              e.getMessage() == null
                  ? e.getClass().getSimpleName()
                  : e.getClass().getSimpleName() + ": " + e.getMessage();
        }
      }
      runs++;
      // Only the warm runs count against a query's share.
      done[next] = leavesWarmUp(took, ran[next]);
      spent[next] += Double.isNaN(took) || !ran[next] ? 0 : took;
      ran[next] = true;
    }
    String ended =
        gauge.stop() != WarmUp.Stop.NOT_YET
            ? gauge.stop().reason()
            : runs >= MAX_WARMUPS ? MAX_WARMUPS + " runs" : "every query was slow";
    String jit =
        Double.isNaN(gauge.compiledSeconds())
            ? ""
            : String.format(
                "; the JIT compiled %.1f s meanwhile, %.1f%% of the time in the last %d s",
                gauge.compiledSeconds(), 100 * gauge.recentShare(), WarmUp.WINDOW.toSeconds());
    progress.say(
        "warm-up: %d untimed Buzz runs of the suite in %.0f s (ended: %s)%s%s",
        runs,
        gauge.seconds(),
        ended,
        jit,
        failed == 0 ? "" : " (" + failed + " failed; the first: " + firstFailure + ")");
  }

  /**
   * Whether a warm-up run that took {@code millis} (NaN: failed) takes its query out of the
   * warm-up. A query's first run is cold (class loading, JIT, footer caches), so only a later run
   * says whether it is slow.
   */
  static boolean leavesWarmUp(double millis, boolean ranBefore) {
    return ranBefore && !(millis <= SLOW_WARMUP_MILLIS);
  }

  private QueryReport measure(BenchQuery query) {
    String json = query.buzzJson(tableUri);
    List<Double> buzzMillis = new ArrayList<>();
    List<Double> duckMillis = new ArrayList<>();
    List<Statistics> statistics = new ArrayList<>();
    List<List<Object>> buzzRows = null;
    List<List<Object>> duckRows = null;
    long jitBefore = -1;
    long jitAfter = -1;
    try {
      for (int i = 0; i < warmups; i++) {
        buzz.run(json);
        if (duckDb.isPresent()) {
          duckDb.get().run(query);
        }
      }
      jitBefore = WarmUp.compiledMillis();
      for (int i = 0; i < repetitions; i++) {
        BuzzRunner.Run b = buzz.run(json);
        buzzMillis.add(b.millis());
        statistics.add(b.statistics());
        buzzRows = b.rows();
        String line = String.format("buzz %7.1f ms", b.millis());
        if (duckDb.isPresent()) {
          DuckDbPeer.Run d = duckDb.get().run(query);
          duckMillis.add(d.millis());
          duckRows = d.rows();
          line += String.format(", duckdb %7.1f ms", d.millis());
        }
        progress.say("latency %-14s %2d/%d: %s", query.name(), i + 1, repetitions, line);
      }
      jitAfter = WarmUp.compiledMillis();
    } catch (RuntimeException | SQLException e) {
      String message = e.getClass().getSimpleName() + ": " + e.getMessage();
      progress.say("latency %-14s FAILED: %s", query.name(), message);
      return new QueryReport(
          query,
          Latencies.of(buzzMillis),
          duckMillis.isEmpty() ? Optional.empty() : Optional.of(Latencies.of(duckMillis)),
          figures(statistics),
          Optional.empty(),
          Optional.empty(),
          0,
          jitSeconds(jitBefore, WarmUp.compiledMillis()),
          Optional.of(message));
    }
    Optional<Boolean> agree = Optional.empty();
    Optional<String> difference = Optional.empty();
    if (duckRows != null) {
      String diff =
          query.ordered()
              ? ResultRows.difference(duckRows, buzzRows, ResultRows.ENGINE_TOLERANCE)
              : ResultRows.difference(
                  ResultRows.sorted(duckRows),
                  ResultRows.sorted(buzzRows),
                  ResultRows.ENGINE_TOLERANCE);
      agree = Optional.of(diff == null);
      difference = Optional.ofNullable(diff);
      if (diff != null) {
        progress.say("latency %-14s ANSWERS DIFFER: %s", query.name(), diff);
      }
    }
    return new QueryReport(
        query,
        Latencies.of(buzzMillis),
        duckDb.isPresent() ? Optional.of(Latencies.of(duckMillis)) : Optional.empty(),
        figures(statistics),
        agree,
        difference,
        buzzRows.size(),
        jitSeconds(jitBefore, jitAfter),
        Optional.empty());
  }

  /** JIT compile seconds between two {@link WarmUp#compiledMillis} readings, or NaN. */
  private static double jitSeconds(long before, long after) {
    return before < 0 || after < 0 ? Double.NaN : (after - before) / 1e3;
  }

  static QueryReport.BuzzFigures figures(List<Statistics> runs) {
    if (runs.isEmpty()) {
      return QueryReport.BuzzFigures.NONE;
    }
    Statistics last = runs.get(runs.size() - 1);
    int retries = 0;
    for (Statistics s : runs) {
      retries += s.getHbeeRetries();
    }
    return new QueryReport.BuzzFigures(
        last.getFilesListed(),
        last.getFilesSelected(),
        last.getBytesListed(),
        last.getBytesRead(),
        last.getIoRequests(),
        last.getRowsScanned(),
        last.getRowsShuffled(),
        last.getHbeeTasks(),
        median(runs, Statistics::getTotalMillis),
        median(runs, Statistics::getPlanningMillis),
        median(runs, Statistics::getCatalogMillis),
        median(runs, Statistics::getHbeePhaseMillis),
        median(runs, Statistics::getHbeeMaxMillis),
        median(runs, s -> s.getMergeMicros() / 1000.0),
        retries,
        median(runs, Statistics::getCostUsd),
        median(runs, Statistics::getLambdaGbSeconds),
        median(runs, Statistics::getHcombSeconds),
        median(runs, Statistics::getHbeeMedianMillis),
        median(runs, Statistics::getHbeeIoWaitMillis),
        median(runs, s -> s.getHbeeFirstByteMedianMicros() / 1000.0));
  }

  private static double median(List<Statistics> runs, ToDoubleFunction<Statistics> value) {
    List<Double> values = new ArrayList<>();
    for (Statistics s : runs) {
      values.add(value.applyAsDouble(s));
    }
    return Latencies.of(values).median();
  }
}
