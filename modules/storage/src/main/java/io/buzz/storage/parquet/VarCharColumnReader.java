package io.buzz.storage.parquet;

import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import java.util.Arrays;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;

/**
 * BYTE_ARRAY strings into a {@code VarCharVector}. Values are appended to a batch byte buffer
 * ({@code System.arraycopy} per value) with an int offsets array; at the end of the batch the
 * vector is allocated at its exact size and both are bulk-copied into it. Dictionaries are kept as
 * one byte array with offsets, so a gather is one array copy per value. DELTA_LENGTH_BYTE_ARRAY
 * pages (all lengths, DELTA_BINARY_PACKED, then all bytes) are decoded too.
 */
final class VarCharColumnReader extends ColumnChunkReader {
  private final int[] offsets;
  private byte[] data = new byte[1 << 16];
  private int dataLength;
  private byte[] dictionaryBytes = new byte[0];
  private int[] dictionaryOffsets = new int[1];
  private final long[] lengths;
  private DeltaBinaryPackedDecoder deltaLengths;
  private int deltaData;

  VarCharColumnReader(RowGroupChunks.Chunk chunk, ColumnContext context, int batchRows) {
    super(chunk, context, batchRows);
    this.offsets = new int[batchRows + 1];
    this.lengths = new long[batchRows];
  }

  @Override
  void startPlainPage() {
    deltaLengths = null;
  }

  @Override
  boolean startOtherEncoding(ParquetEncoding encoding) {
    if (encoding != ParquetEncoding.DELTA_LENGTH_BYTE_ARRAY) {
      deltaLengths = null;
      return false;
    }
    deltaLengths = new DeltaBinaryPackedDecoder(page, pos, end);
    deltaData = deltaLengths.endOffset();
    return true;
  }

  @Override
  void startBatch(FieldVector vector, int rows) {
    dataLength = 0;
    offsets[0] = 0;
  }

  @Override
  void loadDictionary(byte[] buf, int offset, int end, int count) {
    if ((long) count * 4 > end - offset) {
      throw new MalformedParquetException(
          "dictionary of " + count + " strings cannot fit in " + (end - offset) + " bytes");
    }
    int[] starts = new int[count + 1];
    byte[] bytes = new byte[end - offset - 4 * count];
    int at = offset;
    int length = 0;
    for (int i = 0; i < count; i++) {
      int size = readLength(buf, at, end);
      System.arraycopy(buf, at + 4, bytes, length, size);
      at += 4 + size;
      length += size;
      starts[i + 1] = length;
    }
    dictionaryBytes = bytes;
    dictionaryOffsets = starts;
  }

  @Override
  void decodePlain(FieldVector vector, int out, int n, byte[] defs, int nonNull) {
    if (deltaLengths != null) {
      decodeDeltaLength(out, n, defs, nonNull);
      return;
    }
    byte[] source = page;
    int at = pos;
    int limit = end;
    for (int i = 0; i < n; i++) {
      if (defs == null || defs[i] != 0) {
        int size = readLength(source, at, limit);
        append(source, at + 4, size);
        at += 4 + size;
      }
      offsets[out + i + 1] = dataLength;
    }
    pos = at;
  }

  private void decodeDeltaLength(int out, int n, byte[] defs, int nonNull) {
    deltaLengths.readLongs(lengths, 0, nonNull);
    byte[] source = page;
    int at = deltaData;
    int k = 0;
    for (int i = 0; i < n; i++) {
      if (defs == null || defs[i] != 0) {
        long size = lengths[k++];
        if (size < 0 || size > end - at) {
          throw new MalformedParquetException(
              "string of " + size + " bytes exceeds the " + (end - at) + " bytes left");
        }
        append(source, at, (int) size);
        at += (int) size;
      }
      offsets[out + i + 1] = dataLength;
    }
    deltaData = at;
  }

  @Override
  void gather(FieldVector vector, int out, int n, byte[] defs, int nonNull) {
    byte[] dict = dictionaryBytes;
    int[] starts = dictionaryOffsets;
    int[] index = ids;
    int k = 0;
    for (int i = 0; i < n; i++) {
      if (defs == null || defs[i] != 0) {
        int id = index[k++];
        int start = starts[id];
        append(dict, start, starts[id + 1] - start);
      }
      offsets[out + i + 1] = dataLength;
    }
  }

  @Override
  void finishBatch(FieldVector vector, int rows) {
    VarCharVector strings = (VarCharVector) vector;
    strings.allocateNew(Math.max(dataLength, 1), rows);
    strings.getDataBuffer().setBytes(0, data, 0, dataLength);
    LittleEndian.putInts(strings.getOffsetBuffer(), 0, offsets, rows + 1);
    strings.setLastSet(rows - 1);
  }

  private void append(byte[] source, int from, int size) {
    int needed = dataLength + size;
    if (needed < 0 || needed > data.length) {
      grow(needed);
    }
    System.arraycopy(source, from, data, dataLength, size);
    dataLength = needed;
  }

  private void grow(int needed) {
    if (needed < 0 || needed > Integer.MAX_VALUE - 64) {
      throw new BuzzException(
          ErrorCode.LIMIT_EXCEEDED,
          context.where()
              + ": a batch of "
              + batchRows
              + " rows holds more than 2 GiB of strings; use smaller batches");
    }
    long doubled = Math.max((long) data.length * 2, needed);
    data = Arrays.copyOf(data, (int) Math.min(doubled, Integer.MAX_VALUE - 64));
  }

  private static int readLength(byte[] buf, int at, int end) {
    if (end - at < 4) {
      throw new MalformedParquetException("string length truncated at the end of the page");
    }
    int size = LittleEndian.getInt(buf, at);
    if (size < 0 || size > end - at - 4) {
      throw new MalformedParquetException(
          "string of " + size + " bytes exceeds the " + (end - at - 4) + " bytes left");
    }
    return size;
  }
}
