package io.buzz.kernels.aggregate;

import io.buzz.kernels.batch.ColumnType;

/**
 * One input column's values for the rows of a chunk, copied densely into primitive arrays so that
 * the hash table and the accumulators run plain loops over them, whatever the selection was. Row
 * {@code i} of the chunk is element {@code i}. Scratch owned by a {@link ColumnGatherer}: valid
 * until the gatherer moves to the next chunk; never retained by its readers.
 *
 * <p>Representation by type: BOOL (0 or 1), INT32, INT64, DATE32, TIMESTAMP_MICROS and TIME_MICROS
 * in {@link #longs}; FLOAT64 and FLOAT32 (widened exactly) in {@link #doubles}; DECIMAL128 as the
 * low word of the unscaled value in {@link #longs} (the whole value when it fits a long) and the
 * high word in {@link #highs}; UTF8 as the bytes of value {@code i} in {@code bytes[offsets[i],
 * offsets[i + 1])}. A NULL row has {@code nulls[i]} set and a zero (or empty) value, so readers
 * that ignore {@link #hasNulls} still see deterministic data.
 */
final class DenseColumn {
  final ColumnType type;

  /** Rows in the chunk. */
  int count;

  /** False when no row of the chunk is NULL; {@link #nulls} is then stale and must not be read. */
  boolean hasNulls;

  boolean[] nulls = new boolean[0];
  long[] longs = new long[0];
  long[] highs = new long[0];
  double[] doubles = new double[0];
  byte[] bytes = new byte[0];
  int[] offsets = new int[1];

  DenseColumn(ColumnType type) {
    this.type = type;
  }

  /** Bytes held by the scratch arrays. */
  long memoryBytes() {
    return 6L * 16
        + nulls.length
        + 8L * longs.length
        + 8L * highs.length
        + 8L * doubles.length
        + bytes.length
        + 4L * offsets.length;
  }
}
