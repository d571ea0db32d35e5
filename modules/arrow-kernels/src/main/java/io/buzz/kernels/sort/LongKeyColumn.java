package io.buzz.kernels.sort;

import io.buzz.kernels.batch.ColumnType;

/**
 * A sort key of a fixed-width type whose values fit a long, every value as a {@code long} whose
 * signed order is the SQL order: BOOL as 0/1, INT32, INT64, DATE32, TIMESTAMP_MICROS and
 * TIME_MICROS as themselves, DECIMAL128 of at most 18 digits as its unscaled value (one scale per
 * column), FLOAT64 and FLOAT32 (widened exactly) through {@link #sortableBits} (NaN after
 * +Infinity, -0.0 before 0.0).
 */
final class LongKeyColumn extends KeyColumn {
  private final long[] values;
  private final boolean narrow;

  LongKeyColumn(SortKey key, ColumnType type, long[] values, boolean[] nulls, boolean hasNulls) {
    super(key, nulls, hasNulls);
    this.values = values;
    this.narrow =
        switch (type) {
          case BOOL, INT32, DATE32, DECIMAL128 -> true;
          case INT64, TIMESTAMP_MICROS, TIME_MICROS, FLOAT32, FLOAT64, UTF8, VARBINARY -> false;
        };
  }

  /** An encoding of a double whose signed {@code long} order is the total order of doubles. */
  static long sortableBits(double value) {
    long bits = Double.doubleToLongBits(value);
    return bits ^ ((bits >> 63) & Long.MAX_VALUE);
  }

  @Override
  int compareValues(int a, KeyColumn other, int b) {
    return Long.compare(values[a], ((LongKeyColumn) other).values[b]);
  }

  @Override
  long valuePrefix(int row, int depth) {
    return values[row];
  }

  @Override
  int length(int row) {
    return 0;
  }

  @Override
  boolean valuePrefixIsExact() {
    return true;
  }

  @Override
  boolean valuePrefixAvoidsExtremes() {
    return narrow;
  }

  @Override
  long memoryBytes() {
    return 8L * values.length + nulls.length;
  }
}
