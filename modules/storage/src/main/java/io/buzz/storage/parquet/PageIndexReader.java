package io.buzz.storage.parquet;

import io.buzz.kernels.batch.ColumnType;
import io.buzz.storage.io.ByteRange;
import io.buzz.storage.io.ByteSource;
import io.buzz.storage.parquet.ThriftFooter.Statistics;
import io.vertx.core.Future;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads the page index of chosen column chunks for {@link ParquetFileReader#readPageIndex}.
 *
 * <pre>
 *   requests ──▶ OffsetIndex (+ ColumnIndex) ranges ──▶ bytes: from the footer's tail read when
 *   they lie in it, else one read spanning them all (or, when far apart, one coalesced list read)
 *   ──▶ parse ──▶ check against the chunk ──▶ decode page bounds ──▶ PageIndex
 * </pre>
 *
 * <p>Writers put every chunk's index between the last row group and the footer, so one read usually
 * covers a whole file's. Page bounds are decoded like chunk statistics ({@link StatisticsDecoder}),
 * in the order the footer's {@code column_orders} give: a type-defined order makes them {@code
 * min_value}/{@code max_value}; without {@code column_orders} their order is undefined and they
 * count as the deprecated signed-order {@code min}/{@code max} (kept for numbers, dropped for
 * strings); any other order drops them. String bounds that are not valid UTF-8 (a writer that
 * truncated inside a character) are dropped too. Pages of only NULLs have no bounds.
 */
final class PageIndexReader {
  /** Index bytes fetched in between wanted ones are worth one request up to this many. */
  static final int MAX_SPAN_GAP_BYTES = 1 << 20;

  /** The footer has no {@code column_orders}. */
  private static final int NO_ORDER = 0;

  /** A column order the footer does not name. */
  private static final int UNKNOWN_ORDER = -1;

  /** A chunk whose page locations are wanted, and its page statistics when {@code bounds}. */
  record Request(RowGroupMetadata group, ColumnDescriptor column, boolean bounds) {
    ColumnChunkMetadata chunk() {
      return group.chunks().get(column.leafIndex());
    }
  }

  private PageIndexReader() {}

  /**
   * @param tail bytes at the end of the file the footer read fetched anyway (before the footer)
   * @param tailOffset the file offset of {@code tail}
   * @param columnOrders the footer's column orders by leaf, null when absent
   */
  static Future<PageIndex> read(
      ByteSource source,
      ByteSlice tail,
      long tailOffset,
      List<Request> requests,
      List<Integer> columnOrders) {
    List<ByteRange> ranges = new ArrayList<>();
    List<Request> indexed = new ArrayList<>();
    for (Request request : requests) {
      Optional<ByteRange> offsetIndex = request.chunk().offsetIndex();
      if (offsetIndex.isPresent()) {
        indexed.add(request);
        ranges.add(offsetIndex.get());
        ranges.add(request.bounds() ? request.chunk().columnIndex().orElse(null) : null);
      }
    }
    if (indexed.isEmpty()) {
      return Future.succeededFuture(PageIndex.EMPTY);
    }
    return fetch(source, tail, tailOffset, ranges)
        .map(bytes -> decode(source.uri(), indexed, bytes, columnOrders));
  }

  /** The bytes of {@code ranges} (null entries stay null), with as few requests as sensible. */
  private static Future<List<ByteSlice>> fetch(
      ByteSource source, ByteSlice tail, long tailOffset, List<ByteRange> ranges) {
    long start = Long.MAX_VALUE;
    long end = 0;
    long wanted = 0;
    List<ByteRange> present = new ArrayList<>();
    for (ByteRange range : ranges) {
      if (range != null) {
        start = Math.min(start, range.offset());
        end = Math.max(end, range.end());
        wanted += range.length();
        present.add(range);
      }
    }
    if (tail != null && start >= tailOffset && end <= tailOffset + tail.length()) {
      return Future.succeededFuture(slices(ranges, tail, tailOffset));
    }
    if (end - start - wanted <= MAX_SPAN_GAP_BYTES) {
      long spanStart = start;
      return source
          .read(spanStart, (int) (end - spanStart))
          .map(span -> slices(ranges, ByteSlice.of(span), spanStart));
    }
    return source
        .read(present)
        .map(
            buffers -> {
              List<ByteSlice> slices = new ArrayList<>(ranges.size());
              int next = 0;
              for (ByteRange range : ranges) {
                slices.add(range == null ? null : ByteSlice.of(buffers.get(next++)));
              }
              return slices;
            });
  }

  private static List<ByteSlice> slices(List<ByteRange> ranges, ByteSlice span, long spanOffset) {
    List<ByteSlice> slices = new ArrayList<>(ranges.size());
    for (ByteRange range : ranges) {
      slices.add(
          range == null
              ? null
              : new ByteSlice(
                  span.array(),
                  span.offset() + (int) (range.offset() - spanOffset),
                  range.length()));
    }
    return slices;
  }

  private static PageIndex decode(
      String uri, List<Request> requests, List<ByteSlice> bytes, List<Integer> columnOrders) {
    Map<PageIndex.Key, ColumnPageIndex> columns = new HashMap<>();
    List<String> ignored = new ArrayList<>();
    for (int i = 0; i < requests.size(); i++) {
      Request request = requests.get(i);
      ColumnChunkMetadata chunk = request.chunk();
      String where =
          uri
              + ": the page index of column '"
              + request.column().name()
              + "' in row group "
              + request.group().index();
      PageIndexParser.Locations locations;
      try {
        locations = locations(bytes.get(2 * i), chunk.offsetIndex().orElseThrow());
        check(locations, chunk, request.group().numRows());
      } catch (MalformedParquetException e) {
        ignored.add(where + " is ignored: OffsetIndex " + e.getMessage());
        continue;
      }
      ColumnStatistics[] statistics = null;
      ByteSlice columnIndex = bytes.get(2 * i + 1);
      if (columnIndex != null) {
        try {
          PageIndexParser.PageBounds raw =
              PageIndexParser.columnIndex(
                  columnIndex.array(),
                  columnIndex.offset(),
                  columnIndex.end(),
                  chunk.columnIndex().orElseThrow().offset() - columnIndex.offset());
          int leaf = request.column().leafIndex();
          int order =
              columnOrders == null
                  ? NO_ORDER
                  : leaf < columnOrders.size() ? columnOrders.get(leaf) : UNKNOWN_ORDER;
          statistics =
              statistics(raw, locations, request.group().numRows(), request.column(), order);
        } catch (MalformedParquetException e) {
          ignored.add(where + ": its ColumnIndex is ignored: " + e.getMessage());
        }
      }
      columns.put(
          new PageIndex.Key(request.group().index(), request.column().name()),
          new ColumnPageIndex(locations, request.group().numRows(), statistics));
    }
    return new PageIndex(columns, ignored);
  }

  private static PageIndexParser.Locations locations(ByteSlice bytes, ByteRange range) {
    return PageIndexParser.offsetIndex(
        bytes.array(), bytes.offset(), bytes.end(), range.offset() - bytes.offset());
  }

  /** Pages at row 0 first, rows ascending within the row group, bytes in order inside the chunk. */
  private static void check(PageIndexParser.Locations pages, ColumnChunkMetadata chunk, long rows) {
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
  }

  private static ColumnStatistics[] statistics(
      PageIndexParser.PageBounds raw,
      PageIndexParser.Locations locations,
      long rows,
      ColumnDescriptor column,
      int order) {
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
      if (utf8 && !(validUtf8(min) && validUtf8(max))) {
        min = null;
        max = null;
      }
      Statistics bounds =
          switch (order) {
            case ThriftFooter.ORDER_TYPE_DEFINED -> new Statistics(null, null, nulls, max, min);
            case NO_ORDER -> new Statistics(max, min, nulls, null, null); // legacy signed order
            default -> new Statistics(null, null, nulls, null, null); // an order Buzz lacks
          };
      statistics[page] = StatisticsDecoder.decode(bounds, column);
    }
    return statistics;
  }

  private static boolean validUtf8(byte[] bytes) {
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes));
      return true;
    } catch (CharacterCodingException e) {
      return false; // a bound that is no string: no bound
    }
  }
}
