package io.buzz.bench;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * What the latency suite measured for one query.
 *
 * @param duckDb empty when DuckDB did not run
 * @param answersAgree empty when there was nothing to compare
 * @param difference the first difference between the answers, when they disagree
 * @param timedJitSeconds what the JIT compiled during the query's timed runs (Buzz's and DuckDB's,
 *     interleaved), in seconds of compiler threads; NaN when the JVM does not say
 * @param error why the query could not be measured, if it failed
 */
public record QueryReport(
    BenchQuery query,
    Latencies buzz,
    Optional<Latencies> duckDb,
    BuzzFigures figures,
    Optional<Boolean> answersAgree,
    Optional<String> difference,
    long resultRows,
    double timedJitSeconds,
    Optional<String> error) {

  public QueryReport {
    requireNonNull(query, "query is null");
    requireNonNull(buzz, "buzz is null");
    requireNonNull(figures, "figures is null");
  }

  /** Buzz's median over DuckDB's, when both ran. */
  public Optional<Double> ratio() {
    return duckDb
        .filter(d -> d.median() > 0 && buzz.count() > 0)
        .map(d -> buzz.median() / d.median());
  }

  /**
   * Buzz's own account of the query (from its Statistics): the same for every run except the times,
   * which are medians over the timed runs.
   */
  public record BuzzFigures(
      long filesListed,
      long filesSelected,
      long bytesListed,
      long bytesRead,
      long ioRequests,
      long rowsScanned,
      long rowsShuffled,
      int hbeeTasks,
      double serverTotalMillis,
      double planningMillis,
      double catalogMillis,
      double hbeePhaseMillis,
      double hbeeSlowestMillis,
      double mergeMillis,
      int retries,
      double costUsd,
      double lambdaGbSeconds,
      double hcombSeconds,
      double hbeeMedianMillis,
      double ioWaitMillis,
      double firstByteMedianMillis) {
    public static final BuzzFigures NONE =
        new BuzzFigures(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /**
     * The least time an HBee task of this query could take on storage with {@code model}'s latency:
     * one round trip (footers cached, every chunk requested at once) at the median first byte, plus
     * the task's share of the bytes at one connection's bandwidth.
     */
    public double latencyFloorMillis(io.buzz.local.s3.S3LatencyModel model) {
      double firstByte = Math.sqrt(model.firstByteLowMillis() * model.firstByteHighMillis());
      double transfer =
          model.bytesPerSecond() == 0 || hbeeTasks == 0
              ? 0
              : (double) bytesRead / hbeeTasks / model.bytesPerSecond() * 1000;
      return firstByte + transfer;
    }

    /**
     * The estimated AWS cost of the same query over a 1 TB table of the same shape: HBee
     * invocations, their GB-seconds and GETs grow with the bytes; the HComb's time is taken as is
     * (HBees run in parallel). HBee times here are local-disk times, not S3's, so the Lambda part
     * is a lower bound.
     */
    public double costPerTerabyteUsd() {
      if (bytesListed == 0) {
        return 0;
      }
      double k = 1e12 / bytesListed;
      io.buzz.fuse.cost.CostModel m = io.buzz.fuse.cost.CostModel.US_EAST_1;
      double hbeeMillis = lambdaGbSeconds * 1000 * 1024 / m.hbeeMemoryMb();
      return m.estimate(
              Math.round(hbeeTasks * k),
              Math.round(hbeeMillis * k),
              Math.round(ioRequests * k),
              Math.round(hcombSeconds * 1000))
          .usd();
    }
  }
}
