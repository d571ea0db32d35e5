package io.buzz.cli.format.parquet;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.apache.arrow.memory.ArrowBuf;

/** A heap byte buffer that grows as it is appended to, with little-endian numbers (PLAIN). */
final class GrowableBytes {
  private static final VarHandle INT =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private byte[] bytes;
  private int size;

  GrowableBytes(int capacity) {
    bytes = new byte[capacity];
  }

  int size() {
    return size;
  }

  /** The backing array; valid up to {@link #size()} until the next append. */
  byte[] array() {
    return bytes;
  }

  void clear() {
    size = 0;
  }

  void put(int b) {
    ensure(1);
    bytes[size++] = (byte) b;
  }

  void putInt(int value) {
    ensure(4);
    INT.set(bytes, size, value);
    size += 4;
  }

  void putLong(long value) {
    ensure(8);
    LONG.set(bytes, size, value);
    size += 8;
  }

  void put(byte[] source, int offset, int length) {
    ensure(length);
    System.arraycopy(source, offset, bytes, size, length);
    size += length;
  }

  void put(ArrowBuf source, long offset, int length) {
    ensure(length);
    source.getBytes(offset, bytes, size, length);
    size += length;
  }

  /** Sets bit {@code index} (LSB first) of the bytes already appended. */
  void setBit(long index) {
    bytes[(int) (index >>> 3)] |= (byte) (1 << (index & 7));
  }

  static int getInt(byte[] bytes, int offset) {
    return (int) INT.get(bytes, offset);
  }

  static long getLong(byte[] bytes, int offset) {
    return (long) LONG.get(bytes, offset);
  }

  /** A Parquet ULEB128 varint. */
  void putVarint(long value) {
    long rest = value;
    while ((rest & ~0x7FL) != 0) {
      put((int) (rest & 0x7F | 0x80));
      rest >>>= 7;
    }
    put((int) rest);
  }

  private void ensure(int more) {
    if (size + more > bytes.length) {
      long wanted = Math.max((long) bytes.length * 2, (long) size + more);
      if (wanted > Integer.MAX_VALUE - 16) {
        throw new IllegalStateException("a Parquet page cannot hold " + wanted + " bytes");
      }
      bytes = Arrays.copyOf(bytes, (int) wanted);
    }
  }
}
