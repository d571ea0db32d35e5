package io.buzz.storage.parquet;

import io.buzz.storage.io.ByteRange;
import io.buzz.storage.parquet.page.ByteSlice;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** Byte ranges of a file served from bytes already read (a tail read, or a small file whole). */
final class TailSlices {
  private TailSlices() {}

  /**
   * {@code ranges} as slices of {@code bytes}, which hold the file from {@code offset}, when they
   * all lie there; else null (read them).
   */
  static List<ByteBuffer> slices(ByteSlice bytes, long offset, List<ByteRange> ranges) {
    if (bytes == null) {
      return null;
    }
    List<ByteBuffer> slices = new ArrayList<>(ranges.size());
    for (ByteRange range : ranges) {
      if (range.offset() < offset || range.end() > offset + bytes.length()) {
        return null;
      }
      int at = bytes.offset() + (int) (range.offset() - offset);
      slices.add(ByteBuffer.wrap(bytes.array(), at, range.length()).slice());
    }
    return slices;
  }
}
