package io.buzz.kernels.aggregate;

import io.buzz.kernels.KernelException;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * MIN or MAX of UTF8, comparing bytes as unsigned (the order of code points). Each group's current
 * extreme lives in one byte arena at {@code arena[starts[g], starts[g] + lengths[g])}; a better
 * value overwrites in place when it fits and is appended otherwise, and the arena is compacted when
 * more than half of it is dead. No allocation per row: comparisons run on the arrays.
 */
final class Utf8MinMaxAccumulator implements GroupsAccumulator {
  private static final int COMPACT_MIN_BYTES = 1 << 16;

  private final boolean max;
  private byte[] arena = new byte[1024];
  private int used;
  private long dead;
  private int[] starts = new int[0];
  private int[] lengths = new int[0];
  private long[] seen = new long[0];

  Utf8MinMaxAccumulator(boolean max) {
    this.max = max;
  }

  @Override
  public void ensureGroups(int groups) {
    if (starts.length < groups) {
      int capacity = GroupBits.grownCapacity(starts.length, groups);
      starts = Arrays.copyOf(starts, capacity);
      lengths = Arrays.copyOf(lengths, capacity);
    }
    seen = GroupBits.ensure(seen, groups);
  }

  @Override
  public void update(DenseColumn values, int[] groupIds, int n) {
    fold(values, groupIds, n);
  }

  @Override
  public void merge(DenseColumn[] states, int[] groupIds, int n) {
    fold(states[0], groupIds, n);
  }

  private void fold(DenseColumn input, int[] groupIds, int n) {
    byte[] bytes = input.bytes;
    int[] offsets = input.offsets;
    boolean hasNulls = input.hasNulls;
    boolean[] nulls = input.nulls;
    for (int i = 0; i < n; i++) {
      if (hasNulls && nulls[i]) {
        continue;
      }
      int g = groupIds[i];
      int from = offsets[i];
      int to = offsets[i + 1];
      if ((seen[g >>> 6] & (1L << g)) == 0) {
        seen[g >>> 6] |= 1L << g;
        store(g, bytes, from, to);
      } else {
        int s = starts[g];
        int cmp = Arrays.compareUnsigned(bytes, from, to, arena, s, s + lengths[g]);
        if (max ? cmp > 0 : cmp < 0) {
          store(g, bytes, from, to);
        }
      }
    }
  }

  private void store(int group, byte[] bytes, int from, int to) {
    int length = to - from;
    if (length <= lengths[group]) {
      dead += lengths[group] - length;
    } else {
      dead += lengths[group];
      if (used + (long) length > arena.length) {
        makeRoom(length);
      }
      starts[group] = used;
      used += length;
    }
    System.arraycopy(bytes, from, arena, starts[group], length);
    lengths[group] = length;
  }

  /** Compacts when mostly dead, otherwise grows, until {@code length} more bytes fit. */
  private void makeRoom(int length) {
    if (dead > used / 2 && used > COMPACT_MIN_BYTES) {
      byte[] compacted = new byte[arena.length];
      int position = 0;
      for (int g = 0; g < starts.length; g++) {
        if (lengths[g] > 0) {
          System.arraycopy(arena, starts[g], compacted, position, lengths[g]);
          starts[g] = position;
          position += lengths[g];
        }
      }
      arena = compacted;
      used = position;
      dead = 0;
    }
    long needed = (long) used + length;
    if (needed > Integer.MAX_VALUE - 16) {
      throw new KernelException(
          KernelException.Kind.LIMIT_EXCEEDED, "MIN/MAX state exceeds 2 GiB of UTF8 data");
    }
    if (needed > arena.length) {
      arena = Arrays.copyOf(arena, GroupBits.grownCapacity(arena.length, (int) needed));
    }
  }

  @Override
  public void emitState(
      int from, int to, List<Field> fields, BufferAllocator allocator, List<FieldVector> out) {
    out.add(emitFinal(from, to, fields.get(0), allocator));
  }

  @Override
  public FieldVector emitFinal(int from, int to, Field field, BufferAllocator allocator) {
    return StateVectors.fromUtf8(field, arena, starts, lengths, seen, from, to, allocator);
  }

  @Override
  public long memoryBytes() {
    return arena.length + 4L * (starts.length + lengths.length) + 8L * seen.length;
  }

  @Override
  public void release() {
    arena = new byte[0];
    starts = new int[0];
    lengths = new int[0];
    seen = new long[0];
  }
}
