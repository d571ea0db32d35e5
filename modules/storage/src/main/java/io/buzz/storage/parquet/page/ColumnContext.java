package io.buzz.storage.parquet.page;

import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import io.buzz.storage.parquet.metadata.MalformedParquetException;

/**
 * Where a column reader is, for error messages: the file, the column, the row group, and the page
 * being decoded (its index in the chunk and its file offset). Updated by the {@link PageReader};
 * single-threaded like the reader that owns it.
 */
public final class ColumnContext {
  private final String uri;
  private final String column;
  private final int rowGroup;
  private int pageIndex = -1;
  private long pageOffset = -1;

  public ColumnContext(String uri, String column, int rowGroup) {
    this.uri = uri;
    this.column = column;
    this.rowGroup = rowGroup;
  }

  /** Called by the {@link PageReader} as it starts reading a page. */
  public void page(int index, long fileOffset) {
    this.pageIndex = index;
    this.pageOffset = fileOffset;
  }

  public String column() {
    return column;
  }

  /** "file:///a.parquet, column 'x', row group 0, page 3 at byte offset 1234". */
  public String where() {
    StringBuilder where =
        new StringBuilder(uri).append(", column '").append(column).append("', row group ");
    where.append(rowGroup);
    if (pageIndex >= 0) {
      where.append(", page ").append(pageIndex).append(" at byte offset ").append(pageOffset);
    }
    return where.toString();
  }

  /** BAD_QUERY: corrupt data here. */
  public BuzzException corrupt(String message) {
    return MalformedParquetException.corrupt(where(), message);
  }

  /** BAD_QUERY: corrupt data here, found by a low-level decoder. */
  public BuzzException corrupt(MalformedParquetException e) {
    return MalformedParquetException.corrupt(where(), e.getMessage(), e);
  }

  /** UNSUPPORTED: valid data here that this reader does not decode. */
  public BuzzException unsupported(String message) {
    return new BuzzException(
        ErrorCode.UNSUPPORTED,
        where() + ": " + message + " (Buzz's Parquet reader does not decode it yet)");
  }
}
