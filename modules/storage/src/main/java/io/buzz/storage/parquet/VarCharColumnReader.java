package io.buzz.storage.parquet;

import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import io.buzz.storage.parquet.metadata.MalformedParquetException;
import io.buzz.storage.parquet.metadata.ParquetEncoding;
import io.buzz.storage.parquet.metadata.ValueConversion;
import io.buzz.storage.parquet.page.ColumnContext;
import java.util.Arrays;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;

/**
 * BYTE_ARRAY strings into a {@code VarCharVector}. Values are appended to a batch byte buffer
 * ({@code System.arraycopy} per value) with an int offsets array; at the end of the batch the
 * vector is allocated at its exact size and both are bulk-copied into it. Dictionaries are kept as
 * one byte array with offsets, so a gather is one array copy per value. DELTA_LENGTH_BYTE_ARRAY
 * pages (all lengths, DELTA_BINARY_PACKED, then all bytes) and DELTA_BYTE_ARRAY pages (prefixes
 * shared with the previous value, then suffixes) are decoded too. UUID columns (16-byte
 * FIXED_LEN_BYTE_ARRAY, PLAIN or dictionary) become their canonical 36-character strings.
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
  private final boolean uuid;
  private final byte[] formatted = new byte[36];

  /** The values of a DELTA_BYTE_ARRAY page; null for other encodings. */
  private BinaryValuesDecoder deltaStrings;

  private final int[] valueStarts;
  private final int[] valueLengths;

  /** The longest string a DELTA_BYTE_ARRAY page may rebuild (its decoder's scratch bound). */
  private static final int MAX_STRING_BYTES = 256 << 20;

  VarCharColumnReader(RowGroupChunks.Chunk chunk, ColumnContext context, int batchRows) {
    super(chunk, context, batchRows);
    this.offsets = new int[batchRows + 1];
    this.lengths = new long[batchRows];
    this.uuid = chunk.descriptor().conversion() == ValueConversion.UUID_TO_STRING;
    this.valueStarts = new int[batchRows];
    this.valueLengths = new int[batchRows];
  }

  @Override
  void startPlainPage() {
    deltaLengths = null;
    deltaStrings = null;
  }

  @Override
  boolean startOtherEncoding(ParquetEncoding encoding) {
    deltaStrings = null;
    if (!uuid && encoding == ParquetEncoding.DELTA_BYTE_ARRAY) {
      deltaLengths = null;
      deltaStrings = BinaryValuesDecoder.forPage(encoding, -1, page, pos, end, MAX_STRING_BYTES);
      return true;
    }
    if (uuid || encoding != ParquetEncoding.DELTA_LENGTH_BYTE_ARRAY) {
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
    if (uuid) {
      if ((long) count * 16 > end - offset) {
        throw new MalformedParquetException(
            "dictionary of "
                + count
                + " UUIDs needs "
                + 16L * count
                + " bytes, has "
                + (end - offset));
      }
      int[] starts = new int[count + 1];
      byte[] bytes = new byte[36 * count];
      for (int i = 0; i < count; i++) {
        formatUuid(buf, offset + 16 * i, bytes, 36 * i);
        starts[i + 1] = 36 * (i + 1);
      }
      dictionaryBytes = bytes;
      dictionaryOffsets = starts;
      return;
    }
    if ((long) count * 4 > end - offset) {
      throw new MalformedParquetException(
          "dictionary of " + count + " strings cannot fit in " + (end - offset) + " bytes");
    }
    int[] starts = new int[count + 1];
    byte[] bytes = new byte[end - offset - 4 * count];
    int at = offset;
    int length = 0;
    for (int i = 0; i < count; i++) {
      int size = BinaryValuesDecoder.plainLength(buf, at, end);
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
    if (deltaStrings != null) {
      byte[] source = deltaStrings.read(nonNull, valueStarts, valueLengths);
      int k = 0;
      for (int i = 0; i < n; i++) {
        if (defs == null || defs[i] != 0) {
          append(source, valueStarts[k], valueLengths[k]);
          k++;
        }
        offsets[out + i + 1] = dataLength;
      }
      return;
    }
    byte[] source = page;
    int at = pos;
    int limit = end;
    if (uuid) {
      if ((long) nonNull * 16 > limit - at) {
        throw new MalformedParquetException(
            nonNull + " UUIDs need " + 16L * nonNull + " bytes, the page has " + (limit - at));
      }
      for (int i = 0; i < n; i++) {
        if (defs == null || defs[i] != 0) {
          formatUuid(source, at, formatted, 0);
          append(formatted, 0, 36);
          at += 16;
        }
        offsets[out + i + 1] = dataLength;
      }
      pos = at;
      return;
    }
    for (int i = 0; i < n; i++) {
      if (defs == null || defs[i] != 0) {
        int size = BinaryValuesDecoder.plainLength(source, at, limit);
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

  private static final byte[] HEX =
      "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  /** 16 bytes at {@code from} as 8-4-4-4-12 lowercase hex into {@code to[at, at + 36)}. */
  private static void formatUuid(byte[] from, int start, byte[] to, int at) {
    int o = at;
    for (int i = 0; i < 16; i++) {
      if (i == 4 || i == 6 || i == 8 || i == 10) {
        to[o++] = '-';
      }
      int b = from[start + i] & 0xff;
      to[o++] = HEX[b >>> 4];
      to[o++] = HEX[b & 0xf];
    }
  }
}
