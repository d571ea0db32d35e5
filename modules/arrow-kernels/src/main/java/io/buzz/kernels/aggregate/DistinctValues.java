package io.buzz.kernels.aggregate;

import io.buzz.kernels.KernelException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The distinct non-NULL values of every group: one open-addressing hash set of (group, value) pairs
 * for all groups (no set object per group), each group's values chained in insertion order so they
 * can be listed. The state of {@code COUNT/SUM/AVG(DISTINCT …)}. A slot keeps the top half of its
 * value's hash beside the entry, so a probe that meets another value is nearly always told so
 * without reading the entry (a cache miss per array) — most probes of a high-cardinality set.
 *
 * <p>Values are fixed-width (one long, or two for a DECIMAL128 wider than a long: {@code high,
 * low}) or bytes (UTF8, VARBINARY) kept in one arena. Encoding of a group's values as a partial
 * state (VARBINARY, little-endian): fixed-width, 8 bytes per value ({@code low}, then {@code high}
 * when wide); bytes, a 4-byte length then the bytes, per value. Not thread-safe.
 */
final class DistinctValues {
  private static final VarHandle LONG_LE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle INT_LE =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final int MAX_ARENA = Integer.MAX_VALUE - 16;

  /** Values of an encoded state hashed, and their first slots read, before any is inserted. */
  private static final int PROBE_BLOCK = 64;

  private final boolean bytesKeys;
  private final boolean wide;
  private int size;
  private int used;
  private long[] lows;
  private long[] highs;
  private int[] lengths;
  private long[] hashes;
  private int[] groups;
  private int[] next;
  private int[] heads;
  private int[] tails;
  private int[] counts;

  /** Open addressing: {@code (hash >>> 32) << 32 | (entry + 1)}, 0 empty. */
  private long[] slots;

  private byte[] arena;

  private final long[] blockHashes = new long[PROBE_BLOCK];
  private final int[] blockStarts = new int[PROBE_BLOCK];
  private final int[] blockEnds = new int[PROBE_BLOCK];

  /** Sink for {@link #touchSlots}, so the JIT cannot drop its reads. */
  private long touched;

  /**
   * @param bytesKeys whether values are bytes (else fixed-width)
   * @param wide for fixed-width values, whether they take two longs
   */
  DistinctValues(boolean bytesKeys, boolean wide) {
    this.bytesKeys = bytesKeys;
    this.wide = wide && !bytesKeys;
    clear();
  }

  void ensureGroups(int groupCount) {
    if (heads.length < groupCount) {
      int old = heads.length;
      int capacity = GroupBits.grownCapacity(old, groupCount);
      heads = Arrays.copyOf(heads, capacity);
      tails = Arrays.copyOf(tails, capacity);
      counts = Arrays.copyOf(counts, capacity);
      Arrays.fill(heads, old, capacity, -1);
    }
  }

  /** Drops every value and group; the set stays usable. */
  void clear() {
    size = 0;
    used = 0;
    lows = new long[16];
    hashes = new long[16];
    groups = new int[16];
    next = new int[16];
    highs = wide ? new long[16] : null;
    lengths = bytesKeys ? new int[16] : null;
    arena = bytesKeys ? new byte[1024] : null;
    heads = new int[0];
    tails = new int[0];
    counts = new int[0];
    slots = new long[64];
  }

  /** Adds a fixed-width value ({@code high} is ignored unless wide) to {@code group}. */
  void add(int group, long high, long low) {
    addHashed(group, high, low, hash(group, high, low));
  }

  private long hash(int group, long high, long low) {
    return KeyHashing.mix(wide ? KeyHashing.mix128(high, low) : low) ^ KeyHashing.mix(group);
  }

  private void addHashed(int group, long high, long low, long hash) {
    int mask = slots.length - 1;
    long tag = hash >>> 32;
    for (int slot = slot(hash, mask); ; slot = (slot + 1) & mask) {
      long stored = slots[slot];
      if (stored == 0) {
        int added = append(group, hash);
        lows[added] = low;
        if (wide) {
          highs[added] = high;
        }
        slots[slot] = (tag << 32) | (added + 1L);
        grow();
        return;
      }
      int entry = (int) stored - 1;
      if (stored >>> 32 == tag
          && groups[entry] == group
          && lows[entry] == low
          && (!wide || highs[entry] == high)) {
        return;
      }
    }
  }

  /** Adds the value {@code bytes[from, to)} to {@code group}. */
  void add(int group, byte[] bytes, int from, int to) {
    addHashed(
        group, bytes, from, to, KeyHashing.hashBytes(bytes, from, to) ^ KeyHashing.mix(group));
  }

  private void addHashed(int group, byte[] bytes, int from, int to, long hash) {
    int mask = slots.length - 1;
    long tag = hash >>> 32;
    for (int slot = slot(hash, mask); ; slot = (slot + 1) & mask) {
      long stored = slots[slot];
      if (stored == 0) {
        int length = to - from;
        if ((long) used + length > arena.length) {
          growArena(length);
        }
        int added = append(group, hash);
        System.arraycopy(bytes, from, arena, used, length);
        lows[added] = used;
        lengths[added] = length;
        used += length;
        slots[slot] = (tag << 32) | (added + 1L);
        grow();
        return;
      }
      int entry = (int) stored - 1;
      if (stored >>> 32 == tag && groups[entry] == group) {
        int start = (int) lows[entry];
        if (KeyHashing.equalRanges(arena, start, start + lengths[entry], bytes, from, to)) {
          return;
        }
      }
    }
  }

  /**
   * Adds every value of an encoded state, {@code state[from, to)}, to {@code group}: a block of
   * values at a time, hashed and their first slots read before any is inserted, so that the CPU
   * overlaps the cache misses of a large set (a merge adds mostly new values).
   */
  void addEncoded(int group, byte[] state, int from, int to) {
    long groupHash = KeyHashing.mix(group);
    int p = from;
    if (bytesKeys) {
      while (p < to) {
        int n = 0;
        for (; p < to && n < PROBE_BLOCK; n++) {
          int length = to - p < 4 ? -1 : (int) INT_LE.get(state, p);
          if (length < 0 || length > to - p - 4) {
            throw corrupt(from, to);
          }
          blockStarts[n] = p + 4;
          blockEnds[n] = p + 4 + length;
          blockHashes[n] = KeyHashing.hashBytes(state, p + 4, p + 4 + length) ^ groupHash;
          p += 4 + length;
        }
        touchSlots(n);
        for (int i = 0; i < n; i++) {
          addHashed(group, state, blockStarts[i], blockEnds[i], blockHashes[i]);
        }
      }
      return;
    }
    int width = wide ? 16 : 8;
    if ((to - from) % width != 0) {
      throw corrupt(from, to);
    }
    while (p < to) {
      int n = 0;
      for (; p < to && n < PROBE_BLOCK; n++, p += width) {
        long low = (long) LONG_LE.get(state, p);
        long high = wide ? (long) LONG_LE.get(state, p + 8) : 0;
        blockStarts[n] = p;
        blockHashes[n] = hash(group, high, low);
      }
      touchSlots(n);
      for (int i = 0; i < n; i++) {
        int at = blockStarts[i];
        long high = wide ? (long) LONG_LE.get(state, at + 8) : 0;
        addHashed(group, high, (long) LONG_LE.get(state, at), blockHashes[i]);
      }
    }
  }

  /**
   * Adds row {@code i}'s value {@code bytes[offsets[i], offsets[i + 1])} to group {@code
   * groupIds[i]} for the {@code n} rows that are not NULL ({@code nulls} null when none is), in
   * blocks as {@link #addEncoded} does.
   */
  void addAll(int[] groupIds, byte[] bytes, int[] offsets, boolean[] nulls, int n) {
    for (int row = 0; row < n; ) {
      int count = 0;
      for (; row < n && count < PROBE_BLOCK; row++) {
        if (nulls == null || !nulls[row]) {
          blockStarts[count] = row;
          blockHashes[count] =
              KeyHashing.hashBytes(bytes, offsets[row], offsets[row + 1])
                  ^ KeyHashing.mix(groupIds[row]);
          count++;
        }
      }
      touchSlots(count);
      for (int i = 0; i < count; i++) {
        int r = blockStarts[i];
        addHashed(groupIds[r], bytes, offsets[r], offsets[r + 1], blockHashes[i]);
      }
    }
  }

  /**
   * Adds row {@code i}'s fixed-width value ({@code highs[i]}, ignored unless wide, and {@code
   * lows[i]}) to group {@code groupIds[i]} for the {@code n} rows that are not NULL, in blocks.
   */
  void addAll(int[] groupIds, long[] highs, long[] lows, boolean[] nulls, int n) {
    for (int row = 0; row < n; ) {
      int count = 0;
      for (; row < n && count < PROBE_BLOCK; row++) {
        if (nulls == null || !nulls[row]) {
          blockStarts[count] = row;
          blockHashes[count] = hash(groupIds[row], wide ? highs[row] : 0, lows[row]);
          count++;
        }
      }
      touchSlots(count);
      for (int i = 0; i < count; i++) {
        int r = blockStarts[i];
        addHashed(groupIds[r], wide ? highs[r] : 0, lows[r], blockHashes[i]);
      }
    }
  }

  /** Reads the first slot of each of the block's {@code n} hashes; only a hint. */
  private void touchSlots(int n) {
    long[] table = slots;
    int mask = table.length - 1;
    long sum = 0;
    for (int i = 0; i < n; i++) {
      sum += table[slot(blockHashes[i], mask)];
    }
    touched += sum;
  }

  /** The bytes of {@code group}'s encoded state. */
  int encodedSize(int group) {
    if (!bytesKeys) {
      return counts[group] * (wide ? 16 : 8);
    }
    int bytes = 0;
    for (int e = heads[group]; e >= 0; e = next[e]) {
      bytes += 4 + lengths[e];
    }
    return bytes;
  }

  /** Writes {@code group}'s encoded state at {@code out[at]}; returns the position after it. */
  int encode(int group, byte[] out, int at) {
    int p = at;
    for (int e = heads[group]; e >= 0; e = next[e]) {
      if (bytesKeys) {
        INT_LE.set(out, p, lengths[e]);
        System.arraycopy(arena, (int) lows[e], out, p + 4, lengths[e]);
        p += 4 + lengths[e];
      } else {
        LONG_LE.set(out, p, lows[e]);
        p += 8;
        if (wide) {
          LONG_LE.set(out, p, highs[e]);
          p += 8;
        }
      }
    }
    return p;
  }

  /** The number of distinct values of {@code group}. */
  int count(int group) {
    return counts[group];
  }

  /** The first value (an entry) of {@code group}, or -1. */
  int first(int group) {
    return heads[group];
  }

  /** The entry after {@code entry} in its group, or -1. */
  int next(int entry) {
    return next[entry];
  }

  /** The low word (or only word) of a fixed-width entry. */
  long low(int entry) {
    return lows[entry];
  }

  /** The high word of a wide entry, else the sign extension of its low word. */
  long high(int entry) {
    return wide ? highs[entry] : lows[entry] >> 63;
  }

  long memoryBytes() {
    long perEntry = 8 + 8 + 4 + 4 + (wide ? 8 : 0) + (bytesKeys ? 4 : 0);
    return perEntry * lows.length
        + 12L * heads.length
        + 8L * slots.length
        + (arena == null ? 0 : arena.length);
  }

  private int append(int group, long hash) {
    if (size == lows.length) {
      int capacity = GroupBits.grownCapacity(size, size + 1);
      lows = Arrays.copyOf(lows, capacity);
      hashes = Arrays.copyOf(hashes, capacity);
      groups = Arrays.copyOf(groups, capacity);
      next = Arrays.copyOf(next, capacity);
      if (wide) {
        highs = Arrays.copyOf(highs, capacity);
      }
      if (bytesKeys) {
        lengths = Arrays.copyOf(lengths, capacity);
      }
    }
    int entry = size++;
    hashes[entry] = hash;
    groups[entry] = group;
    next[entry] = -1;
    if (heads[group] < 0) {
      heads[group] = entry;
    } else {
      next[tails[group]] = entry;
    }
    tails[group] = entry;
    counts[group]++;
    return entry;
  }

  /** Doubles the slots when more than half are used. */
  private void grow() {
    if (size * 2L <= slots.length) {
      return;
    }
    long[] grown = new long[slots.length * 2];
    int mask = grown.length - 1;
    for (int e = 0; e < size; e++) {
      long hash = hashes[e];
      int slot = slot(hash, mask);
      while (grown[slot] != 0) {
        slot = (slot + 1) & mask;
      }
      grown[slot] = (hash >>> 32 << 32) | (e + 1L);
    }
    slots = grown;
  }

  private void growArena(int length) {
    long needed = (long) used + length;
    if (needed > MAX_ARENA) {
      throw new KernelException(
          KernelException.Kind.LIMIT_EXCEEDED,
          "the distinct values of an aggregate exceed 2 GiB of data");
    }
    arena = Arrays.copyOf(arena, GroupBits.grownCapacity(arena.length, (int) needed));
  }

  private static int slot(long hash, int mask) {
    return (int) (hash ^ (hash >>> 32)) & mask;
  }

  private static KernelException corrupt(int from, int to) {
    return new KernelException(
        KernelException.Kind.INTERNAL,
        "a DISTINCT aggregate state of " + (to - from) + " bytes is not a valid encoding");
  }
}
