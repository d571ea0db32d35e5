package io.buzz.storage.parquet.page;

import io.airlift.compress.Decompressor;
import io.airlift.compress.lz4.Lz4Decompressor;
import io.airlift.compress.snappy.SnappyDecompressor;
import io.airlift.compress.zstd.ZstdDecompressor;
import io.buzz.storage.parquet.metadata.MalformedParquetException;
import io.buzz.storage.parquet.metadata.ParquetCodec;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.zip.GZIPInputStream;

/**
 * Decompresses page bodies: Snappy natively ({@link NativeSnappy}, else aircompressor's Java
 * decoder), ZSTD and LZ4 with aircompressor's pure-Java codecs, GZIP (concatenated members too)
 * from {@code java.util.zip}, Brotli with Google's decoder. One instance per column reader (the
 * aircompressor decompressors keep state and are not thread-safe). Output must have exactly the
 * size the page header promises.
 *
 * <p>The deprecated LZ4 codec id is read as Hadoop's framing (blocks of {@code [4-byte big-endian
 * decompressed size][4-byte big-endian compressed size][LZ4 block]}) and, when the data is not
 * framed that way, as one raw LZ4 block: old parquet-cpp versions wrote raw blocks under that id.
 * Arrow's C++ reader does the same.
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
          case LZ4_RAW, LZ4 -> new Lz4Decompressor();
          case UNCOMPRESSED, GZIP, BROTLI -> null;
          case LZO -> throw new IllegalArgumentException("unsupported codec " + codec);
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
        produced =
            drain(new GZIPInputStream(new ByteArrayInputStream(in, inOff, inLen)), out, outLen);
      } else if (codec == ParquetCodec.BROTLI) {
        produced =
            drain(
                new org.brotli.dec.BrotliInputStream(new ByteArrayInputStream(in, inOff, inLen)),
                out,
                outLen);
      } else if (codec == ParquetCodec.LZ4) {
        produced = hadoopLz4(in, inOff, inLen, out, outLen);
        if (produced < 0) {
          produced = decompressor.decompress(in, inOff, inLen, out, 0, outLen);
        }
      } else if (codec == ParquetCodec.SNAPPY && NativeSnappy.AVAILABLE) {
        produced = NativeSnappy.decompress(in, inOff, inLen, out, outLen);
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

  /** Reads a decompressing stream into {@code out}; more than {@code outLen} bytes is an error. */
  private int drain(java.io.InputStream stream, byte[] out, int outLen) throws IOException {
    try (stream) {
      int produced = stream.readNBytes(out, 0, outLen);
      if (produced == outLen && stream.read() != -1) {
        throw new MalformedParquetException(
            codec + " page decompresses to more than the " + outLen + " bytes its header says");
      }
      return produced;
    }
  }

  /**
   * Hadoop-framed LZ4 into {@code out}; -1 when the data is not framed that way (sizes that do not
   * add up, or a block that does not decompress to its stated size), so the caller can try one raw
   * block.
   */
  private int hadoopLz4(byte[] in, int inOff, int inLen, byte[] out, int outLen) {
    int position = inOff;
    int end = inOff + inLen;
    int produced = 0;
    while (end - position >= 8) {
      int decompressedSize = bigEndianInt(in, position);
      int compressedSize = bigEndianInt(in, position + 4);
      position += 8;
      if (decompressedSize < 0
          || compressedSize < 0
          || compressedSize > end - position
          || decompressedSize > outLen - produced) {
        return -1;
      }
      try {
        int block =
            decompressor.decompress(in, position, compressedSize, out, produced, decompressedSize);
        if (block != decompressedSize) {
          return -1;
        }
      } catch (RuntimeException e) {
        return -1; // not a framed block; the caller reads the page as one raw block
      }
      position += compressedSize;
      produced += decompressedSize;
    }
    return position == end && produced == outLen ? produced : -1;
  }

  private static int bigEndianInt(byte[] bytes, int offset) {
    return (bytes[offset] & 0xff) << 24
        | (bytes[offset + 1] & 0xff) << 16
        | (bytes[offset + 2] & 0xff) << 8
        | (bytes[offset + 3] & 0xff);
  }
}
