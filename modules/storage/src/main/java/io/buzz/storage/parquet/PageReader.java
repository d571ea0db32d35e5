package io.buzz.storage.parquet;

/**
 * Walks the pages of one column chunk: parses each page header, decompresses the body, and splits
 * data pages into definition levels and values, normalizing data pages v1 (levels inside the
 * compressed body, with a 4-byte length prefix) and v2 (levels uncompressed before the optionally
 * compressed values). Index pages and unknown page types are skipped.
 *
 * <p>Guards: page sizes are checked against the chunk's remaining bytes and a sane maximum, and the
 * data pages' value counts against the chunk's; every page consumes input, so a corrupt chunk ends
 * in {@link MalformedParquetException} rather than a loop.
 */
final class PageReader {
  /** Larger pages are treated as corrupt rather than allocated. */
  static final int MAX_PAGE_BYTES = 1 << 30;

  private static final int RLE = 3;

  private final byte[] chunk;
  private final int end;
  private final long fileOffsetOfArray;
  private final PageDecompressor decompressor;
  private final boolean uncompressed;
  private final int maxDefinitionLevel;
  private final long expectedValues;
  private final ColumnContext context;
  private int pos;
  private int pageIndex;
  private long valuesSeen;
  private byte[] scratch = new byte[0];

  /**
   * @param chunkFileOffset the file offset of the chunk's first byte
   */
  PageReader(
      ByteSlice bytes,
      long chunkFileOffset,
      ParquetCodec codec,
      int maxDefinitionLevel,
      long expectedValues,
      ColumnContext context) {
    this.chunk = bytes.array();
    this.pos = bytes.offset();
    this.end = bytes.end();
    this.fileOffsetOfArray = chunkFileOffset - bytes.offset();
    this.decompressor = new PageDecompressor(codec);
    this.uncompressed = codec == ParquetCodec.UNCOMPRESSED;
    this.maxDefinitionLevel = maxDefinitionLevel;
    this.expectedValues = expectedValues;
    this.context = context;
  }

  /** Data values in the pages returned so far. */
  long valuesSeen() {
    return valuesSeen;
  }

  /** The next dictionary or data page, or null at the end of the chunk. */
  Page next() {
    while (pos < end) {
      context.page(pageIndex, fileOffsetOfArray + pos);
      PageHeader header = PageHeader.parse(chunk, pos, end, fileOffsetOfArray);
      int bodyStart = pos + header.headerLength();
      if (header.compressedSize() > end - bodyStart) {
        throw new MalformedParquetException(
            "page body of "
                + header.compressedSize()
                + " bytes exceeds the "
                + (end - bodyStart)
                + " bytes left in the column chunk");
      }
      if (header.uncompressedSize() > MAX_PAGE_BYTES) {
        throw new MalformedParquetException(
            "page claims " + header.uncompressedSize() + " uncompressed bytes");
      }
      if (header.crc() >= 0) {
        checkCrc(header, bodyStart);
      }
      pos = bodyStart + header.compressedSize();
      pageIndex++;
      switch (header.type()) {
        case PageHeader.DICTIONARY_PAGE -> {
          return dictionaryPage(header, bodyStart);
        }
        case PageHeader.DATA_PAGE -> {
          return countValues(dataPageV1(header, bodyStart));
        }
        case PageHeader.DATA_PAGE_V2 -> {
          return countValues(dataPageV2(header, bodyStart));
        }
        default -> {
          // index pages and future page types carry nothing this reader needs
        }
      }
    }
    return null;
  }

  /**
   * A page whose recorded CRC32 does not match its bytes is corrupt (format spec, PageHeader.crc).
   */
  private void checkCrc(PageHeader header, int bodyStart) {
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(chunk, bodyStart, header.compressedSize());
    if (crc.getValue() != header.crc()) {
      throw new MalformedParquetException(
          String.format(
              "page checksum mismatch: its bytes have CRC32 %08x, its header says %08x",
              crc.getValue(), header.crc()));
    }
  }

  private Page countValues(Page page) {
    if (page.numValues() < 0) {
      throw new MalformedParquetException("data page has " + page.numValues() + " values");
    }
    valuesSeen += page.numValues();
    if (valuesSeen > expectedValues) {
      throw new MalformedParquetException(
          "the chunk's pages hold more than the " + expectedValues + " values of its metadata");
    }
    return page;
  }

  private Page dictionaryPage(PageHeader header, int bodyStart) {
    if (header.numValues() < 0) {
      throw new MalformedParquetException("dictionary page has " + header.numValues() + " values");
    }
    byte[] body = body(bodyStart, header.compressedSize(), header.uncompressedSize(), true);
    int offset = body == chunk ? bodyStart : 0;
    return new Page(
        true,
        header.numValues(),
        header.encoding(),
        body,
        offset,
        offset,
        body,
        offset,
        offset + header.uncompressedSize());
  }

  private Page dataPageV1(PageHeader header, int bodyStart) {
    byte[] body = body(bodyStart, header.compressedSize(), header.uncompressedSize(), true);
    int offset = body == chunk ? bodyStart : 0;
    int bodyEnd = offset + header.uncompressedSize();
    int levelsOffset = offset;
    int levelsEnd = offset;
    int valuesOffset = offset;
    if (maxDefinitionLevel > 0) {
      if (header.definitionLevelEncoding() != RLE) {
        throw new UnsupportedPageException(
            "definition levels in "
                + ParquetEncoding.describe(header.definitionLevelEncoding())
                + " encoding");
      }
      if (bodyEnd - offset < 4) {
        throw new MalformedParquetException("data page too short for its definition levels");
      }
      int length =
          (body[offset] & 0xFF)
              | (body[offset + 1] & 0xFF) << 8
              | (body[offset + 2] & 0xFF) << 16
              | (body[offset + 3] & 0xFF) << 24;
      if (length < 0 || length > bodyEnd - offset - 4) {
        throw new MalformedParquetException(
            "definition levels of " + length + " bytes exceed the page");
      }
      levelsOffset = offset + 4;
      levelsEnd = levelsOffset + length;
      valuesOffset = levelsEnd;
    }
    return new Page(
        false,
        header.numValues(),
        header.encoding(),
        body,
        levelsOffset,
        levelsEnd,
        body,
        valuesOffset,
        bodyEnd);
  }

  private Page dataPageV2(PageHeader header, int bodyStart) {
    int repLength = header.repetitionLevelsLength();
    int defLength = header.definitionLevelsLength();
    if (repLength < 0 || defLength < 0 || (long) repLength + defLength > header.compressedSize()) {
      throw new MalformedParquetException(
          "data page v2 level lengths "
              + repLength
              + " + "
              + defLength
              + " exceed its "
              + header.compressedSize()
              + " bytes");
    }
    int levelsStart = bodyStart + repLength;
    int levelsEnd = levelsStart + defLength;
    int compressedValues = header.compressedSize() - repLength - defLength;
    int uncompressedValues = header.uncompressedSize() - repLength - defLength;
    if (uncompressedValues < 0) {
      throw new MalformedParquetException("data page v2 is smaller uncompressed than its levels");
    }
    byte[] values = body(levelsEnd, compressedValues, uncompressedValues, header.compressed());
    int valuesOffset = values == chunk ? levelsEnd : 0;
    return new Page(
        false,
        header.numValues(),
        header.encoding(),
        chunk,
        maxDefinitionLevel > 0 ? levelsStart : levelsEnd,
        levelsEnd,
        values,
        valuesOffset,
        valuesOffset + uncompressedValues);
  }

  /** The decompressed bytes: the chunk itself when nothing is compressed, else the scratch. */
  private byte[] body(int start, int compressedSize, int uncompressedSize, boolean compressed) {
    if (uncompressed || !compressed) {
      if (compressedSize != uncompressedSize) {
        throw new MalformedParquetException(
            "uncompressed page has "
                + compressedSize
                + " bytes but its header says "
                + uncompressedSize);
      }
      return chunk;
    }
    if (scratch.length < uncompressedSize) {
      scratch = new byte[Math.max(uncompressedSize, scratch.length * 2)];
    }
    decompressor.decompress(chunk, start, compressedSize, scratch, uncompressedSize);
    return scratch;
  }
}
