package io.buzz.storage.parquet.column;

import static java.util.Objects.requireNonNull;

import io.buzz.storage.parquet.ColumnChunkMetadata;
import io.buzz.storage.parquet.metadata.ColumnDescriptor;
import io.buzz.storage.parquet.page.PageRun;
import java.util.List;

/**
 * One fetched column chunk: the column, its chunk's metadata and its bytes, as runs of whole pages
 * in file order (one run for the whole chunk). Heap bytes only; immutable.
 */
public record ColumnChunk(
    ColumnDescriptor descriptor, ColumnChunkMetadata metadata, List<PageRun> runs) {
  public ColumnChunk {
    requireNonNull(descriptor, "descriptor is null");
    requireNonNull(metadata, "metadata is null");
    runs = List.copyOf(runs);
  }
}
