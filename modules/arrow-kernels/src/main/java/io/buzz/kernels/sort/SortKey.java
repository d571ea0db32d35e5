package io.buzz.kernels.sort;

/**
 * One key of a sort: an input column, its direction, and where NULLs go (explicit, independent of
 * the direction). FLOAT64 and FLOAT32 sort totally: {@code -Infinity < … < -0.0 < 0.0 < … <
 * +Infinity < NaN} (NaN last, like DuckDB and PostgreSQL); UTF8 sorts by unsigned bytes (code point
 * order); BOOL sorts false before true; DECIMAL128 sorts by value (every batch has the column's
 * scale).
 *
 * @param column the input column
 * @param descending true for DESC
 * @param nullsFirst true for NULLS FIRST, false for NULLS LAST
 */
public record SortKey(int column, boolean descending, boolean nullsFirst) {
  public SortKey {
    if (column < 0) {
      throw new IllegalArgumentException("sort column " + column + " is negative");
    }
  }

  /** {@code column ASC NULLS LAST}, SQL's default for ascending keys. */
  public static SortKey ascending(int column) {
    return new SortKey(column, false, false);
  }

  /** {@code column DESC NULLS FIRST}, SQL's default for descending keys. */
  public static SortKey descending(int column) {
    return new SortKey(column, true, true);
  }
}
