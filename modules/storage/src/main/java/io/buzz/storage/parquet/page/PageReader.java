package io.buzz.storage.parquet.page;

import io.buzz.storage.parquet.metadata.MalformedParquetException;
import io.buzz.storage.parquet.metadata.PageHeader;
import io.buzz.storage.parquet.metadata.ParquetCodec;
import io.buzz.storage.parquet.metadata.ParquetEncoding;
import io.buzz.storage.parquet.metadata.UnsupportedPageException;
import java.util.List;

/**
 * Walks the pages of one column chunk: parses each page header, decompresses the body, and splits
 * data pages into definition levels and values, normalizing data pages v1 (levels inside the
 * compressed body, with a 4-byte length prefix) and v2 (levels uncompressed before the optionally
 * compressed values). Index pages and unknown page types are skipped.
 *
 * <p>The chunk comes as {@link PageRun runs} of whole pages: the whole chunk as one run, or, when a
 * page index chose some pages, the dictionary and runs of adjacent data pages. Each run says the
 * row of its first data page, so every data page knows its first row; a run from a page index also
 * says where its rows end, and pages that hold other rows than their index says make the chunk
 * corrupt. Data pages wholly before a row the caller skips to are passed over without
 * decompressing.
 *
 * <p>Guards: page sizes are checked against the run's remaining bytes and a sane maximum, and the
 * data pages' value counts against the chunk's; every page consumes input, so a corrupt chunk ends
 * in {@link MalformedParquetException} rather than a loop.
 */
public final class PageReader {
  /** Larger pages are treated as corrupt rather than allocated. */
  static final int MAX_PAGE_BYTES = 1 << 30;

  private final List<PageRun> runs;
  private final PageDecompressor decompressor;
  private final boolean uncompressed;
  private final int maxDefinitionLevel;
  private final long expectedValues;
  private final ColumnContext context;
  private int run = -1;
  private byte[] chunk;
  private int pos;
  private int end;
  private long fileOffsetOfArray;
  private long row;
  private long runEndRow = -1;
  private int pageIndex;
  private long valuesSeen;
  private byte[] scratch = new byte[0];

  /**
   * @param runs the chunk's fetched pages, in file order
   * @param maxDefinitionLevel 0 for REQUIRED columns (data pages then have no levels)
   * @param expectedValues the chunk's values by its metadata; pages holding more are corrupt
   * @param context updated with each page's index and offset, for the caller's error messages
   */
  public PageReader(
      List<PageRun> runs,
      ParquetCodec codec,
      int maxDefinitionLevel,
      long expectedValues,
      ColumnContext context) {
    this.runs = List.copyOf(runs);
    this.decompressor = new PageDecompressor(codec);
    this.uncompressed = codec == ParquetCodec.UNCOMPRESSED;
    this.maxDefinitionLevel = maxDefinitionLevel;
    this.expectedValues = expectedValues;
    this.context = context;
  }

  /** Data values in the pages returned or passed over so far. */
  public long valuesSeen() {
    return valuesSeen;
  }

  /** The next dictionary or data page, or null at the end of the chunk. */
  public Page next() {
    return next(-1);
  }

  /**
   * The next dictionary page or data page, passing over data pages whose rows all lie before row
   * {@code skipBefore}; null at the end of the chunk.
   */
  public Page next(long skipBefore) {
    while (true) {
      if (pos >= end && !nextRun()) {
        return null;
      }
      if (pos >= end) {
        continue;
      }
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
      pos = bodyStart + header.compressedSize();
      pageIndex++;
      boolean data =
          header.type() == PageHeader.DATA_PAGE || header.type() == PageHeader.DATA_PAGE_V2;
      if (data && row + header.numValues() <= skipBefore) {
        countValues(header.numValues()); // wholly before the rows wanted: not even decompressed
        continue;
      }
      if (header.crc() >= 0) {
        checkCrc(header, bodyStart);
      }
      switch (header.type()) {
        case PageHeader.DICTIONARY_PAGE -> {
          return dictionaryPage(header, bodyStart);
        }
        case PageHeader.DATA_PAGE -> {
          long first = row;
          countValues(header.numValues());
          return dataPageV1(header, bodyStart, first);
        }
        case PageHeader.DATA_PAGE_V2 -> {
          long first = row;
          countValues(header.numValues());
          return dataPageV2(header, bodyStart, first);
        }
        default -> {
          // index pages and future page types carry nothing this reader needs
        }
      }
    }
  }

  /** Moves to the next run; false after the last. Checks the finished run held its rows. */
  private boolean nextRun() {
    if (run >= 0) {
      checkRunRows(true);
    }
    if (run + 1 >= runs.size()) {
      return false;
    }
    PageRun next = runs.get(++run);
    if (next.firstRow() < row) {
      throw new MalformedParquetException(
          "pages at byte offset "
              + next.fileOffset()
              + " start at row "
              + next.firstRow()
              + ", before row "
              + row
              + " where the previous ones end");
    }
    row = next.firstRow();
    runEndRow = next.endRow();
    chunk = next.bytes().array();
    pos = next.bytes().offset();
    end = next.bytes().end();
    fileOffsetOfArray = next.fileOffset() - next.bytes().offset();
    return true;
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

  private void countValues(int values) {
    if (values < 0) {
      throw new MalformedParquetException("data page has " + values + " values");
    }
    valuesSeen += values;
    row += values;
    if (valuesSeen > expectedValues) {
      throw new MalformedParquetException(
          "the chunk's pages hold more than the " + expectedValues + " values of its metadata");
    }
    checkRunRows(pos >= end);
  }

  /**
   * A run chosen by the page index must hold the rows the index says: its pages may not go past its
   * end row, and its last page must end there. (Whole chunks are checked against the row count.)
   */
  private void checkRunRows(boolean runDone) {
    if (runEndRow >= 0 && (row > runEndRow || runDone && row != runEndRow)) {
      throw new MalformedParquetException(
          "the offset index says the pages before byte offset "
              + (fileOffsetOfArray + end)
              + " end at row "
              + runEndRow
              + ", but they hold rows up to "
              + row);
    }
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
        row,
        header.encoding(),
        body,
        offset,
        offset,
        body,
        offset,
        offset + header.uncompressedSize());
  }

  private Page dataPageV1(PageHeader header, int bodyStart, long firstRow) {
    byte[] body = body(bodyStart, header.compressedSize(), header.uncompressedSize(), true);
    int offset = body == chunk ? bodyStart : 0;
    int bodyEnd = offset + header.uncompressedSize();
    int levelsOffset = offset;
    int levelsEnd = offset;
    int valuesOffset = offset;
    if (maxDefinitionLevel > 0) {
      if (header.definitionLevelEncoding() != ParquetEncoding.RLE.id()) {
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
        firstRow,
        header.encoding(),
        body,
        levelsOffset,
        levelsEnd,
        body,
        valuesOffset,
        bodyEnd);
  }

  private Page dataPageV2(PageHeader header, int bodyStart, long firstRow) {
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
        firstRow,
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
