package io.buzz.fuse.local;

import io.buzz.fuse.FuseConfig;
import io.buzz.hbee.io.S3ClientConfig;
import io.buzz.hbee.runtime.HBeeConfig;
import io.buzz.hcomb.HCombConfig;
import java.util.Optional;

/**
 * Settings of the embedded local stack.
 *
 * @param host interface the query API listens on
 * @param queryPort port of the query API; 0 picks a free one
 * @param lambdaConcurrency HBee invocations the local Lambda-compatible service runs at once
 * @param s3 how to reach S3 (or an S3-compatible server) for {@code s3://} catalogs; empty when
 *     only local files are used
 */
public record LocalStackConfig(
    String host,
    int queryPort,
    FuseConfig fuse,
    HCombConfig hcomb,
    HBeeConfig hbee,
    int lambdaConcurrency,
    Optional<S3ClientConfig> s3) {

  public static LocalStackConfig defaults() {
    return new LocalStackConfig(
        "127.0.0.1",
        0,
        FuseConfig.defaults(),
        HCombConfig.defaults(),
        HBeeConfig.defaults(),
        64,
        Optional.empty());
  }

  public LocalStackConfig withQueryPort(int port) {
    return new LocalStackConfig(host, port, fuse, hcomb, hbee, lambdaConcurrency, s3);
  }

  public LocalStackConfig withHost(String newHost) {
    return new LocalStackConfig(newHost, queryPort, fuse, hcomb, hbee, lambdaConcurrency, s3);
  }

  public LocalStackConfig withS3(S3ClientConfig config) {
    return new LocalStackConfig(
        host, queryPort, fuse, hcomb, hbee, lambdaConcurrency, Optional.of(config));
  }

  public LocalStackConfig withFuse(FuseConfig config) {
    return new LocalStackConfig(host, queryPort, config, hcomb, hbee, lambdaConcurrency, s3);
  }

  public LocalStackConfig withHComb(HCombConfig config) {
    return new LocalStackConfig(host, queryPort, fuse, config, hbee, lambdaConcurrency, s3);
  }
}
