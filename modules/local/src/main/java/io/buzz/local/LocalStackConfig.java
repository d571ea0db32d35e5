package io.buzz.local;

import static java.util.Objects.requireNonNull;

import io.buzz.fuse.FuseConfig;
import io.buzz.fuse.query.TaskPacking;
import io.buzz.hbee.HBeeFunction;
import io.buzz.hbee.runtime.HBeeConfig;
import io.buzz.hcomb.HCombConfig;
import io.buzz.storage.io.S3ClientConfig;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Settings of the embedded local stack.
 *
 * @param host interface the query API listens on
 * @param queryPort port of the query API; 0 picks a free one
 * @param lambdaConcurrency HBee invocations the local Lambda-compatible service runs at once
 * @param s3 how to reach S3 (or an S3-compatible server) for {@code s3://} catalogs; empty when
 *     only local files are used
 * @param hbeeInterceptor wraps the in-process HBee function before the Lambda-compatible endpoint
 *     serves it; the identity by default. For tests and fault drills: delay, fail, rewrite or
 *     observe invocations while everything else stays real.
 * @param metrics where the Fuse and the HComb serve their Prometheus metrics; none by default
 */
public record LocalStackConfig(
    String host,
    int queryPort,
    FuseConfig fuse,
    HCombConfig hcomb,
    HBeeConfig hbee,
    int lambdaConcurrency,
    Optional<S3ClientConfig> s3,
    UnaryOperator<HBeeFunction> hbeeInterceptor,
    MetricsPorts metrics) {

  public LocalStackConfig {
    requireNonNull(metrics, "metrics is null");
    requireNonNull(host, "host is null");
    requireNonNull(fuse, "fuse is null");
    requireNonNull(hcomb, "hcomb is null");
    requireNonNull(hbee, "hbee is null");
    requireNonNull(s3, "s3 is null");
    requireNonNull(hbeeInterceptor, "hbeeInterceptor is null");
    if (lambdaConcurrency < 1) {
      throw new IllegalArgumentException("lambdaConcurrency must be at least 1");
    }
  }

  public static LocalStackConfig defaults() {
    return new LocalStackConfig(
        "127.0.0.1",
        0,
        // One machine: tasks beyond twice its cores add per-task cost and no parallelism.
        FuseConfig.defaults()
            .withPacking(
                TaskPacking.forParallelism(2 * Runtime.getRuntime().availableProcessors())),
        HCombConfig.defaults(),
        HBeeConfig.defaults(),
        64,
        Optional.empty(),
        UnaryOperator.identity(),
        MetricsPorts.NONE);
  }

  public LocalStackConfig withQueryPort(int port) {
    return new LocalStackConfig(
        host, port, fuse, hcomb, hbee, lambdaConcurrency, s3, hbeeInterceptor, metrics);
  }

  public LocalStackConfig withHost(String newHost) {
    return new LocalStackConfig(
        newHost, queryPort, fuse, hcomb, hbee, lambdaConcurrency, s3, hbeeInterceptor, metrics);
  }

  public LocalStackConfig withS3(S3ClientConfig config) {
    return new LocalStackConfig(
        host,
        queryPort,
        fuse,
        hcomb,
        hbee,
        lambdaConcurrency,
        Optional.of(config),
        hbeeInterceptor,
        metrics);
  }

  public LocalStackConfig withFuse(FuseConfig config) {
    return new LocalStackConfig(
        host, queryPort, config, hcomb, hbee, lambdaConcurrency, s3, hbeeInterceptor, metrics);
  }

  public LocalStackConfig withHComb(HCombConfig config) {
    return new LocalStackConfig(
        host, queryPort, fuse, config, hbee, lambdaConcurrency, s3, hbeeInterceptor, metrics);
  }

  public LocalStackConfig withHBee(HBeeConfig config) {
    return new LocalStackConfig(
        host, queryPort, fuse, hcomb, config, lambdaConcurrency, s3, hbeeInterceptor, metrics);
  }

  public LocalStackConfig withLambdaConcurrency(int concurrency) {
    return new LocalStackConfig(
        host, queryPort, fuse, hcomb, hbee, concurrency, s3, hbeeInterceptor, metrics);
  }

  public LocalStackConfig withHBeeInterceptor(UnaryOperator<HBeeFunction> interceptor) {
    return new LocalStackConfig(
        host, queryPort, fuse, hcomb, hbee, lambdaConcurrency, s3, interceptor, metrics);
  }

  public LocalStackConfig withMetrics(MetricsPorts ports) {
    return new LocalStackConfig(
        host, queryPort, fuse, hcomb, hbee, lambdaConcurrency, s3, hbeeInterceptor, ports);
  }
}
