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
 * @param hedgeAfter a GET still unanswered after this, plus its bytes at {@code
 *     hedgeBytesPerSecond}, is requested a second time and the first complete answer wins (the
 *     other is cancelled and its bytes dropped); zero never hedges. S3's slow tail (about 1% of
 *     requests take ~10x the usual first-byte time) then costs one extra request instead of a
 *     straggling task.
 * @param hedgeBytesPerSecond the transfer rate a GET is expected to reach at least
 */
public record S3ReadOptions(
    int coalesceGapBytes,
    int maxRequestBytes,
    Duration requestTimeout,
    Duration hedgeAfter,
    long hedgeBytesPerSecond) {
  /**
   * 1 MiB gaps, 8 MiB requests, 30 s per request; hedge a GET after 150 ms (2.5x S3's usual
   * 95th-percentile first byte) plus its bytes at 40 MB/s.
   */
  public static final S3ReadOptions DEFAULTS =
      new S3ReadOptions(
          1 << 20, 8 << 20, Duration.ofSeconds(30), Duration.ofMillis(150), 40_000_000L);

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
    requireNonNull(hedgeAfter, "hedgeAfter is null");
    if (hedgeAfter.isNegative()) {
      throw new IllegalArgumentException("hedgeAfter is negative: " + hedgeAfter);
    }
    if (hedgeBytesPerSecond <= 0) {
      throw new IllegalArgumentException(
          "hedgeBytesPerSecond must be positive: " + hedgeBytesPerSecond);
    }
  }

  /** When to hedge a GET of {@code bytes}, in milliseconds from its start; 0 when never. */
  public long hedgeDelayMillis(long bytes) {
    if (hedgeAfter.isZero()) {
      return 0;
    }
    return hedgeAfter.toMillis() + Math.max(0, bytes) * 1000 / hedgeBytesPerSecond;
  }

  /** The same without hedging (for tests that count requests, say). */
  public S3ReadOptions withoutHedging() {
    return withHedging(Duration.ZERO, hedgeBytesPerSecond);
  }

  public S3ReadOptions withHedging(Duration after, long bytesPerSecond) {
    return new S3ReadOptions(
        coalesceGapBytes, maxRequestBytes, requestTimeout, after, bytesPerSecond);
  }

  public S3ReadOptions withCoalesceGapBytes(int bytes) {
    return new S3ReadOptions(
        bytes, maxRequestBytes, requestTimeout, hedgeAfter, hedgeBytesPerSecond);
  }

  public S3ReadOptions withMaxRequestBytes(int bytes) {
    return new S3ReadOptions(
        coalesceGapBytes, bytes, requestTimeout, hedgeAfter, hedgeBytesPerSecond);
  }

  public S3ReadOptions withRequestTimeout(Duration timeout) {
    return new S3ReadOptions(
        coalesceGapBytes, maxRequestBytes, timeout, hedgeAfter, hedgeBytesPerSecond);
  }
}
