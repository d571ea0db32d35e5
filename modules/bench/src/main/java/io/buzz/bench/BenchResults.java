package io.buzz.bench;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Everything a bench run measured, for the console table, the JSON file and the chart.
 *
 * @param gitCommit the commit of the working tree, when it could be read
 */
record BenchResults(
    BenchConfig config,
    MachineInfo machine,
    Optional<String> gitCommit,
    Instant startedAt,
    Instant finishedAt,
    double loadAverageAtEnd,
    DataInfo data,
    Optional<String> duckDbVersion,
    List<QueryReport> latency,
    List<LoadSweep.LoadLevel> load,
    Optional<FanOutBench.FanOutReport> fanOut,
    Optional<HCombScaleBench.HCombScaleReport> hcomb,
    Optional<ScaleBench.ScaleReport> scale,
    Optional<AwsTwinBench.AwsTwinReport> aws,
    Optional<WideReport> wide) {

  /**
   * The wide section: its data set, its query suite beside DuckDB and decode throughput per core.
   */
  record WideReport(
      DataInfo data, List<QueryReport> queries, List<DecodeBench.DecodeFigure> decode) {
    Optional<Double> geometricMeanRatio() {
      return geometricMean(queries);
    }
  }

  /**
   * The data set used.
   *
   * @param generatedSeconds time spent generating it now; 0 when reused
   */
  record DataInfo(
      String path, long rows, int days, int files, long bytes, double generatedSeconds) {}

  /** Geometric mean of the per-query Buzz/DuckDB ratios of medians, over queries having one. */
  Optional<Double> geometricMeanRatio() {
    return geometricMean(latency);
  }

  static Optional<Double> geometricMean(List<QueryReport> reports) {
    double logSum = 0;
    int n = 0;
    for (QueryReport report : reports) {
      Optional<Double> ratio = report.ratio();
      if (ratio.isPresent()) {
        logSum += Math.log(ratio.get());
        n++;
      }
    }
    return n == 0 ? Optional.empty() : Optional.of(Math.exp(logSum / n));
  }

  /** True when every compared answer agreed. */
  boolean answersAgree() {
    for (QueryReport report : allQueries()) {
      if (report.answersAgree().isPresent() && !report.answersAgree().get()) {
        return false;
      }
    }
    return true;
  }

  /** Queries of the suite that failed. */
  long failedQueries() {
    return allQueries().stream().filter(r -> r.error().isPresent()).count();
  }

  private List<QueryReport> allQueries() {
    List<QueryReport> all = new java.util.ArrayList<>(latency);
    wide.ifPresent(w -> all.addAll(w.queries()));
    return all;
  }
}
