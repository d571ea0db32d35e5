package io.buzz.kernels.batch;

import java.util.Arrays;

/**
 * The rows of a batch that an operator should look at, as ascending row indices. A filter produces
 * one instead of copying its input; the next operator reads only the selected rows and produces
 * dense output. Mutable and reusable: {@link #reset} before refilling.
 */
public final class Selection {
  private int[] indices;
  private int count;

  public Selection(int capacity) {
    this.indices = new int[Math.max(capacity, 1)];
  }

  /** Selects every row of a batch with {@code rowCount} rows. */
  public static Selection all(int rowCount) {
    Selection selection = new Selection(rowCount);
    for (int i = 0; i < rowCount; i++) {
      selection.indices[i] = i;
    }
    selection.count = rowCount;
    return selection;
  }

  public void reset(int capacity) {
    if (indices.length < capacity) {
      indices = new int[capacity];
    }
    count = 0;
  }

  /** Appends a row index; indices must be added in ascending order. */
  public void add(int row) {
    if (count == indices.length) {
      indices = Arrays.copyOf(indices, count * 2);
    }
    indices[count++] = row;
  }

  public int count() {
    return count;
  }

  public int get(int i) {
    return indices[i];
  }

  /** The backing array, valid in {@code [0, count())}; for hot loops, do not modify. */
  public int[] indices() {
    return indices;
  }
}
