package io.buzz.kernels.sort;

/**
 * Sorts the rows of a {@link SortKeys} into a permutation, in two steps:
 *
 * <ol>
 *   <li>An LSD radix sort of (prefix, row) pairs on the normalised {@code long} prefixes, eight
 *       bits per pass, skipping passes whose byte is the same in every row. Stable, O(n) per pass,
 *       sequential reads and no comparisons at all.
 *   <li>When the prefix does not decide the order ({@link SortKeys#exact()} is false: UTF8 or
 *       multi-column keys, or NULLs among 64-bit values), each run of equal prefixes is sorted with
 *       the typed key comparators, by a merge sort over insertion-sorted runs.
 * </ol>
 */
final class PermutationSorter {
  private static final int INSERTION_RUN = 32;
  private static final int RADIX_BITS = 8;
  private static final int RADIX = 1 << RADIX_BITS;
  private static final int PASSES = Long.SIZE / RADIX_BITS;

  private PermutationSorter() {}

  /** Row indices {@code 0 .. keys.rowCount() - 1} in sort order. */
  static int[] sort(SortKeys keys) {
    int n = keys.rowCount();
    long[] prefixes = new long[n];
    int[] rows = new int[n];
    for (int i = 0; i < n; i++) {
      // Flipping the sign bit makes the unsigned order of the digits the signed order.
      prefixes[i] = keys.prefix(i) ^ Long.MIN_VALUE;
      rows[i] = i;
    }
    rows = radixSort(prefixes, rows, n);
    if (!keys.exact()) {
      sortTies(keys, prefixes, rows, n);
    }
    return rows;
  }

  /**
   * Sorts the pairs by prefix; returns the sorted rows and leaves the sorted prefixes in {@code
   * prefixes}.
   */
  private static int[] radixSort(long[] prefixes, int[] rows, int n) {
    int[][] counts = new int[PASSES][RADIX];
    for (int i = 0; i < n; i++) {
      long prefix = prefixes[i];
      for (int pass = 0; pass < PASSES; pass++) {
        counts[pass][(int) (prefix >>> (pass * RADIX_BITS)) & (RADIX - 1)]++;
      }
    }
    long[] keys = prefixes;
    long[] otherKeys = null;
    int[] values = rows;
    int[] otherValues = null;
    for (int pass = 0; pass < PASSES; pass++) {
      int[] count = counts[pass];
      if (count[(int) (keys.length == 0 ? 0 : (keys[0] >>> (pass * RADIX_BITS)) & (RADIX - 1))]
          == n) {
        continue;
      }
      if (otherKeys == null) {
        otherKeys = new long[n];
        otherValues = new int[n];
      }
      int position = 0;
      for (int digit = 0; digit < RADIX; digit++) {
        int c = count[digit];
        count[digit] = position;
        position += c;
      }
      int shift = pass * RADIX_BITS;
      for (int i = 0; i < n; i++) {
        long key = keys[i];
        int at = count[(int) (key >>> shift) & (RADIX - 1)]++;
        otherKeys[at] = key;
        otherValues[at] = values[i];
      }
      long[] swapKeys = keys;
      keys = otherKeys;
      otherKeys = swapKeys;
      int[] swapValues = values;
      values = otherValues;
      otherValues = swapValues;
    }
    if (keys != prefixes) {
      System.arraycopy(keys, 0, prefixes, 0, n);
    }
    return values;
  }

  /** Sorts every run of equal prefixes with the key comparators. */
  private static void sortTies(SortKeys keys, long[] prefixes, int[] rows, int n) {
    int[] scratch = null;
    int start = 0;
    while (start < n) {
      int end = start + 1;
      while (end < n && prefixes[end] == prefixes[start]) {
        end++;
      }
      if (end - start > 1) {
        if (end - start > INSERTION_RUN && scratch == null) {
          scratch = new int[n];
        }
        mergeSort(keys, rows, scratch, start, end);
      }
      start = end;
    }
  }

  /** Sorts {@code rows[from, to)} by the key comparators. */
  private static void mergeSort(SortKeys keys, int[] rows, int[] scratch, int from, int to) {
    for (int run = from; run < to; run += INSERTION_RUN) {
      insertionSort(keys, rows, run, Math.min(to, run + INSERTION_RUN));
    }
    int[] source = rows;
    int[] target = scratch;
    for (int width = INSERTION_RUN; width < to - from; width <<= 1) {
      for (int left = from; left < to; left += width << 1) {
        int middle = Math.min(to, left + width);
        int right = Math.min(to, left + (width << 1));
        merge(keys, source, target, left, middle, right);
      }
      int[] swap = source;
      source = target;
      target = swap;
    }
    if (source != rows) {
      System.arraycopy(source, from, rows, from, to - from);
    }
  }

  private static void insertionSort(SortKeys keys, int[] rows, int from, int to) {
    for (int i = from + 1; i < to; i++) {
      int row = rows[i];
      int j = i - 1;
      while (j >= from && keys.compareColumns(rows[j], keys, row) > 0) {
        rows[j + 1] = rows[j];
        j--;
      }
      rows[j + 1] = row;
    }
  }

  private static void merge(
      SortKeys keys, int[] source, int[] target, int from, int middle, int to) {
    int left = from;
    int right = middle;
    int out = from;
    while (left < middle && right < to) {
      target[out++] =
          keys.compareColumns(source[left], keys, source[right]) <= 0
              ? source[left++]
              : source[right++];
    }
    System.arraycopy(source, left, target, out, middle - left);
    out += middle - left;
    System.arraycopy(source, right, target, out, to - right);
  }
}
