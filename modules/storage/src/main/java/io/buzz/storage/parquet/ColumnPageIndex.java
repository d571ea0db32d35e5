package io.buzz.storage.parquet;

import io.buzz.storage.io.ByteRange;
import io.buzz.storage.parquet.metadata.PageLocations;

/**
 * The page index of one column chunk: where each data page lies and which rows it holds (its
 * OffsetIndex), and, when the writer recorded them, each page's statistics (its ColumnIndex),
 * decoded like chunk statistics (see {@link ColumnStatistics}).
 *
 * <p>Checked against the chunk when read: at least one page, the first at row 0, first rows
 * strictly ascending below the row group's row count, pages in file order inside the chunk and not
 * overlapping. Immutable.
 */
public final class ColumnPageIndex {
  private final PageLocations locations;
  private final long rows;
  private final ColumnStatistics[] statistics;

  /**
   * @param rows the row group's rows
   * @param statistics one per page, or null without a ColumnIndex
   */
  ColumnPageIndex(PageLocations locations, long rows, ColumnStatistics[] statistics) {
    this.locations = locations;
    this.rows = rows;
    this.statistics = statistics;
  }

  /** Data pages in the chunk. */
  public int pageCount() {
    return locations.pageCount();
  }

  /** The row (in the row group) of the page's first value. */
  public long firstRow(int page) {
    return locations.firstRows()[page];
  }

  /** One past the page's last row. */
  public long endRow(int page) {
    return page + 1 < pageCount() ? locations.firstRows()[page + 1] : rows;
  }

  /** Whether page statistics were recorded (a ColumnIndex). */
  public boolean hasStatistics() {
    return statistics != null;
  }

  /** The page's statistics; {@link ColumnStatistics#NONE} without a ColumnIndex. */
  public ColumnStatistics statistics(int page) {
    return statistics == null ? ColumnStatistics.NONE : statistics[page];
  }

  /** The page's bytes in the file, header included. */
  ByteRange location(int page) {
    return new ByteRange(locations.offsets()[page], locations.sizes()[page]);
  }
}
