package io.buzz.storage.io;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How an {@link S3ByteSource} turns reads into GET requests.
 *
 * @param coalesceGapBytes ranges whose gap is at most this many bytes are fetched by one request
 *     (the gap's bytes are fetched and dropped); 0 merges only touching or overlapping ranges
 * @param maxRequestBytes a merged range larger than this is fetched by several GETs in parallel,
 *     each of at most this many bytes
 * @param requestTimeout the deadline of one GET or HEAD, SDK retries included
 */
public record S3ReadOptions(int coalesceGapBytes, int maxRequestBytes, Duration requestTimeout) {
  /** 1 MiB gaps, 8 MiB requests, 30 s per request. */
  public static final S3ReadOptions DEFAULTS =
      new S3ReadOptions(1 << 20, 8 << 20, Duration.ofSeconds(30));

  public S3ReadOptions {
    requireNonNull(requestTimeout, "requestTimeout is null");
    if (coalesceGapBytes < 0) {
      throw new IllegalArgumentException("coalesceGapBytes is negative: " + coalesceGapBytes);
    }
    if (maxRequestBytes <= 0) {
      throw new IllegalArgumentException("maxRequestBytes must be positive: " + maxRequestBytes);
    }
    if (requestTimeout.isNegative() || requestTimeout.isZero()) {
      throw new IllegalArgumentException("requestTimeout must be positive: " + requestTimeout);
    }
  }

  public S3ReadOptions withCoalesceGapBytes(int bytes) {
    return new S3ReadOptions(bytes, maxRequestBytes, requestTimeout);
  }

  public S3ReadOptions withMaxRequestBytes(int bytes) {
    return new S3ReadOptions(coalesceGapBytes, bytes, requestTimeout);
  }

  public S3ReadOptions withRequestTimeout(Duration timeout) {
    return new S3ReadOptions(coalesceGapBytes, maxRequestBytes, timeout);
  }
}
