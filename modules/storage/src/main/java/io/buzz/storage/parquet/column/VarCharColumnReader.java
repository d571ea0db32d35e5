package io.buzz.storage.parquet.column;

import io.buzz.kernels.batch.DictionaryIds;
import io.buzz.storage.parquet.encoding.BinaryValues;
import io.buzz.storage.parquet.encoding.LittleEndian;
import io.buzz.storage.parquet.encoding.ValueKind;
import io.buzz.storage.parquet.encoding.ValuesDecoder;
import io.buzz.storage.parquet.metadata.MalformedParquetException;
import io.buzz.storage.parquet.metadata.ValueConversion;
import io.buzz.storage.parquet.page.ColumnContext;
import java.nio.charset.StandardCharsets;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.FieldVector;

/**
 * BYTE_ARRAY strings into a {@code VarCharVector} (or bytes into a {@code VarBinaryVector}, as are
 * FIXED_LEN_BYTE_ARRAY values without an annotation), from any encoding {@link
 * io.buzz.storage.parquet.encoding.ValuesDecoders} has for them (PLAIN, DELTA_LENGTH_BYTE_ARRAY,
 * DELTA_BYTE_ARRAY) or the dictionary. The decoders append the batch's values straight into its
 * {@link BinaryValues} (bytes and offsets, Arrow's layout), null rows are given empty values, and
 * at the end of the batch the vector is allocated at its exact size and both are bulk-copied into
 * it. Dictionaries are kept as {@link BinaryValues} too, so a gather copies each value's bytes once
 * ({@link BinaryValues#gather}: a short value as one eight-byte word), or not at all for a column
 * read {@linkplain #idsOnly ids only}. UUID columns (16-byte FIXED_LEN_BYTE_ARRAY) become their
 * canonical 36-character strings.
 */
final class VarCharColumnReader extends ColumnChunkReader<BinaryValues> {
  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  /** The batch's strings, value {@code i} being row {@code i}. */
  private final BinaryValues strings;

  private BinaryValues dictionary;

  private final boolean uuid;

  /** UUIDs as stored, before they are formatted; null for strings. */
  private final BinaryValues uuids;

  private final byte[] formatted = new byte[36];

  /** {@link #idsOnly} was asked for. */
  private boolean idsOnly;

  /** The current batch's rows so far came from the dictionary and their values were not copied. */
  private boolean deferred;

  /** The last batch holds placeholder values. */
  private boolean lastElided;

  VarCharColumnReader(ColumnChunk chunk, ColumnContext context, int batchRows) {
    super(chunk, context, batchRows, ValueKind.BINARY);
    this.uuid = chunk.descriptor().conversion() == ValueConversion.UUID_TO_STRING;
    this.strings = binaryValues(batchRows, 1 << 16);
    this.dictionary = binaryValues(0, 0);
    this.uuids = uuid ? binaryValues(batchRows, 16 * batchRows) : null;
    keepDictionaryIds();
  }

  @Override
  public void idsOnly() {
    idsOnly = true;
  }

  @Override
  public boolean lastValuesElided() {
    return lastElided;
  }

  @Override
  void startBatch(FieldVector vector, int rows) {
    strings.clear();
    // rows skipped over are read without ids (see skipTo): they get their values
    deferred = idsOnly && keepsDictionaryIds();
    lastElided = false;
  }

  @Override
  void loadDictionary(byte[] buf, int offset, int end, int count) {
    ValuesDecoder<BinaryValues> plain = plainDecoder(buf, offset, end);
    if (uuid) {
      checkDictionary(count, 16, "UUIDs", end - offset);
      BinaryValues entries = binaryValues(count, 36 * count);
      for (int done = 0; done < count; done += batchRows) {
        formatUuids(plain, Math.min(count - done, batchRows), entries, done);
      }
      setDictionary(entries, count);
      return;
    }
    int width = descriptor.typeLength();
    if (width >= 0) {
      checkDictionary(count, width, "values of " + width + " bytes", end - offset);
      BinaryValues entries = binaryValues(count, width * count);
      plain.read(entries, 0, count);
      setDictionary(entries, count);
      return;
    }
    if ((long) count * 4 > end - offset) {
      throw new MalformedParquetException(
          "dictionary of " + count + " strings cannot fit in " + (end - offset) + " bytes");
    }
    BinaryValues entries = binaryValues(count, end - offset - 4 * count);
    plain.read(entries, 0, count);
    setDictionary(entries, count);
  }

  private void setDictionary(BinaryValues entries, int count) {
    dictionary = entries;
    dictionaryView(new DictionaryIds.Dictionary(entries.bytes(), entries.offsets(), count));
  }

  @Override
  void decodeValues(FieldVector vector, int out, int n, byte[] defs, int nonNull) {
    if (deferred) {
      materialize(out);
    }
    if (uuid) {
      formatUuids(values, nonNull, strings, out);
    } else {
      values.read(strings, out, nonNull);
    }
    if (defs != null) {
      spreadOffsets(out, n, nonNull, defs);
    }
  }

  @Override
  void gather(FieldVector vector, int out, int n, byte[] defs, int nonNull) {
    if (!deferred) {
      BinaryValues dict = dictionary;
      strings.gather(out, n, defs, ids, dict.bytes(), dict.offsets());
    }
  }

  /**
   * The batch turned out to need its values (a page of another encoding follows): copies the
   * dictionary values of rows {@code [0, rows)}, whose ids were recorded, and stops deferring.
   */
  private void materialize(int rows) {
    deferred = false;
    if (rows == 0) {
      return;
    }
    int[] rowIds = batchIdsSoFar();
    if (rowIds == null) {
      throw new IllegalStateException(context.where() + ": no dictionary ids to materialize");
    }
    byte[] bytes = dictionary.bytes();
    int[] starts = dictionary.offsets();
    for (int i = 0; i < rows; i++) {
      int id = rowIds[i];
      int from = id < 0 ? 0 : starts[id];
      strings.add(i, bytes, from, id < 0 ? 0 : starts[id + 1] - from);
    }
  }

  @Override
  void finishBatch(FieldVector vector, int rows) {
    BaseVariableWidthVector target = (BaseVariableWidthVector) vector;
    if (deferred) {
      // every row came from the dictionary: zero-length placeholders, the ids are the values
      lastElided = true;
      target.allocateNew(1, rows); // zeroes the offsets: every value is empty
      target.setLastSet(rows - 1);
      return;
    }
    target.allocateNew(Math.max(strings.size(), 1), rows);
    target.getDataBuffer().setBytes(0, strings.bytes(), 0, strings.size());
    LittleEndian.putInts(target.getOffsetBuffer(), 0, strings.offsets(), rows + 1);
    target.setLastSet(rows - 1);
  }

  /**
   * Gives the null rows among rows {@code [out, out + n)}, whose {@code nonNull} values were
   * appended as values {@code [out, out + nonNull)}, empty values: moves the offsets to their rows,
   * backwards, in place.
   */
  private void spreadOffsets(int out, int n, int nonNull, byte[] defs) {
    int[] offsets = strings.offsets();
    int k = nonNull - 1;
    for (int i = n - 1; i >= 0; i--) {
      offsets[out + i + 1] = offsets[out + k + 1];
      if (defs[i] != 0) {
        k--;
      }
    }
  }

  /**
   * Decodes {@code count} UUIDs with {@code decoder} and appends them, formatted, to {@code to} as
   * values {@code [at, at + count)}.
   */
  private void formatUuids(
      ValuesDecoder<BinaryValues> decoder, int count, BinaryValues to, int at) {
    BinaryValues stored = uuids;
    stored.readFrom(decoder, count);
    checkWidths(stored, count, 16, "UUID");
    byte[] bytes = stored.bytes();
    for (int i = 0; i < count; i++) {
      formatUuid(bytes, stored.start(i), formatted, 0);
      to.add(at + i, formatted, 0, 36);
    }
  }

  /** 16 bytes at {@code from} as 8-4-4-4-12 lowercase hex into {@code to[at, at + 36)}. */
  private static void formatUuid(byte[] from, int start, byte[] to, int at) {
    int o = at;
    for (int i = 0; i < 16; i++) {
      if (i == 4 || i == 6 || i == 8 || i == 10) {
        to[o++] = '-';
      }
      int b = from[start + i] & 0xff;
      to[o++] = HEX[b >>> 4];
      to[o++] = HEX[b & 0xf];
    }
  }
}
