package io.buzz.storage.parquet;

import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;

/**
 * DOUBLE values, and FLOAT values widened, into a {@code Float8Vector}. PLAIN DOUBLE pages without
 * nulls are copied into the Arrow buffer in one bulk copy.
 */
final class DoubleColumnReader extends ColumnChunkReader {
  private final boolean widen;
  private final int width;
  private final double[] segment;
  private final long[] bits;
  private double[] dictionary = new double[0];
  private ByteStreamSplitDecoder split;

  DoubleColumnReader(RowGroupChunks.Chunk chunk, ColumnContext context, int batchRows) {
    super(chunk, context, batchRows);
    this.widen = chunk.descriptor().conversion() == ValueConversion.FLOAT_TO_DOUBLE;
    this.width = widen ? 4 : 8;
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
      if (widen) {
        for (int i = 0; i < nonNull; i++) {
          values[i] = Float.intBitsToFloat((int) bits[i]);
        }
      } else {
        for (int i = 0; i < nonNull; i++) {
          values[i] = Double.longBitsToDouble(bits[i]);
        }
      }
    } else {
      need((long) width * nonNull);
      if (defs == null && !widen) {
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
    if (widen) {
      for (int i = 0; i < count; i++) {
        values[i] = LittleEndian.getFloat(buf, at + 4 * i);
      }
    } else {
      for (int i = 0; i < count; i++) {
        values[i] = LittleEndian.getDouble(buf, at + 8 * i);
      }
    }
  }
}
