package io.buzz.storage.parquet;

import java.nio.ByteBuffer;

/** Bytes {@code [offset, offset + length)} of an array: how decoders see a fetched buffer. */
record ByteSlice(byte[] array, int offset, int length) {
  /** The buffer's remaining bytes; no copy when it is backed by an accessible array. */
  static ByteSlice of(ByteBuffer buffer) {
    if (buffer.hasArray() && !buffer.isReadOnly()) {
      return new ByteSlice(
          buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.remaining());
    }
    byte[] copy = new byte[buffer.remaining()];
    buffer.duplicate().get(copy);
    return new ByteSlice(copy, 0, copy.length);
  }

  int end() {
    return offset + length;
  }
}
