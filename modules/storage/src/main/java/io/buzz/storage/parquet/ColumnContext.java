package io.buzz.storage.parquet;

import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;

/**
 * Where a column reader is, for error messages: the file, the column, the row group, and the page
 * being decoded (its index in the chunk and its file offset). Updated by the {@link PageReader};
 * single-threaded like the reader that owns it.
 */
final class ColumnContext {
  private final String uri;
  private final String column;
  private final int rowGroup;
  private int pageIndex = -1;
  private long pageOffset = -1;

  ColumnContext(String uri, String column, int rowGroup) {
    this.uri = uri;
    this.column = column;
    this.rowGroup = rowGroup;
  }

  void page(int index, long fileOffset) {
    this.pageIndex = index;
    this.pageOffset = fileOffset;
  }

  String column() {
    return column;
  }

  /** "file:///a.parquet, column 'x', row group 0, page 3 at byte offset 1234". */
  String where() {
    StringBuilder where =
        new StringBuilder(uri).append(", column '").append(column).append("', row group ");
    where.append(rowGroup);
    if (pageIndex >= 0) {
      where.append(", page ").append(pageIndex).append(" at byte offset ").append(pageOffset);
    }
    return where.toString();
  }

  BuzzException corrupt(String message) {
    return new BuzzException(
        ErrorCode.BAD_QUERY, "corrupt Parquet file " + where() + ": " + message);
  }

  BuzzException corrupt(MalformedParquetException e) {
    return new BuzzException(
        ErrorCode.BAD_QUERY, "corrupt Parquet file " + where() + ": " + e.getMessage(), e);
  }

  BuzzException unsupported(String message) {
    return new BuzzException(
        ErrorCode.UNSUPPORTED,
        where() + ": " + message + " (Buzz's Parquet reader does not decode it yet)");
  }
}
