package io.buzz.storage.parquet.page;

import java.nio.ByteBuffer;

/** Bytes {@code [offset, offset + length)} of an array: how decoders see a fetched buffer. */
public record ByteSlice(byte[] array, int offset, int length) {
  /** The buffer's remaining bytes; no copy when it is backed by an accessible array. */
  public static ByteSlice of(ByteBuffer buffer) {
    if (buffer.hasArray() && !buffer.isReadOnly()) {
      return new ByteSlice(
          buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.remaining());
    }
    byte[] copy = new byte[buffer.remaining()];
    buffer.duplicate().get(copy);
    return new ByteSlice(copy, 0, copy.length);
  }

  public int end() {
    return offset + length;
  }
}
