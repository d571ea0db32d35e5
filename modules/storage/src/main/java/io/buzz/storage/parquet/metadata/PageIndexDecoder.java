package io.buzz.storage.parquet.metadata;

import io.buzz.kernels.batch.ColumnType;
import io.buzz.storage.io.ByteRange;
import io.buzz.storage.parquet.ColumnChunkMetadata;
import io.buzz.storage.parquet.ColumnStatistics;
import io.buzz.storage.parquet.metadata.ThriftFooter.Statistics;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Decodes and checks the two halves of a column chunk's page index ({@link PageIndexParser} reads
 * their Thrift): the OffsetIndex, checked against the chunk, and the ColumnIndex's page bounds,
 * decoded like chunk statistics ({@link StatisticsDecoder}) in the order the footer's {@code
 * column_orders} give: a type-defined order makes them {@code min_value}/{@code max_value}; without
 * {@code column_orders} their order is undefined and they count as the deprecated signed-order
 * {@code min}/{@code max} (kept for numbers, dropped for strings); any other order drops them.
 * String bounds that are not valid UTF-8 (a writer that truncated inside a character) are dropped
 * too. Pages of only NULLs have no bounds.
 */
public final class PageIndexDecoder {
  private PageIndexDecoder() {}

  /**
   * The OffsetIndex {@code buf[pos, end)} of {@code chunk} (in a row group of {@code rows} rows):
   * at least one page, the first at row 0, first rows ascending within the row group, pages in
   * order inside the chunk and not overlapping.
   *
   * @param fileOffset the file offset of {@code buf[0]}, for error messages
   * @throws MalformedParquetException when the bytes do not parse or do not fit the chunk
   */
  public static PageLocations offsetIndex(
      byte[] buf, int pos, int end, long fileOffset, ColumnChunkMetadata chunk, long rows) {
    PageLocations pages = PageIndexParser.offsetIndex(buf, pos, end, fileOffset);
    int count = pages.pageCount();
    if (count == 0 || pages.firstRows()[0] != 0) {
      throw new MalformedParquetException(
          count == 0 ? "lists no page" : "starts at row " + pages.firstRows()[0] + ", not 0");
    }
    ByteRange bytes = chunk.byteRange();
    long previousEnd = bytes.offset();
    for (int page = 0; page < count; page++) {
      long firstRow = pages.firstRows()[page];
      if (page > 0 && firstRow <= pages.firstRows()[page - 1] || firstRow >= rows) {
        throw new MalformedParquetException(
            "puts page " + page + " at row " + firstRow + " (row group of " + rows + " rows)");
      }
      long offset = pages.offsets()[page];
      int size = pages.sizes()[page];
      if (size <= 0 || offset < previousEnd || offset + size > bytes.end()) {
        throw new MalformedParquetException(
            "puts page "
                + page
                + " at bytes ["
                + offset
                + ", "
                + (offset + size)
                + "), not after the previous page inside the chunk's "
                + bytes);
      }
      previousEnd = offset + size;
    }
    return pages;
  }

  /**
   * The page statistics of the ColumnIndex {@code buf[pos, end)} of {@code column}'s chunk, whose
   * pages are {@code locations} (in a row group of {@code rows} rows), one per page.
   *
   * @param fileOffset the file offset of {@code buf[0]}, for error messages
   * @throws MalformedParquetException when the bytes do not parse or disagree with the pages
   */
  public static ColumnStatistics[] columnIndex(
      byte[] buf,
      int pos,
      int end,
      long fileOffset,
      PageLocations locations,
      long rows,
      ColumnDescriptor column,
      Footer footer) {
    PageIndexParser.PageBounds raw = PageIndexParser.columnIndex(buf, pos, end, fileOffset);
    int order = footer.columnOrder(column.leafIndex());
    int count = locations.pageCount();
    if (raw.nullPages().length != count) {
      throw new MalformedParquetException(
          "describes " + raw.nullPages().length + " pages, the OffsetIndex " + count);
    }
    boolean utf8 = column.column().type().orElse(null) == ColumnType.UTF8;
    ColumnStatistics[] statistics = new ColumnStatistics[count];
    for (int page = 0; page < count; page++) {
      long pageRows =
          (page + 1 < count ? locations.firstRows()[page + 1] : rows) - locations.firstRows()[page];
      long nulls = raw.nullCounts() == null ? -1 : raw.nullCounts()[page];
      if (raw.nullCounts() != null
          && (nulls < 0 || nulls > pageRows || raw.nullPages()[page] && nulls != pageRows)) {
        throw new MalformedParquetException(
            "counts " + nulls + " nulls in page " + page + " of " + pageRows + " rows");
      }
      if (raw.nullPages()[page]) {
        statistics[page] =
            new ColumnStatistics(OptionalLong.of(pageRows), Optional.empty(), Optional.empty());
        continue;
      }
      byte[] min = raw.mins()[page];
      byte[] max = raw.maxes()[page];
      if (utf8
          && (StatisticsDecoder.utf8(min).isEmpty() || StatisticsDecoder.utf8(max).isEmpty())) {
        min = null;
        max = null;
      }
      Statistics bounds =
          switch (order) {
            case ThriftFooter.ORDER_TYPE_DEFINED -> new Statistics(null, null, nulls, max, min);
            case Footer.NO_ORDER -> new Statistics(max, min, nulls, null, null); // legacy signed
            default -> new Statistics(null, null, nulls, null, null); // an order Buzz lacks
          };
      statistics[page] = StatisticsDecoder.decode(bounds, column);
    }
    return statistics;
  }
}
