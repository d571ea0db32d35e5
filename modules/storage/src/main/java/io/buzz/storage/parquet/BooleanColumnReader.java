package io.buzz.storage.parquet;

import io.buzz.storage.parquet.metadata.MalformedParquetException;
import io.buzz.storage.parquet.metadata.ParquetEncoding;
import io.buzz.storage.parquet.metadata.UnsupportedPageException;
import io.buzz.storage.parquet.page.ColumnContext;
import java.util.Arrays;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;

/**
 * BOOLEAN values into a {@code BitVector}: PLAIN (bit-packed LSB-first, continuing across segments
 * of one page) and RLE (a 4-byte length, then the RLE/bit-packed hybrid with bit width 1). Bits are
 * assembled in a batch bitmap and copied into the Arrow buffer at the end of the batch.
 * Dictionary-encoded booleans are rejected as unsupported (writers never produce them).
 */
final class BooleanColumnReader extends ColumnChunkReader {
  private final byte[] bits;
  private final byte[] runValues;
  private long bitPosition;
  private RleBitPackedDecoder rle;

  BooleanColumnReader(RowGroupChunks.Chunk chunk, ColumnContext context, int batchRows) {
    super(chunk, context, batchRows);
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
  void startPlainPage() {
    rle = null;
    bitPosition = 0;
  }

  @Override
  boolean startOtherEncoding(ParquetEncoding encoding) {
    if (encoding != ParquetEncoding.RLE) {
      return false;
    }
    need(4);
    int length = LittleEndian.getInt(page, pos);
    if (length < 0 || length > end - pos - 4) {
      throw new MalformedParquetException("RLE boolean run length " + length + " exceeds the page");
    }
    rle = new RleBitPackedDecoder(page, pos + 4, pos + 4 + length, 1);
    return true;
  }

  @Override
  void decodePlain(FieldVector vector, int out, int n, byte[] defs, int nonNull) {
    if (rle != null) {
      decodeRle(out, n, defs, nonNull);
      return;
    }
    long available = 8L * (end - pos) - bitPosition;
    if (nonNull > available) {
      throw new MalformedParquetException(
          "page holds " + available + " boolean bits, " + nonNull + " needed");
    }
    long bit = bitPosition;
    byte[] source = page;
    int base = pos;
    for (int i = 0; i < n; i++) {
      if (defs == null || defs[i] != 0) {
        if ((source[base + (int) (bit >>> 3)] & (1 << (int) (bit & 7))) != 0) {
          Bits.set(bits, out + i);
        }
        bit++;
      }
    }
    bitPosition = bit;
  }

  private void decodeRle(int out, int n, byte[] defs, int nonNull) {
    rle.readBytes(runValues, 0, nonNull);
    int k = 0;
    for (int i = 0; i < n; i++) {
      if (defs == null || defs[i] != 0) {
        if (runValues[k++] != 0) {
          Bits.set(bits, out + i);
        }
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
