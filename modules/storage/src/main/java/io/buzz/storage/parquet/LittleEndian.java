package io.buzz.storage.parquet;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import org.apache.arrow.memory.ArrowBuf;

/**
 * Little-endian reads from byte arrays (Parquet PLAIN is little-endian) and bulk writes of
 * primitive arrays into Arrow buffers (Arrow is little-endian on every platform Buzz runs on).
 */
final class LittleEndian {
  static final VarHandle INT =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  static final VarHandle LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  static final VarHandle DOUBLE =
      MethodHandles.byteArrayViewVarHandle(double[].class, ByteOrder.LITTLE_ENDIAN);

  private LittleEndian() {}

  static int getInt(byte[] buf, int at) {
    return (int) INT.get(buf, at);
  }

  static long getLong(byte[] buf, int at) {
    return (long) LONG.get(buf, at);
  }

  static double getDouble(byte[] buf, int at) {
    return (double) DOUBLE.get(buf, at);
  }

  /** Copies {@code src[0, n)} to the buffer's 4-byte slots {@code [index, index + n)}. */
  static void putInts(ArrowBuf buf, int index, int[] src, int n) {
    if (n > 0) {
      buf.nioBuffer((long) index * 4, n * 4)
          .order(ByteOrder.LITTLE_ENDIAN)
          .asIntBuffer()
          .put(src, 0, n);
    }
  }

  /** Copies {@code src[0, n)} to the buffer's 8-byte slots {@code [index, index + n)}. */
  static void putLongs(ArrowBuf buf, int index, long[] src, int n) {
    if (n > 0) {
      buf.nioBuffer((long) index * 8, n * 8)
          .order(ByteOrder.LITTLE_ENDIAN)
          .asLongBuffer()
          .put(src, 0, n);
    }
  }

  /** Copies {@code src[0, n)} to the buffer's 8-byte slots {@code [index, index + n)}. */
  static void putDoubles(ArrowBuf buf, int index, double[] src, int n) {
    if (n > 0) {
      buf.nioBuffer((long) index * 8, n * 8)
          .order(ByteOrder.LITTLE_ENDIAN)
          .asDoubleBuffer()
          .put(src, 0, n);
    }
  }
}
