package io.buzz.storage.parquet.encoding;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import org.apache.arrow.memory.ArrowBuf;

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

  /** Copies {@code src[0, n)} to the buffer's 4-byte slots {@code [index, index + n)}. */
  public static void putInts(ArrowBuf buf, int index, int[] src, int n) {
    if (n > 0) {
      buf.nioBuffer((long) index * 4, n * 4)
          .order(ByteOrder.LITTLE_ENDIAN)
          .asIntBuffer()
          .put(src, 0, n);
    }
  }

  /** Copies {@code src[0, n)} to the buffer's 8-byte slots {@code [index, index + n)}. */
  public static void putLongs(ArrowBuf buf, int index, long[] src, int n) {
    if (n > 0) {
      buf.nioBuffer((long) index * 8, n * 8)
          .order(ByteOrder.LITTLE_ENDIAN)
          .asLongBuffer()
          .put(src, 0, n);
    }
  }
}
