package io.buzz.storage.parquet.metadata;

import static io.buzz.storage.parquet.metadata.CompactReader.STOP;

/**
 * Decodes the two halves of a column chunk's page index (Thrift compact, field ids per {@code
 * parquet.thrift}): the OffsetIndex, where each data page lies and its first row, and the
 * ColumnIndex, each page's bounds and null count. Only the shape is checked here; whether the
 * values fit the chunk is {@link PageIndexDecoder}'s job.
 */
final class PageIndexParser {
  private PageIndexParser() {}

  /**
   * A ColumnIndex, raw: bounds as stored (meaningless where {@code nullPages[i]}); {@code
   * nullCounts} is null when not written.
   */
  record PageBounds(boolean[] nullPages, byte[][] mins, byte[][] maxes, long[] nullCounts) {}

  /**
   * @throws MalformedParquetException when the bytes are not an OffsetIndex
   */
  static PageLocations offsetIndex(byte[] buf, int pos, int end, long fileOffset) {
    CompactReader in = new CompactReader(buf, pos, end, fileOffset);
    PageLocations locations = null;
    in.beginStruct();
    for (int type; (type = in.readFieldHeader()) != STOP; ) {
      if (in.fieldId() == 1) {
        int size = in.readListHeader(type);
        if (in.listElementType() != CompactReader.STRUCT) {
          throw in.malformed("page_locations is not a list of structs");
        }
        locations = new PageLocations(new long[size], new int[size], new long[size]);
        for (int i = 0; i < size; i++) {
          pageLocation(in, locations, i);
        }
      } else {
        in.skip(type);
      }
    }
    in.endStruct();
    if (locations == null) {
      throw in.malformed("OffsetIndex without page_locations");
    }
    return locations;
  }

  private static void pageLocation(CompactReader in, PageLocations into, int page) {
    long offset = -1;
    int size = -1;
    long firstRow = -1;
    in.beginStruct();
    for (int type; (type = in.readFieldHeader()) != STOP; ) {
      switch (in.fieldId()) {
        case 1 -> offset = in.readI64(type);
        case 2 -> size = in.readI32(type);
        case 3 -> firstRow = in.readI64(type);
        default -> in.skip(type);
      }
    }
    in.endStruct();
    if (offset < 0 || size < 0 || firstRow < 0) {
      throw in.malformed("PageLocation " + page + " lacks its offset, size or first row");
    }
    into.offsets()[page] = offset;
    into.sizes()[page] = size;
    into.firstRows()[page] = firstRow;
  }

  /**
   * @throws MalformedParquetException when the bytes are not a ColumnIndex
   */
  static PageBounds columnIndex(byte[] buf, int pos, int end, long fileOffset) {
    CompactReader in = new CompactReader(buf, pos, end, fileOffset);
    boolean[] nullPages = null;
    byte[][] mins = null;
    byte[][] maxes = null;
    long[] nullCounts = null;
    in.beginStruct();
    for (int type; (type = in.readFieldHeader()) != STOP; ) {
      switch (in.fieldId()) {
        case 1 -> {
          nullPages = new boolean[in.readListHeader(type)];
          for (int i = 0; i < nullPages.length; i++) {
            nullPages[i] = in.readBoolElement();
          }
        }
        case 2 -> mins = binaries(in, type);
        case 3 -> maxes = binaries(in, type);
        case 5 -> {
          nullCounts = new long[in.readListHeader(type)];
          for (int i = 0; i < nullCounts.length; i++) {
            nullCounts[i] = in.readI64Element();
          }
        }
        default -> in.skip(type); // boundary_order (4), level histograms, NaN counts
      }
    }
    in.endStruct();
    if (nullPages == null || mins == null || maxes == null) {
      throw in.malformed("ColumnIndex lacks null_pages, min_values or max_values");
    }
    int pages = nullPages.length;
    if (mins.length != pages
        || maxes.length != pages
        || nullCounts != null && nullCounts.length != pages) {
      throw in.malformed(
          "ColumnIndex lists disagree on the page count: "
              + pages
              + " null_pages, "
              + mins.length
              + " min_values, "
              + maxes.length
              + " max_values"
              + (nullCounts == null ? "" : ", " + nullCounts.length + " null_counts"));
    }
    return new PageBounds(nullPages, mins, maxes, nullCounts);
  }

  private static byte[][] binaries(CompactReader in, int type) {
    byte[][] values = new byte[in.readListHeader(type)][];
    for (int i = 0; i < values.length; i++) {
      values[i] = in.readBinaryElement();
    }
    return values;
  }
}
