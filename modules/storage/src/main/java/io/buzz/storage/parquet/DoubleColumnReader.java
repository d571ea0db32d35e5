package io.buzz.storage.parquet;

import io.buzz.storage.parquet.metadata.MalformedParquetException;
import io.buzz.storage.parquet.metadata.ParquetEncoding;
import io.buzz.storage.parquet.metadata.ValueConversion;
import io.buzz.storage.parquet.page.ColumnContext;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;

/**
 * DOUBLE values, and FLOAT16 values widened, into a {@code Float8Vector} (FLOAT is FLOAT32, read by
 * {@link IntColumnReader}). PLAIN DOUBLE pages without nulls are copied into the Arrow buffer in
 * one bulk copy.
 */
final class DoubleColumnReader extends ColumnChunkReader {
  private final boolean half;
  private final int width;
  private final double[] segment;
  private final long[] bits;
  private double[] dictionary = new double[0];
  private ByteStreamSplitDecoder split;

  DoubleColumnReader(RowGroupChunks.Chunk chunk, ColumnContext context, int batchRows) {
    super(chunk, context, batchRows);
    this.half = chunk.descriptor().conversion() == ValueConversion.FLOAT16_TO_DOUBLE;
    this.width = half ? 2 : 8;
    this.segment = new double[batchRows];
    this.bits = new long[batchRows];
  }

  @Override
  void startPlainPage() {
    split = null;
  }

  @Override
  boolean startOtherEncoding(ParquetEncoding encoding) {
    split =
        encoding == ParquetEncoding.BYTE_STREAM_SPLIT
            ? new ByteStreamSplitDecoder(page, pos, end, width)
            : null;
    return split != null;
  }

  @Override
  void startBatch(FieldVector vector, int rows) {
    ((Float8Vector) vector).allocateNew(rows);
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
    dictionary = new double[count];
    read(buf, offset, dictionary, count);
  }

  @Override
  void decodePlain(FieldVector vector, int out, int n, byte[] defs, int nonNull) {
    double[] values = segment;
    if (split != null) {
      split.readBits(bits, 0, nonNull);
      if (half) {
        for (int i = 0; i < nonNull; i++) {
          values[i] = halfToFloat((int) bits[i]);
        }
      } else {
        for (int i = 0; i < nonNull; i++) {
          values[i] = Double.longBitsToDouble(bits[i]);
        }
      }
    } else {
      need((long) width * nonNull);
      if (defs == null && width == 8) {
        vector.getDataBuffer().setBytes(8L * out, page, pos, 8L * n);
        pos += 8 * n;
        return;
      }
      read(page, pos, values, nonNull);
      pos += width * nonNull;
    }
    if (defs != null) {
      int k = nonNull - 1;
      for (int i = n - 1; i >= 0; i--) {
        values[i] = defs[i] != 0 ? values[k--] : 0;
      }
    }
    LittleEndian.putDoubles(vector.getDataBuffer(), out, values, n);
  }

  @Override
  void gather(FieldVector vector, int out, int n, byte[] defs, int nonNull) {
    double[] values = segment;
    double[] dict = dictionary;
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
    LittleEndian.putDoubles(vector.getDataBuffer(), out, values, n);
  }

  @Override
  void finishBatch(FieldVector vector, int rows) {}

  private void read(byte[] buf, int at, double[] values, int count) {
    if (half) {
      for (int i = 0; i < count; i++) {
        values[i] = halfToFloat((buf[at + 2 * i] & 0xff) | (buf[at + 2 * i + 1] & 0xff) << 8);
      }
    } else {
      for (int i = 0; i < count; i++) {
        values[i] = LittleEndian.getDouble(buf, at + 8 * i);
      }
    }
  }

  /** IEEE 754 half precision (the low 16 bits of {@code bits}) to float: exact, NaN and ±∞ kept. */
  static float halfToFloat(int bits) {
    int sign = (bits & 0x8000) << 16;
    int exponent = (bits >>> 10) & 0x1f;
    int mantissa = bits & 0x3ff;
    if (exponent == 0x1f) {
      return Float.intBitsToFloat(sign | 0x7f800000 | mantissa << 13);
    }
    if (exponent == 0) {
      float subnormal = mantissa * 0x1p-24f; // also ±0
      return sign != 0 ? -subnormal : subnormal;
    }
    return Float.intBitsToFloat(sign | (exponent + 112) << 23 | mantissa << 13);
  }
}
