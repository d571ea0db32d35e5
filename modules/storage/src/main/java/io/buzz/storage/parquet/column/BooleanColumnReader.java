package io.buzz.storage.parquet.column;

import io.buzz.storage.parquet.encoding.ValueKind;
import io.buzz.storage.parquet.metadata.UnsupportedPageException;
import io.buzz.storage.parquet.page.ColumnContext;
import java.util.Arrays;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;

/**
 * BOOLEAN values into a {@code BitVector}, from any encoding {@link
 * io.buzz.storage.parquet.encoding.ValuesDecoders} has for them (PLAIN, RLE), decoded one byte per
 * value. Bits are assembled in a batch bitmap and copied into the Arrow buffer at the end of the
 * batch. Dictionary-encoded booleans are rejected as unsupported (writers never produce them).
 */
final class BooleanColumnReader extends ColumnChunkReader<byte[]> {
  private final byte[] bits;
  private final byte[] runValues;

  BooleanColumnReader(ColumnChunk chunk, ColumnContext context, int batchRows) {
    super(chunk, context, batchRows, ValueKind.BOOLEANS);
    this.bits = new byte[(batchRows + 7) >>> 3];
    this.runValues = new byte[batchRows];
  }

  @Override
  void startBatch(FieldVector vector, int rows) {
    ((BitVector) vector).allocateNew(rows);
    Arrays.fill(bits, 0, (rows + 7) >>> 3, (byte) 0);
  }

  @Override
  void loadDictionary(byte[] buf, int offset, int end, int count) {
    throw new UnsupportedPageException("dictionary-encoded BOOLEAN values");
  }

  @Override
  void decodeValues(FieldVector vector, int out, int n, byte[] defs, int nonNull) {
    byte[] decoded = runValues;
    values.read(decoded, 0, nonNull);
    byte[] bitmap = bits;
    if (defs == null) {
      for (int i = 0; i < n; i++) {
        int row = out + i;
        bitmap[row >>> 3] |= (byte) (decoded[i] << (row & 7));
      }
      return;
    }
    int k = 0;
    for (int i = 0; i < n; i++) {
      if (defs[i] != 0) {
        int row = out + i;
        bitmap[row >>> 3] |= (byte) (decoded[k++] << (row & 7));
      }
    }
  }

  @Override
  void gather(FieldVector vector, int out, int n, byte[] defs, int nonNull) {
    throw new UnsupportedPageException("dictionary-encoded BOOLEAN values");
  }

  @Override
  void finishBatch(FieldVector vector, int rows) {
    vector.getDataBuffer().setBytes(0, bits, 0, (rows + 7) >>> 3);
  }
}
