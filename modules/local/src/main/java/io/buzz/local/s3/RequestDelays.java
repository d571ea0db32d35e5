package io.buzz.local.s3;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The first-byte delays of {@link S3LatencyModel}, reproducibly: a request's delay is a function of
 * the seed, the request (method, path and query, byte range) and how many identical requests came
 * before it — not of arrival order or thread timing — so the same run under the same seed meets the
 * same delays, and a repeated request (a retry, a hedge) draws a fresh one. Thread-safe.
 *
 * <p>Memory: one counter per distinct request seen (a few tens of bytes each).
 */
public final class RequestDelays {
  /** The standard normal's 95th percentile: low and high are mean ∓ 1.645 sigma in logs. */
  private static final double Z95 = 1.6448536269514722;

  private final S3LatencyModel model;
  private final double logMedian;
  private final double logSigma;
  private final ConcurrentHashMap<Long, AtomicInteger> seen = new ConcurrentHashMap<>();

  public RequestDelays(S3LatencyModel model) {
    this.model = requireNonNull(model, "model is null");
    double low = Math.max(model.firstByteLowMillis(), 1e-3);
    double high = Math.max(model.firstByteHighMillis(), low);
    this.logMedian = (Math.log(low) + Math.log(high)) / 2;
    this.logSigma = (Math.log(high) - Math.log(low)) / (2 * Z95);
  }

  /**
   * The delay before the first byte of this request, in milliseconds (0 when the model has none).
   */
  public double firstByteMillis(String method, String uri, String range) {
    if (model.firstByteHighMillis() == 0) {
      return 0;
    }
    long identity = hash(method + ' ' + uri + ' ' + (range == null ? "" : range));
    int occurrence = seen.computeIfAbsent(identity, k -> new AtomicInteger()).getAndIncrement();
    return draw(identity, occurrence);
  }

  /** The delay of the {@code occurrence}-th request with identity hash {@code identity}. */
  double draw(long identity, int occurrence) {
    long state = mix(model.seed() ^ mix(identity) ^ (occurrence + 1L) * 0x9E3779B97F4A7C15L);
    double u1 = uniform(state = mix(state + 0x9E3779B97F4A7C15L));
    double u2 = uniform(state = mix(state + 0x9E3779B97F4A7C15L));
    double u3 = uniform(mix(state + 0x9E3779B97F4A7C15L));
    // Box-Muller: one standard normal from two uniforms (u1 in (0, 1]).
    double normal = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    double millis = Math.exp(logMedian + logSigma * normal);
    return u3 < model.tailProbability() ? millis * model.tailFactor() : millis;
  }

  /** Distinct requests seen so far. */
  public int distinctRequests() {
    return seen.size();
  }

  /** A uniform double in (0, 1]. */
  private static double uniform(long bits) {
    return ((bits >>> 11) + 1) * 0x1.0p-53;
  }

  /** 64-bit FNV-1a of the UTF-8 text, then mixed. */
  static long hash(String text) {
    long h = 0xcbf29ce484222325L;
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      h = (h ^ (b & 0xff)) * 0x100000001b3L;
    }
    return mix(h);
  }

  /** SplitMix64's finalizer. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
