package io.buzz.storage.parquet;

import io.buzz.kernels.batch.Decimal128;
import io.buzz.storage.parquet.metadata.MalformedParquetException;
import io.buzz.storage.parquet.metadata.ParquetEncoding;
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
 * little-endian two's complement, sign-extended from what is stored:
 *
 * <ul>
 *   <li>INT32 and INT64: PLAIN, dictionary, DELTA_BINARY_PACKED, BYTE_STREAM_SPLIT;
 *   <li>FIXED_LEN_BYTE_ARRAY (big-endian, the declared 1 to 16 bytes): PLAIN, dictionary,
 *       BYTE_STREAM_SPLIT, DELTA_BYTE_ARRAY;
 *   <li>BYTE_ARRAY (big-endian, 1 to 16 bytes each): PLAIN, dictionary, DELTA_LENGTH_BYTE_ARRAY,
 *       DELTA_BYTE_ARRAY.
 * </ul>
 *
 * <p>Values are decoded two words each ({@code words[2i]} the low, {@code words[2i + 1]} the high
 * 64 bits, the vector's layout) and bulk-copied. A value with more digits than the column's
 * precision, or a byte array of 0 or more than 16 bytes, is corrupt data (dictionary entries are
 * checked when the dictionary is loaded, used or not).
 */
final class DecimalColumnReader extends ColumnChunkReader {
  private static final VarHandle BIG_ENDIAN_LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  private final int precision;
  private final int scale;

  /** Whether stored values can exceed the precision (an INT64 cannot exceed 19 digits). */
  private final boolean checkDigits;

  /** 10^precision as two words: every value's magnitude must be below it. */
  private final long limitHigh;

  private final long limitLow;
  private final long[] words;
  private final long[] longs;
  private final int[] starts;
  private final int[] lengths;
  private long[] dictionary = new long[0];
  private DecimalValuesDecoder values;

  /** The unscaled values of one data page, decoded a run at a time. */
  @FunctionalInterface
  private interface DecimalValuesDecoder {
    /** Decodes the next {@code count} values into {@code words[0, 2 * count)}. */
    void read(long[] words, int count);
  }

  DecimalColumnReader(RowGroupChunks.Chunk chunk, ColumnContext context, int batchRows) {
    super(chunk, context, batchRows);
    ArrowType.Decimal type = (ArrowType.Decimal) descriptor.column().arrowType().orElseThrow();
    this.precision = type.getPrecision();
    this.scale = type.getScale();
    this.checkDigits =
        switch (descriptor.physicalType()) {
          case INT32 -> precision < 10;
          case INT64 -> precision < 19;
          case FIXED_LEN_BYTE_ARRAY, BYTE_ARRAY, BOOLEAN, INT96, FLOAT, DOUBLE -> true;
        };
    BigInteger limit = Decimal128.power(precision);
    this.limitHigh = Decimal128.high(limit);
    this.limitLow = Decimal128.low(limit);
    this.words = new long[2 * batchRows];
    this.longs = new long[batchRows];
    this.starts = new int[batchRows];
    this.lengths = new int[batchRows];
  }

  @Override
  void startPlainPage() {
    values = decoder(ParquetEncoding.PLAIN, page, pos, end);
  }

  @Override
  boolean startOtherEncoding(ParquetEncoding encoding) {
    values = decoder(encoding, page, pos, end);
    return values != null;
  }

  @Override
  void startBatch(FieldVector vector, int rows) {
    ((DecimalVector) vector).allocateNew(rows);
  }

  @Override
  void loadDictionary(byte[] buf, int offset, int end, int count) {
    long[] entries = new long[2 * count];
    decoder(ParquetEncoding.PLAIN, buf, offset, end).read(entries, count);
    checkDigits(entries, count);
    dictionary = entries;
  }

  @Override
  void decodePlain(FieldVector vector, int out, int n, byte[] defs, int nonNull) {
    long[] w = words;
    values.read(w, nonNull);
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
  void gather(FieldVector vector, int out, int n, byte[] defs, int nonNull) {
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

  @Override
  void finishBatch(FieldVector vector, int rows) {}

  /** The decoder of values {@code buf[pos, end)} in {@code encoding}; null when not supported. */
  private DecimalValuesDecoder decoder(ParquetEncoding encoding, byte[] buf, int pos, int end) {
    return switch (descriptor.physicalType()) {
      case INT32 -> integers(encoding, buf, pos, end, 4);
      case INT64 -> integers(encoding, buf, pos, end, 8);
      case FIXED_LEN_BYTE_ARRAY, BYTE_ARRAY -> {
        int fixed = descriptor.typeLength();
        BinaryValuesDecoder bytes =
            BinaryValuesDecoder.forPage(encoding, fixed, buf, pos, end, Decimal128.WIDTH);
        yield bytes == null ? null : (w, count) -> bigEndian(bytes, fixed, w, count);
      }
      case BOOLEAN, INT96, FLOAT, DOUBLE ->
          throw new IllegalStateException(descriptor.physicalType() + " routed to DECIMAL");
    };
  }

  /** INT32 ({@code width} 4, narrowed as stored) or INT64 values, sign-extended to two words. */
  private DecimalValuesDecoder integers(
      ParquetEncoding encoding, byte[] buf, int pos, int end, int width) {
    return switch (encoding) {
      case PLAIN -> new PlainIntegers(buf, pos, end, width);
      case DELTA_BINARY_PACKED -> {
        DeltaBinaryPackedDecoder delta = new DeltaBinaryPackedDecoder(buf, pos, end);
        yield (w, count) -> {
          delta.readLongs(longs, 0, count);
          widen(longs, width, w, count);
        };
      }
      case BYTE_STREAM_SPLIT -> {
        ByteStreamSplitDecoder split = new ByteStreamSplitDecoder(buf, pos, end, width);
        yield (w, count) -> {
          split.readBits(longs, 0, count);
          widen(longs, width, w, count);
        };
      }
      case GROUP_VAR_INT,
          PLAIN_DICTIONARY,
          RLE,
          BIT_PACKED,
          DELTA_LENGTH_BYTE_ARRAY,
          DELTA_BYTE_ARRAY,
          RLE_DICTIONARY ->
          null;
    };
  }

  /** PLAIN INT32 or INT64: little-endian values of {@code width} bytes. */
  private static final class PlainIntegers implements DecimalValuesDecoder {
    private final byte[] buf;
    private final int end;
    private final int width;
    private int pos;

    PlainIntegers(byte[] buf, int pos, int end, int width) {
      this.buf = buf;
      this.pos = pos;
      this.end = end;
      this.width = width;
    }

    @Override
    public void read(long[] w, int count) {
      ColumnChunkReader.need(pos, end, (long) count * width);
      if (width == 4) {
        for (int i = 0; i < count; i++) {
          long value = LittleEndian.getInt(buf, pos + 4 * i);
          w[2 * i] = value;
          w[2 * i + 1] = value >> 63;
        }
      } else {
        for (int i = 0; i < count; i++) {
          long value = LittleEndian.getLong(buf, pos + 8 * i);
          w[2 * i] = value;
          w[2 * i + 1] = value >> 63;
        }
      }
      pos += count * width;
    }
  }

  /** 64-bit values (INT32's in their low 32 bits) sign-extended to two words each. */
  private static void widen(long[] from, int width, long[] w, int count) {
    for (int i = 0; i < count; i++) {
      long value = width == 4 ? (int) from[i] : from[i];
      w[2 * i] = value;
      w[2 * i + 1] = value >> 63;
    }
  }

  /**
   * Big-endian two's complement byte arrays of 1 to 16 bytes (all {@code fixed} bytes if set), in
   * runs of at most {@code batchRows} (a dictionary may hold more values than a batch).
   */
  private void bigEndian(BinaryValuesDecoder bytes, int fixed, long[] w, int count) {
    for (int done = 0; done < count; done += starts.length) {
      int run = Math.min(count - done, starts.length);
      byte[] buf = bytes.read(run, starts, lengths);
      for (int i = 0; i < run; i++) {
        int length = lengths[i];
        if (length < 1 || length > Decimal128.WIDTH || fixed >= 0 && length != fixed) {
          throw new MalformedParquetException(
              "a DECIMAL value of "
                  + length
                  + " bytes, expected "
                  + (fixed >= 0 ? fixed : "1 to " + Decimal128.WIDTH)
                  + " (big-endian two's complement)");
        }
        unscaled(buf, starts[i], length, w, done + i);
      }
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
      w[2 * index] = low;
      w[2 * index + 1] = low >> 63;
    }
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
}
