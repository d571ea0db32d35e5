package io.buzz.cli.format.parquet;

import io.airlift.compress.snappy.SnappyCompressor;
import io.buzz.storage.parquet.metadata.ParquetCodec;
import java.util.Arrays;

/** The page compressions this writer offers, with the Parquet codec each is written as. */
public enum ParquetCompression {
  UNCOMPRESSED(ParquetCodec.UNCOMPRESSED),
  /** aircompressor's Snappy, in Java: no native library to load on the user's machine. */
  SNAPPY(ParquetCodec.SNAPPY);

  private final ParquetCodec codec;

  ParquetCompression(ParquetCodec codec) {
    this.codec = codec;
  }

  ParquetCodec codec() {
    return codec;
  }

  /** A compressor for one writer (compressors keep state: not to be shared between threads). */
  Compressor compressor() {
    return switch (this) {
      case UNCOMPRESSED -> (bytes, length) -> Arrays.copyOf(bytes, length);
      case SNAPPY -> new Snappy();
    };
  }

  /** Compresses page bodies. */
  interface Compressor {
    /** The compressed form of {@code bytes[0, length)}, in a new array of exactly its size. */
    byte[] compress(byte[] bytes, int length);
  }

  private static final class Snappy implements Compressor {
    private final SnappyCompressor snappy = new SnappyCompressor();
    private byte[] buffer = new byte[0];

    @Override
    public byte[] compress(byte[] bytes, int length) {
      int max = snappy.maxCompressedLength(length);
      if (buffer.length < max) {
        buffer = new byte[max];
      }
      int size = snappy.compress(bytes, 0, length, buffer, 0, max);
      return Arrays.copyOf(buffer, size);
    }
  }
}
