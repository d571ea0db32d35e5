package io.buzz.kernels.aggregate;

import java.util.Arrays;

/**
 * Per-group flags (e.g. "this group has seen a value") packed 64 to a {@code long}, so a state
 * column's validity costs one bit per group. Static helpers over a plain {@code long[]} so that hot
 * loops index the array directly: {@code bits[g >>> 6] |= 1L << g}.
 */
final class GroupBits {
  private GroupBits() {}

  /** {@code bits}, grown (doubling, new bits clear) to hold at least {@code groups} bits. */
  static long[] ensure(long[] bits, int groups) {
    int words = (groups + 63) >>> 6;
    if (bits.length >= words) {
      return bits;
    }
    return Arrays.copyOf(bits, Math.max(words, bits.length * 2));
  }

  static boolean get(long[] bits, int group) {
    return (bits[group >>> 6] & (1L << group)) != 0;
  }

  static void set(long[] bits, int group) {
    bits[group >>> 6] |= 1L << group;
  }

  /** Capacity for {@code needed} elements, at least doubling {@code current}. */
  static int grownCapacity(int current, int needed) {
    long grown = Math.max((long) needed, Math.max(16L, 2L * current));
    return (int) Math.min(grown, Integer.MAX_VALUE - 16);
  }
}
