package io.buzz.storage.parquet;

import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import io.buzz.storage.parquet.metadata.ColumnDescriptor;
import io.buzz.storage.parquet.metadata.MalformedParquetException;
import io.buzz.storage.parquet.metadata.ParquetCodec;
import io.buzz.storage.parquet.metadata.ParquetEncoding;
import io.buzz.storage.parquet.metadata.UnsupportedPageException;
import io.buzz.storage.parquet.page.ColumnContext;
import io.buzz.storage.parquet.page.Page;
import io.buzz.storage.parquet.page.PageReader;
import java.util.Arrays;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.OutOfMemoryException;
import org.apache.arrow.vector.FieldVector;

/**
 * Decodes one column chunk into Arrow vectors, batch by batch. This base class walks the pages,
 * decodes definition levels into the validity bitmap, loads the dictionary, and dispatches each run
 * of values of one page (a "segment") to the type-specific subclass as either encoded values
 * (PLAIN, or another encoding the subclass accepts) or dictionary indices; a chunk may switch from
 * dictionary to other encodings midway.
 *
 * <p>Per segment of {@code n} rows starting at row {@code out} of the batch, subclasses receive
 * {@code defs} (the definition levels, or null when all {@code n} rows are non-null) and {@code
 * nonNull}; for encoded values they consume {@code nonNull} values from {@code page[pos, end)}, for
 * dictionary pages the indices are in {@code ids[0, nonNull)} (already range-checked). Rows that
 * are null get value bits/bytes of zero.
 *
 * <p>Single-threaded; owned by a {@link RowGroupDecoder}. Failures become {@link BuzzException}s
 * naming the file, column, row group and page: BAD_QUERY for corrupt data, UNSUPPORTED for valid
 * encodings this reader does not decode, LIMIT_EXCEEDED when the allocator's limit is reached.
 */
abstract class ColumnChunkReader {
  protected final ColumnDescriptor descriptor;
  protected final ColumnContext context;
  protected final int batchRows;

  /** Definition levels of the current segment. */
  protected final byte[] defs;

  /** Dictionary indices of the current segment's non-null values. */
  protected final int[] ids;

  /** The values of the current PLAIN page: {@code page[pos, end)}. */
  protected byte[] page;

  protected int pos;
  protected int end;

  private final PageReader pages;
  private final int maxDefinitionLevel;
  private final long rowGroupRows;
  private final byte[] validity;
  private int pageRemaining;
  private RleBitPackedDecoder levels;
  private RleBitPackedDecoder indices;
  private int dictionarySize = -1;

  /** The row (in the row group) of the next value to decode. */
  private long nextRow;

  private int pagesRead;

  ColumnChunkReader(RowGroupChunks.Chunk chunk, ColumnContext context, int batchRows) {
    this.descriptor = chunk.descriptor();
    this.context = context;
    this.batchRows = batchRows;
    this.maxDefinitionLevel = descriptor.maxDefinitionLevel();
    this.rowGroupRows = chunk.metadata().numValues();
    ParquetCodec codec = chunk.metadata().codec();
    if (!codec.supported()) {
      throw context.unsupported("compression codec " + codec);
    }
    this.pages =
        new PageReader(
            chunk.runs(), codec, maxDefinitionLevel, chunk.metadata().numValues(), context);
    this.defs = new byte[batchRows];
    this.ids = new int[batchRows];
    this.validity = new byte[(batchRows + 7) >>> 3];
  }

  /**
   * Decodes the next {@code rows} rows into a new vector owned by the caller.
   *
   * @throws BuzzException BAD_QUERY for corrupt data, UNSUPPORTED for unsupported encodings
   */
  final FieldVector readBatch(int rows, BufferAllocator allocator) {
    FieldVector vector = descriptor.column().field(descriptor.name()).createVector(allocator);
    try {
      startBatch(vector, rows);
      Arrays.fill(validity, 0, (rows + 7) >>> 3, (byte) 0);
      int out = 0;
      while (out < rows) {
        if (pageRemaining == 0) {
          nextDataPage(nextRow);
        }
        int n = Math.min(rows - out, pageRemaining);
        int nonNull = n;
        byte[] segmentDefs = null;
        if (maxDefinitionLevel > 0) {
          levels.readBytes(defs, 0, n);
          nonNull = markDefined(out, n);
          if (nonNull < n) {
            segmentDefs = defs;
          }
        } else {
          Bits.setRange(validity, out, n);
        }
        if (indices != null) {
          indices.readIndices(ids, 0, nonNull, dictionarySize);
          gather(vector, out, n, segmentDefs, nonNull);
        } else {
          decodePlain(vector, out, n, segmentDefs, nonNull);
        }
        out += n;
        pageRemaining -= n;
        nextRow += n;
      }
      finishBatch(vector, rows);
      vector.getValidityBuffer().setBytes(0, validity, 0, (rows + 7) >>> 3);
      vector.setValueCount(rows);
      return vector;
    } catch (MalformedParquetException e) {
      vector.close();
      throw context.corrupt(e);
    } catch (UnsupportedPageException e) {
      vector.close();
      throw context.unsupported(e.getMessage());
    } catch (OutOfMemoryException e) {
      vector.close();
      throw new BuzzException(
          ErrorCode.LIMIT_EXCEEDED,
          context.where()
              + ": decoding "
              + rows
              + " rows exceeds the memory limit of allocator '"
              + allocator.getName()
              + "' ("
              + allocator.getLimit()
              + " bytes)",
          e);
    } catch (RuntimeException e) {
      vector.close();
      throw e;
    }
  }

  /**
   * Moves on to row {@code row} of the row group (at or after the current one): pages wholly before
   * it are passed over (not even decompressed when not yet started), and the rows before it in its
   * page are decoded into vectors of {@code allocator} and dropped, so that the next {@link
   * #readBatch} starts exactly at {@code row}.
   *
   * @throws BuzzException BAD_QUERY when no fetched page holds {@code row} or the chunk is corrupt
   */
  final void skipTo(long row, BufferAllocator allocator) {
    try {
      while (nextRow < row) {
        if (pageRemaining == 0) {
          nextDataPage(row);
        } else if (nextRow + pageRemaining <= row) {
          nextRow += pageRemaining;
          pageRemaining = 0;
        } else {
          readBatch((int) Math.min(row - nextRow, batchRows), allocator).close();
        }
      }
    } catch (MalformedParquetException e) {
      throw context.corrupt(e);
    } catch (UnsupportedPageException e) {
      throw context.unsupported(e.getMessage());
    }
  }

  /** Data pages this reader has started decoding. */
  final int pagesRead() {
    return pagesRead;
  }

  /** Checks, after the last batch, that the chunk holds no values beyond the row group's rows. */
  final void checkExhausted() {
    try {
      if (pageRemaining > 0) {
        throw context.corrupt(
            "the page holds " + pageRemaining + " values beyond the row group's rows");
      }
      for (Page extra = pages.next(); extra != null; extra = pages.next()) {
        if (!extra.dictionary() && extra.numValues() > 0) {
          throw context.corrupt("data page after the row group's " + rowGroupRows + " rows");
        }
      }
    } catch (MalformedParquetException e) {
      throw context.corrupt(e);
    } catch (UnsupportedPageException e) {
      throw context.unsupported(e.getMessage());
    }
  }

  /** Allocates the vector's buffers for {@code rows} rows (fixed-width types). */
  abstract void startBatch(FieldVector vector, int rows);

  /** Decodes a dictionary page's {@code count} PLAIN values from {@code buf[offset, end)}. */
  abstract void loadDictionary(byte[] buf, int offset, int end, int count);

  /**
   * Consumes {@code nonNull} non-dictionary values for rows [out, out+n): PLAIN from {@code
   * page[pos, end)}, or the encoding a subclass accepted in {@link #startOtherEncoding}.
   */
  abstract void decodePlain(FieldVector vector, int out, int n, byte[] defs, int nonNull);

  /** Writes dictionary entries {@code ids[0, nonNull)} for rows [out, out+n). */
  abstract void gather(FieldVector vector, int out, int n, byte[] defs, int nonNull);

  /** Completes the vector's data (e.g. allocates and copies variable-width data). */
  abstract void finishBatch(FieldVector vector, int rows);

  /**
   * Prepares a data page in an encoding other than PLAIN or dictionary; returns false when the type
   * does not support it. Only BOOLEAN supports RLE.
   */
  boolean startOtherEncoding(ParquetEncoding encoding) {
    return false;
  }

  /** Called when a PLAIN page starts, after {@link #page}, {@link #pos}, {@link #end} are set. */
  void startPlainPage() {}

  /** Throws when {@code bytes} more bytes are not available at {@link #pos}. */
  protected final void need(long bytes) {
    need(pos, end, bytes);
  }

  /** Throws when {@code bytes} more bytes are not available in {@code [pos, end)}. */
  static void need(int pos, int end, long bytes) {
    if (bytes > end - pos) {
      throw new MalformedParquetException(
          "page values end after " + (end - pos) + " bytes, " + bytes + " more needed");
    }
  }

  /**
   * Sets the validity bit of each of rows {@code [out, out + n)} whose definition level is the
   * maximum, and counts them. Eight aligned rows that are all defined (the common case) take one
   * 8-byte compare and one byte store.
   */
  private int markDefined(int out, int n) {
    int defined = 0;
    byte max = (byte) maxDefinitionLevel;
    long allDefined = (max & 0xFFL) * 0x0101010101010101L;
    int i = 0;
    while (i < n && ((out + i) & 7) != 0) {
      defined += markOne(out + i, defs[i] == max);
      i++;
    }
    for (; i + 8 <= n; i += 8) {
      int row = out + i;
      if ((long) LittleEndian.LONG.get(defs, i) == allDefined) {
        validity[row >>> 3] = (byte) 0xFF;
        defined += 8;
      } else {
        for (int k = 0; k < 8; k++) {
          defined += markOne(row + k, defs[i + k] == max);
        }
      }
    }
    for (; i < n; i++) {
      defined += markOne(out + i, defs[i] == max);
    }
    return defined;
  }

  private int markOne(int row, boolean isDefined) {
    if (isDefined) {
      validity[row >>> 3] |= (byte) (1 << (row & 7));
      return 1;
    }
    return 0;
  }

  /**
   * Starts the next data page, which must hold row {@code row} or, when that is {@link #nextRow},
   * start there; data pages wholly before {@code row} are passed over.
   */
  private void nextDataPage(long row) {
    while (true) {
      Page next = pages.next(row);
      if (next == null) {
        throw new MalformedParquetException(
            "the column chunk ends after "
                + pages.valuesSeen()
                + " values but the row group has "
                + rowGroupRows
                + " rows");
      }
      if (next.dictionary()) {
        startDictionary(next);
        continue;
      }
      if (next.numValues() == 0) {
        continue;
      }
      if (next.firstRow() < nextRow || next.firstRow() > row) {
        throw new MalformedParquetException(
            "the next fetched data page starts at row "
                + next.firstRow()
                + ", but row "
                + row
                + " is wanted (the page index and the pages disagree)");
      }
      nextRow = next.firstRow();
      startDataPage(next);
      pagesRead++;
      return;
    }
  }

  private void startDictionary(Page dictionary) {
    if (dictionarySize >= 0) {
      throw new MalformedParquetException("a second dictionary page in one column chunk");
    }
    ParquetEncoding encoding = ParquetEncoding.fromId(dictionary.encoding());
    if (encoding != ParquetEncoding.PLAIN && encoding != ParquetEncoding.PLAIN_DICTIONARY) {
      throw new UnsupportedPageException(
          "dictionary page in " + ParquetEncoding.describe(dictionary.encoding()) + " encoding");
    }
    loadDictionary(
        dictionary.values(),
        dictionary.valuesOffset(),
        dictionary.valuesEnd(),
        dictionary.numValues());
    dictionarySize = dictionary.numValues();
  }

  private void startDataPage(Page data) {
    pageRemaining = data.numValues();
    levels =
        maxDefinitionLevel > 0
            ? new RleBitPackedDecoder(
                data.levels(), data.levelsOffset(), data.levelsEnd(), bitWidth(maxDefinitionLevel))
            : null;
    page = data.values();
    pos = data.valuesOffset();
    end = data.valuesEnd();
    indices = null;
    ParquetEncoding encoding = ParquetEncoding.fromId(data.encoding());
    if (encoding == ParquetEncoding.PLAIN) {
      startPlainPage();
    } else if (encoding != null && encoding.isDictionary()) {
      if (dictionarySize < 0) {
        throw new MalformedParquetException("dictionary-encoded page without a dictionary page");
      }
      int bitWidth = pos < end ? page[pos] & 0xFF : 0;
      indices = new RleBitPackedDecoder(page, Math.min(pos + 1, end), end, bitWidth);
    } else if (encoding == null || !startOtherEncoding(encoding)) {
      throw new UnsupportedPageException(
          ParquetEncoding.describe(data.encoding())
              + " encoding of "
              + descriptor.physicalType()
              + " values");
    }
  }

  private static int bitWidth(int maxLevel) {
    return 32 - Integer.numberOfLeadingZeros(maxLevel);
  }
}
