package io.buzz.storage.parquet.column;

import io.buzz.kernels.batch.DictionaryIds;
import io.buzz.storage.parquet.encoding.BinaryValues;
import io.buzz.storage.parquet.encoding.LittleEndian;
import io.buzz.storage.parquet.encoding.ValueKind;
import io.buzz.storage.parquet.encoding.ValuesDecoder;
import io.buzz.storage.parquet.metadata.MalformedParquetException;
import io.buzz.storage.parquet.metadata.UnsupportedPageException;
import io.buzz.storage.parquet.metadata.ValueConversion;
import io.buzz.storage.parquet.page.ColumnContext;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.FieldVector;

/**
 * Values that become 8-byte Arrow values ({@code BigIntVector}, {@code TimeStampMicroVector},
 * {@code TimeMicroVector}, {@code Float8Vector}): each subclass decodes its physical type's values
 * and converts them to Buzz's 64-bit values, a run at a time ({@link #decode}); this class spreads
 * them over the rows and copies them into the vector. Dictionaries are converted once, when loaded
 * (and offered to consumers as they are: see {@link #keepDictionaryIds}). Conversions: milliseconds
 * × 1000 (overflow is corrupt data), nanoseconds floor-divided by 1000, INT96 (nanoseconds of day,
 * Julian day) to microseconds since the epoch, INT32 widened (unsigned 32-bit values without their
 * sign, TIME(MILLIS) × 1000); unsigned 64-bit values are checked to fit BIGINT; DOUBLE values are
 * copied as their IEEE 754 bits.
 *
 * @param <T> the Java form of the stored values
 */
abstract class LongColumnReader<T> extends ColumnChunkReader<T> {
  private final long[] segment;
  private long[] dictionary = new long[0];

  LongColumnReader(ColumnChunk chunk, ColumnContext context, int batchRows, ValueKind<T> kind) {
    super(chunk, context, batchRows, kind);
    this.segment = new long[batchRows];
  }

  /**
   * Decodes the next {@code count} values of {@code decoder} (at most {@code batchRows}) into
   * {@code out[offset, offset + count)}, converted.
   */
  abstract void decode(ValuesDecoder<T> decoder, long[] out, int offset, int count);

  /** Bytes per stored value, for the dictionary's size check. */
  abstract int storedWidth();

  /** Whether the stored values are Buzz's as they are, so PLAIN runs may be bulk-copied. */
  boolean storedAsIs() {
    return false;
  }

  @Override
  final void startBatch(FieldVector vector, int rows) {
    UnzeroedBuffers.allocate((BaseFixedWidthVector) vector, rows);
  }

  @Override
  final void loadDictionary(byte[] buf, int offset, int end, int count) {
    checkDictionary(count, storedWidth(), "values", end - offset);
    long[] entries = new long[count];
    ValuesDecoder<T> plain = plainDecoder(buf, offset, end);
    for (int done = 0; done < count; done += batchRows) {
      decode(plain, entries, done, Math.min(count - done, batchRows));
    }
    dictionary = entries;
    dictionaryView(DictionaryIds.Dictionary.ofLongs(entries, count));
  }

  @Override
  final void decodeValues(FieldVector vector, int out, int n, byte[] defs, int nonNull) {
    ArrowBuf data = vector.getDataBuffer();
    if (defs == null && storedAsIs() && values.copyTo(data, out, n)) {
      return;
    }
    decode(values, segment, 0, nonNull);
    if (defs != null) {
      spread(segment, n, nonNull, defs);
    }
    LittleEndian.putLongs(data, out, segment, n);
  }

  @Override
  final void gather(FieldVector vector, int out, int n, byte[] defs, int nonNull) {
    long[] values = segment;
    long[] dict = dictionary;
    int[] index = ids;
    if (defs == null) {
      for (int i = 0; i < n; i++) {
        values[i] = dict[index[i]];
      }
    } else {
      int k = 0;
      for (int i = 0; i < n; i++) {
        values[i] = defs[i] != 0 ? dict[index[k++]] : 0;
      }
    }
    LittleEndian.putLongs(vector.getDataBuffer(), out, values, n);
  }

  /** INT64 (timestamps, times, unsigned values converted) and DOUBLE (its bits) values. */
  static final class Int64s extends LongColumnReader<long[]> {
    private final ValueConversion conversion;

    Int64s(ColumnChunk chunk, ColumnContext context, int batchRows) {
      super(chunk, context, batchRows, ValueKind.LONGS);
      this.conversion = chunk.descriptor().conversion();
    }

    @Override
    int storedWidth() {
      return 8;
    }

    @Override
    boolean storedAsIs() {
      return conversion == ValueConversion.NONE;
    }

    @Override
    void decode(ValuesDecoder<long[]> decoder, long[] out, int offset, int count) {
      decoder.read(out, offset, count);
      switch (conversion) {
        case NONE -> {}
        case MILLIS_TO_MICROS -> {
          for (int i = offset; i < offset + count; i++) {
            long millis = out[i];
            long micros = millis * 1000;
            if (micros / 1000 != millis) {
              throw new MalformedParquetException(
                  "timestamp of " + millis + " ms does not fit in microseconds");
            }
            out[i] = micros;
          }
        }
        case NANOS_TO_MICROS -> {
          for (int i = offset; i < offset + count; i++) {
            out[i] = Math.floorDiv(out[i], 1000L);
          }
        }
        case UINT64_TO_INT64 -> {
          for (int i = offset; i < offset + count; i++) {
            if (out[i] < 0) {
              throw new UnsupportedPageException(
                  "unsigned 64-bit value "
                      + Long.toUnsignedString(out[i])
                      + " exceeds BIGINT's range (up to 9223372036854775807)");
            }
          }
        }
        case UINT32_TO_INT64,
            TIME_MILLIS_TO_MICROS,
            INT96_TO_MICROS,
            FLOAT16_TO_DOUBLE,
            UUID_TO_STRING,
            DECIMAL ->
            throw new IllegalStateException(conversion + " column routed to the INT64 reader");
      }
    }
  }

  /** INT32 values widened: unsigned 32-bit values without their sign, TIME(MILLIS) × 1000. */
  static final class Int32s extends LongColumnReader<int[]> {
    private final boolean timeMillis;
    private final int[] stored;

    Int32s(ColumnChunk chunk, ColumnContext context, int batchRows) {
      super(chunk, context, batchRows, ValueKind.INTS);
      this.timeMillis = chunk.descriptor().conversion() == ValueConversion.TIME_MILLIS_TO_MICROS;
      this.stored = new int[batchRows];
    }

    @Override
    int storedWidth() {
      return 4;
    }

    @Override
    void decode(ValuesDecoder<int[]> decoder, long[] out, int offset, int count) {
      int[] ints = stored;
      decoder.read(ints, 0, count);
      if (timeMillis) {
        for (int i = 0; i < count; i++) {
          out[offset + i] = ints[i] * 1000L;
        }
      } else {
        for (int i = 0; i < count; i++) {
          out[offset + i] = ints[i] & 0xffffffffL;
        }
      }
    }
  }

  /**
   * Values of {@code width} bytes each (INT96, FIXED_LEN_BYTE_ARRAY), decoded as bytes and
   * converted a run at a time.
   */
  abstract static class FixedWidthBinaries extends LongColumnReader<BinaryValues> {
    private final int width;
    private final String type;
    private final BinaryValues stored;

    /**
     * @param type the values' type, for the error when a value has another width
     */
    FixedWidthBinaries(
        ColumnChunk chunk, ColumnContext context, int batchRows, int width, String type) {
      super(chunk, context, batchRows, ValueKind.BINARY);
      this.width = width;
      this.type = type;
      this.stored = binaryValues(batchRows, width * batchRows);
    }

    /**
     * Converts {@code count} values, value {@code i} being {@code width} bytes of {@code bytes} at
     * {@code starts[i]}, into {@code out[offset, offset + count)}.
     */
    abstract void convert(byte[] bytes, int[] starts, long[] out, int offset, int count);

    @Override
    final int storedWidth() {
      return width;
    }

    @Override
    final void decode(ValuesDecoder<BinaryValues> decoder, long[] out, int offset, int count) {
      stored.readFrom(decoder, count);
      checkWidths(stored, count, width, type);
      convert(stored.bytes(), stored.offsets(), out, offset, count);
    }
  }

  /** INT96 timestamps (nanoseconds of day, then Julian day) to microseconds since the epoch. */
  static final class Int96s extends FixedWidthBinaries {
    private static final long JULIAN_EPOCH_DAY = 2_440_588L;
    private static final long MICROS_PER_DAY = 86_400_000_000L;

    Int96s(ColumnChunk chunk, ColumnContext context, int batchRows) {
      super(chunk, context, batchRows, 12, "INT96");
    }

    @Override
    void convert(byte[] bytes, int[] starts, long[] out, int offset, int count) {
      for (int i = 0; i < count; i++) {
        int at = starts[i];
        long nanosOfDay = LittleEndian.getLong(bytes, at);
        long julianDay = LittleEndian.getInt(bytes, at + 8);
        out[offset + i] =
            (julianDay - JULIAN_EPOCH_DAY) * MICROS_PER_DAY + Math.floorDiv(nanosOfDay, 1000L);
      }
    }
  }
}
