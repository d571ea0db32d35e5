package io.buzz.storage.parquet.column;

import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import io.buzz.kernels.batch.DictionaryIds;
import io.buzz.storage.parquet.metadata.ColumnDescriptor;
import io.buzz.storage.parquet.page.ColumnContext;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * Decodes one column chunk into Arrow vectors of the column's type, batch by batch. Call order:
 * {@link #skipTo} (when rows before the next batch are not wanted) and {@link #readBatch}, any
 * number of times, rows ascending; then {@link #checkExhausted} after the row group's last row.
 *
 * <p>Single-threaded, synchronous CPU work; owned by a {@code RowGroupDecoder}. Failures are {@link
 * BuzzException}s naming the file, column, row group and page: BAD_QUERY for corrupt data,
 * UNSUPPORTED for valid encodings this reader does not decode, LIMIT_EXCEEDED when the allocator's
 * limit is reached.
 */
public interface ColumnReader {
  /**
   * Decodes the next {@code rows} rows into a new vector from {@code allocator}, owned by the
   * caller; nothing stays allocated when it fails.
   */
  FieldVector readBatch(int rows, BufferAllocator allocator);

  /**
   * The dictionary ids of the batch the last {@link #readBatch} returned, when every one of its
   * values came from the chunk's dictionary (see {@link DictionaryIds}); null otherwise, and for
   * readers that keep none.
   */
  default DictionaryIds lastDictionaryIds() {
    return null;
  }

  /**
   * Asks for {@link #lastDictionaryIds} on every batch that came whole from one dictionary: string
   * readers keep them anyway; fixed-width readers only when asked (an array per batch that only
   * some consumers use, such as grouping on the column). Readers of other types ignore it.
   */
  default void keepDictionaryIds() {}

  /**
   * Asks, with {@link #keepDictionaryIds}, for batches whose values are their dictionary ids alone:
   * a batch that comes whole from one dictionary then has the right validity but zero-length
   * placeholder values, {@link #lastValuesElided} is true, and {@link #lastDictionaryIds} is the
   * only record of its values; a batch with any row from another encoding has its values as always.
   * For a column no consumer reads but through its ids or its nulls (grouping on the ids, counting
   * non-nulls). String readers honour it (copying the strings is most of their work); readers of
   * other types ignore it.
   */
  default void idsOnly() {}

  /** True when the batch the last {@link #readBatch} returned holds placeholder values. */
  default boolean lastValuesElided() {
    return false;
  }

  /**
   * Moves on to row {@code row} of the row group (at or after the current one), so that the next
   * {@link #readBatch} starts exactly there; rows before it in its page are decoded into vectors of
   * {@code allocator} and dropped.
   */
  void skipTo(long row, BufferAllocator allocator);

  /** Data pages this reader has started decoding. */
  int pagesRead();

  /** Checks, after the last batch, that the chunk holds no values beyond the row group's rows. */
  void checkExhausted();

  /**
   * The reader of {@code chunk}, chosen by the Arrow values the column decodes to and how its
   * stored values become them.
   *
   * @param batchRows the most rows any {@link #readBatch} asks for
   * @throws BuzzException UNSUPPORTED for a codec this reader lacks
   */
  static ColumnReader create(ColumnChunk chunk, ColumnContext context, int batchRows) {
    ColumnDescriptor column = chunk.descriptor();
    return switch (column.conversion()) {
      case UINT32_TO_INT64, TIME_MILLIS_TO_MICROS ->
          new LongColumnReader.Int32s(chunk, context, batchRows);
      case INT96_TO_MICROS -> new LongColumnReader.Int96s(chunk, context, batchRows);
      case FLOAT16_TO_DOUBLE -> new Float16ColumnReader(chunk, context, batchRows);
      case UUID_TO_STRING -> new VarCharColumnReader(chunk, context, batchRows);
      case DECIMAL -> DecimalColumnReader.create(chunk, context, batchRows);
      case NONE, MILLIS_TO_MICROS, NANOS_TO_MICROS, UINT64_TO_INT64 ->
          switch (column.physicalType()) {
            case BOOLEAN -> new BooleanColumnReader(chunk, context, batchRows);
            case INT32, FLOAT -> new IntColumnReader(chunk, context, batchRows);
            case INT64, DOUBLE -> new LongColumnReader.Int64s(chunk, context, batchRows);
            case BYTE_ARRAY, FIXED_LEN_BYTE_ARRAY ->
                new VarCharColumnReader(chunk, context, batchRows); // bytes of any length
            case INT96 ->
                throw new BuzzException(
                    ErrorCode.INTERNAL,
                    context.where() + ": " + column.physicalType() + " has no reader");
          };
    };
  }
}
