package io.buzz.fuse.cost;

import io.buzz.config.Settings;

/**
 * What a query would cost on AWS, from what it measured: HBee invocations (Lambda requests and
 * GB-seconds), S3 GET requests, and the HComb's Fargate time while the query ran on it. Defaults
 * are the published us-east-1 on-demand prices (x86, December 2026), overridable as settings.
 *
 * <p>The HComb's time is attributed to the query that used it, from its registration to its result;
 * an HComb serving several queries at once is counted for each, so the figure is an upper bound. S3
 * transfer to Lambda in the same region is free; request charges are what a scan pays.
 *
 * @param lambdaGbSecond USD per GB-second of Lambda duration (0.0000166667)
 * @param lambdaRequest USD per Lambda request (0.0000002, i.e. $0.20 per million)
 * @param s3GetRequest USD per S3 GET request (0.0000004, i.e. $0.40 per million)
 * @param fargateVcpuHour USD per vCPU-hour of Fargate (0.04048)
 * @param fargateGbHour USD per GB-hour of Fargate memory (0.004445)
 * @param hbeeMemoryMb the HBee function's memory size
 * @param hcombVcpu the HComb task's vCPUs
 * @param hcombMemoryGb the HComb task's memory
 */
public record CostModel(
    double lambdaGbSecond,
    double lambdaRequest,
    double s3GetRequest,
    double fargateVcpuHour,
    double fargateGbHour,
    int hbeeMemoryMb,
    double hcombVcpu,
    double hcombMemoryGb) {

  public static final String LAMBDA_GB_SECOND = "buzz.aws.price.lambda.gb.second";
  public static final String LAMBDA_REQUEST = "buzz.aws.price.lambda.request";
  public static final String S3_GET = "buzz.aws.price.s3.get.request";
  public static final String FARGATE_VCPU_HOUR = "buzz.aws.price.fargate.vcpu.hour";
  public static final String FARGATE_GB_HOUR = "buzz.aws.price.fargate.gb.hour";

  public static final CostModel US_EAST_1 =
      new CostModel(0.0000166667, 0.0000002, 0.0000004, 0.04048, 0.004445, 1769, 2, 8);

  public CostModel {
    if (hbeeMemoryMb < 128 || hcombVcpu <= 0 || hcombMemoryGb <= 0) {
      throw new IllegalArgumentException("sizes must be positive (HBee memory at least 128 MB)");
    }
  }

  /** The prices in {@code settings} (defaults: {@link #US_EAST_1}) for the given sizes. */
  public static CostModel from(
      Settings settings, int hbeeMemoryMb, double hcombVcpu, double hcombMemoryGb) {
    return new CostModel(
        settings.decimal(LAMBDA_GB_SECOND, US_EAST_1.lambdaGbSecond()),
        settings.decimal(LAMBDA_REQUEST, US_EAST_1.lambdaRequest()),
        settings.decimal(S3_GET, US_EAST_1.s3GetRequest()),
        settings.decimal(FARGATE_VCPU_HOUR, US_EAST_1.fargateVcpuHour()),
        settings.decimal(FARGATE_GB_HOUR, US_EAST_1.fargateGbHour()),
        hbeeMemoryMb,
        hcombVcpu,
        hcombMemoryGb);
  }

  /**
   * The estimate for a query.
   *
   * @param invocations HBee invocations, retries and hedges included
   * @param hbeeMillis billed HBee duration, summed over invocations (Lambda bills per millisecond)
   * @param s3Gets S3 GET requests of the HBees
   * @param hcombMillis the HComb's time on the query
   */
  public CostEstimate estimate(long invocations, long hbeeMillis, long s3Gets, long hcombMillis) {
    double gbSeconds = hbeeMillis / 1000.0 * hbeeMemoryMb / 1024.0;
    double hcombHours = hcombMillis / 3_600_000.0;
    double lambda = gbSeconds * lambdaGbSecond + invocations * lambdaRequest;
    double s3 = s3Gets * s3GetRequest;
    double fargate = hcombHours * (hcombVcpu * fargateVcpuHour + hcombMemoryGb * fargateGbHour);
    return new CostEstimate(
        gbSeconds, invocations, s3Gets, hcombMillis / 1000.0, lambda + s3 + fargate);
  }

  /**
   * One query's estimate.
   *
   * @param lambdaGbSeconds HBee duration × memory
   * @param lambdaRequests HBee invocations
   * @param s3GetRequests ranged GETs of the HBees
   * @param hcombSeconds Fargate time attributed to the query
   * @param usd the total in US dollars
   */
  public record CostEstimate(
      double lambdaGbSeconds,
      long lambdaRequests,
      long s3GetRequests,
      double hcombSeconds,
      double usd) {}
}
