package io.buzz.kernels.aggregate;

/**
 * The rows of a chunk that one aggregate's {@code FILTER (WHERE …)} keeps (its BOOL column TRUE;
 * FALSE and NULL drop the row), compacted: the kept rows' group ids and argument values become
 * dense again, so the call's {@link GroupsAccumulator} runs its usual loop over them. Scratch
 * reused from chunk to chunk; not thread-safe.
 */
final class FilteredRows {
  private int[] kept = new int[0];
  private int[] groupIds = new int[0];
  private DenseColumn argument;
  private int count;

  /**
   * Keeps the rows of {@code filter} that are TRUE among the chunk's {@code n} rows.
   *
   * @param values the call's argument for the chunk, or null (COUNT_STAR)
   * @param nullsOnly whether only the argument's nulls are valid (a plain COUNT)
   */
  void select(
      DenseColumn filter, DenseColumn values, boolean nullsOnly, int[] chunkGroupIds, int n) {
    if (kept.length < n) {
      kept = new int[n];
      groupIds = new int[n];
    }
    int m = 0;
    long[] flags = filter.longs;
    boolean[] nulls = filter.nulls;
    boolean hasNulls = filter.hasNulls;
    for (int i = 0; i < n; i++) {
      if (flags[i] != 0 && !(hasNulls && nulls[i])) {
        kept[m] = i;
        groupIds[m++] = chunkGroupIds[i];
      }
    }
    count = m;
    if (values == null) {
      argument = null;
      return;
    }
    if (argument == null || argument.type != values.type) {
      argument = new DenseColumn(values.type);
    }
    DenseColumn.pick(values, kept, m, argument, nullsOnly);
  }

  /** The kept rows' group ids, valid for {@link #count()} rows. */
  int[] groupIds() {
    return groupIds;
  }

  /** The kept rows' argument values, or null when the call has no argument. */
  DenseColumn argument() {
    return argument;
  }

  int count() {
    return count;
  }

  long memoryBytes() {
    return 8L * kept.length + (argument == null ? 0 : argument.memoryBytes());
  }
}
