package io.buzz.storage.parquet;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * One row group of a Parquet file.
 *
 * @param index the row group's position in the file, from 0
 * @param numRows rows in the row group
 * @param totalByteSize uncompressed bytes of all its column data, as the writer recorded
 * @param chunks one entry per leaf column, in file schema order
 */
public record RowGroupMetadata(
    int index, long numRows, long totalByteSize, List<ColumnChunkMetadata> chunks) {
  public RowGroupMetadata {
    chunks = List.copyOf(requireNonNull(chunks, "chunks is null"));
  }

  /** The chunk of top-level column {@code name}; empty for unknown or nested columns. */
  public Optional<ColumnChunkMetadata> chunk(String name) {
    for (ColumnChunkMetadata chunk : chunks) {
      if (chunk.path().equals(name)) {
        return Optional.of(chunk);
      }
    }
    return Optional.empty();
  }

  /** Compressed bytes of all chunks: what reading the whole row group fetches. */
  public long compressedSize() {
    long size = 0;
    for (ColumnChunkMetadata chunk : chunks) {
      size += chunk.totalCompressedSize();
    }
    return size;
  }
}
