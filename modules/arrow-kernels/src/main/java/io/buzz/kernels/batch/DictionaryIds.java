package io.buzz.kernels.batch;

import static java.util.Objects.requireNonNull;

/**
 * The rows of a column as indices into a dictionary of values, as a Parquet reader decodes a
 * dictionary-encoded column chunk: a hint a producer attaches to a {@link Batch} beside the
 * materialized vector, which stays the truth — unless the batch holds the column {@linkplain
 * Batch#withIdsOnly as its ids alone}, whose vector has only the right validity. A UTF8 or
 * VARBINARY column's dictionary holds bytes; a fixed-width column's (INT32, INT64, DATE32,
 * TIMESTAMP_MICROS, TIME_MICROS, FLOAT32, FLOAT64) holds {@code long}s. A consumer that works per
 * distinct value (grouping, a comparison with a constant) may do that work once per dictionary
 * entry and then map ids, instead of once per row.
 *
 * @param dictionary the values; the same object for every batch of one dictionary, so consumers may
 *     cache per-entry results by identity
 * @param ids per row of the batch, the index of its value in {@code dictionary}, or -1 for NULL; at
 *     least as long as the batch
 */
public record DictionaryIds(Dictionary dictionary, int[] ids) {
  public DictionaryIds {
    requireNonNull(dictionary, "dictionary is null");
    requireNonNull(ids, "ids is null");
  }

  /**
   * A dictionary's values: of a variable-width column, value {@code i} is {@code bytes[offsets[i],
   * offsets[i + 1])} and {@code longs} is null; of a fixed-width column, value {@code i} is {@code
   * longs[i]} (an integer, day, microsecond or time value as a long; a FLOAT32 or FLOAT64 value as
   * the raw bits of the double it widens to exactly) and {@code bytes}/{@code offsets} are empty.
   *
   * @param size the number of values
   */
  public record Dictionary(byte[] bytes, int[] offsets, int size, long[] longs) {
    private static final byte[] NO_BYTES = new byte[0];
    private static final int[] NO_OFFSETS = new int[] {0};

    public Dictionary {
      requireNonNull(bytes, "bytes is null");
      requireNonNull(offsets, "offsets is null");
      if (size < 0) {
        throw new IllegalArgumentException("dictionary of " + size + " values");
      }
      if (longs == null && offsets.length < size + 1) {
        throw new IllegalArgumentException(
            "dictionary of " + size + " values needs " + (size + 1) + " offsets");
      }
      if (longs != null && longs.length < size) {
        throw new IllegalArgumentException(
            "dictionary of " + size + " values has " + longs.length + " longs");
      }
    }

    /** A dictionary of variable-width values. */
    public Dictionary(byte[] bytes, int[] offsets, int size) {
      this(bytes, offsets, size, null);
    }

    /** A dictionary of fixed-width values, {@code longs[0, size)}, not copied. */
    public static Dictionary ofLongs(long[] longs, int size) {
      return new Dictionary(NO_BYTES, NO_OFFSETS, size, requireNonNull(longs, "longs is null"));
    }

    /** True for a dictionary of fixed-width values. */
    public boolean holdsLongs() {
      return longs != null;
    }
  }
}
