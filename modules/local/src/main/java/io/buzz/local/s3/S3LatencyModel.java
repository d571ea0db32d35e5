package io.buzz.local.s3;

import java.util.Locale;

/**
 * How slow the S3 twin is. Time to first byte is log-normal with {@code firstByteLowMillis} and
 * {@code firstByteHighMillis} as its 5th and 95th percentiles; a fraction {@code tailProbability}
 * of requests takes {@code tailFactor} times longer. Each response body flows at most at {@code
 * bytesPerSecond} (one request per connection at a time, as the SDK's HTTP/1.1 pool does). Beyond
 * {@code readsPerSecond} GET/HEAD or {@code writesPerSecond} other requests per second and prefix
 * (bucket and key up to the last {@code /}), the twin answers {@code 503 SlowDown}. Zero turns a
 * part off.
 *
 * <p>{@link #realistic} uses published S3 figures: 20–60 ms to first byte, 1% of requests 10x
 * slower, ~90 MB/s per connection, 5,500 GET/HEAD and 3,500 PUT/POST/DELETE per second per prefix.
 */
public record S3LatencyModel(
    double firstByteLowMillis,
    double firstByteHighMillis,
    double tailProbability,
    double tailFactor,
    double bytesPerSecond,
    double readsPerSecond,
    double writesPerSecond,
    long seed) {

  /** The option's syntax, for error messages and help. */
  public static final String SYNTAX =
      "off, realistic, or realistic followed by any of ,first-byte=LOW-HIGH (ms),"
          + " tail=PROBABILITYxFACTOR, bandwidth=MB/s, rate=GETs/s, write-rate=PUTs/s, seed=N";

  public S3LatencyModel {
    check(firstByteLowMillis >= 0, "first-byte low must not be negative");
    check(firstByteHighMillis >= firstByteLowMillis, "first-byte high must be at least its low");
    check(tailProbability >= 0 && tailProbability <= 1, "tail probability must be in [0, 1]");
    check(tailFactor >= 1, "tail factor must be at least 1");
    check(bytesPerSecond >= 0, "bandwidth must not be negative");
    check(readsPerSecond >= 0 && writesPerSecond >= 0, "rates must not be negative");
  }

  /** No delay, no bandwidth limit, no throttling. */
  public static S3LatencyModel off() {
    return new S3LatencyModel(0, 0, 0, 1, 0, 0, 0, 0);
  }

  /** Published S3 figures (see the class comment), seeded. */
  public static S3LatencyModel realistic(long seed) {
    return new S3LatencyModel(20, 60, 0.01, 10, 90e6, 5_500, 3_500, seed);
  }

  public boolean isOff() {
    return firstByteHighMillis == 0
        && bytesPerSecond == 0
        && readsPerSecond == 0
        && writesPerSecond == 0;
  }

  /**
   * Reads {@code off}, {@code realistic} or {@code realistic,key=value,…} ({@link #SYNTAX}).
   *
   * @throws IllegalArgumentException naming the part that is wrong
   */
  public static S3LatencyModel parse(String spec) {
    String[] parts = spec.strip().toLowerCase(Locale.ROOT).split(",");
    if (parts[0].strip().equals("off") && parts.length == 1) {
      return off();
    }
    if (!parts[0].strip().equals("realistic")) {
      throw new IllegalArgumentException("S3 latency '" + spec + "': expected " + SYNTAX);
    }
    S3LatencyModel r = realistic(1);
    double low = r.firstByteLowMillis;
    double high = r.firstByteHighMillis;
    double tailProbability = r.tailProbability;
    double tailFactor = r.tailFactor;
    double bandwidth = r.bytesPerSecond;
    double reads = r.readsPerSecond;
    double writes = r.writesPerSecond;
    long seed = r.seed;
    for (int i = 1; i < parts.length; i++) {
      String part = parts[i].strip();
      try {
        int eq = part.indexOf('=');
        if (eq < 0) {
          throw new IllegalArgumentException("not key=value");
        }
        String value = part.substring(eq + 1).strip();
        switch (part.substring(0, eq).strip()) {
          case "first-byte" -> {
            double[] range = pair(value, "-", "first-byte is LOW-HIGH in ms, e.g. 20-60");
            low = range[0];
            high = range[1];
          }
          case "tail" -> {
            double[] tail = pair(value, "x", "tail is PROBABILITYxFACTOR, e.g. 0.01x10");
            tailProbability = tail[0];
            tailFactor = tail[1];
          }
          case "bandwidth" -> bandwidth = number(value) * 1e6;
          case "rate" -> reads = number(value);
          case "write-rate" -> writes = number(value);
          case "seed" -> seed = Long.parseLong(value);
          default -> throw new IllegalArgumentException("unknown key");
        }
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "S3 latency '" + spec + "', '" + part + "': " + e.getMessage() + "; expected " + SYNTAX,
            e);
      }
    }
    try {
      return new S3LatencyModel(
          low, high, tailProbability, tailFactor, bandwidth, reads, writes, seed);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("S3 latency '" + spec + "': " + e.getMessage(), e);
    }
  }

  private static double[] pair(String text, String separator, String expected) {
    String[] two = text.split(separator);
    if (two.length != 2) {
      throw new IllegalArgumentException(expected);
    }
    return new double[] {number(two[0]), number(two[1])};
  }

  /** One line for reports: the assumptions a run was made under. */
  public String describe() {
    if (isOff()) {
      return "off";
    }
    return String.format(
        Locale.ROOT,
        "first byte %.0f-%.0f ms (5th-95th percentile), %.1f%% of requests %.0fx slower,"
            + " %s per connection, %s GET/HEAD and %s writes per second per prefix, seed %d",
        firstByteLowMillis,
        firstByteHighMillis,
        100 * tailProbability,
        tailFactor,
        bytesPerSecond == 0
            ? "unlimited"
            : String.format(Locale.ROOT, "%.0f MB/s", bytesPerSecond / 1e6),
        readsPerSecond == 0 ? "unlimited" : String.format(Locale.ROOT, "%.0f", readsPerSecond),
        writesPerSecond == 0 ? "unlimited" : String.format(Locale.ROOT, "%.0f", writesPerSecond),
        seed);
  }

  private static double number(String text) {
    try {
      double value = Double.parseDouble(text.strip());
      if (!Double.isFinite(value)) {
        throw new NumberFormatException();
      }
      return value;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + text + "' is not a number");
    }
  }

  private static void check(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }
}
