package io.buzz.kernels.aggregate;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * One group's quantile sketch for {@code APPROX_QUANTILE}: a DDSketch (Masson, Rim and Lee, VLDB
 * 2019) — values counted in logarithmic buckets, bucket {@code i} holding magnitudes in {@code
 * (γ^(i−1), γ^i]} with {@code γ = (1 + α) / (1 − α)}, α = 1%. A quantile is the representative of
 * the bucket where its rank falls, so it is within 1% (relative) of a value of the data at that
 * rank, whatever the distribution; clamped to the exact minimum and maximum.
 *
 * <p>Negative values count in a second store by magnitude; zero, −∞, +∞ and NaN (ordered last, as
 * SQL orders it) count on their own. A store keeps at most {@value #MAX_BUCKETS} buckets of data
 * (with growth room, at most ~24 KiB): beyond that range (a factor of about 10^17 between
 * magnitudes) the smallest magnitudes fold into the lowest kept bucket. Merging adds counts and
 * folds the same way whatever the order, so the answer does not depend on how rows were split
 * across HBees.
 *
 * <p>Encoding (the partial state; one zero byte is the empty sketch): byte 1, then little-endian
 * {@code count, zeros, negativeInfinities, positiveInfinities, nans} (8 bytes each), {@code min,
 * max} (doubles), then the positive store and the negative store, each as its lowest index and
 * bucket count (4 bytes each) and the bucket counts as unsigned LEB128 varints.
 */
final class QuantileSketch implements GroupSketch {
  static final double RELATIVE_ACCURACY = 0.01;
  static final int MAX_BUCKETS = 2048;

  private static final double GAMMA = (1 + RELATIVE_ACCURACY) / (1 - RELATIVE_ACCURACY);
  private static final double LOG_GAMMA = Math.log(GAMMA);
  private static final byte FILLED = 1;
  private static final int HEADER = 1 + 7 * 8;
  private static final VarHandle LONG_LE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle INT_LE =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

  private final Store positive = new Store();
  private final Store negative = new Store();
  private long count;
  private long zeros;
  private long negativeInfinities;
  private long positiveInfinities;
  private long nans;
  private double min = Double.POSITIVE_INFINITY;
  private double max = Double.NEGATIVE_INFINITY;

  /**
   * Counts {@code value}.
   *
   * @return the change in {@link #memoryBytes()}
   */
  long add(double value) {
    count++;
    if (Double.isNaN(value)) {
      nans++;
      return 0;
    }
    min = Math.min(min, value);
    max = Math.max(max, value);
    if (value == 0) {
      zeros++;
    } else if (value == Double.POSITIVE_INFINITY) {
      positiveInfinities++;
    } else if (value == Double.NEGATIVE_INFINITY) {
      negativeInfinities++;
    } else if (value > 0) {
      return positive.add(index(value), 1);
    } else {
      return negative.add(index(-value), 1);
    }
    return 0;
  }

  /**
   * The value at rank {@code fraction · (count − 1)} (rounded down) of the values counted (0 ≤
   * fraction ≤ 1), within 1%, the smallest and the largest exactly; NaN when the rank falls among
   * the NaNs. Only for a sketch that counted a value.
   */
  double quantile(double fraction) {
    if (count == 0) {
      throw new IllegalStateException("no value counted");
    }
    double rank = fraction * (count - 1);
    if (rank >= count - 1) { // the largest value, exactly
      return nans > 0 ? Double.NaN : max;
    }
    if (rank < 1 && nans < count) { // the smallest, exactly
      return min;
    }
    long seen = negativeInfinities;
    if (seen > rank) {
      return Double.NEGATIVE_INFINITY;
    }
    for (int b = negative.counts.length - 1; b >= 0; b--) {
      seen += negative.counts[b];
      if (seen > rank) {
        return clamp(-value(negative.offset + b));
      }
    }
    seen += zeros;
    if (seen > rank) {
      return 0;
    }
    for (int b = 0; b < positive.counts.length; b++) {
      seen += positive.counts[b];
      if (seen > rank) {
        return clamp(value(positive.offset + b));
      }
    }
    seen += positiveInfinities;
    return seen > rank ? Double.POSITIVE_INFINITY : Double.NaN;
  }

  @Override
  public long merge(byte[] bytes, int from, int to) {
    if (bytes[from] != FILLED || to - from < HEADER + 16) {
      throw SketchAccumulator.malformed("quantile sketch", from, to);
    }
    int at = from + 1;
    count += (long) LONG_LE.get(bytes, at);
    zeros += (long) LONG_LE.get(bytes, at + 8);
    negativeInfinities += (long) LONG_LE.get(bytes, at + 16);
    positiveInfinities += (long) LONG_LE.get(bytes, at + 24);
    nans += (long) LONG_LE.get(bytes, at + 32);
    min = Math.min(min, Double.longBitsToDouble((long) LONG_LE.get(bytes, at + 40)));
    max = Math.max(max, Double.longBitsToDouble((long) LONG_LE.get(bytes, at + 48)));
    long before = memoryBytes();
    int[] position = {from + HEADER};
    positive.merge(bytes, position, to);
    negative.merge(bytes, position, to);
    if (position[0] != to) {
      throw SketchAccumulator.malformed("quantile sketch", from, to);
    }
    return memoryBytes() - before;
  }

  @Override
  public int encodedSize() {
    return HEADER + positive.encodedSize() + negative.encodedSize();
  }

  @Override
  public void encode(byte[] out, int at) {
    out[at] = FILLED;
    LONG_LE.set(out, at + 1, count);
    LONG_LE.set(out, at + 9, zeros);
    LONG_LE.set(out, at + 17, negativeInfinities);
    LONG_LE.set(out, at + 25, positiveInfinities);
    LONG_LE.set(out, at + 33, nans);
    LONG_LE.set(out, at + 41, Double.doubleToRawLongBits(min));
    LONG_LE.set(out, at + 49, Double.doubleToRawLongBits(max));
    int p = positive.encode(out, at + HEADER);
    negative.encode(out, p);
  }

  @Override
  public long memoryBytes() {
    return 96 + positive.memoryBytes() + negative.memoryBytes();
  }

  /** The number of values counted. */
  long count() {
    return count;
  }

  private double clamp(double value) {
    return Math.max(min, Math.min(max, value));
  }

  /** The bucket of magnitude {@code x > 0}: {@code ⌈log_γ x⌉}. */
  static int index(double magnitude) {
    return (int) Math.ceil(Math.log(magnitude) / LOG_GAMMA);
  }

  /** The representative of bucket {@code i}, within α of every magnitude in it. */
  static double value(int index) {
    return 2 * Math.exp(index * LOG_GAMMA) / (GAMMA + 1);
  }

  /**
   * Counts by bucket index over a contiguous range of slots {@code [offset, offset +
   * counts.length)}. Buckets more than {@link #MAX_BUCKETS} below the highest index counted fold
   * into the lowest kept one; the slots may reach half as far again as growth room.
   */
  private static final class Store {
    long[] counts = new long[0];
    int offset;
    int maxIndex = Integer.MIN_VALUE;

    long add(int index, long n) {
      long before = memoryBytes();
      maxIndex = Math.max(maxIndex, index);
      int floor = maxIndex - MAX_BUCKETS + 1;
      index = Math.max(index, floor);
      if (counts.length == 0) {
        counts = new long[16];
        offset = Math.max(floor, index - 8);
      } else if (index < offset || index >= offset + counts.length) {
        int low = Math.min(offset, index);
        int high = Math.max(offset + counts.length - 1, index);
        int room = Math.min(high - low + 1, MAX_BUCKETS) / 2;
        if (index < offset) {
          low -= room;
        } else {
          high += room;
        }
        reshape(Math.max(low, floor), high);
      }
      if (offset < floor) {
        reshape(floor, offset + counts.length - 1);
      }
      counts[index - offset] += n;
      return memoryBytes() - before;
    }

    /** Slots {@code [low, high]} (high at least the current highest slot); lower ones fold. */
    private void reshape(int low, int high) {
      long[] slots = new long[high - low + 1];
      for (int b = 0; b < counts.length; b++) {
        int index = offset + b;
        slots[Math.max(index, low) - low] += counts[b];
      }
      counts = slots;
      offset = low;
    }

    void merge(byte[] bytes, int[] position, int end) {
      int at = position[0];
      if (end - at < 8) {
        throw SketchAccumulator.malformed("quantile sketch", at, end);
      }
      int low = (int) INT_LE.get(bytes, at);
      int length = (int) INT_LE.get(bytes, at + 4);
      at += 8;
      if (length < 0 || length > 2 * MAX_BUCKETS) {
        throw SketchAccumulator.malformed("quantile sketch", at, end);
      }
      for (int b = 0; b < length; b++) {
        long n = 0;
        int shift = 0;
        while (true) {
          if (at >= end || shift > 63) {
            throw SketchAccumulator.malformed("quantile sketch", at, end);
          }
          byte next = bytes[at++];
          n |= (long) (next & 0x7F) << shift;
          if (next >= 0) {
            break;
          }
          shift += 7;
        }
        if (n != 0) {
          add(low + b, n);
        }
      }
      position[0] = at;
    }

    int encodedSize() {
      int size = 8;
      for (long n : counts) {
        size += (64 - Long.numberOfLeadingZeros(n | 1) + 6) / 7;
      }
      return size;
    }

    int encode(byte[] out, int at) {
      INT_LE.set(out, at, offset);
      INT_LE.set(out, at + 4, counts.length);
      at += 8;
      for (long n : counts) {
        long rest = n;
        while ((rest & ~0x7FL) != 0) {
          out[at++] = (byte) ((rest & 0x7F) | 0x80);
          rest >>>= 7;
        }
        out[at++] = (byte) rest;
      }
      return at;
    }

    long memoryBytes() {
      return 32 + 8L * counts.length;
    }
  }
}
