package io.buzz.kernels.aggregate;

import io.buzz.kernels.KernelException;
import io.buzz.kernels.batch.ColumnType;
import io.buzz.kernels.batch.DictionaryIds;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * The fast path for a single fixed-width key whose values fit a long (BOOL, INT32, INT64, FLOAT32,
 * FLOAT64, DATE32, TIMESTAMP_MICROS, TIME_MICROS, DECIMAL128 of at most 18 digits), every value
 * held as a {@code long} (FLOAT64 and FLOAT32 as the normalised bits of the double, a decimal as
 * its unscaled value, which is its low word).
 *
 * <p>Open addressing with linear probing in one interleaved {@code long[]}: slot {@code s} holds
 * the key at {@code 2s} and {@code groupId + 1} at {@code 2s + 1} (0 = empty), so a probe touches
 * one cache line. The slot is the top bits of the key's mixed hash (capacity is a power of two,
 * load at most 1/2; doubling rehashes). NULL keys bypass the table: they share one group id,
 * created on first sight. Rows that carry dictionary ids are grouped by id ({@link
 * #internDictionary}).
 */
final class FixedWidthGroupTable implements GroupTable {
  private static final int INITIAL_CAPACITY = 1 << 8;
  private static final int MAX_CAPACITY = 1 << 29;
  private static final int PROBE_BLOCK = 64;

  private final ColumnType type;
  private long[] table;
  private int capacity;
  private int shift;
  private int tableCount;

  /** The key of each group, by id; unused for the NULL group. */
  private long[] groupKeys = new long[16];

  private int groupCount;
  private int nullGroup = -1;
  private long[] hashes = new long[0];
  private long[] keyScratch = new long[0];

  /** Sink for {@link #touchSlots}, so the JIT cannot drop its reads. */
  private long touched;

  private final DictionaryGroups dictionaryGroups = new DictionaryGroups();

  /** Scratch: the dictionary entries a chunk names first. */
  private int[] pendingEntries = new int[0];

  FixedWidthGroupTable(ColumnType type) {
    this.type = type;
    allocateTable(INITIAL_CAPACITY);
  }

  @Override
  public int intern(DenseColumn[] keys, int n, int[] groupIds) {
    DenseColumn column = keys[0];
    long[] values = normalizedKeys(column, n);
    if (hashes.length < n) {
      hashes = new long[Math.max(n, 1024)];
    }
    long[] h = hashes;
    for (int i = 0; i < n; i++) {
      h[i] = KeyHashing.mix(values[i]);
    }
    boolean hasNulls = column.hasNulls;
    boolean[] nulls = column.nulls;
    for (int from = 0; from < n; from += PROBE_BLOCK) {
      int to = Math.min(n, from + PROBE_BLOCK);
      touchSlots(h, from, to);
      if (!hasNulls) {
        for (int i = from; i < to; i++) {
          groupIds[i] = findOrInsert(values[i], h[i]);
        }
      } else {
        for (int i = from; i < to; i++) {
          groupIds[i] = nulls[i] ? nullGroup() : findOrInsert(values[i], h[i]);
        }
      }
    }
    return groupCount;
  }

  @Override
  public boolean acceptsDictionary() {
    return true;
  }

  /**
   * Each entry of the dictionary is looked up when a row first names it; rows only map ids (a
   * column of many rows over a dictionary of few values is grouped without hashing per row). The
   * entries a chunk names first are looked up together, in blocks, as {@link #intern} does rows.
   */
  @Override
  public int internDictionary(DictionaryIds ids, int[] rows, int from, int n, int[] groupIds) {
    DictionaryIds.Dictionary values = ids.dictionary();
    if (!values.holdsLongs()) {
      throw new IllegalArgumentException("a " + type + " key with a dictionary of bytes");
    }
    int[] groups = dictionaryGroups.of(values);
    int[] rowIds = ids.ids();
    if (pendingEntries.length < n) {
      pendingEntries = new int[Math.max(n, 1024)];
    }
    int[] pending = pendingEntries;
    int pendingCount = 0;
    for (int i = 0; i < n; i++) {
      int id = rowIds[rows == null ? from + i : rows[from + i]];
      if (id >= 0 && groups[id] == -1) {
        groups[id] = -2; // pending
        pending[pendingCount++] = id;
      }
    }
    if (pendingCount > 0) {
      try {
        lookUpEntries(values.longs(), pending, pendingCount, groups);
      } catch (RuntimeException e) {
        dictionaryGroups.release(); // entries marked pending must not be read as groups later
        throw e;
      }
    }
    for (int i = 0; i < n; i++) {
      int id = rowIds[rows == null ? from + i : rows[from + i]];
      groupIds[i] = id < 0 ? nullGroup() : groups[id];
    }
    return groupCount;
  }

  /** Interns dictionary entries {@code pending[0, count)}, recording their groups. */
  private void lookUpEntries(long[] entries, int[] pending, int count, int[] groups) {
    if (keyScratch.length < count) {
      keyScratch = new long[Math.max(count, 1024)];
    }
    if (hashes.length < count) {
      hashes = new long[Math.max(count, 1024)];
    }
    long[] keys = keyScratch;
    long[] h = hashes;
    boolean floating = type.isFloatingPoint();
    for (int j = 0; j < count; j++) {
      long value = entries[pending[j]];
      keys[j] = floating ? KeyHashing.normalizedBits(Double.longBitsToDouble(value)) : value;
      h[j] = KeyHashing.mix(keys[j]);
    }
    for (int block = 0; block < count; block += PROBE_BLOCK) {
      int to = Math.min(count, block + PROBE_BLOCK);
      touchSlots(h, block, to);
      for (int j = block; j < to; j++) {
        groups[pending[j]] = findOrInsert(keys[j], h[j]);
      }
    }
  }

  private long[] normalizedKeys(DenseColumn column, int n) {
    if (!type.isFloatingPoint()) {
      return column.longs;
    }
    if (keyScratch.length < n) {
      keyScratch = new long[Math.max(n, 1024)];
    }
    double[] doubles = column.doubles;
    long[] out = keyScratch;
    for (int i = 0; i < n; i++) {
      out[i] = KeyHashing.normalizedBits(doubles[i]);
    }
    return out;
  }

  /**
   * Reads the first slot of each row of a block before probing, in a loop without dependencies
   * between iterations, so that the CPU overlaps the cache misses of a large table (Java has no
   * prefetch instruction). Only a hint: the probe re-reads the table, which may have grown.
   */
  private void touchSlots(long[] h, int from, int to) {
    long[] t = table;
    int s = shift;
    long sum = 0;
    for (int i = from; i < to; i++) {
      sum += t[(int) (h[i] >>> s) << 1];
    }
    touched += sum;
  }

  private int findOrInsert(long key, long hash) {
    long[] t = table;
    int mask = capacity - 1;
    int slot = (int) (hash >>> shift);
    while (true) {
      int at = slot << 1;
      long id = t[at + 1];
      if (id == 0) {
        return insert(at, key);
      }
      if (t[at] == key) {
        return (int) id - 1;
      }
      slot = (slot + 1) & mask;
    }
  }

  private int insert(int at, long key) {
    int id = newGroup();
    groupKeys[id] = key;
    table[at] = key;
    table[at + 1] = id + 1L;
    if (++tableCount > capacity >>> 1) {
      rehash();
    }
    return id;
  }

  private int nullGroup() {
    if (nullGroup < 0) {
      nullGroup = newGroup();
    }
    return nullGroup;
  }

  private int newGroup() {
    if (groupCount == groupKeys.length) {
      groupKeys = Arrays.copyOf(groupKeys, GroupBits.grownCapacity(groupCount, groupCount + 1));
    }
    return groupCount++;
  }

  private void rehash() {
    if (capacity >= MAX_CAPACITY) {
      throw new KernelException(
          KernelException.Kind.LIMIT_EXCEEDED, "more than " + tableCount + " groups");
    }
    long[] old = table;
    int oldCapacity = capacity;
    allocateTable(capacity * 2);
    long[] t = table;
    int mask = capacity - 1;
    for (int s = 0; s < oldCapacity; s++) {
      long id = old[2 * s + 1];
      if (id != 0) {
        long key = old[2 * s];
        int slot = (int) (KeyHashing.mix(key) >>> shift);
        while (t[2 * slot + 1] != 0) {
          slot = (slot + 1) & mask;
        }
        t[2 * slot] = key;
        t[2 * slot + 1] = id;
      }
    }
  }

  private void allocateTable(int newCapacity) {
    table = new long[2 * newCapacity];
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
    FieldVector vector =
        StateVectors.fromLongs(keyFields.get(0), type, groupKeys, null, from, to, allocator);
    if (nullGroup >= from && nullGroup < to) {
      ((BaseFixedWidthVector) vector).setNull(nullGroup - from);
    }
    out.add(vector);
  }

  @Override
  public long memoryBytes() {
    return 8L * (table.length + groupKeys.length + hashes.length + keyScratch.length)
        + dictionaryGroups.memoryBytes()
        + 4L * pendingEntries.length;
  }

  @Override
  public void release() {
    table = new long[0];
    groupKeys = new long[0];
    hashes = new long[0];
    keyScratch = new long[0];
    dictionaryGroups.release();
    pendingEntries = new int[0];
  }
}
