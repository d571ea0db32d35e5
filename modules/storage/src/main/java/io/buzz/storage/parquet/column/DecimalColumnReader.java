package io.buzz.storage.parquet.column;

import io.buzz.kernels.batch.Decimal128;
import io.buzz.storage.parquet.encoding.BinaryValues;
import io.buzz.storage.parquet.encoding.LittleEndian;
import io.buzz.storage.parquet.encoding.ValueKind;
import io.buzz.storage.parquet.encoding.ValuesDecoder;
import io.buzz.storage.parquet.metadata.MalformedParquetException;
import io.buzz.storage.parquet.page.ColumnContext;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigInteger;
import java.nio.ByteOrder;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * DECIMAL values into a {@code DecimalVector}: each unscaled value becomes 16 bytes of
 * little-endian two's complement, sign-extended from what is stored, in any encoding {@link
 * io.buzz.storage.parquet.encoding.ValuesDecoders} has for the physical type: INT32 and INT64
 * ({@link Int32s}, {@link Int64s}); FIXED_LEN_BYTE_ARRAY (big-endian, the declared 1 to 16 bytes)
 * and BYTE_ARRAY (big-endian, 1 to 16 bytes each) ({@link Binaries}).
 *
 * <p>Values are decoded two words each ({@code words[2i]} the low, {@code words[2i + 1]} the high
 * 64 bits, the vector's layout) and bulk-copied. A value with more digits than the column's
 * precision, or a byte array of 0 or more than 16 bytes, is corrupt data (dictionary entries are
 * checked when the dictionary is loaded, used or not).
 *
 * @param <T> the Java form of the stored values
 */
abstract class DecimalColumnReader<T> extends ColumnChunkReader<T> {
  private final int precision;
  private final int scale;

  /** Whether stored values can exceed the precision (an INT64 cannot exceed 19 digits). */
  private final boolean checkDigits;

  /** 10^precision as two words: every value's magnitude must be below it. */
  private final long limitHigh;

  private final long limitLow;
  private final long[] words;
  private long[] dictionary = new long[0];

  private DecimalColumnReader(
      ColumnChunk chunk,
      ColumnContext context,
      int batchRows,
      ValueKind<T> kind,
      boolean checkDigits) {
    super(chunk, context, batchRows, kind);
    ArrowType.Decimal type = (ArrowType.Decimal) descriptor.column().arrowType().orElseThrow();
    this.precision = type.getPrecision();
    this.scale = type.getScale();
    this.checkDigits = checkDigits;
    BigInteger limit = Decimal128.power(precision);
    this.limitHigh = Decimal128.high(limit);
    this.limitLow = Decimal128.low(limit);
    this.words = new long[2 * batchRows];
  }

  /** The reader of a DECIMAL column, by the physical type its values are stored as. */
  static ColumnReader create(ColumnChunk chunk, ColumnContext context, int batchRows) {
    return switch (chunk.descriptor().physicalType()) {
      case INT32 -> new Int32s(chunk, context, batchRows);
      case INT64 -> new Int64s(chunk, context, batchRows);
      case FIXED_LEN_BYTE_ARRAY, BYTE_ARRAY -> new Binaries(chunk, context, batchRows);
      case BOOLEAN, INT96, FLOAT, DOUBLE ->
          throw new IllegalStateException(chunk.descriptor().physicalType() + " routed to DECIMAL");
    };
  }

  /**
   * Decodes the next {@code count} values of {@code decoder} (at most {@code batchRows}) into
   * {@code words[2 * offset, 2 * (offset + count))}.
   */
  abstract void decode(ValuesDecoder<T> decoder, long[] words, int offset, int count);

  @Override
  final int maxValueLength() {
    return Decimal128.WIDTH;
  }

  @Override
  final void startBatch(FieldVector vector, int rows) {
    ((DecimalVector) vector).allocateNew(rows);
  }

  @Override
  final void loadDictionary(byte[] buf, int offset, int end, int count) {
    long[] entries = new long[2 * count];
    ValuesDecoder<T> plain = plainDecoder(buf, offset, end);
    for (int done = 0; done < count; done += batchRows) {
      decode(plain, entries, done, Math.min(count - done, batchRows));
    }
    checkDigits(entries, count);
    dictionary = entries;
  }

  @Override
  final void decodeValues(FieldVector vector, int out, int n, byte[] defs, int nonNull) {
    long[] w = words;
    decode(values, w, 0, nonNull);
    checkDigits(w, nonNull);
    if (defs != null) {
      int k = nonNull - 1;
      for (int i = n - 1; i >= 0; i--) {
        if (defs[i] != 0) {
          w[2 * i] = w[2 * k];
          w[2 * i + 1] = w[2 * k + 1];
          k--;
        } else {
          w[2 * i] = 0;
          w[2 * i + 1] = 0;
        }
      }
    }
    LittleEndian.putLongs(vector.getDataBuffer(), 2 * out, w, 2 * n);
  }

  @Override
  final void gather(FieldVector vector, int out, int n, byte[] defs, int nonNull) {
    long[] w = words;
    long[] dict = dictionary;
    int[] index = ids;
    int k = 0;
    for (int i = 0; i < n; i++) {
      if (defs == null || defs[i] != 0) {
        int id = index[k++];
        w[2 * i] = dict[2 * id];
        w[2 * i + 1] = dict[2 * id + 1];
      } else {
        w[2 * i] = 0;
        w[2 * i + 1] = 0;
      }
    }
    LittleEndian.putLongs(vector.getDataBuffer(), 2 * out, w, 2 * n);
  }

  /** Sets value {@code index} of {@code words} to {@code value}, sign-extended. */
  private static void widen(long value, long[] words, int index) {
    words[2 * index] = value;
    words[2 * index + 1] = value >> 63;
  }

  /** Throws when a value has more digits than the precision: |value| >= 10^precision. */
  private void checkDigits(long[] w, int count) {
    if (!checkDigits) {
      return;
    }
    for (int i = 0; i < count; i++) {
      long low = w[2 * i];
      long high = w[2 * i + 1];
      long absLow = high < 0 ? -low : low;
      long absHigh = high < 0 ? ~high + (low == 0 ? 1 : 0) : high; // -2^127 stays negative
      if (absHigh < 0 || Decimal128.compare(absHigh, absLow, limitHigh, limitLow) >= 0) {
        throw new MalformedParquetException(
            "stored value "
                + Decimal128.toString(high, low, scale)
                + " has more digits than DECIMAL("
                + precision
                + ","
                + scale
                + ") holds");
      }
    }
  }

  /** DECIMAL on INT32: at most 9 digits as stored. */
  static final class Int32s extends DecimalColumnReader<int[]> {
    private final int[] stored;

    Int32s(ColumnChunk chunk, ColumnContext context, int batchRows) {
      super(chunk, context, batchRows, ValueKind.INTS, precisionOf(chunk) < 10);
      this.stored = new int[batchRows];
    }

    @Override
    void decode(ValuesDecoder<int[]> decoder, long[] words, int offset, int count) {
      int[] ints = stored;
      decoder.read(ints, 0, count);
      for (int i = 0; i < count; i++) {
        widen(ints[i], words, offset + i);
      }
    }
  }

  /** DECIMAL on INT64: at most 18 digits as stored. */
  static final class Int64s extends DecimalColumnReader<long[]> {
    private final long[] stored;

    Int64s(ColumnChunk chunk, ColumnContext context, int batchRows) {
      super(chunk, context, batchRows, ValueKind.LONGS, precisionOf(chunk) < 19);
      this.stored = new long[batchRows];
    }

    @Override
    void decode(ValuesDecoder<long[]> decoder, long[] words, int offset, int count) {
      long[] longs = stored;
      decoder.read(longs, 0, count);
      for (int i = 0; i < count; i++) {
        widen(longs[i], words, offset + i);
      }
    }
  }

  /**
   * DECIMAL on FIXED_LEN_BYTE_ARRAY or BYTE_ARRAY: big-endian two's complement of 1 to 16 bytes
   * (all the type's bytes for FIXED_LEN_BYTE_ARRAY).
   */
  static final class Binaries extends DecimalColumnReader<BinaryValues> {
    private static final VarHandle BIG_ENDIAN_LONG =
        MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private final int fixed;
    private final BinaryValues stored;

    Binaries(ColumnChunk chunk, ColumnContext context, int batchRows) {
      super(chunk, context, batchRows, ValueKind.BINARY, true);
      this.fixed = chunk.descriptor().typeLength();
      this.stored = binaryValues(batchRows, Decimal128.WIDTH * batchRows);
    }

    @Override
    void decode(ValuesDecoder<BinaryValues> decoder, long[] words, int offset, int count) {
      BinaryValues values = stored;
      values.readFrom(decoder, count);
      byte[] bytes = values.bytes();
      for (int i = 0; i < count; i++) {
        int length = values.length(i);
        if (length < 1 || length > Decimal128.WIDTH || fixed >= 0 && length != fixed) {
          throw new MalformedParquetException(
              "a DECIMAL value of "
                  + length
                  + " bytes, expected "
                  + (fixed >= 0 ? fixed : "1 to " + Decimal128.WIDTH)
                  + " (big-endian two's complement)");
        }
        unscaled(bytes, values.start(i), length, words, offset + i);
      }
    }

    /** Sets value {@code index} of {@code w} to the {@code length} bytes at {@code start}. */
    private static void unscaled(byte[] buf, int start, int length, long[] w, int index) {
      int highBytes = length - 8;
      if (highBytes > 0) {
        long high = buf[start]; // sign-extended
        for (int j = 1; j < highBytes; j++) {
          high = high << 8 | (buf[start + j] & 0xFF);
        }
        w[2 * index] = (long) BIG_ENDIAN_LONG.get(buf, start + highBytes);
        w[2 * index + 1] = high;
      } else {
        long low = buf[start]; // sign-extended
        for (int j = 1; j < length; j++) {
          low = low << 8 | (buf[start + j] & 0xFF);
        }
        widen(low, w, index);
      }
    }
  }

  private static int precisionOf(ColumnChunk chunk) {
    return ((ArrowType.Decimal) chunk.descriptor().column().arrowType().orElseThrow())
        .getPrecision();
  }
}
