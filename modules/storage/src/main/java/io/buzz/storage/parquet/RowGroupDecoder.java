package io.buzz.storage.parquet;

import static java.util.Objects.requireNonNull;

import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import io.buzz.kernels.batch.Batch;
import io.buzz.kernels.batch.DictionaryIds;
import io.buzz.kernels.batch.RowRanges;
import io.buzz.storage.parquet.column.ColumnChunk;
import io.buzz.storage.parquet.column.ColumnReader;
import io.buzz.storage.parquet.metadata.ColumnDescriptor;
import io.buzz.storage.parquet.page.ColumnContext;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Decodes fetched column chunks of one row group into {@link Batch}es of at most {@code batchRows}
 * rows, with the requested columns in the requested order, named as requested and typed by their
 * {@link ParquetColumn#arrowType()} (IntVector, BigIntVector, Float8Vector, VarCharVector,
 * BitVector, DateDayVector, TimeStampMicroVector, DecimalVector with the column's precision and
 * scale).
 *
 * <p>Synchronous CPU work: run it on a worker thread, never on an event loop. Not thread-safe. Call
 * order: {@code hasNext()} / {@code next()} until {@code hasNext()} is false; {@link #close()} at
 * any time (it holds no Arrow memory, only page scratch). Each batch's vectors are allocated from
 * {@code allocator} and owned by the caller, who must close the batch; a failed {@code next()}
 * leaves nothing allocated.
 *
 * <p>After the last batch the decoder checks that no column holds more values than the row group
 * has rows. Errors are {@link BuzzException}s naming file, column, row group and page; reaching the
 * allocator's limit is {@code LIMIT_EXCEEDED}. After a failed {@code next()} the decoder is
 * finished ({@code hasNext()} is false).
 */
public final class RowGroupDecoder implements AutoCloseable {
  private final BufferAllocator allocator;
  private final int batchRows;
  private final Schema schema;
  private final List<ColumnReader> readers;
  private final RowRanges rows;
  private final boolean wholeRowGroup;
  private int range;
  private long nextRow;
  private long rowsLeft;
  private boolean closed;

  /**
   * @param chunks fetched chunks that include every column in {@code columns}
   * @param columns the columns to decode, in output order (a subset of the fetched ones)
   * @param allocator allocates the output vectors
   * @param batchRows the most rows per batch, at least 1
   * @throws BuzzException NOT_FOUND / UNSUPPORTED / BAD_QUERY for unknown, unreadable or repeated
   *     columns, INTERNAL for a column that exists but was not fetched, UNSUPPORTED for a codec
   *     this reader lacks
   */
  public RowGroupDecoder(
      RowGroupChunks chunks, List<String> columns, BufferAllocator allocator, int batchRows) {
    this(chunks, columns, allocator, batchRows, Set.of());
  }

  /**
   * Like the constructor above; batches also carry the dictionary ids (see {@link
   * io.buzz.kernels.batch.DictionaryIds}) of the fixed-width columns among {@code
   * dictionaryIdColumns} whenever the batch came whole from one dictionary (string columns always
   * carry theirs).
   */
  public RowGroupDecoder(
      RowGroupChunks chunks,
      List<String> columns,
      BufferAllocator allocator,
      int batchRows,
      Set<String> dictionaryIdColumns) {
    this(chunks, columns, allocator, batchRows, dictionaryIdColumns, Set.of());
  }

  /**
   * Like the constructor above; the string columns among {@code idsOnlyColumns} are read
   * {@linkplain ColumnReader#idsOnly ids only}: a batch that came whole from one dictionary carries
   * them with {@link Batch#withIdsOnly}, its values not copied. For columns no consumer reads but
   * through their ids or nulls.
   */
  public RowGroupDecoder(
      RowGroupChunks chunks,
      List<String> columns,
      BufferAllocator allocator,
      int batchRows,
      Set<String> dictionaryIdColumns,
      Set<String> idsOnlyColumns) {
    requireNonNull(chunks, "chunks is null");
    requireNonNull(dictionaryIdColumns, "dictionaryIdColumns is null");
    requireNonNull(idsOnlyColumns, "idsOnlyColumns is null");
    requireNonNull(columns, "columns is null");
    this.allocator = requireNonNull(allocator, "allocator is null");
    if (batchRows < 1) {
      throw new IllegalArgumentException("batchRows must be positive: " + batchRows);
    }
    this.batchRows = batchRows;
    this.rows = chunks.rows();
    this.wholeRowGroup = rows.covers(chunks.rowGroup().numRows());
    this.rowsLeft = rows.rowCount();
    this.nextRow = rows.isEmpty() ? 0 : rows.start(0);
    List<ColumnDescriptor> fetched = new ArrayList<>();
    for (String name : chunks.columnNames()) {
      fetched.add(chunks.chunk(name).descriptor());
    }
    List<Field> fields = new ArrayList<>(columns.size());
    this.readers = new ArrayList<>(columns.size());
    for (String name : columns) {
      ColumnChunk chunk = chunks.chunk(name);
      if (chunk == null) {
        throw new BuzzException(
            ErrorCode.INTERNAL,
            chunks.uri()
                + ": column '"
                + name
                + "' was not fetched for row group "
                + chunks.rowGroup().index()
                + " (fetched: "
                + String.join(", ", chunks.columnNames())
                + ")");
      }
    }
    ParquetFileReader.resolve(chunks.uri(), fetched, columns);
    int batchCapacity = (int) Math.max(1, Math.min(batchRows, rowsLeft));
    for (String name : columns) {
      ColumnChunk chunk = chunks.chunk(name);
      ColumnContext context = new ColumnContext(chunks.uri(), name, chunks.rowGroup().index());
      ColumnReader reader = ColumnReader.create(chunk, context, batchCapacity);
      if (dictionaryIdColumns.contains(name) || idsOnlyColumns.contains(name)) {
        reader.keepDictionaryIds();
      }
      if (idsOnlyColumns.contains(name)) {
        reader.idsOnly();
      }
      readers.add(reader);
      ParquetColumn column = chunk.descriptor().column();
      fields.add(column.field(name));
    }
    this.schema = new Schema(fields);
  }

  /** The schema of every batch. */
  public Schema schema() {
    return schema;
  }

  /** Rows not yet returned. */
  public long rowsLeft() {
    return rowsLeft;
  }

  /** The row (within the row group) the next batch starts at. */
  public long nextRow() {
    return nextRow;
  }

  public boolean hasNext() {
    return !closed && rowsLeft > 0;
  }

  /**
   * The next batch, owned by the caller.
   *
   * @throws NoSuchElementException when {@link #hasNext()} is false
   */
  public Batch next() {
    if (!hasNext()) {
      throw new NoSuchElementException("no more rows in this row group");
    }
    int count = (int) Math.min(batchRows, rows.end(range) - nextRow);
    List<FieldVector> vectors = new ArrayList<>(readers.size());
    try {
      for (ColumnReader reader : readers) {
        reader.skipTo(nextRow, allocator);
        vectors.add(reader.readBatch(count, allocator));
      }
      if (rowsLeft == count && wholeRowGroup) {
        for (ColumnReader reader : readers) {
          reader.checkExhausted();
        }
      }
    } catch (RuntimeException e) {
      for (FieldVector vector : vectors) {
        vector.close();
      }
      closed = true;
      throw e;
    }
    rowsLeft -= count;
    nextRow += count;
    if (nextRow == rows.end(range) && range + 1 < rows.rangeCount()) {
      nextRow = rows.start(++range);
    }
    Batch batch = new Batch(schema, vectors, count);
    for (int c = 0; c < readers.size(); c++) {
      ColumnReader reader = readers.get(c);
      DictionaryIds ids = reader.lastDictionaryIds();
      if (reader.lastValuesElided() && count > 0) {
        if (ids == null) {
          batch.close();
          throw new IllegalStateException(
              "column " + schema.getFields().get(c).getName() + ": a batch without values or ids");
        }
        batch.withIdsOnly(c, ids);
      } else if (ids != null) {
        batch.withDictionary(c, ids);
      }
    }
    return batch;
  }

  /** Data pages decoded so far, over all columns. */
  public int pagesRead() {
    int pages = 0;
    for (ColumnReader reader : readers) {
      pages += reader.pagesRead();
    }
    return pages;
  }

  @Override
  public void close() {
    closed = true;
  }
}
