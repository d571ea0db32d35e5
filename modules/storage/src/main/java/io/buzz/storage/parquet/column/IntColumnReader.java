package io.buzz.storage.parquet.column;

import io.buzz.kernels.batch.DictionaryIds;
import io.buzz.storage.parquet.encoding.LittleEndian;
import io.buzz.storage.parquet.encoding.ValueKind;
import io.buzz.storage.parquet.metadata.PhysicalType;
import io.buzz.storage.parquet.page.ColumnContext;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.FieldVector;

/**
 * INT32 and FLOAT values into 4-byte Arrow vectors ({@code IntVector}, {@code DateDayVector},
 * {@code Float4Vector}): the stored bits are the Arrow bits. Runs without nulls of PLAIN pages are
 * copied into the Arrow buffer in one bulk copy; otherwise values (any encoding {@link
 * io.buzz.storage.parquet.encoding.ValuesDecoders} has for the type, or the dictionary) are
 * gathered into a segment buffer and bulk-copied. A dictionary is offered to consumers as longs
 * (FLOAT values as the bits of their doubles) when {@link #keepDictionaryIds} asked for it.
 */
final class IntColumnReader extends ColumnChunkReader<int[]> {
  private final int[] segment;
  private int[] dictionary = new int[0];

  IntColumnReader(ColumnChunk chunk, ColumnContext context, int batchRows) {
    super(chunk, context, batchRows, ValueKind.INTS);
    this.segment = new int[batchRows];
  }

  @Override
  void startBatch(FieldVector vector, int rows) {
    UnzeroedBuffers.allocate((BaseFixedWidthVector) vector, rows);
  }

  @Override
  void loadDictionary(byte[] buf, int offset, int end, int count) {
    checkDictionary(count, 4, "INT32 values", end - offset);
    dictionary = new int[count];
    plainDecoder(buf, offset, end).read(dictionary, 0, count);
    if (keepsDictionaryIds()) {
      long[] longs = new long[count];
      boolean floats = descriptor.physicalType() == PhysicalType.FLOAT;
      for (int i = 0; i < count; i++) {
        int bits = dictionary[i];
        longs[i] = floats ? Double.doubleToRawLongBits(Float.intBitsToFloat(bits)) : bits;
      }
      dictionaryView(DictionaryIds.Dictionary.ofLongs(longs, count));
    }
  }

  @Override
  void decodeValues(FieldVector vector, int out, int n, byte[] defs, int nonNull) {
    ArrowBuf data = vector.getDataBuffer();
    if (defs == null && values.copyTo(data, out, n)) {
      return;
    }
    values.read(segment, 0, nonNull);
    if (defs != null) {
      spread(segment, n, nonNull, defs);
    }
    LittleEndian.putInts(data, out, segment, n);
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
}
