package io.buzz.kernels.batch;

import java.util.Arrays;

/**
 * A set of rows of one unit (a Parquet row group), as ascending, disjoint, non-adjacent half-open
 * ranges {@code [start, end)} of row indices: what a page-level filter says may match, and what a
 * reader then decodes. Immutable; {@link #union} and {@link #intersect} build new sets in time
 * linear in the ranges.
 *
 * <p>Where a {@link Selection} picks rows of one batch, this picks rows of a whole unit before any
 * batch exists, so the reader can leave out the pages that hold none of them.
 */
public final class RowRanges {
  private static final RowRanges NONE = new RowRanges(new long[0], 0);

  /** start, end pairs: {@code bounds[2i]} and {@code bounds[2i + 1]}. */
  private final long[] bounds;

  private final int count;

  private RowRanges(long[] bounds, int count) {
    this.bounds = bounds;
    this.count = count;
  }

  /** No rows. */
  public static RowRanges none() {
    return NONE;
  }

  /** Rows {@code [0, rows)}. */
  public static RowRanges all(long rows) {
    return of(0, rows);
  }

  /** Rows {@code [start, end)}; none when {@code end <= start}. */
  public static RowRanges of(long start, long end) {
    if (start < 0) {
      throw new IllegalArgumentException("start is negative: " + start);
    }
    return end <= start ? NONE : new RowRanges(new long[] {start, end}, 1);
  }

  /** Ranges in ascending order, added one at a time; adjacent or overlapping ones merge. */
  public static final class Builder {
    private long[] bounds = new long[8];
    private int count;

    /**
     * Adds {@code [start, end)}; empty ranges are ignored.
     *
     * @throws IllegalArgumentException when {@code start} lies before the last range's start
     */
    public Builder add(long start, long end) {
      if (end <= start) {
        return this;
      }
      if (count > 0) {
        long lastStart = bounds[2 * count - 2];
        if (start < lastStart) {
          throw new IllegalArgumentException(
              "range [" + start + ", " + end + ") added after one starting at " + lastStart);
        }
        if (start <= bounds[2 * count - 1]) {
          bounds[2 * count - 1] = Math.max(end, bounds[2 * count - 1]);
          return this;
        }
      }
      if (2 * count + 2 > bounds.length) {
        bounds = Arrays.copyOf(bounds, bounds.length * 2);
      }
      bounds[2 * count] = start;
      bounds[2 * count + 1] = end;
      count++;
      return this;
    }

    public RowRanges build() {
      return count == 0 ? NONE : new RowRanges(Arrays.copyOf(bounds, 2 * count), count);
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The number of ranges. */
  public int rangeCount() {
    return count;
  }

  public long start(int range) {
    return bounds[2 * checked(range)];
  }

  public long end(int range) {
    return bounds[2 * checked(range) + 1];
  }

  public boolean isEmpty() {
    return count == 0;
  }

  /** The number of rows in all ranges. */
  public long rowCount() {
    long rows = 0;
    for (int i = 0; i < count; i++) {
      rows += bounds[2 * i + 1] - bounds[2 * i];
    }
    return rows;
  }

  /** Whether this set holds every row of {@code [0, rows)}. */
  public boolean covers(long rows) {
    return rows <= 0 || count == 1 && bounds[0] == 0 && bounds[1] >= rows;
  }

  /** Whether some row of {@code [start, end)} is in the set. */
  public boolean overlaps(long start, long end) {
    // the first range ending after start, by binary search over the ends
    int low = 0;
    int high = count;
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (bounds[2 * mid + 1] <= start) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low < count && bounds[2 * low] < end && start < end;
  }

  /** Rows in this set or in {@code other}. */
  public RowRanges union(RowRanges other) {
    if (other.count == 0) {
      return this;
    }
    if (count == 0) {
      return other;
    }
    Builder merged = new Builder();
    int i = 0;
    int j = 0;
    while (i < count || j < other.count) {
      boolean takeThis = j == other.count || i < count && bounds[2 * i] <= other.bounds[2 * j];
      if (takeThis) {
        merged.add(bounds[2 * i], bounds[2 * i + 1]);
        i++;
      } else {
        merged.add(other.bounds[2 * j], other.bounds[2 * j + 1]);
        j++;
      }
    }
    return merged.build();
  }

  /** Rows in both this set and {@code other}. */
  public RowRanges intersect(RowRanges other) {
    Builder common = new Builder();
    int i = 0;
    int j = 0;
    while (i < count && j < other.count) {
      long start = Math.max(bounds[2 * i], other.bounds[2 * j]);
      long end = Math.min(bounds[2 * i + 1], other.bounds[2 * j + 1]);
      common.add(start, end);
      if (bounds[2 * i + 1] < other.bounds[2 * j + 1]) {
        i++;
      } else {
        j++;
      }
    }
    return common.build();
  }

  private int checked(int range) {
    if (range < 0 || range >= count) {
      throw new IndexOutOfBoundsException("range " + range + " of " + count);
    }
    return range;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RowRanges other
        && count == other.count
        && Arrays.equals(bounds, 0, 2 * count, other.bounds, 0, 2 * other.count);
  }

  @Override
  public int hashCode() {
    int hash = 1;
    for (int i = 0; i < 2 * count; i++) {
      hash = 31 * hash + Long.hashCode(bounds[i]);
    }
    return hash;
  }

  /** {@code [0, 100) [250, 300)}. */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < count; i++) {
      text.append(i == 0 ? "" : " ")
          .append('[')
          .append(bounds[2 * i])
          .append(", ")
          .append(bounds[2 * i + 1])
          .append(')');
    }
    return count == 0 ? "[]" : text.toString();
  }
}
