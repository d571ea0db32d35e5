package io.buzz.storage.parquet;

import static java.util.Objects.requireNonNull;

import io.buzz.kernels.batch.RowRanges;
import io.buzz.storage.parquet.column.ColumnChunk;
import io.buzz.storage.parquet.page.PageRun;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fetched bytes of some column chunks of one row group, and the rows to decode from them: the
 * output of {@link ParquetFileReader#fetch} and the input of {@link RowGroupDecoder}.
 *
 * <p>Holds heap buffers only (no Arrow memory), so it needs no closing; it is immutable and may be
 * handed from the event loop that fetched it to the worker thread that decodes it.
 */
public final class RowGroupChunks {
  private final String uri;
  private final RowGroupMetadata rowGroup;
  private final RowRanges rows;
  private final int pagesSkipped;
  private final Map<String, ColumnChunk> chunks;

  RowGroupChunks(
      String uri,
      RowGroupMetadata rowGroup,
      RowRanges rows,
      int pagesSkipped,
      List<ColumnChunk> chunks) {
    this.uri = requireNonNull(uri, "uri is null");
    this.rowGroup = requireNonNull(rowGroup, "rowGroup is null");
    this.rows = requireNonNull(rows, "rows is null");
    this.pagesSkipped = pagesSkipped;
    this.chunks = new LinkedHashMap<>();
    for (ColumnChunk chunk : chunks) {
      this.chunks.put(chunk.descriptor().name(), chunk);
    }
  }

  /** The file the chunks come from. */
  public String uri() {
    return uri;
  }

  public RowGroupMetadata rowGroup() {
    return rowGroup;
  }

  /** The rows to decode: every row of the row group unless a page index narrowed them. */
  public RowRanges rows() {
    return rows;
  }

  /**
   * Data pages of the fetched columns that were left out because they hold none of {@link #rows}.
   */
  public int pagesSkipped() {
    return pagesSkipped;
  }

  /** The fetched columns, in the order they were asked for. */
  public List<String> columnNames() {
    return new ArrayList<>(chunks.keySet());
  }

  /** Compressed bytes held. */
  public long sizeInBytes() {
    long size = 0;
    for (ColumnChunk chunk : chunks.values()) {
      for (PageRun run : chunk.runs()) {
        size += run.bytes().length();
      }
    }
    return size;
  }

  /** The chunk of column {@code name}, or null when it was not fetched. */
  ColumnChunk chunk(String name) {
    return chunks.get(name);
  }
}
