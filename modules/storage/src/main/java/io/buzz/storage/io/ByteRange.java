package io.buzz.storage.io;

/**
 * A contiguous range of bytes of an object: {@code length} bytes starting at {@code offset}.
 *
 * @param offset the first byte, at least 0
 * @param length the number of bytes, at least 0
 */
public record ByteRange(long offset, int length) {
  public ByteRange {
    if (offset < 0) {
      throw new IllegalArgumentException("offset is negative: " + offset);
    }
    if (length < 0) {
      throw new IllegalArgumentException("length is negative: " + length);
    }
  }

  /** The offset one past the last byte. */
  public long end() {
    return offset + length;
  }

  @Override
  public String toString() {
    return "[" + offset + ", " + end() + ")";
  }
}
