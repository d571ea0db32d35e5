package io.buzz.kernels.aggregate;

import io.buzz.kernels.batch.ColumnType;
import io.buzz.kernels.batch.Decimal128;
import io.buzz.kernels.batch.DictionaryIds;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Maps group keys to dense group ids {@code 0 .. groupCount() - 1}, assigned in order of first
 * appearance, and remembers each group's key for output. The accumulators keep their state in
 * arrays indexed by these ids (DataFusion's GroupValues / GroupsAccumulator split).
 *
 * <p>NULL is a key value of its own; FLOAT64 and FLOAT32 keys group {@code -0.0} with {@code 0.0}
 * and all NaNs together. Runs on the operator's thread; not thread-safe.
 */
interface GroupTable {
  /**
   * Writes the group id of each of the {@code n} chunk rows of {@code keys} (one dense column per
   * key column) into {@code groupIds}, creating groups for new keys.
   *
   * @return the number of groups afterwards
   */
  int intern(DenseColumn[] keys, int n, int[] groupIds);

  /** True when {@link #internDictionary} works: one key, of any type a dictionary can hold. */
  default boolean acceptsDictionary() {
    return false;
  }

  /**
   * Like {@link #intern} for rows of one key given as {@link DictionaryIds}: each dictionary entry
   * is looked up once (and remembered while the same dictionary comes back), then rows only map
   * ids. Chunk row {@code i} is batch row {@code rows[from + i]}, or {@code from + i} when {@code
   * rows} is null.
   *
   * @return the number of groups afterwards
   */
  default int internDictionary(DictionaryIds ids, int[] rows, int from, int n, int[] groupIds) {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " takes no dictionary");
  }

  int groupCount();

  /**
   * Asks a table of a partial aggregate that does not reduce its input to stop looking keys up:
   * from now on {@link #intern} makes every row a group of its own (no hashing, no probing), and
   * the merge downstream meets equal keys as it meets them from different tasks.
   *
   * @return whether the table does so (a table that cannot keeps grouping)
   */
  default boolean passThrough() {
    return false;
  }

  /** Appends one new vector per key column holding the keys of groups {@code [from, to)}. */
  void emitKeys(
      int from, int to, List<Field> keyFields, BufferAllocator allocator, List<FieldVector> out);

  /** Bytes held in Java arrays. */
  long memoryBytes();

  /** Drops the arrays; the table must not be used afterwards. */
  void release();

  /**
   * The table for keys of these Arrow types: global without keys, {@link FixedWidthGroupTable} for
   * one key whose values fit a long (any fixed-width type but DECIMAL128 of more than 18 digits),
   * else {@link RowGroupTable}.
   */
  static GroupTable create(List<ArrowType> keyTypes) {
    if (keyTypes.isEmpty()) {
      return new GlobalGroupTable();
    }
    List<ColumnType> types = new ArrayList<>(keyTypes.size());
    for (ArrowType keyType : keyTypes) {
      types.add(ColumnType.of(keyType));
    }
    if (types.size() == 1) {
      boolean fitsLong =
          switch (types.get(0)) {
            case BOOL, INT32, INT64, FLOAT32, FLOAT64, DATE32, TIMESTAMP_MICROS, TIME_MICROS ->
                true;
            case DECIMAL128 -> Decimal128.fitsLong(keyTypes.get(0));
            case UTF8, VARBINARY -> false;
          };
      if (fitsLong) {
        return new FixedWidthGroupTable(types.get(0));
      }
    }
    return new RowGroupTable(types);
  }
}
