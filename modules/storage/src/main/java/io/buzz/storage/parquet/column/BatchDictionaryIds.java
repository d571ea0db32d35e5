package io.buzz.storage.parquet.column;

import io.buzz.kernels.batch.DictionaryIds;

/**
 * A column reader's record of which dictionary entry each row of the current batch came from, so
 * that a batch read wholly from one dictionary carries its {@link DictionaryIds}. Off until {@link
 * #keep} (string readers keep them always, fixed-width readers when a consumer asks); a batch that
 * holds any value decoded from a non-dictionary page, or from a second dictionary, carries none.
 */
final class BatchDictionaryIds {
  private final int batchRows;
  private boolean keep;

  /** The current dictionary as consumers see it; null when none or the type offers none. */
  private DictionaryIds.Dictionary view;

  /** Per row of the current batch, its dictionary id or -1 for NULL; null before the first. */
  private int[] ids;

  /** The dictionary of the current batch's rows so far; null before the first dictionary page. */
  private DictionaryIds.Dictionary dictionary;

  /** False once a row of the current batch did not come from {@link #dictionary}. */
  private boolean dictionaryOnly;

  private DictionaryIds last;

  BatchDictionaryIds(int batchRows) {
    this.batchRows = batchRows;
  }

  void keep(boolean keep) {
    this.keep = keep;
  }

  boolean keeps() {
    return keep;
  }

  /** The view of the dictionary just loaded. */
  void view(DictionaryIds.Dictionary view) {
    this.view = view;
  }

  /** A new batch starts. */
  void start() {
    last = null;
    ids = null;
    dictionary = null;
    dictionaryOnly = keep;
  }

  /**
   * Rows {@code [out, out + n)} came from the dictionary: entries {@code entries[0, nonNull)},
   * spread over the rows whose {@code defs} are set ({@code defs} null when all are).
   */
  void fromDictionary(int[] entries, int out, int n, byte[] defs) {
    if (!dictionaryOnly) {
      return;
    }
    if (view == null || (dictionary != null && dictionary != view)) {
      dictionaryOnly = false;
      return;
    }
    dictionary = view;
    if (ids == null) {
      ids = new int[batchRows];
    }
    if (defs == null) {
      System.arraycopy(entries, 0, ids, out, n);
      return;
    }
    int k = 0;
    for (int i = 0; i < n; i++) {
      ids[out + i] = defs[i] != 0 ? entries[k++] : -1;
    }
  }

  /**
   * Per row of the current batch so far, its dictionary id or -1 for NULL, as {@link
   * #fromDictionary} recorded them (rows from another encoding are not recorded); null when no row
   * was.
   */
  int[] soFar() {
    return ids;
  }

  /** Some rows of the batch were decoded from another encoding. */
  void notFromDictionary() {
    dictionaryOnly = false;
  }

  /** The batch is complete. */
  void finish() {
    if (dictionaryOnly && ids != null) {
      last = new DictionaryIds(dictionary, ids);
    }
    ids = null;
  }

  /** The ids of the last complete batch, or null. */
  DictionaryIds last() {
    return last;
  }
}
