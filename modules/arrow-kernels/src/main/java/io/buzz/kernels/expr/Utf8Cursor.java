package io.buzz.kernels.expr;

import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseVariableWidthVector;

/**
 * Reads the values of a UTF8 (or VARBINARY) vector one at a time into a reused byte array, for
 * kernels that work on a value's bytes: {@link #load} a row, then read {@link #bytes()} up to its
 * length. Also lends a second array of at least three times that length ({@link #scratch()}) for a
 * kernel's output, since case mapping can grow UTF-8 text by half. Not thread-safe: one per loop.
 */
public final class Utf8Cursor {
  private final ArrowBuf offsets;
  private final ArrowBuf data;
  private byte[] bytes = new byte[64];
  private byte[] scratch = new byte[192];

  public Utf8Cursor(BaseVariableWidthVector vector) {
    this.offsets = vector.getOffsetBuffer();
    this.data = vector.getDataBuffer();
  }

  /** Copies row {@code row}'s bytes into {@link #bytes()}; returns their length. */
  public int load(int row) {
    int start = offsets.getInt((long) row << 2);
    int length = offsets.getInt((long) (row + 1) << 2) - start;
    if (length > bytes.length) {
      bytes = new byte[Math.max(length, bytes.length * 2)];
      scratch = new byte[3 * bytes.length];
    }
    data.getBytes(start, bytes, 0, length);
    return length;
  }

  /** The last loaded value's bytes (valid up to the length {@link #load} returned). */
  public byte[] bytes() {
    return bytes;
  }

  /** An array of at least three times the last loaded length, for output. */
  public byte[] scratch() {
    return scratch;
  }
}
