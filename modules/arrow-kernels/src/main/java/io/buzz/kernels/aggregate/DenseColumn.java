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

  /**
   * Row {@code i} of a numeric column as the nearest double (a DECIMAL128 of scale {@code
   * decimalScale}).
   */
  double asDouble(int i, int decimalScale) {
    return switch (type) {
      case INT32, INT64 -> longs[i];
      case DECIMAL128 ->
          io.buzz.kernels.batch.Decimal128.toDouble(highs[i], longs[i], decimalScale);
      case FLOAT32, FLOAT64 -> doubles[i];
      case BOOL, UTF8, VARBINARY, DATE32, TIMESTAMP_MICROS, TIME_MICROS ->
          throw new IllegalStateException(type + " is not numeric");
    };
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

  /**
   * Copies rows {@code rows[0, m)} of {@code from} to rows {@code [0, m)} of {@code to} (of the
   * same type), densely; only the nulls when {@code nullsOnly} (the values of {@code from} are
   * stale).
   */
  static void pick(DenseColumn from, int[] rows, int m, DenseColumn to, boolean nullsOnly) {
    to.count = m;
    to.hasNulls = from.hasNulls;
    if (from.hasNulls) {
      to.nulls = to.nulls.length >= m ? to.nulls : new boolean[m];
      for (int i = 0; i < m; i++) {
        to.nulls[i] = from.nulls[rows[i]];
      }
    }
    if (nullsOnly) {
      return;
    }
    switch (from.type) {
      case FLOAT32, FLOAT64 -> {
        to.doubles = to.doubles.length >= m ? to.doubles : new double[m];
        for (int i = 0; i < m; i++) {
          to.doubles[i] = from.doubles[rows[i]];
        }
      }
      case UTF8, VARBINARY -> {
        to.offsets = to.offsets.length > m ? to.offsets : new int[m + 1];
        int size = 0;
        for (int i = 0; i < m; i++) {
          size += from.offsets[rows[i] + 1] - from.offsets[rows[i]];
        }
        to.bytes = to.bytes.length >= size ? to.bytes : new byte[size];
        int position = 0;
        to.offsets[0] = 0;
        for (int i = 0; i < m; i++) {
          int start = from.offsets[rows[i]];
          int length = from.offsets[rows[i] + 1] - start;
          System.arraycopy(from.bytes, start, to.bytes, position, length);
          position += length;
          to.offsets[i + 1] = position;
        }
      }
      case DECIMAL128 -> {
        to.longs = to.longs.length >= m ? to.longs : new long[m];
        to.highs = to.highs.length >= m ? to.highs : new long[m];
        boolean withHighs = from.highs.length > 0;
        for (int i = 0; i < m; i++) {
          to.longs[i] = from.longs[rows[i]];
          to.highs[i] = withHighs ? from.highs[rows[i]] : 0;
        }
      }
      case BOOL, INT32, INT64, DATE32, TIMESTAMP_MICROS, TIME_MICROS -> {
        to.longs = to.longs.length >= m ? to.longs : new long[m];
        for (int i = 0; i < m; i++) {
          to.longs[i] = from.longs[rows[i]];
        }
      }
    }
  }
}
