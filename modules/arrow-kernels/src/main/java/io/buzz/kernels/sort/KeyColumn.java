package io.buzz.kernels.sort;

/**
 * The values of one sort key for a set of rows, copied into primitive arrays with a comparator
 * specialised to the key's type. Rows of two sets of the same key can be compared ({@link
 * #compare(int, KeyColumn, int)}), which is how a top-N compares new rows with its cutoff row.
 * Immutable after construction.
 */
abstract sealed class KeyColumn permits LongKeyColumn, Utf8KeyColumn, DecimalKeyColumn {
  private final boolean descending;
  private final boolean nullsFirst;
  final boolean[] nulls;
  final boolean hasNulls;

  KeyColumn(SortKey key, boolean[] nulls, boolean hasNulls) {
    this.descending = key.descending();
    this.nullsFirst = key.nullsFirst();
    this.nulls = nulls;
    this.hasNulls = hasNulls;
  }

  /**
   * Orders row {@code a} of this set against row {@code b} of {@code other} (the same key of
   * another set, or this one): NULL placement first, then the value order, reversed for DESC.
   */
  final int compare(int a, KeyColumn other, int b) {
    boolean nullA = hasNulls && nulls[a];
    boolean nullB = other.hasNulls && other.nulls[b];
    if (nullA || nullB) {
      if (nullA && nullB) {
        return 0;
      }
      return nullA == nullsFirst ? -1 : 1;
    }
    int c = compareValues(a, other, b);
    return descending ? -c : c;
  }

  /**
   * The prefix of row {@code row} at byte {@code depth} of its value (0 for fixed-width keys) as a
   * signed long, direction and NULL placement applied, such that for rows whose values agree before
   * {@code depth}, {@code prefix(a) < prefix(b)} implies that row a sorts before row b.
   */
  final long prefix(int row, int depth) {
    if (hasNulls && nulls[row]) {
      return nullsFirst ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
    long value = valuePrefix(row, depth);
    return descending ? ~value : value;
  }

  final boolean isNull(int row) {
    return hasNulls && nulls[row];
  }

  /** True when equal prefixes of two rows imply equal keys. */
  final boolean prefixIsExact() {
    return valuePrefixIsExact() && (!hasNulls || valuePrefixAvoidsExtremes());
  }

  /** -1, 0 or 1: the ascending order of two non-NULL values. */
  abstract int compareValues(int a, KeyColumn other, int b);

  /** An order-preserving signed long of a non-NULL value from byte {@code depth} on. */
  abstract long valuePrefix(int row, int depth);

  /**
   * How many bytes of the value the prefixes at depths 0, 8, 16, … cover: the byte length of a UTF8
   * value, 16 for a wide decimal (its high word, then its low word), 0 for keys whose whole value
   * is in the prefix at depth 0.
   */
  abstract int length(int row);

  /** True when the value prefix is the whole value. */
  abstract boolean valuePrefixIsExact();

  /** True when no value prefix (nor its complement) is Long.MIN_VALUE or Long.MAX_VALUE. */
  abstract boolean valuePrefixAvoidsExtremes();

  /** Bytes held by the arrays. */
  abstract long memoryBytes();
}
