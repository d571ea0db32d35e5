package io.buzz.storage.parquet.metadata;

/**
 * A chunk's OffsetIndex, as read: data page {@code i} is {@code sizes[i]} bytes at file offset
 * {@code offsets[i]} and starts at row {@code firstRows[i]} of the row group. The arrays are owned
 * by this record and never modified after {@link PageIndexDecoder} checked them.
 */
public record PageLocations(long[] offsets, int[] sizes, long[] firstRows) {
  public int pageCount() {
    return offsets.length;
  }
}
