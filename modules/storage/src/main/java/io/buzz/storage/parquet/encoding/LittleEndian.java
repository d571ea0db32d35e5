package io.buzz.storage.parquet.encoding;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Objects;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.util.MemoryUtil;

/**
 * Little-endian reads from byte arrays (Parquet's PLAIN values are little-endian) and bulk writes
 * of primitive arrays into Arrow buffers (Arrow is little-endian on every platform Buzz runs on).
 */
public final class LittleEndian {
  private static final VarHandle INT =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

  /**
   * Eight bytes of a {@code byte[]} as one little-endian long: {@code (long) LONG.get(bytes, at)}.
   */
  public static final VarHandle LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private LittleEndian() {}

  public static int getInt(byte[] buf, int at) {
    return (int) INT.get(buf, at);
  }

  public static long getLong(byte[] buf, int at) {
    return (long) LONG.get(buf, at);
  }

  public static void putLong(byte[] buf, int at, long value) {
    LONG.set(buf, at, value);
  }

  /**
   * Copies {@code src[0, n)} to the buffer's 4-byte slots {@code [index, index + n)}: one bounds
   * check, then stores to the buffer's memory. (A {@code ByteBuffer} view of the buffer, the
   * obvious bulk copy, costs a reflective {@code DirectByteBuffer} construction per call: most of
   * the copy's time in a profile of the bench's scans.)
   */
  public static void putInts(ArrowBuf buf, int index, int[] src, int n) {
    Objects.checkFromIndexSize(0, n, src.length);
    long address = checkedAddress(buf, index, n, 4);
    for (int i = 0; i < n; i++) {
      MemoryUtil.putInt(address + 4L * i, src[i]);
    }
  }

  /** Copies {@code src[0, n)} to the buffer's 8-byte slots {@code [index, index + n)}. */
  public static void putLongs(ArrowBuf buf, int index, long[] src, int n) {
    Objects.checkFromIndexSize(0, n, src.length);
    long address = checkedAddress(buf, index, n, 8);
    for (int i = 0; i < n; i++) {
      MemoryUtil.putLong(address + 8L * i, src[i]);
    }
  }

  private static long checkedAddress(ArrowBuf buf, int index, int n, int width) {
    long start = (long) index * width;
    if (index < 0 || n < 0 || start + (long) n * width > buf.capacity()) {
      throw new IndexOutOfBoundsException(
          "slots ["
              + index
              + ", "
              + ((long) index + n)
              + ") of "
              + width
              + " bytes outside a buffer of "
              + buf.capacity()
              + " bytes");
    }
    buf.checkBytes(start, start + (long) n * width); // a released buffer, where Arrow checks
    // MemoryUtil stores in the platform's order: little-endian, as Arrow assumes everywhere.
    return buf.memoryAddress() + start;
  }
}
