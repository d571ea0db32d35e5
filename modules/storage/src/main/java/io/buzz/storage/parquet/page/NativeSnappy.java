package io.buzz.storage.parquet.page;

import io.buzz.storage.parquet.metadata.MalformedParquetException;
import java.io.IOException;
import org.xerial.snappy.Snappy;

/**
 * Snappy decompression in native code (snappy-java's bundled library), about 1.7 times
 * aircompressor's Java decoder on this reader's pages; {@link #AVAILABLE} is false where the
 * library cannot load (an unknown platform, no writable temporary directory), and callers use the
 * Java decoder then.
 */
final class NativeSnappy {
  /** Whether the native library loaded. */
  static final boolean AVAILABLE = load();

  private NativeSnappy() {}

  private static boolean load() {
    try {
      return Snappy.uncompressedLength(new byte[] {0}) == 0;
    } catch (IOException | LinkageError | RuntimeException e) {
      return false;
    }
  }

  /**
   * Decompresses {@code in[inOff, inOff + inLen)} into {@code out[0, outLen)}, after checking that
   * the data declares exactly {@code outLen} bytes (the native decoder writes no more than
   * declared).
   *
   * @return the bytes produced
   * @throws MalformedParquetException when the data declares another size or does not decompress
   */
  static int decompress(byte[] in, int inOff, int inLen, byte[] out, int outLen) {
    try {
      int declared = Snappy.uncompressedLength(in, inOff, inLen);
      if (declared != outLen || outLen > out.length) {
        throw new MalformedParquetException(
            "SNAPPY data declares " + declared + " bytes, the page header " + outLen);
      }
      return Snappy.rawUncompress(in, inOff, inLen, out, 0);
    } catch (IOException e) {
      throw new MalformedParquetException("SNAPPY data does not decompress: " + e.getMessage(), e);
    }
  }
}
