package io.buzz.bench;

import static java.util.Objects.requireNonNull;

import io.buzz.fuse.cost.CostModel;
import java.util.ArrayList;
import java.util.List;

/**
 * What a scan of a terabyte-class table would take on AWS, projected from rates measured on this
 * machine: one HBee's scan rate under the S3 latency model, the Fuse's invocation rate and the
 * HComb's time per stream. Every assumption is a field, printed with the table.
 *
 * <pre>
 *   wall = listing + HBees / invocation rate + cold start + task + HComb tail
 *   task = first byte + (scan bytes / HBees) / HBee scan rate
 *   HComb tail = max(end-to-result of the last stream, HBees × HComb time per stream − task)
 *   cost = Lambda (HBees × task × memory, requests) + S3 GETs + HComb Fargate time (wall)
 * </pre>
 *
 * @param hbeeMegabytesPerSecond one HBee's scan rate (Parquet bytes fetched and aggregated), MB/s
 * @param hbeeFirstByteMillis the mean time to first byte of a request under the S3 model
 * @param bytesPerGet the HBee's average ranged GET (S3 request charges)
 * @param invocationsPerSecond the Fuse's invocation rate
 * @param hcombMillisPerStream the HComb's time per HBee stream of a small partial aggregate
 * @param hcombTailMillis from the last stream's end to the result
 * @param coldStartMillis an HBee's cold start, added once (all HBees start at once)
 * @param fileBytes the table's file size (listing: 1,000 files per LIST request at first-byte
 *     latency)
 * @param cost prices and sizes; the HBee's memory is the Lambda size the rate stands for
 */
record ScaleProjection(
    double hbeeMegabytesPerSecond,
    double hbeeFirstByteMillis,
    double bytesPerGet,
    double invocationsPerSecond,
    double hcombMillisPerStream,
    double hcombTailMillis,
    double coldStartMillis,
    long fileBytes,
    CostModel cost) {

  /** Athena's price per TB scanned (us-east-1, December 2026). */
  static final double ATHENA_USD_PER_TB = 5.0;

  /** Lambda's longest invocation. */
  static final double LAMBDA_MAX_SECONDS = 900;

  static final long GB = 1_000_000_000L;
  static final long TB = 1_000 * GB;

  ScaleProjection {
    requireNonNull(cost, "cost is null");
    if (hbeeMegabytesPerSecond <= 0 || invocationsPerSecond <= 0 || bytesPerGet <= 0) {
      throw new IllegalArgumentException("rates must be positive");
    }
    if (fileBytes < 1) {
      throw new IllegalArgumentException("fileBytes must be positive");
    }
  }

  /**
   * One scan of {@code scanBytes} with {@code hbees} HBees.
   *
   * @param overLambdaLimit a task would run longer than Lambda allows: more HBees are needed
   */
  record Scan(
      long scanBytes,
      int hbees,
      double taskSeconds,
      double wallSeconds,
      double lambdaUsd,
      double s3Usd,
      double hcombUsd,
      double athenaUsd,
      boolean overLambdaLimit) {
    double totalUsd() {
      return lambdaUsd + s3Usd + hcombUsd;
    }
  }

  Scan project(long scanBytes, int hbees) {
    if (scanBytes < 1 || hbees < 1) {
      throw new IllegalArgumentException("scanBytes and hbees must be positive");
    }
    double perHBee = (double) scanBytes / hbees;
    double taskMillis = hbeeFirstByteMillis + perHBee / 1e6 / hbeeMegabytesPerSecond * 1000;
    double files = Math.ceil((double) scanBytes / fileBytes);
    double listingMillis = Math.ceil(files / 1000) * hbeeFirstByteMillis;
    double rampMillis = hbees / invocationsPerSecond * 1000;
    double tailMillis = Math.max(hcombTailMillis, hbees * hcombMillisPerStream - taskMillis);
    double wallMillis = listingMillis + rampMillis + coldStartMillis + taskMillis + tailMillis;
    long gets = (long) Math.ceil(scanBytes / bytesPerGet);
    CostModel.CostEstimate hbeesOnly =
        cost.estimate(hbees, Math.round(hbees * (coldStartMillis + taskMillis)), 0, 0);
    CostModel.CostEstimate s3Only = cost.estimate(0, 0, gets, 0);
    CostModel.CostEstimate hcombOnly = cost.estimate(0, 0, 0, Math.round(wallMillis));
    return new Scan(
        scanBytes,
        hbees,
        taskMillis / 1000,
        wallMillis / 1000,
        hbeesOnly.usd(),
        s3Only.usd(),
        hcombOnly.usd(),
        scanBytes / (double) TB * ATHENA_USD_PER_TB,
        taskMillis / 1000 > LAMBDA_MAX_SECONDS);
  }

  /** The table of the README: 100 GB and 1 TB with 100, 1,000 and 3,000 HBees. */
  List<Scan> table() {
    List<Scan> scans = new ArrayList<>();
    for (long bytes : new long[] {100 * GB, TB}) {
      for (int hbees : new int[] {100, 1_000, 3_000}) {
        scans.add(project(bytes, hbees));
      }
    }
    return scans;
  }

  /** The assumptions, one per line, as printed with the table. */
  List<String> assumptions() {
    return List.of(
        String.format(
            "one HBee scans %.0f MB/s (measured: one task over the taxi table under the S3 model;"
                + " a task decodes on one core, billed as a %,d MB Lambda, one vCPU)",
            hbeeMegabytesPerSecond, cost.hbeeMemoryMb()),
        String.format(
            "first byte %.0f ms on average, ranged GETs of %.1f MB (measured)",
            hbeeFirstByteMillis, bytesPerGet / 1e6),
        String.format(
            "the Fuse invokes %,.0f HBees/s (measured, fan-out section)", invocationsPerSecond),
        String.format(
            "the HComb takes %.2f ms per HBee stream of a small partial aggregate, %.0f ms from"
                + " the last stream's end to the result (measured, hcomb section)",
            hcombMillisPerStream, hcombTailMillis),
        String.format(
            "every HBee starts cold once: +%.0f ms (measured with --sections aws: first"
                + " invocation of a fresh environment)",
            coldStartMillis),
        String.format(
            "files of %,d MB, listed 1,000 per request at first-byte latency", fileBytes >> 20),
        String.format(
            "prices: Lambda $%.10f per GB-s + $%.2f per million requests, S3 $%.2f per million"
                + " GETs, Fargate $%.5f per vCPU-h + $%.6f per GB-h (%.0f vCPU, %.0f GB HComb),"
                + " Athena $%.0f per TB scanned",
            cost.lambdaGbSecond(),
            cost.lambdaRequest() * 1e6,
            cost.s3GetRequest() * 1e6,
            cost.fargateVcpuHour(),
            cost.fargateGbHour(),
            cost.hcombVcpu(),
            cost.hcombMemoryGb(),
            ATHENA_USD_PER_TB),
        "Lambda's default concurrency is 1,000 per account: 3,000 HBees need a quota increase;"
            + " a task over 900 s does not fit one invocation (marked)");
  }
}
