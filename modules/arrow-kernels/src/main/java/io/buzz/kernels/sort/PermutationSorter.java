package io.buzz.kernels.sort;

import java.util.Arrays;

/**
 * Sorts the rows of a {@link SortKeys} into a permutation, radix sort first and comparators last:
 *
 * <ol>
 *   <li>An LSD radix sort of (prefix, row) pairs on the normalised {@code long} prefix of the first
 *       key, eight bits per pass, skipping passes whose byte is the same in every row. Stable, O(n)
 *       per pass, no comparisons.
 *   <li>Unless the prefix decides the order ({@link SortKeys#exact()}), each run of equal prefixes
 *       is refined the same way: by the next eight bytes of a UTF8 key when its values go on (or
 *       the low word of a wide decimal), else by the next key when the run is equal on this one.
 *   <li>Runs that are small, or that mix NULLs with values whose prefix collides with the NULL
 *       marker, or strings equal up to zero padding ({@code "ab"}, {@code "ab\0"}), are ordered
 *       with the typed key comparators by a merge sort over insertion-sorted runs.
 * </ol>
 */
final class PermutationSorter {
  private static final int INSERTION_RUN = 32;

  /** Tie runs up to this length go straight to the comparators. */
  private static final int REFINE_MIN = 256;

  private static final int RADIX_BITS = 8;
  private static final int RADIX = 1 << RADIX_BITS;
  private static final int PASSES = Long.SIZE / RADIX_BITS;

  private final SortKeys keys;
  private final long[] prefixes;
  private final int[] rows;
  private final long[] scratchPrefixes;
  private final int[] scratchRows;
  private final int[][] counts = new int[PASSES][RADIX];

  private PermutationSorter(SortKeys keys) {
    int n = keys.rowCount();
    this.keys = keys;
    this.prefixes = new long[n];
    this.rows = new int[n];
    this.scratchPrefixes = new long[n];
    this.scratchRows = new int[n];
    for (int i = 0; i < n; i++) {
      // Flipping the sign bit makes the unsigned order of the digits the signed order.
      prefixes[i] = keys.prefix(i) ^ Long.MIN_VALUE;
      rows[i] = i;
    }
  }

  /** Row indices {@code 0 .. keys.rowCount() - 1} in sort order. */
  static int[] sort(SortKeys keys) {
    PermutationSorter sorter = new PermutationSorter(keys);
    int n = keys.rowCount();
    sorter.radixSort(0, n);
    if (!keys.exact()) {
      sorter.resolveRuns(0, n, 0, 0);
    }
    return sorter.rows;
  }

  /**
   * Orders each run of equal prefixes in {@code [from, to)}, where the prefixes are those of key
   * {@code key} at byte {@code depth} and the rows agree on everything before.
   */
  private void resolveRuns(int from, int to, int key, int depth) {
    int start = from;
    while (start < to) {
      int end = start + 1;
      while (end < to && prefixes[end] == prefixes[start]) {
        end++;
      }
      if (end - start > 1) {
        resolveRun(start, end, key, depth);
      }
      start = end;
    }
  }

  private void resolveRun(int from, int to, int key, int depth) {
    if (to - from <= REFINE_MIN) {
      mergeSort(from, to);
      return;
    }
    KeyColumn column = keys.column(key);
    int nulls = 0;
    int minLength = Integer.MAX_VALUE;
    int maxLength = 0;
    for (int i = from; i < to; i++) {
      int row = rows[i];
      if (column.isNull(row)) {
        nulls++;
      } else {
        int length = column.length(row);
        minLength = Math.min(minLength, length);
        maxLength = Math.max(maxLength, length);
      }
    }
    if (nulls > 0 && nulls < to - from) {
      mergeSort(from, to);
    } else if (nulls == 0 && maxLength > depth + 8) {
      refine(from, to, key, depth + 8);
    } else if (nulls == 0 && minLength != maxLength) {
      mergeSort(from, to);
    } else if (key + 1 < keys.keyCount()) {
      // Equal on this key: the next key decides.
      refine(from, to, key + 1, 0);
    }
  }

  private void refine(int from, int to, int key, int depth) {
    KeyColumn column = keys.column(key);
    for (int i = from; i < to; i++) {
      prefixes[i] = column.prefix(rows[i], depth) ^ Long.MIN_VALUE;
    }
    radixSort(from, to);
    resolveRuns(from, to, key, depth);
  }

  /** Sorts the pairs {@code [from, to)} by prefix, leaving them in place. */
  private void radixSort(int from, int to) {
    int n = to - from;
    for (int[] count : counts) {
      Arrays.fill(count, 0);
    }
    for (int i = from; i < to; i++) {
      long prefix = prefixes[i];
      for (int pass = 0; pass < PASSES; pass++) {
        counts[pass][(int) (prefix >>> (pass * RADIX_BITS)) & (RADIX - 1)]++;
      }
    }
    long[] keysIn = prefixes;
    long[] keysOut = scratchPrefixes;
    int[] rowsIn = rows;
    int[] rowsOut = scratchRows;
    for (int pass = 0; pass < PASSES && n > 0; pass++) {
      int shift = pass * RADIX_BITS;
      int[] count = counts[pass];
      if (count[(int) (keysIn[from] >>> shift) & (RADIX - 1)] == n) {
        continue;
      }
      int position = from;
      for (int digit = 0; digit < RADIX; digit++) {
        int c = count[digit];
        count[digit] = position;
        position += c;
      }
      for (int i = from; i < to; i++) {
        long prefix = keysIn[i];
        int at = count[(int) (prefix >>> shift) & (RADIX - 1)]++;
        keysOut[at] = prefix;
        rowsOut[at] = rowsIn[i];
      }
      long[] swapKeys = keysIn;
      keysIn = keysOut;
      keysOut = swapKeys;
      int[] swapRows = rowsIn;
      rowsIn = rowsOut;
      rowsOut = swapRows;
    }
    if (keysIn != prefixes) {
      System.arraycopy(keysIn, from, prefixes, from, n);
      System.arraycopy(rowsIn, from, rows, from, n);
    }
  }

  /** Sorts {@code rows[from, to)} with the key comparators (prefixes are left stale). */
  private void mergeSort(int from, int to) {
    for (int run = from; run < to; run += INSERTION_RUN) {
      insertionSort(run, Math.min(to, run + INSERTION_RUN));
    }
    int[] source = rows;
    int[] target = scratchRows;
    for (int width = INSERTION_RUN; width < to - from; width <<= 1) {
      for (int left = from; left < to; left += width << 1) {
        int middle = Math.min(to, left + width);
        int right = Math.min(to, left + (width << 1));
        merge(source, target, left, middle, right);
      }
      int[] swap = source;
      source = target;
      target = swap;
    }
    if (source != rows) {
      System.arraycopy(source, from, rows, from, to - from);
    }
  }

  private void insertionSort(int from, int to) {
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

  private void merge(int[] source, int[] target, int from, int middle, int to) {
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
