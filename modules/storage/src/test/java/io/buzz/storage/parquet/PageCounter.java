package io.buzz.storage.parquet;

import io.buzz.storage.parquet.column.ColumnChunk;
import io.buzz.storage.parquet.page.ColumnContext;
import io.buzz.storage.parquet.page.Page;
import io.buzz.storage.parquet.page.PageReader;

/** Counts the data pages of a fetched chunk, to check a test file has the shape a test needs. */
final class PageCounter {
  private PageCounter() {}

  static int dataPages(RowGroupChunks chunks, String column) {
    ColumnChunk chunk = chunks.chunk(column);
    PageReader pages =
        new PageReader(
            chunk.runs(),
            chunk.metadata().codec(),
            chunk.descriptor().maxDefinitionLevel(),
            chunk.metadata().numValues(),
            new ColumnContext(chunks.uri(), column, 0));
    int count = 0;
    for (Page page = pages.next(); page != null; page = pages.next()) {
      if (!page.dictionary()) {
        count++;
      }
    }
    return count;
  }
}
