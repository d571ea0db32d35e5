package io.buzz.storage.parquet.metadata;

/** Parquet's page compression codecs, with their Thrift ids and whether this reader has them. */
public enum ParquetCodec {
  UNCOMPRESSED(0, true),
  SNAPPY(1, true),
  GZIP(2, true),
  LZO(3, false),
  BROTLI(4, true),
  /**
   * Deprecated: LZ4 blocks in Hadoop's framing, or (old parquet-cpp) plain LZ4_RAW under this id;
   * read as either, like Arrow's reader. Writers now use LZ4_RAW.
   */
  LZ4(5, true),
  ZSTD(6, true),
  LZ4_RAW(7, true);

  private final int id;
  private final boolean supported;

  ParquetCodec(int id, boolean supported) {
    this.id = id;
    this.supported = supported;
  }

  public int id() {
    return id;
  }

  public boolean supported() {
    return supported;
  }

  /** The codec with Thrift id {@code id}, or {@code null} when the id is unknown. */
  static ParquetCodec fromId(int id) {
    for (ParquetCodec codec : values()) {
      if (codec.id == id) {
        return codec;
      }
    }
    return null;
  }
}
