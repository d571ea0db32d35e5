package io.buzz.storage.parquet.metadata;

import static io.buzz.storage.parquet.metadata.CompactReader.STOP;

/**
 * A decoded Thrift {@code PageHeader}: the page's kind and sizes, and the fields of its data page
 * (v1 or v2) or dictionary page header. Encodings are Thrift ids (-1 when absent), so unknown ones
 * can be reported by number.
 *
 * @param headerLength bytes the header itself occupies before the page body
 * @param crc the CRC32 of the page's bytes after the header (compressed, levels included), as an
 *     unsigned value, or -1 when the writer did not record one
 */
public record PageHeader(
    int type,
    int uncompressedSize,
    int compressedSize,
    int headerLength,
    int numValues,
    int encoding,
    int definitionLevelEncoding,
    int numNulls,
    int numRows,
    int definitionLevelsLength,
    int repetitionLevelsLength,
    boolean compressed,
    long crc) {

  /** Page types ({@code PageType} in {@code parquet.thrift}). */
  public static final int DATA_PAGE = 0;

  public static final int INDEX_PAGE = 1;
  public static final int DICTIONARY_PAGE = 2;
  public static final int DATA_PAGE_V2 = 3;

  /**
   * Reads a page header starting at {@code pos}.
   *
   * @throws MalformedParquetException when the bytes are not a page header
   */
  public static PageHeader parse(byte[] buf, int pos, int end, long fileOffset) {
    CompactReader in = new CompactReader(buf, pos, end, fileOffset);
    int type = -1;
    int uncompressed = -1;
    int compressed = -1;
    long crc = -1;
    int[] sub = {-1, -1, -1, -1, -1, -1, -1, 1};
    boolean seenSub = false;
    in.beginStruct();
    for (int t; (t = in.readFieldHeader()) != STOP; ) {
      switch (in.fieldId()) {
        case 1 -> type = in.readI32(t);
        case 2 -> uncompressed = in.readI32(t);
        case 3 -> compressed = in.readI32(t);
        case 4 -> crc = in.readI32(t) & 0xffffffffL;
        case 5 -> seenSub |= dataPageV1(in, t, sub);
        case 7 -> seenSub |= dictionaryPage(in, t, sub);
        case 8 -> seenSub |= dataPageV2(in, t, sub);
        default -> in.skip(t);
      }
    }
    in.endStruct();
    if (type < 0 || uncompressed < 0 || compressed < 0) {
      throw in.malformed("page header lacks its type or sizes");
    }
    if ((type == DATA_PAGE || type == DICTIONARY_PAGE || type == DATA_PAGE_V2) && !seenSub) {
      throw in.malformed("page header of type " + type + " lacks its type-specific header");
    }
    return new PageHeader(
        type,
        uncompressed,
        compressed,
        in.position() - pos,
        sub[0],
        sub[1],
        sub[2],
        sub[3],
        sub[4],
        sub[5],
        sub[6],
        sub[7] != 0,
        crc);
  }

  /*
   * The type-specific headers fill sub: numValues, encoding, defEncoding, numNulls, numRows,
   * defLength, repLength, compressed. Each table gives, per Thrift field id, its slot in sub (-1:
   * skipped); the one boolean, compressed, stores 1 or 0.
   */
  private static final int COMPRESSED_SLOT = 7;

  private static final int[] DATA_PAGE_V1_SLOTS = {-1, 0, 1, 2};
  private static final int[] DICTIONARY_PAGE_SLOTS = {-1, 0, 1};
  private static final int[] DATA_PAGE_V2_SLOTS = {-1, 0, 3, 4, 1, 5, 6, 7};

  private static boolean dataPageV1(CompactReader in, int fieldType, int[] sub) {
    return subHeader(in, fieldType, sub, DATA_PAGE_V1_SLOTS);
  }

  private static boolean dictionaryPage(CompactReader in, int fieldType, int[] sub) {
    return subHeader(in, fieldType, sub, DICTIONARY_PAGE_SLOTS);
  }

  private static boolean dataPageV2(CompactReader in, int fieldType, int[] sub) {
    return subHeader(in, fieldType, sub, DATA_PAGE_V2_SLOTS);
  }

  /** Reads a type-specific header struct into {@code sub}; false (skipped) if not a struct. */
  private static boolean subHeader(CompactReader in, int fieldType, int[] sub, int[] slots) {
    if (fieldType != CompactReader.STRUCT) {
      in.skip(fieldType);
      return false;
    }
    in.beginStruct();
    for (int t; (t = in.readFieldHeader()) != STOP; ) {
      int id = in.fieldId();
      int slot = id > 0 && id < slots.length ? slots[id] : -1;
      if (slot < 0) {
        in.skip(t);
      } else if (slot == COMPRESSED_SLOT) {
        sub[slot] = in.readBool(t) ? 1 : 0;
      } else {
        sub[slot] = in.readI32(t);
      }
    }
    in.endStruct();
    return true;
  }
}
