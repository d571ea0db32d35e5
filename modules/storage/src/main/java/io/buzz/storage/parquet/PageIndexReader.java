package io.buzz.storage.parquet;

import io.buzz.storage.io.ByteRange;
import io.buzz.storage.io.ByteSource;
import io.buzz.storage.parquet.metadata.ColumnDescriptor;
import io.buzz.storage.parquet.metadata.Footer;
import io.buzz.storage.parquet.metadata.MalformedParquetException;
import io.buzz.storage.parquet.metadata.PageIndexDecoder;
import io.buzz.storage.parquet.metadata.PageLocations;
import io.buzz.storage.parquet.page.ByteSlice;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the page index of chosen column chunks for {@link ParquetFileReader#readPageIndex}.
 *
 * <pre>
 *   requests ──▶ OffsetIndex (+ ColumnIndex) ranges ──▶ bytes: from the footer's tail read when
 *   they lie in it, else one read spanning them all (or, when far apart, one coalesced list read)
 *   ──▶ PageIndexDecoder: parse, check against the chunk, decode page bounds ──▶ PageIndex
 * </pre>
 *
 * <p>Writers put every chunk's index between the last row group and the footer, so one read usually
 * covers a whole file's. An index that does not decode is left out and listed in {@link
 * PageIndex#ignored()}.
 */
final class PageIndexReader {
  /** Index bytes fetched in between wanted ones are worth one request up to this many. */
  static final int MAX_SPAN_GAP_BYTES = 1 << 20;

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
   * @param footer the file's footer, whose column orders say how to read page bounds
   */
  static Future<PageIndex> read(
      ByteSource source, ByteSlice tail, long tailOffset, List<Request> requests, Footer footer) {
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
        .map(bytes -> decode(source.uri(), indexed, bytes, footer));
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
      String uri, List<Request> requests, List<ByteSlice> bytes, Footer footer) {
    Map<PageIndex.Key, ColumnPageIndex> columns = new HashMap<>();
    List<String> ignored = new ArrayList<>();
    for (int i = 0; i < requests.size(); i++) {
      Request request = requests.get(i);
      ColumnChunkMetadata chunk = request.chunk();
      long rows = request.group().numRows();
      String where =
          uri
              + ": the page index of column '"
              + request.column().name()
              + "' in row group "
              + request.group().index();
      PageLocations locations;
      try {
        ByteSlice offsetIndex = bytes.get(2 * i);
        locations =
            PageIndexDecoder.offsetIndex(
                offsetIndex.array(),
                offsetIndex.offset(),
                offsetIndex.end(),
                chunk.offsetIndex().orElseThrow().offset() - offsetIndex.offset(),
                chunk,
                rows);
      } catch (MalformedParquetException e) {
        ignored.add(where + " is ignored: OffsetIndex " + e.getMessage());
        continue;
      }
      ColumnStatistics[] statistics = null;
      ByteSlice columnIndex = bytes.get(2 * i + 1);
      if (columnIndex != null) {
        try {
          statistics =
              PageIndexDecoder.columnIndex(
                  columnIndex.array(),
                  columnIndex.offset(),
                  columnIndex.end(),
                  chunk.columnIndex().orElseThrow().offset() - columnIndex.offset(),
                  locations,
                  rows,
                  request.column(),
                  footer);
        } catch (MalformedParquetException e) {
          ignored.add(where + ": its ColumnIndex is ignored: " + e.getMessage());
        }
      }
      columns.put(
          new PageIndex.Key(request.group().index(), request.column().name()),
          new ColumnPageIndex(locations, rows, statistics));
    }
    return new PageIndex(columns, ignored);
  }
}
