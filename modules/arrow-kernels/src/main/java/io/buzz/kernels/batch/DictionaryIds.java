package io.buzz.kernels.batch;

import static java.util.Objects.requireNonNull;

/**
 * The rows of a UTF8 or VARBINARY column as indices into a dictionary of values, as a Parquet
 * reader decodes a dictionary-encoded column chunk: a hint a producer attaches to a {@link Batch}
 * beside the materialized vector, which stays the truth. A consumer that works per distinct value
 * (grouping, a comparison with a constant) may do that work once per dictionary entry and then map
 * ids, instead of once per row.
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
   * A dictionary's values: value {@code i} is {@code bytes[offsets[i], offsets[i + 1])}.
   *
   * @param size the number of values
   */
  public record Dictionary(byte[] bytes, int[] offsets, int size) {
    public Dictionary {
      requireNonNull(bytes, "bytes is null");
      requireNonNull(offsets, "offsets is null");
      if (size < 0 || offsets.length < size + 1) {
        throw new IllegalArgumentException(
            "dictionary of " + size + " values needs " + (size + 1) + " offsets");
      }
    }
  }
}
