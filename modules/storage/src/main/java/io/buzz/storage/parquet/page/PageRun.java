package io.buzz.storage.parquet.page;

import static java.util.Objects.requireNonNull;

/**
 * Adjacent pages of a column chunk as fetched, and where they lie: bytes at file offset {@code
 * fileOffset}, their data pages starting at row {@code firstRow} of the row group, their rows
 * ending at {@code endRow} (-1 when not known in advance, for a whole chunk). A chunk is one run
 * when fetched whole, or the dictionary and runs of data pages a page index chose.
 */
public record PageRun(ByteSlice bytes, long fileOffset, long firstRow, long endRow) {
  public PageRun {
    requireNonNull(bytes, "bytes is null");
  }
}
