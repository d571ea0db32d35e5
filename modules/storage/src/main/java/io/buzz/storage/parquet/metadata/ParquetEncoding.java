package io.buzz.storage.parquet.metadata;

/**
 * Parquet's value and level encodings, with their Thrift ids and whether this reader decodes them
 * as data page values.
 */
public enum ParquetEncoding {
  PLAIN(0, true),
  GROUP_VAR_INT(1, false),
  /** The dictionary encoding as named by format version 1 writers; same bytes as RLE_DICTIONARY. */
  PLAIN_DICTIONARY(2, true),
  /** The RLE/bit-packed hybrid; for values only BOOLEAN uses it. */
  RLE(3, true),
  BIT_PACKED(4, false),
  DELTA_BINARY_PACKED(5, true),
  DELTA_LENGTH_BYTE_ARRAY(6, true),
  DELTA_BYTE_ARRAY(7, true),
  RLE_DICTIONARY(8, true),
  BYTE_STREAM_SPLIT(9, true);

  private final int id;
  private final boolean supported;

  ParquetEncoding(int id, boolean supported) {
    this.id = id;
    this.supported = supported;
  }

  public int id() {
    return id;
  }

  /** Whether data pages with values in this encoding can be decoded (subject to type). */
  public boolean supported() {
    return supported;
  }

  /** Whether data page values are indices into the chunk's dictionary page. */
  public boolean isDictionary() {
    return this == PLAIN_DICTIONARY || this == RLE_DICTIONARY;
  }

  /** The encoding with Thrift id {@code id}, or {@code null} when the id is unknown. */
  public static ParquetEncoding fromId(int id) {
    for (ParquetEncoding encoding : values()) {
      if (encoding.id == id) {
        return encoding;
      }
    }
    return null;
  }

  /** The encoding's name, or "encoding id N" for ids this reader does not know. */
  public static String describe(int id) {
    ParquetEncoding encoding = fromId(id);
    return encoding == null ? "encoding id " + id : encoding.name();
  }
}
