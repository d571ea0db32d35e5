package io.buzz.storage.parquet.column;

import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import io.buzz.kernels.batch.DictionaryIds;
import io.buzz.storage.parquet.encoding.BinaryValues;
import io.buzz.storage.parquet.encoding.EncodedValues;
import io.buzz.storage.parquet.encoding.RleBitPackedDecoder;
import io.buzz.storage.parquet.encoding.ValueKind;
import io.buzz.storage.parquet.encoding.ValuesDecoder;
import io.buzz.storage.parquet.encoding.ValuesDecoders;
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
 * The part of every {@link ColumnReader} that does not depend on the column's type: walks the
 * pages, decodes definition levels into the validity bitmap, and hands each run of values of one
 * page (a "segment") to the typed subclass, either as a {@link ValuesDecoder} of the page's
 * encoding, which {@link ValuesDecoders} chose by encoding and physical type when the page started,
 * or, for dictionary-encoded pages, as dictionary indices. A chunk may switch from dictionary to
 * other encodings midway.
 *
 * <p>Per segment of {@code n} rows starting at row {@code out} of the batch, subclasses receive
 * {@code defs} (the definition levels, or null when all {@code n} rows are non-null) and {@code
 * nonNull}; for encoded values they read {@code nonNull} values from {@link #values}, for
 * dictionary pages the indices are in {@code ids[0, nonNull)} (already range-checked). Rows that
 * are null get value bits/bytes of zero.
 *
 * @param <T> the Java form the column's physical type decodes to ({@link ValueKind})
 */
abstract class ColumnChunkReader<T> implements ColumnReader {
  /** The longest byte array a DELTA_BYTE_ARRAY page may rebuild, unless a subclass says less. */
  static final int MAX_BINARY_BYTES = 256 << 20;

  protected final ColumnDescriptor descriptor;
  protected final ColumnContext context;
  protected final int batchRows;

  /** Definition levels of the current segment. */
  protected final byte[] defs;

  /** Dictionary indices of the current segment's non-null values. */
  protected final int[] ids;

  /** The values of the current data page; null when it is dictionary-encoded. */
  protected ValuesDecoder<T> values;

  private final ValueKind<T> kind;
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

  /** Which dictionary entries the current batch's rows came from. */
  private final BatchDictionaryIds batchIds;

  private int pagesRead;

  ColumnChunkReader(ColumnChunk chunk, ColumnContext context, int batchRows, ValueKind<T> kind) {
    this.descriptor = chunk.descriptor();
    this.context = context;
    this.batchRows = batchRows;
    this.kind = kind;
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
    this.batchIds = new BatchDictionaryIds(batchRows);
    this.validity = new byte[(batchRows + 7) >>> 3];
  }

  @Override
  public final FieldVector readBatch(int rows, BufferAllocator allocator) {
    FieldVector vector = descriptor.column().field(descriptor.name()).createVector(allocator);
    batchIds.start();
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
          nonNull = Bits.markDefined(validity, defs, out, n, maxDefinitionLevel);
          if (nonNull < n) {
            segmentDefs = defs;
          }
        } else {
          Bits.setRange(validity, out, n);
        }
        if (indices != null) {
          indices.readIndices(ids, 0, nonNull, dictionarySize);
          gather(vector, out, n, segmentDefs, nonNull);
          batchIds.fromDictionary(ids, out, n, segmentDefs);
        } else {
          batchIds.notFromDictionary();
          decodeValues(vector, out, n, segmentDefs, nonNull);
        }
        out += n;
        pageRemaining -= n;
        nextRow += n;
      }
      finishBatch(vector, rows);
      batchIds.finish();
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

  @Override
  public final DictionaryIds lastDictionaryIds() {
    return batchIds.last();
  }

  @Override
  public final void keepDictionaryIds() {
    batchIds.keep(true);
  }

  /**
   * The dictionary ids of the current batch's rows so far (see {@link BatchDictionaryIds#soFar}),
   * recorded only while {@link #keepsDictionaryIds}.
   */
  final int[] batchIdsSoFar() {
    return batchIds.soFar();
  }

  /** Whether {@link #keepDictionaryIds} was asked for. */
  final boolean keepsDictionaryIds() {
    return batchIds.keeps();
  }

  /**
   * Sets the view of the dictionary just loaded that {@link #lastDictionaryIds} hands out; a
   * subclass whose values have one calls it from {@link #loadDictionary}.
   */
  final void dictionaryView(DictionaryIds.Dictionary view) {
    batchIds.view(view);
  }

  /**
   * Pages wholly before {@code row} are passed over (not even decompressed when not yet started),
   * and the rows before it in its page are decoded and dropped.
   *
   * @throws BuzzException BAD_QUERY when no fetched page holds {@code row} or the chunk is corrupt
   */
  @Override
  public final void skipTo(long row, BufferAllocator allocator) {
    try {
      while (nextRow < row) {
        if (pageRemaining == 0) {
          nextDataPage(row);
        } else if (nextRow + pageRemaining <= row) {
          nextRow += pageRemaining;
          pageRemaining = 0;
        } else {
          boolean keep = batchIds.keeps();
          batchIds.keep(false); // rows decoded to be dropped need no ids
          try {
            readBatch((int) Math.min(row - nextRow, batchRows), allocator).close();
          } finally {
            batchIds.keep(keep);
          }
        }
      }
    } catch (MalformedParquetException e) {
      throw context.corrupt(e);
    } catch (UnsupportedPageException e) {
      throw context.unsupported(e.getMessage());
    }
  }

  @Override
  public final int pagesRead() {
    return pagesRead;
  }

  @Override
  public final void checkExhausted() {
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

  /**
   * Loads a dictionary page's {@code count} PLAIN values {@code buf[offset, end)}; {@link
   * #plainDecoder} decodes them.
   */
  abstract void loadDictionary(byte[] buf, int offset, int end, int count);

  /** Reads {@code nonNull} values from {@link #values} for rows [out, out+n). */
  abstract void decodeValues(FieldVector vector, int out, int n, byte[] defs, int nonNull);

  /** Writes dictionary entries {@code ids[0, nonNull)} for rows [out, out+n). */
  abstract void gather(FieldVector vector, int out, int n, byte[] defs, int nonNull);

  /** Completes the vector's data (e.g. allocates and copies variable-width data). */
  void finishBatch(FieldVector vector, int rows) {}

  /** The longest byte array a DELTA_BYTE_ARRAY page may rebuild for this column. */
  int maxValueLength() {
    return MAX_BINARY_BYTES;
  }

  /** The decoder of PLAIN values {@code buf[offset, end)}, e.g. a dictionary page's. */
  final ValuesDecoder<T> plainDecoder(byte[] buf, int offset, int end) {
    return decoder(ParquetEncoding.PLAIN.id(), buf, offset, end);
  }

  /**
   * Byte-array values with room for {@code count} values of {@code bytes} bytes, growing as needed;
   * more than 2 GiB of them is LIMIT_EXCEEDED, naming the column and the batch size.
   */
  final BinaryValues binaryValues(int count, int bytes) {
    return new BinaryValues(
        count,
        bytes,
        () ->
            new BuzzException(
                ErrorCode.LIMIT_EXCEEDED,
                context.where()
                    + ": a batch of "
                    + batchRows
                    + " rows holds more than 2 GiB of strings; use smaller batches"));
  }

  /**
   * Throws when a dictionary of {@code count} values of {@code width} bytes does not fit in {@code
   * available} bytes: "dictionary of {@code count} {@code what} needs N bytes, has M".
   */
  static void checkDictionary(int count, int width, String what, int available) {
    if ((long) count * width > available) {
      throw new MalformedParquetException(
          "dictionary of "
              + count
              + " "
              + what
              + " needs "
              + (long) count * width
              + " bytes, has "
              + available);
    }
  }

  /**
   * Throws when one of the first {@code count} values is not {@code width} bytes long, as values of
   * a FIXED_LEN_BYTE_ARRAY type must be ({@code type} names it in the message).
   */
  static void checkWidths(BinaryValues values, int count, int width, String type) {
    for (int i = 0; i < count; i++) {
      if (values.length(i) != width) {
        throw new MalformedParquetException(
            "a " + type + " value of " + values.length(i) + " bytes, expected " + width);
      }
    }
  }

  /** Moves {@code nonNull} dense values to their rows; null rows get 0. Backwards, in place. */
  static void spread(int[] values, int n, int nonNull, byte[] defs) {
    int k = nonNull - 1;
    for (int i = n - 1; i >= 0; i--) {
      values[i] = defs[i] != 0 ? values[k--] : 0;
    }
  }

  /** Moves {@code nonNull} dense values to their rows; null rows get 0. Backwards, in place. */
  static void spread(long[] values, int n, int nonNull, byte[] defs) {
    int k = nonNull - 1;
    for (int i = n - 1; i >= 0; i--) {
      values[i] = defs[i] != 0 ? values[k--] : 0;
    }
  }

  private ValuesDecoder<T> decoder(int encoding, byte[] buf, int offset, int end) {
    EncodedValues page =
        new EncodedValues(buf, offset, end, descriptor.typeLength(), maxValueLength());
    return ValuesDecoders.decoder(kind, encoding, descriptor.physicalType(), page);
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
    byte[] page = data.values();
    int pos = data.valuesOffset();
    int end = data.valuesEnd();
    ParquetEncoding encoding = ParquetEncoding.fromId(data.encoding());
    if (encoding != null && encoding.isDictionary()) {
      if (dictionarySize < 0) {
        throw new MalformedParquetException("dictionary-encoded page without a dictionary page");
      }
      int bitWidth = pos < end ? page[pos] & 0xFF : 0;
      indices = new RleBitPackedDecoder(page, Math.min(pos + 1, end), end, bitWidth);
      values = null;
    } else {
      indices = null;
      values = decoder(data.encoding(), page, pos, end);
    }
  }

  private static int bitWidth(int maxLevel) {
    return 32 - Integer.numberOfLeadingZeros(maxLevel);
  }
}
