package io.buzz.storage.parquet;

import io.buzz.storage.parquet.metadata.MalformedParquetException;
import io.buzz.storage.parquet.metadata.ParquetEncoding;

/**
 * The BYTE_ARRAY or FIXED_LEN_BYTE_ARRAY values of one data page, decoded a run at a time into
 * (array, start, length) slices, so a caller copies or converts each value without an object per
 * value. One implementation per encoding, chosen by {@link #forPage}.
 *
 * <p>Single-threaded. A slice may point into the page or into the decoder's scratch: it is valid
 * until the next {@link #read}. Corrupt input raises {@link MalformedParquetException}.
 */
interface BinaryValuesDecoder {
  /**
   * Decodes the next {@code count} values: value i is {@code array[starts[i], starts[i] +
   * lengths[i])} of the returned array.
   */
  byte[] read(int count, int[] starts, int[] lengths);

  /**
   * The decoder of a page's values {@code buf[pos, end)} in {@code encoding}, or null when the
   * encoding does not apply to the type.
   *
   * @param fixedLength bytes per FIXED_LEN_BYTE_ARRAY value; -1 for BYTE_ARRAY
   * @param maxLength the longest value the caller accepts (bounds DELTA_BYTE_ARRAY's scratch)
   */
  static BinaryValuesDecoder forPage(
      ParquetEncoding encoding, int fixedLength, byte[] buf, int pos, int end, int maxLength) {
    boolean fixed = fixedLength >= 0;
    return switch (encoding) {
      case PLAIN -> fixed ? new Fixed(buf, pos, end, fixedLength) : new Plain(buf, pos, end);
      case DELTA_LENGTH_BYTE_ARRAY -> fixed ? null : new DeltaLength(buf, pos, end);
      case DELTA_BYTE_ARRAY -> new DeltaByteArrayDecoder(buf, pos, end, maxLength);
      case BYTE_STREAM_SPLIT -> fixed ? new Split(buf, pos, end, fixedLength) : null;
      case GROUP_VAR_INT, PLAIN_DICTIONARY, RLE, BIT_PACKED, DELTA_BINARY_PACKED, RLE_DICTIONARY ->
          null;
    };
  }

  /**
   * The length of the PLAIN BYTE_ARRAY value at {@code at} (a 4-byte little-endian prefix), checked
   * to fit before {@code end}.
   */
  static int plainLength(byte[] buf, int at, int end) {
    if (end - at < 4) {
      throw new MalformedParquetException("byte array length truncated at the end of the page");
    }
    int size = LittleEndian.getInt(buf, at);
    if (size < 0 || size > end - at - 4) {
      throw new MalformedParquetException(
          "byte array of " + size + " bytes exceeds the " + (end - at - 4) + " bytes left");
    }
    return size;
  }

  /** PLAIN BYTE_ARRAY: each value's 4-byte length, then its bytes. */
  final class Plain implements BinaryValuesDecoder {
    private final byte[] buf;
    private final int end;
    private int pos;

    Plain(byte[] buf, int pos, int end) {
      this.buf = buf;
      this.pos = pos;
      this.end = end;
    }

    @Override
    public byte[] read(int count, int[] starts, int[] lengths) {
      int at = pos;
      for (int i = 0; i < count; i++) {
        int size = plainLength(buf, at, end);
        starts[i] = at + 4;
        lengths[i] = size;
        at += 4 + size;
      }
      pos = at;
      return buf;
    }
  }

  /** PLAIN FIXED_LEN_BYTE_ARRAY: values of {@code width} bytes, back to back. */
  final class Fixed implements BinaryValuesDecoder {
    private final byte[] buf;
    private final int end;
    private final int width;
    private int pos;

    Fixed(byte[] buf, int pos, int end, int width) {
      this.buf = buf;
      this.pos = pos;
      this.end = end;
      this.width = width;
    }

    @Override
    public byte[] read(int count, int[] starts, int[] lengths) {
      ColumnChunkReader.need(pos, end, (long) count * width);
      for (int i = 0; i < count; i++) {
        starts[i] = pos + i * width;
        lengths[i] = width;
      }
      pos += count * width;
      return buf;
    }
  }

  /** BYTE_STREAM_SPLIT FIXED_LEN_BYTE_ARRAY: the values' bytes gathered into scratch. */
  final class Split implements BinaryValuesDecoder {
    private final ByteStreamSplitDecoder split;
    private final int width;
    private byte[] scratch = new byte[0];

    Split(byte[] buf, int pos, int end, int width) {
      this.split = new ByteStreamSplitDecoder(buf, pos, end, width);
      this.width = width;
    }

    @Override
    public byte[] read(int count, int[] starts, int[] lengths) {
      if (scratch.length < count * width) {
        scratch = new byte[count * width];
      }
      split.readBytes(scratch, 0, count);
      for (int i = 0; i < count; i++) {
        starts[i] = i * width;
        lengths[i] = width;
      }
      return scratch;
    }
  }

  /** DELTA_LENGTH_BYTE_ARRAY: every length (DELTA_BINARY_PACKED), then every value's bytes. */
  final class DeltaLength implements BinaryValuesDecoder {
    private final byte[] buf;
    private final int end;
    private final DeltaBinaryPackedDecoder lengthDecoder;
    private long[] scratch = new long[0];
    private int data;

    DeltaLength(byte[] buf, int pos, int end) {
      this.buf = buf;
      this.end = end;
      this.lengthDecoder = new DeltaBinaryPackedDecoder(buf, pos, end);
      this.data = lengthDecoder.endOffset();
    }

    @Override
    public byte[] read(int count, int[] starts, int[] lengths) {
      if (scratch.length < count) {
        scratch = new long[count];
      }
      lengthDecoder.readLongs(scratch, 0, count);
      int at = data;
      for (int i = 0; i < count; i++) {
        long size = scratch[i];
        if (size < 0 || size > end - at) {
          throw new MalformedParquetException(
              "byte array of " + size + " bytes exceeds the " + (end - at) + " bytes left");
        }
        starts[i] = at;
        lengths[i] = (int) size;
        at += (int) size;
      }
      data = at;
      return buf;
    }
  }
}
