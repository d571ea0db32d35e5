package io.buzz.storage.parquet;

import io.buzz.storage.parquet.metadata.MalformedParquetException;
import io.buzz.storage.parquet.metadata.ParquetEncoding;
import io.buzz.storage.parquet.metadata.PhysicalType;
import io.buzz.storage.parquet.page.ColumnContext;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.FieldVector;

/**
 * INT32 and FLOAT values into 4-byte Arrow vectors ({@code IntVector}, {@code DateDayVector},
 * {@code Float4Vector}): the stored bits are the Arrow bits. PLAIN pages without nulls are copied
 * into the Arrow buffer in one bulk copy; otherwise values (PLAIN, dictionary, BYTE_STREAM_SPLIT
 * and, for INT32 only, DELTA_BINARY_PACKED) are gathered into a segment buffer and bulk-copied.
 */
final class IntColumnReader extends ColumnChunkReader {
  private final int[] segment;
  private final long[] wide;
  private int[] dictionary = new int[0];
  private DeltaBinaryPackedDecoder delta;
  private ByteStreamSplitDecoder split;

  private final boolean integers;

  IntColumnReader(RowGroupChunks.Chunk chunk, ColumnContext context, int batchRows) {
    super(chunk, context, batchRows);
    this.integers = chunk.descriptor().physicalType() == PhysicalType.INT32;
    this.segment = new int[batchRows];
    this.wide = new long[batchRows];
  }

  @Override
  void startPlainPage() {
    delta = null;
    split = null;
  }

  @Override
  boolean startOtherEncoding(ParquetEncoding encoding) {
    startPlainPage();
    switch (encoding) {
      case DELTA_BINARY_PACKED -> {
        if (!integers) {
          return false;
        }
        delta = new DeltaBinaryPackedDecoder(page, pos, end);
      }
      case BYTE_STREAM_SPLIT -> split = new ByteStreamSplitDecoder(page, pos, end, 4);
      default -> {
        return false;
      }
    }
    return true;
  }

  @Override
  void startBatch(FieldVector vector, int rows) {
    ((BaseFixedWidthVector) vector).allocateNew(rows);
  }

  @Override
  void loadDictionary(byte[] buf, int offset, int end, int count) {
    if ((long) count * 4 > end - offset) {
      throw new MalformedParquetException(
          "dictionary of "
              + count
              + " INT32 values needs "
              + count * 4L
              + " bytes, has "
              + (end - offset));
    }
    dictionary = new int[count];
    for (int i = 0; i < count; i++) {
      dictionary[i] = LittleEndian.getInt(buf, offset + 4 * i);
    }
  }

  @Override
  void decodePlain(FieldVector vector, int out, int n, byte[] defs, int nonNull) {
    if (delta != null || split != null) {
      decodeWide(vector, out, n, defs, nonNull);
      return;
    }
    need(4L * nonNull);
    if (defs == null) {
      vector.getDataBuffer().setBytes(4L * out, page, pos, 4L * n);
      pos += 4 * n;
      return;
    }
    int[] values = segment;
    int at = pos;
    for (int i = 0; i < n; i++) {
      if (defs[i] != 0) {
        values[i] = LittleEndian.getInt(page, at);
        at += 4;
      } else {
        values[i] = 0;
      }
    }
    pos = at;
    LittleEndian.putInts(vector.getDataBuffer(), out, values, n);
  }

  /** DELTA_BINARY_PACKED or BYTE_STREAM_SPLIT: decoded as 64-bit, narrowed. */
  private void decodeWide(FieldVector vector, int out, int n, byte[] defs, int nonNull) {
    if (delta != null) {
      delta.readLongs(wide, 0, nonNull);
    } else {
      split.readBits(wide, 0, nonNull);
    }
    int[] values = segment;
    if (defs == null) {
      for (int i = 0; i < n; i++) {
        values[i] = (int) wide[i];
      }
    } else {
      int k = 0;
      for (int i = 0; i < n; i++) {
        values[i] = defs[i] != 0 ? (int) wide[k++] : 0;
      }
    }
    LittleEndian.putInts(vector.getDataBuffer(), out, values, n);
  }

  @Override
  void gather(FieldVector vector, int out, int n, byte[] defs, int nonNull) {
    int[] values = segment;
    int[] dict = dictionary;
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
    LittleEndian.putInts(vector.getDataBuffer(), out, values, n);
  }

  @Override
  void finishBatch(FieldVector vector, int rows) {}
}
