package io.buzz.storage.parquet;

import io.buzz.storage.parquet.metadata.MalformedParquetException;
import io.buzz.storage.parquet.metadata.ParquetEncoding;
import io.buzz.storage.parquet.metadata.UnsupportedPageException;
import io.buzz.storage.parquet.metadata.ValueConversion;
import io.buzz.storage.parquet.page.ColumnContext;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.FieldVector;

/**
 * INT64 and INT96 values into 8-byte Arrow vectors ({@code BigIntVector}, {@code
 * TimeStampMicroVector}, {@code TimeMicroVector}), converting timestamps and times to microseconds:
 * milliseconds × 1000 (overflow is corrupt data), nanoseconds floor-divided by 1000, INT96
 * (nanoseconds of day, Julian day) to microseconds since the epoch; and INT32 values widened to 64
 * bits: unsigned 32-bit values without their sign, TIME(MILLIS) × 1000. Unsigned 64-bit values are
 * checked to fit BIGINT. Dictionaries are converted once when loaded. INT64 and INT32 values also
 * decode from DELTA_BINARY_PACKED and BYTE_STREAM_SPLIT pages.
 */
final class LongColumnReader extends ColumnChunkReader {
  private static final long JULIAN_EPOCH_DAY = 2_440_588L;
  private static final long MICROS_PER_DAY = 86_400_000_000L;

  private final ValueConversion conversion;
  private final int width;
  private final long[] segment;
  private long[] dictionary = new long[0];
  private DeltaBinaryPackedDecoder delta;
  private ByteStreamSplitDecoder split;

  LongColumnReader(RowGroupChunks.Chunk chunk, ColumnContext context, int batchRows) {
    super(chunk, context, batchRows);
    this.conversion = chunk.descriptor().conversion();
    this.width =
        switch (conversion) {
          case INT96_TO_MICROS -> 12;
          case UINT32_TO_INT64, TIME_MILLIS_TO_MICROS -> 4;
          default -> 8;
        };
    this.segment = new long[batchRows];
  }

  @Override
  void startBatch(FieldVector vector, int rows) {
    ((BaseFixedWidthVector) vector).allocateNew(rows);
  }

  @Override
  void startPlainPage() {
    delta = null;
    split = null;
  }

  @Override
  boolean startOtherEncoding(ParquetEncoding encoding) {
    startPlainPage();
    if (width == 12) {
      return false;
    }
    switch (encoding) {
      case DELTA_BINARY_PACKED -> delta = new DeltaBinaryPackedDecoder(page, pos, end);
      case BYTE_STREAM_SPLIT -> split = new ByteStreamSplitDecoder(page, pos, end, width);
      default -> {
        return false;
      }
    }
    return true;
  }

  @Override
  void loadDictionary(byte[] buf, int offset, int end, int count) {
    if ((long) count * width > end - offset) {
      throw new MalformedParquetException(
          "dictionary of "
              + count
              + " values needs "
              + (long) count * width
              + " bytes, has "
              + (end - offset));
    }
    dictionary = new long[count];
    read(buf, offset, dictionary, count);
  }

  @Override
  void decodePlain(FieldVector vector, int out, int n, byte[] defs, int nonNull) {
    long[] values = segment;
    if (delta != null || split != null) {
      if (delta != null) {
        delta.readLongs(values, 0, nonNull);
      } else {
        split.readBits(values, 0, nonNull);
      }
      convert(values, nonNull);
    } else {
      need((long) width * nonNull);
      if (defs == null && conversion == ValueConversion.NONE) {
        vector.getDataBuffer().setBytes(8L * out, page, pos, 8L * n);
        pos += 8 * n;
        return;
      }
      read(page, pos, values, nonNull);
      pos += width * nonNull;
    }
    if (defs != null) {
      spread(values, n, nonNull, defs);
    }
    LittleEndian.putLongs(vector.getDataBuffer(), out, values, n);
  }

  @Override
  void gather(FieldVector vector, int out, int n, byte[] defs, int nonNull) {
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

  @Override
  void finishBatch(FieldVector vector, int rows) {}

  /** Reads {@code count} stored values from {@code buf} at {@code at}, converted. */
  private void read(byte[] buf, int at, long[] values, int count) {
    if (conversion == ValueConversion.INT96_TO_MICROS) {
      for (int i = 0; i < count; i++) {
        long nanosOfDay = LittleEndian.getLong(buf, at + 12 * i);
        long julianDay = LittleEndian.getInt(buf, at + 12 * i + 8);
        values[i] =
            (julianDay - JULIAN_EPOCH_DAY) * MICROS_PER_DAY + Math.floorDiv(nanosOfDay, 1000L);
      }
      return;
    }
    if (width == 4) {
      for (int i = 0; i < count; i++) {
        values[i] = LittleEndian.getInt(buf, at + 4 * i);
      }
    } else {
      for (int i = 0; i < count; i++) {
        values[i] = LittleEndian.getLong(buf, at + 8 * i);
      }
    }
    convert(values, count);
  }

  /**
   * Converts stored values in place to Buzz values. INT32 values may arrive sign-extended (PLAIN,
   * DELTA_BINARY_PACKED) or zero-extended (BYTE_STREAM_SPLIT); only their low 32 bits count.
   */
  private void convert(long[] values, int count) {
    switch (conversion) {
      case NONE, INT96_TO_MICROS -> {}
      case MILLIS_TO_MICROS -> {
        for (int i = 0; i < count; i++) {
          long millis = values[i];
          long micros = millis * 1000;
          if (micros / 1000 != millis) {
            throw new MalformedParquetException(
                "timestamp of " + millis + " ms does not fit in microseconds");
          }
          values[i] = micros;
        }
      }
      case NANOS_TO_MICROS -> {
        for (int i = 0; i < count; i++) {
          values[i] = Math.floorDiv(values[i], 1000L);
        }
      }
      case UINT32_TO_INT64 -> {
        for (int i = 0; i < count; i++) {
          values[i] &= 0xffffffffL;
        }
      }
      case TIME_MILLIS_TO_MICROS -> {
        for (int i = 0; i < count; i++) {
          values[i] = (int) values[i] * 1000L;
        }
      }
      case UINT64_TO_INT64 -> {
        for (int i = 0; i < count; i++) {
          if (values[i] < 0) {
            throw new UnsupportedPageException(
                "unsigned 64-bit value "
                    + Long.toUnsignedString(values[i])
                    + " exceeds BIGINT's range (up to 9223372036854775807)");
          }
        }
      }
      case FLOAT16_TO_DOUBLE, UUID_TO_STRING, DECIMAL ->
          throw new IllegalStateException(conversion + " column routed to the INT64 reader");
    }
  }

  /** Moves {@code nonNull} dense values to their rows; null rows get 0. Backwards, in place. */
  private static void spread(long[] values, int n, int nonNull, byte[] defs) {
    int k = nonNull - 1;
    for (int i = n - 1; i >= 0; i--) {
      values[i] = defs[i] != 0 ? values[k--] : 0;
    }
  }
}
