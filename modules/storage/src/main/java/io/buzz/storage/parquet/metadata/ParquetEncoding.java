package io.buzz.storage.parquet.metadata;

/**
 * Parquet's value and level encodings, with their Thrift ids. Which of them decode, for which
 * physical type, is the table of {@code encoding.ValuesDecoders}; the dictionary encodings are
 * decoded by the column readers themselves (indices into the chunk's dictionary).
 */
public enum ParquetEncoding {
  PLAIN(0, false),
  GROUP_VAR_INT(1, false),
  /** The dictionary encoding as named by format version 1 writers; same bytes as RLE_DICTIONARY. */
  PLAIN_DICTIONARY(2, true),
  /** The RLE/bit-packed hybrid; for values only BOOLEAN uses it. */
  RLE(3, false),
  BIT_PACKED(4, false),
  DELTA_BINARY_PACKED(5, false),
  DELTA_LENGTH_BYTE_ARRAY(6, false),
  DELTA_BYTE_ARRAY(7, false),
  RLE_DICTIONARY(8, true),
  BYTE_STREAM_SPLIT(9, false);

  private final int id;
  private final boolean dictionary;

  ParquetEncoding(int id, boolean dictionary) {
    this.id = id;
    this.dictionary = dictionary;
  }

  public int id() {
    return id;
  }

  /** Whether data page values are indices into the chunk's dictionary page. */
  public boolean isDictionary() {
    return dictionary;
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
