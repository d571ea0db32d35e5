package io.buzz.kernels.aggregate;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Hashing and value normalisation for group keys. Hashes are 64-bit and well mixed in their high
 * bits, which pick the hash table slot.
 *
 * <p>FLOAT64 and FLOAT32 keys (held as doubles) are normalised before hashing and comparing so that
 * SQL-equal values form one group: {@code -0.0} becomes {@code 0.0} and every NaN becomes the
 * canonical NaN.
 */
final class KeyHashing {
  static final long NULL_HASH = 0x2545F4914F6CDD1DL;
  private static final long C1 = 0x9E3779B97F4A7C15L;
  private static final long C2 = 0xC2B2AE3D27D4EB4FL;
  private static final VarHandle LONG_LE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private KeyHashing() {}

  /** The murmur3 64-bit finaliser: every input bit affects every output bit. */
  static long mix(long value) {
    long h = value;
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h;
  }

  /** A hash of a 128-bit value from both of its words. */
  static long mix128(long high, long low) {
    return mix(low ^ mix(high));
  }

  /** The bits a FLOAT64 key is grouped by: {@code -0.0} as {@code 0.0}, one NaN. */
  static long normalizedBits(double value) {
    return Double.doubleToLongBits(value + 0.0);
  }

  /** The bits a FLOAT32 key (held widened) is stored by: {@code -0.0} as {@code 0.0}, one NaN. */
  static int normalizedFloatBits(double value) {
    return Float.floatToIntBits((float) value + 0.0f);
  }

  /**
   * Hashes the first {@code n} rows of {@code column} into {@code hashes}: stores them when {@code
   * first}, otherwise combines them with the hashes of earlier key columns.
   */
  static void hashColumn(DenseColumn column, long[] hashes, int n, boolean first) {
    boolean[] nulls = column.nulls;
    boolean hasNulls = column.hasNulls;
    switch (column.type) {
      case BOOL, INT32, INT64, DATE32, TIMESTAMP_MICROS, TIME_MICROS -> {
        long[] values = column.longs;
        for (int i = 0; i < n; i++) {
          long h = hasNulls && nulls[i] ? NULL_HASH : mix(values[i]);
          hashes[i] = first ? h : combine(hashes[i], h);
        }
      }
      case FLOAT64, FLOAT32 -> {
        double[] values = column.doubles;
        for (int i = 0; i < n; i++) {
          long h = hasNulls && nulls[i] ? NULL_HASH : mix(normalizedBits(values[i]));
          hashes[i] = first ? h : combine(hashes[i], h);
        }
      }
      case DECIMAL128 -> {
        long[] lows = column.longs;
        long[] highs = column.highs;
        for (int i = 0; i < n; i++) {
          long h = hasNulls && nulls[i] ? NULL_HASH : mix128(highs[i], lows[i]);
          hashes[i] = first ? h : combine(hashes[i], h);
        }
      }
      case UTF8, VARBINARY -> {
        byte[] bytes = column.bytes;
        int[] offsets = column.offsets;
        for (int i = 0; i < n; i++) {
          long h = hasNulls && nulls[i] ? NULL_HASH : hashBytes(bytes, offsets[i], offsets[i + 1]);
          hashes[i] = first ? h : combine(hashes[i], h);
        }
      }
    }
  }

  static long combine(long hash, long next) {
    return (hash * C1) ^ next;
  }

  /**
   * Whether {@code a[aFrom, aTo)} and {@code b[bFrom, bTo)} hold the same bytes. Group keys are
   * mostly short, where comparing eight bytes at a time beats the setup cost of {@link
   * Arrays#equals(byte[], int, int, byte[], int, int)}; long keys use the latter.
   */
  static boolean equalRanges(byte[] a, int aFrom, int aTo, byte[] b, int bFrom, int bTo) {
    int length = aTo - aFrom;
    if (length != bTo - bFrom) {
      return false;
    }
    if (length > 64) {
      return Arrays.equals(a, aFrom, aTo, b, bFrom, bTo);
    }
    int i = 0;
    for (; i + 8 <= length; i += 8) {
      if ((long) LONG_LE.get(a, aFrom + i) != (long) LONG_LE.get(b, bFrom + i)) {
        return false;
      }
    }
    for (; i < length; i++) {
      if (a[aFrom + i] != b[bFrom + i]) {
        return false;
      }
    }
    return true;
  }

  /** A hash of {@code bytes[from, to)}, reading eight bytes at a time. */
  static long hashBytes(byte[] bytes, int from, int to) {
    long h = (to - from) * C1;
    int p = from;
    for (; p + 8 <= to; p += 8) {
      h ^= (long) LONG_LE.get(bytes, p) * C2;
      h = Long.rotateLeft(h, 29) * C1;
    }
    long tail = 0;
    for (; p < to; p++) {
      tail = (tail << 8) | (bytes[p] & 0xFF);
    }
    return mix(h ^ tail);
  }
}
