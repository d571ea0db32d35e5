package io.buzz.storage.parquet;

import io.airlift.compress.Decompressor;
import io.airlift.compress.lz4.Lz4Decompressor;
import io.airlift.compress.snappy.SnappyDecompressor;
import io.airlift.compress.zstd.ZstdDecompressor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.zip.GZIPInputStream;

/**
 * Decompresses page bodies with pure-Java codecs: Snappy, ZSTD and LZ4_RAW from aircompressor, GZIP
 * from {@code java.util.zip}. One instance per column reader (the aircompressor decompressors keep
 * state and are not thread-safe). Output must have exactly the size the page header promises.
 */
final class PageDecompressor {
  private final ParquetCodec codec;
  private final Decompressor decompressor;

  /**
   * @throws IllegalArgumentException for a codec without {@link ParquetCodec#supported()}
   */
  PageDecompressor(ParquetCodec codec) {
    this.codec = codec;
    this.decompressor =
        switch (codec) {
          case SNAPPY -> new SnappyDecompressor();
          case ZSTD -> new ZstdDecompressor();
          case LZ4_RAW -> new Lz4Decompressor();
          case UNCOMPRESSED, GZIP -> null;
          case LZO, BROTLI, LZ4 -> throw new IllegalArgumentException("unsupported codec " + codec);
        };
  }

  /**
   * Decompresses {@code in[inOff, inOff + inLen)} into {@code out[0, outLen)}.
   *
   * @throws MalformedParquetException when the data does not decompress to exactly {@code outLen}
   */
  void decompress(byte[] in, int inOff, int inLen, byte[] out, int outLen) {
    int produced;
    try {
      if (codec == ParquetCodec.GZIP) {
        produced = gunzip(in, inOff, inLen, out, outLen);
      } else if (codec == ParquetCodec.UNCOMPRESSED) {
        if (inLen != outLen) {
          throw new MalformedParquetException(
              "uncompressed page has " + inLen + " bytes but its header says " + outLen);
        }
        System.arraycopy(in, inOff, out, 0, inLen);
        produced = inLen;
      } else {
        produced = decompressor.decompress(in, inOff, inLen, out, 0, outLen);
      }
    } catch (MalformedParquetException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new MalformedParquetException(
          codec + " data does not decompress: " + e.getMessage(), e);
    }
    if (produced != outLen) {
      throw new MalformedParquetException(
          codec + " page decompressed to " + produced + " bytes, its header says " + outLen);
    }
  }

  private static int gunzip(byte[] in, int inOff, int inLen, byte[] out, int outLen)
      throws IOException {
    try (GZIPInputStream gzip = new GZIPInputStream(new ByteArrayInputStream(in, inOff, inLen))) {
      int produced = gzip.readNBytes(out, 0, outLen);
      if (produced == outLen && gzip.read() != -1) {
        throw new MalformedParquetException(
            "GZIP page decompresses to more than the " + outLen + " bytes its header says");
      }
      return produced;
    }
  }
}
