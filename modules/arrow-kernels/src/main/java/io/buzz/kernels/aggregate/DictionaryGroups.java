package io.buzz.kernels.aggregate;

import io.buzz.kernels.batch.DictionaryIds;
import java.util.Arrays;

/**
 * A group table's memory of the dictionary its rows came from last: per entry, its group id, or -1
 * when no row named it yet. Batches of one Parquet column chunk share their dictionary object, so
 * entries are looked up once per chunk, not once per row.
 */
final class DictionaryGroups {
  /** The dictionary {@link #groups} maps, by identity; null before the first. */
  private DictionaryIds.Dictionary dictionary;

  private int[] groups = new int[0];

  /** The group of each entry of {@code values}: reset to -1 when it is not the last dictionary. */
  int[] of(DictionaryIds.Dictionary values) {
    if (values != dictionary) {
      dictionary = values;
      if (groups.length < values.size()) {
        groups = new int[values.size()];
      }
      Arrays.fill(groups, 0, values.size(), -1);
    }
    return groups;
  }

  long memoryBytes() {
    return 4L * groups.length;
  }

  void release() {
    dictionary = null;
    groups = new int[0];
  }
}
