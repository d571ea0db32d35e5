package io.buzz.storage.parquet;

import java.util.List;

/**
 * The page index of a {@link HandmadeParquet} chunk: an OffsetIndex from the pages it wrote and a
 * ColumnIndex from bounds a test gives, encoded as {@code parquet.thrift} says.
 */
final class HandmadePageIndex {
  private HandmadePageIndex() {}

  /** Where a data page was written: file offset, bytes (header included), first row. */
  record Location(long offset, int size, long firstRow) {}

  /**
   * One page's ColumnIndex entry: bounds as PLAIN bytes (without a length prefix), or a page of
   * only NULLs; {@code nulls} -1 leaves the null counts out (of every page).
   */
  record PageBounds(boolean nullPage, byte[] min, byte[] max, long nulls) {
    static PageBounds of(byte[] min, byte[] max, long nulls) {
      return new PageBounds(false, min, max, nulls);
    }

    static PageBounds onlyNulls(long nulls) {
      return new PageBounds(true, new byte[0], new byte[0], nulls);
    }
  }

  static byte[] offsetIndex(List<Location> pages) {
    CompactWriter out = new CompactWriter().beginStruct();
    out.list(1, CompactWriter.STRUCT, pages.size());
    for (Location page : pages) {
      out.beginStruct().i64(1, page.offset()).i32(2, page.size()).i64(3, page.firstRow());
      out.endStruct();
    }
    return out.endStruct().toByteArray();
  }

  static byte[] columnIndex(List<PageBounds> pages) {
    CompactWriter out = new CompactWriter().beginStruct();
    out.list(1, CompactWriter.BOOLEAN_TRUE, pages.size());
    for (PageBounds page : pages) {
      out.rawBool(page.nullPage());
    }
    out.list(2, CompactWriter.BINARY, pages.size());
    for (PageBounds page : pages) {
      out.rawBinary(page.min());
    }
    out.list(3, CompactWriter.BINARY, pages.size());
    for (PageBounds page : pages) {
      out.rawBinary(page.max());
    }
    out.i32(4, 0); // boundary_order UNORDERED
    if (pages.stream().allMatch(page -> page.nulls() >= 0)) {
      out.list(5, CompactWriter.I64, pages.size());
      for (PageBounds page : pages) {
        out.rawI64(page.nulls());
      }
    }
    return out.endStruct().toByteArray();
  }
}
