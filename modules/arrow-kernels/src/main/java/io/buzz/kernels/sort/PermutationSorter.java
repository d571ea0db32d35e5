package io.buzz.kernels.sort;

/**
 * Sorts the rows of a {@link SortKeys} into a permutation. The sort moves (prefix, row) pairs in
 * two parallel primitive arrays, so most comparisons read two adjacent {@code long}s instead of
 * chasing row indices; only ties the prefix cannot settle consult the typed key columns. Bottom-up
 * merge sort over insertion-sorted runs: O(n log n) in the worst case, stable.
 */
final class PermutationSorter {
  private static final int RUN = 32;

  private PermutationSorter() {}

  /** Row indices {@code 0 .. keys.rowCount() - 1} in sort order. */
  static int[] sort(SortKeys keys) {
    int n = keys.rowCount();
    long[] prefixes = new long[n];
    int[] rows = new int[n];
    for (int i = 0; i < n; i++) {
      prefixes[i] = keys.prefix(i);
      rows[i] = i;
    }
    boolean exact = keys.exact();
    for (int from = 0; from < n; from += RUN) {
      insertionSort(keys, exact, prefixes, rows, from, Math.min(n, from + RUN));
    }
    if (n <= RUN) {
      return rows;
    }
    long[] otherPrefixes = new long[n];
    int[] otherRows = new int[n];
    for (int width = RUN; width < n; width <<= 1) {
      for (int from = 0; from < n; from += width << 1) {
        int middle = Math.min(n, from + width);
        int to = Math.min(n, from + (width << 1));
        merge(keys, exact, prefixes, rows, otherPrefixes, otherRows, from, middle, to);
      }
      long[] swapPrefixes = prefixes;
      prefixes = otherPrefixes;
      otherPrefixes = swapPrefixes;
      int[] swapRows = rows;
      rows = otherRows;
      otherRows = swapRows;
    }
    return rows;
  }

  private static int compare(
      SortKeys keys, boolean exact, long prefixA, int rowA, long prefixB, int rowB) {
    if (prefixA != prefixB) {
      return prefixA < prefixB ? -1 : 1;
    }
    return exact ? 0 : keys.compareColumns(rowA, keys, rowB);
  }

  private static void insertionSort(
      SortKeys keys, boolean exact, long[] prefixes, int[] rows, int from, int to) {
    for (int i = from + 1; i < to; i++) {
      long prefix = prefixes[i];
      int row = rows[i];
      int j = i - 1;
      while (j >= from && compare(keys, exact, prefixes[j], rows[j], prefix, row) > 0) {
        prefixes[j + 1] = prefixes[j];
        rows[j + 1] = rows[j];
        j--;
      }
      prefixes[j + 1] = prefix;
      rows[j + 1] = row;
    }
  }

  private static void merge(
      SortKeys keys,
      boolean exact,
      long[] prefixes,
      int[] rows,
      long[] outPrefixes,
      int[] outRows,
      int from,
      int middle,
      int to) {
    int left = from;
    int right = middle;
    int out = from;
    if (middle < to
        && compare(
                keys, exact, prefixes[middle - 1], rows[middle - 1], prefixes[middle], rows[middle])
            <= 0) {
      // Already in order: copy through.
      System.arraycopy(prefixes, from, outPrefixes, from, to - from);
      System.arraycopy(rows, from, outRows, from, to - from);
      return;
    }
    while (left < middle && right < to) {
      if (compare(keys, exact, prefixes[left], rows[left], prefixes[right], rows[right]) <= 0) {
        outPrefixes[out] = prefixes[left];
        outRows[out++] = rows[left++];
      } else {
        outPrefixes[out] = prefixes[right];
        outRows[out++] = rows[right++];
      }
    }
    int rest = middle - left;
    System.arraycopy(prefixes, left, outPrefixes, out, rest);
    System.arraycopy(rows, left, outRows, out, rest);
    out += rest;
    rest = to - right;
    System.arraycopy(prefixes, right, outPrefixes, out, rest);
    System.arraycopy(rows, right, outRows, out, rest);
  }
}
