package io.buzz.kernels.aggregate;

import io.buzz.kernels.KernelException;
import io.buzz.kernels.batch.ColumnType;
import io.buzz.kernels.batch.DictionaryIds;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * The general group table: any number of key columns of any types. Each row's key is encoded into
 * bytes by {@link KeyRowCodec} (one loop per column per chunk), so that key equality is one
 * allocation-free byte-range comparison and every group's key is stored compactly in one byte arena
 * ({@code arena[groupStarts[g], groupStarts[g + 1])}), appended in group order.
 *
 * <p>The hash table is a {@code long[]} of entries {@code (hash >>> 32) << 32 | (groupId + 1)} (0 =
 * empty), linear probing, load at most 1/2, doubling. The slot comes from the top bits of the hash,
 * which the entry keeps, so growing never re-reads keys; comparing the stored bits first filters
 * out nearly every mismatching key before the bytes are compared.
 *
 * <p>A single UTF8 key skips the encoding: its bytes are the row as they are ({@link DenseColumn}
 * offsets serve as row starts) and NULL, which raw bytes cannot tell from the empty string, is a
 * group of its own outside the hash table.
 */
final class RowGroupTable implements GroupTable {
  private static final int INITIAL_CAPACITY = 1 << 8;
  private static final int MAX_CAPACITY = 1 << 30;
  private static final int PROBE_BLOCK = 64;

  private final KeyRowCodec codec;
  private final boolean rawUtf8;
  private int nullGroup = -1;
  private long[] table;
  private int capacity;
  private int shift;
  private byte[] arena = new byte[1024];
  private int[] groupStarts = new int[17];
  private int groupCount;
  private long[] hashes = new long[0];

  private final DictionaryGroups dictionaryGroups = new DictionaryGroups();

  /** Set by {@link #passThrough}: every row is a new group, nothing is hashed or looked up. */
  private boolean passThrough;

  /** Sink for {@link #touchSlots}, so the JIT cannot drop its reads. */
  private long touched;

  RowGroupTable(List<ColumnType> keyTypes) {
    this.codec = new KeyRowCodec(keyTypes);
    this.rawUtf8 = keyTypes.size() == 1 && keyTypes.get(0).isVariableWidth();
    allocateTable(INITIAL_CAPACITY);
  }

  @Override
  public int intern(DenseColumn[] keys, int n, int[] groupIds) {
    byte[] rows;
    int[] rowStarts;
    boolean[] nulls = null;
    if (rawUtf8) {
      rows = keys[0].bytes;
      rowStarts = keys[0].offsets;
      nulls = keys[0].hasNulls ? keys[0].nulls : null;
    } else {
      codec.encode(keys, n);
      rows = codec.rows();
      rowStarts = codec.rowStarts();
    }
    if (passThrough) {
      for (int i = 0; i < n; i++) {
        groupIds[i] =
            nulls != null && nulls[i]
                ? nullGroup()
                : appendGroup(rows, rowStarts[i], rowStarts[i + 1]);
      }
      return groupCount;
    }
    if (hashes.length < n) {
      hashes = new long[Math.max(n, 1024)];
    }
    long[] h = hashes;
    for (int k = 0; k < keys.length; k++) {
      KeyHashing.hashColumn(keys[k], h, n, k == 0);
    }
    for (int from = 0; from < n; from += PROBE_BLOCK) {
      int to = Math.min(n, from + PROBE_BLOCK);
      touchSlots(h, from, to);
      if (nulls == null) {
        for (int i = from; i < to; i++) {
          groupIds[i] = findOrInsert(rows, rowStarts[i], rowStarts[i + 1], h[i]);
        }
      } else {
        for (int i = from; i < to; i++) {
          groupIds[i] =
              nulls[i] ? nullGroup() : findOrInsert(rows, rowStarts[i], rowStarts[i + 1], h[i]);
        }
      }
    }
    return groupCount;
  }

  @Override
  public boolean passThrough() {
    passThrough = true;
    return true;
  }

  @Override
  public boolean acceptsDictionary() {
    return rawUtf8;
  }

  @Override
  public int internDictionary(DictionaryIds ids, int[] rows, int from, int n, int[] groupIds) {
    DictionaryIds.Dictionary values = ids.dictionary();
    int[] groups = dictionaryGroups.of(values);
    int[] rowIds = ids.ids();
    byte[] bytes = values.bytes();
    int[] offsets = values.offsets();
    for (int i = 0; i < n; i++) {
      int id = rowIds[rows == null ? from + i : rows[from + i]];
      if (id < 0) {
        groupIds[i] = nullGroup();
        continue;
      }
      int group = groups[id];
      if (group < 0) {
        int start = offsets[id];
        int end = offsets[id + 1];
        group =
            passThrough
                ? appendGroup(bytes, start, end)
                : findOrInsert(bytes, start, end, KeyHashing.hashBytes(bytes, start, end));
        groups[id] = group;
      }
      groupIds[i] = group;
    }
    return groupCount;
  }

  /** Overlaps the cache misses of a block's first probes; see FixedWidthGroupTable. */
  private void touchSlots(long[] h, int from, int to) {
    long[] t = table;
    int s = shift;
    long sum = 0;
    for (int i = from; i < to; i++) {
      sum += t[(int) (h[i] >>> s)];
    }
    touched += sum;
  }

  private int findOrInsert(byte[] rows, int start, int end, long hash) {
    long[] t = table;
    int mask = capacity - 1;
    long tag = hash >>> 32;
    int slot = (int) (hash >>> shift);
    byte[] keys = arena;
    int[] starts = groupStarts;
    while (true) {
      long entry = t[slot];
      if (entry == 0) {
        return insert(slot, tag, rows, start, end);
      }
      if (entry >>> 32 == tag) {
        int id = (int) entry - 1;
        if (KeyHashing.equalRanges(keys, starts[id], starts[id + 1], rows, start, end)) {
          return id;
        }
      }
      slot = (slot + 1) & mask;
    }
  }

  private int insert(int slot, long tag, byte[] rows, int start, int end) {
    int id = appendGroup(rows, start, end);
    table[slot] = (tag << 32) | (id + 1L);
    if (groupCount - (nullGroup < 0 ? 0 : 1) > capacity >>> 1) {
      rehash();
    }
    return id;
  }

  /** The NULL group of a raw UTF8 key: an empty key outside the hash table. */
  private int nullGroup() {
    if (nullGroup < 0) {
      nullGroup = appendGroup(arena, 0, 0);
    }
    return nullGroup;
  }

  /** Stores the key {@code rows[start, end)} of a new group. */
  private int appendGroup(byte[] rows, int start, int end) {
    int id = groupCount;
    if (id + 2 > groupStarts.length) {
      groupStarts = Arrays.copyOf(groupStarts, GroupBits.grownCapacity(id, id + 2));
    }
    int used = groupStarts[id];
    int length = end - start;
    if ((long) used + length > Integer.MAX_VALUE - 16) {
      throw new KernelException(
          KernelException.Kind.LIMIT_EXCEEDED, "group keys exceed 2 GiB after " + id + " groups");
    }
    if (used + length > arena.length) {
      arena = Arrays.copyOf(arena, GroupBits.grownCapacity(arena.length, used + length));
    }
    System.arraycopy(rows, start, arena, used, length);
    groupStarts[id + 1] = used + length;
    groupCount = id + 1;
    return id;
  }

  private void rehash() {
    if (capacity >= MAX_CAPACITY) {
      throw new KernelException(
          KernelException.Kind.LIMIT_EXCEEDED, "more than " + groupCount + " groups");
    }
    long[] old = table;
    allocateTable(capacity * 2);
    long[] t = table;
    int mask = capacity - 1;
    for (long entry : old) {
      if (entry != 0) {
        int slot = (int) ((entry >>> 32 << 32) >>> shift);
        while (t[slot] != 0) {
          slot = (slot + 1) & mask;
        }
        t[slot] = entry;
      }
    }
  }

  private void allocateTable(int newCapacity) {
    table = new long[newCapacity];
    capacity = newCapacity;
    shift = 64 - Integer.numberOfTrailingZeros(newCapacity);
  }

  @Override
  public int groupCount() {
    return groupCount;
  }

  @Override
  public void emitKeys(
      int from, int to, List<Field> keyFields, BufferAllocator allocator, List<FieldVector> out) {
    if (!rawUtf8) {
      codec.decode(arena, groupStarts, from, to, keyFields, allocator, out);
      return;
    }
    out.add(
        StateVectors.fromContiguous(
            keyFields.get(0), arena, groupStarts, nullGroup, from, to, allocator));
  }

  @Override
  public long memoryBytes() {
    return 8L * table.length
        + arena.length
        + 4L * groupStarts.length
        + 8L * hashes.length
        + dictionaryGroups.memoryBytes()
        + codec.memoryBytes();
  }

  @Override
  public void release() {
    table = new long[0];
    arena = new byte[0];
    groupStarts = new int[1];
    hashes = new long[0];
    dictionaryGroups.release();
    codec.release();
  }
}
