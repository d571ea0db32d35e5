package io.buzz.kernels.aggregate;

import io.buzz.kernels.batch.ColumnType;
import io.buzz.kernels.batch.DictionaryIds;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * Group ids for several keys whose values fall in a small domain within a chunk (DuckDB's perfect
 * hash aggregate, judged per chunk): an integer key spanning a short range, or a string key whose
 * batch carries dictionary ids. Each row gets one composite code (the keys' codes in mixed radix,
 * NULL as code 0), rows with the same code have the same key, so only one row per distinct code
 * goes through the {@link GroupTable} and the others take its group. A chunk of 16 Ki rows over a
 * few hundred keys costs a few hundred hash probes instead of 16 Ki key encodings, hashes and
 * probes.
 *
 * <p>Codes depend on the chunk's ranges and dictionaries: the groups of codes seen are kept from
 * one chunk to the next only while those (and the table) stay the same, so a run of chunks over the
 * same keys interns each key once. Groups always come from the table. Not thread-safe.
 */
final class CompositeKeys {
  /** The most distinct composite codes a chunk may have: at most 256 KiB of scratch per array. */
  static final int MAX_DOMAIN = 1 << 16;

  private final ColumnType[] types;
  private final DenseColumn[] representatives;

  /** Per key, the bound batch's dictionary ids for a string key; null otherwise. */
  private final DictionaryIds[] ids;

  private int[] codes = new int[0];
  private int[] reps = new int[0];
  private int[] repGroups = new int[0];
  private int[] stamp = new int[0];
  private int epoch;

  /**
   * Codes whose group is known from earlier chunks coded the same way ({@code known[code] ==
   * knownEpoch}): {@code codeGroups[code]}. A chunk over the same few keys as the one before then
   * interns nothing.
   */
  private int[] known = new int[0];

  private int[] codeGroups = new int[0];
  private int knownEpoch;
  private GroupTable cachedTable;
  private long[] cachedMins = new long[0];
  private int[] cachedRadices = new int[0];
  private final DictionaryIds.Dictionary[] cachedDictionaries;

  CompositeKeys(ColumnType[] types) {
    this.types = types.clone();
    this.representatives = new DenseColumn[types.length];
    this.ids = new DictionaryIds[types.length];
    this.cachedDictionaries = new DictionaryIds.Dictionary[types.length];
    for (int k = 0; k < types.length; k++) {
      representatives[k] = new DenseColumn(types[k]);
    }
  }

  /** The composite path for two keys or more, all of supported types; null otherwise. */
  static CompositeKeys forKeys(List<ArrowType> keyTypes) {
    ColumnType[] types = new ColumnType[keyTypes.size()];
    for (int k = 0; k < types.length; k++) {
      types[k] = ColumnType.of(keyTypes.get(k));
      if (!supports(types[k])) {
        return null;
      }
    }
    return types.length >= 2 ? new CompositeKeys(types) : null;
  }

  /** True for a key type whose values a code can stand for: a fixed-width integer or a string. */
  static boolean supports(ColumnType type) {
    return switch (type) {
      case BOOL, INT32, INT64, DATE32, TIMESTAMP_MICROS, TIME_MICROS, UTF8, VARBINARY -> true;
      case FLOAT32, FLOAT64, DECIMAL128 -> false;
    };
  }

  /** Takes the dictionary ids {@code batch} carries for the keys of {@code spec}. */
  void bind(io.buzz.kernels.batch.Batch batch, AggregateSpec spec) {
    for (int k = 0; k < ids.length; k++) {
      ids[k] = batch.dictionary(spec.groupColumn(k));
    }
  }

  /** True when the bound batch carries dictionary ids for string key {@code k}. */
  boolean hasIds(int k) {
    return ids[k] != null && types[k].isVariableWidth();
  }

  /** Forgets the bound batch's ids. */
  void unbind() {
    Arrays.fill(ids, null);
  }

  /**
   * Writes the group id of each of the {@code n} chunk rows into {@code groupIds}, when the keys'
   * domain is small enough: each string key needs dictionary ids in the batch {@link #bind} took,
   * each integer key a short range of values in the chunk.
   *
   * @param keys the chunk's key values, one dense column per key (only the nulls of a key that
   *     {@link #hasIds})
   * @param rows the batch rows of the chunk's rows ({@code rows[from + i]}), or null for {@code
   *     from + i}
   * @return the number of groups afterwards, or -1 when the domain is too large (nothing was done)
   */
  int intern(GroupTable table, DenseColumn[] keys, int[] rows, int from, int n, int[] groupIds) {
    long domain = 1;
    long[] mins = new long[keys.length];
    int[] radices = new int[keys.length];
    for (int k = 0; k < keys.length; k++) {
      long radix;
      if (types[k].isVariableWidth()) {
        if (ids[k] == null) {
          return -1;
        }
        radix = ids[k].dictionary().size() + 1L;
      } else {
        DenseColumn column = keys[k];
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int i = 0; i < n; i++) {
          if (!column.hasNulls || !column.nulls[i]) {
            long v = column.longs[i];
            min = Math.min(min, v);
            max = Math.max(max, v);
          }
        }
        if (min > max) {
          min = max = 0; // only NULLs
        }
        // max - min may overflow: then the range is huge anyway
        long span = max - min;
        if (span < 0 || span >= MAX_DOMAIN) {
          return -1;
        }
        mins[k] = min;
        radix = span + 2;
      }
      domain *= radix;
      if (domain > MAX_DOMAIN) {
        return -1;
      }
      radices[k] = (int) radix;
    }
    if (codes.length < n) {
      codes = new int[Math.max(n, 1024)];
      reps = new int[Math.max(n, 1024)];
      repGroups = new int[Math.max(n, 1024)];
    }
    Arrays.fill(codes, 0, n, 0);
    for (int k = 0; k < keys.length; k++) {
      // a fixed-width key is coded by its range even when it carries ids
      addCodes(k, keys[k], hasIds(k) ? ids[k] : null, mins[k], radices[k], rows, from, n);
    }
    if (stamp.length < domain) {
      int size = (int) Math.min(MAX_DOMAIN, Math.max(domain, 1024));
      stamp = new int[size];
      epoch = 0;
      known = new int[size];
      codeGroups = new int[size];
      knownEpoch = 0;
      cachedTable = null;
    }
    if (++epoch == Integer.MAX_VALUE) {
      Arrays.fill(stamp, 0);
      epoch = 1;
    }
    rememberCoding(table, mins, radices);
    int distinct = 0;
    for (int i = 0; i < n; i++) {
      int code = codes[i];
      if (known[code] != knownEpoch && stamp[code] != epoch) {
        stamp[code] = epoch;
        reps[distinct++] = i;
      }
    }
    if (distinct > 0) {
      for (int k = 0; k < keys.length; k++) {
        if (hasIds(k)) {
          pickEntries(ids[k], rows, from, distinct, representatives[k]);
        } else {
          DenseColumn.pick(keys[k], reps, distinct, representatives[k], false);
        }
      }
      table.intern(representatives, distinct, repGroups);
      for (int r = 0; r < distinct; r++) {
        int code = codes[reps[r]];
        codeGroups[code] = repGroups[r];
        known[code] = knownEpoch;
      }
    }
    for (int i = 0; i < n; i++) {
      groupIds[i] = codeGroups[codes[i]];
    }
    return table.groupCount();
  }

  /**
   * Keeps the groups of codes already interned when this chunk codes its keys as the last one did
   * (same table, ranges and dictionaries: a code means the same key), else forgets them.
   */
  private void rememberCoding(GroupTable table, long[] mins, int[] radices) {
    boolean same =
        table == cachedTable
            && Arrays.equals(mins, cachedMins)
            && Arrays.equals(radices, cachedRadices);
    for (int k = 0; same && k < ids.length; k++) {
      same = (hasIds(k) ? ids[k].dictionary() : null) == cachedDictionaries[k];
    }
    if (same) {
      return;
    }
    if (++knownEpoch == Integer.MAX_VALUE) {
      Arrays.fill(known, 0);
      knownEpoch = 1;
    }
    cachedTable = table;
    cachedMins = mins;
    cachedRadices = radices;
    for (int k = 0; k < ids.length; k++) {
      cachedDictionaries[k] = hasIds(k) ? ids[k].dictionary() : null;
    }
  }

  /**
   * The values of the chunk's rows {@code reps[0, m)} from their dictionary entries, into {@code
   * to}: NULL for id -1.
   */
  private void pickEntries(DictionaryIds keyIds, int[] rows, int from, int m, DenseColumn to) {
    int[] rowIds = keyIds.ids();
    int[] starts = keyIds.dictionary().offsets();
    byte[] entries = keyIds.dictionary().bytes();
    to.count = m;
    to.nulls = to.nulls.length >= m ? to.nulls : new boolean[m];
    to.offsets = to.offsets.length > m ? to.offsets : new int[m + 1];
    boolean hasNulls = false;
    long size = 0;
    for (int i = 0; i < m; i++) {
      int id = rowIds[rows == null ? from + reps[i] : rows[from + reps[i]]];
      to.nulls[i] = id < 0;
      hasNulls |= id < 0;
      size += id < 0 ? 0 : starts[id + 1] - starts[id];
    }
    if (size > Integer.MAX_VALUE - 16) {
      throw new IllegalStateException("more than 2 GiB of UTF8 keys in one chunk");
    }
    to.hasNulls = hasNulls;
    to.bytes = to.bytes.length >= size ? to.bytes : new byte[(int) size];
    int position = 0;
    to.offsets[0] = 0;
    for (int i = 0; i < m; i++) {
      int id = rowIds[rows == null ? from + reps[i] : rows[from + reps[i]]];
      if (id >= 0) {
        int length = starts[id + 1] - starts[id];
        System.arraycopy(entries, starts[id], to.bytes, position, length);
        position += length;
      }
      to.offsets[i + 1] = position;
    }
  }

  /** Folds key {@code k}'s codes (0 for NULL, then value order) into the rows' composite codes. */
  private void addCodes(
      int k,
      DenseColumn column,
      DictionaryIds keyIds,
      long min,
      int radix,
      int[] rows,
      int from,
      int n) {
    int[] c = codes;
    if (keyIds != null) {
      int[] rowIds = keyIds.ids();
      for (int i = 0; i < n; i++) {
        int id = rowIds[rows == null ? from + i : rows[from + i]];
        c[i] = c[i] * radix + (id + 1); // -1 (NULL) becomes 0
      }
      return;
    }
    long[] values = column.longs;
    if (column.hasNulls) {
      boolean[] nulls = column.nulls;
      for (int i = 0; i < n; i++) {
        c[i] = c[i] * radix + (nulls[i] ? 0 : (int) (values[i] - min) + 1);
      }
    } else {
      for (int i = 0; i < n; i++) {
        c[i] = c[i] * radix + (int) (values[i] - min) + 1;
      }
    }
  }

  /** Drops the scratch arrays and what the cache holds on to (the table, dictionaries). */
  void release() {
    stamp = new int[0];
    known = new int[0];
    codeGroups = new int[0];
    epoch = 0;
    knownEpoch = 0;
    cachedTable = null;
    Arrays.fill(cachedDictionaries, null);
  }

  /** Bytes held in scratch arrays. */
  long memoryBytes() {
    long bytes = 4L * (stamp.length + known.length + codeGroups.length);
    bytes += 12L * codes.length;
    for (DenseColumn column : representatives) {
      bytes += column.memoryBytes();
    }
    return bytes;
  }
}
