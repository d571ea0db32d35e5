package io.buzz.local.s3;

import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * S3's request-rate limit per prefix: a token bucket per prefix holding one second of requests,
 * refilled continuously at the rate, so a burst up to the rate passes and a sustained excess is
 * refused. Thread-safe (one lock; the twin's requests are few thousand per second).
 *
 * <p>Real S3 scales a prefix's limit up under sustained load, over minutes; the twin does not.
 */
final class PrefixRateLimiter {
  private final double perSecond;
  private final LongSupplier nanoTime;
  private final Map<String, double[]> buckets = new HashMap<>();

  /**
   * @param perSecond requests per second per prefix; 0 admits everything
   * @param nanoTime the clock ({@link System#nanoTime} but in tests)
   */
  PrefixRateLimiter(double perSecond, LongSupplier nanoTime) {
    this.perSecond = perSecond;
    this.nanoTime = nanoTime;
  }

  /** Whether one more request on {@code prefix} is within the rate (it is then counted). */
  synchronized boolean tryAcquire(String prefix) {
    if (perSecond == 0) {
      return true;
    }
    long now = nanoTime.getAsLong();
    // {tokens, last refill time in nanoseconds}
    double[] bucket = buckets.computeIfAbsent(prefix, p -> new double[] {perSecond, now});
    bucket[0] = Math.min(perSecond, bucket[0] + (now - bucket[1]) * perSecond / 1e9);
    bucket[1] = now;
    if (bucket[0] < 1) {
      return false;
    }
    bucket[0] -= 1;
    return true;
  }

  /**
   * The prefix of a path-style request path ({@code /bucket/some/key}): the bucket and the key up
   * to its last {@code /}.
   */
  static String prefixOf(String path) {
    int last = path.lastIndexOf('/');
    return last <= 0 ? path : path.substring(0, last + 1);
  }
}
