package io.buzz.storage.parquet.encoding;

import io.buzz.storage.parquet.metadata.MalformedParquetException;
import org.apache.arrow.memory.ArrowBuf;

/**
 * PLAIN, the encoding every type has: BOOLEAN values bit-packed LSB-first; INT32, FLOAT, INT64,
 * DOUBLE as 4 or 8 little-endian bytes; INT96 and FIXED_LEN_BYTE_ARRAY as their bytes, back to
 * back; BYTE_ARRAY as a 4-byte little-endian length, then the bytes. Dictionary pages hold their
 * entries in PLAIN too. Every read checks the page holds the values asked for.
 */
final class PlainDecoder {
  private PlainDecoder() {}

  static ValuesDecoder<byte[]> booleans(EncodedValues page) {
    return new Booleans(page.bytes(), page.offset(), page.end());
  }

  static ValuesDecoder<int[]> ints(EncodedValues page) {
    return new Ints(page.bytes(), page.offset(), page.end());
  }

  static ValuesDecoder<long[]> longs(EncodedValues page) {
    return new Longs(page.bytes(), page.offset(), page.end());
  }

  static ValuesDecoder<BinaryValues> int96(EncodedValues page) {
    return new Fixed(page.bytes(), page.offset(), page.end(), 12);
  }

  static ValuesDecoder<BinaryValues> fixed(EncodedValues page) {
    return new Fixed(page.bytes(), page.offset(), page.end(), page.typeLength());
  }

  static ValuesDecoder<BinaryValues> binary(EncodedValues page) {
    return new Binary(page.bytes(), page.offset(), page.end());
  }

  /** Throws when {@code bytes} more bytes are not available in {@code [pos, end)}. */
  static void need(int pos, int end, long bytes) {
    if (bytes > end - pos) {
      throw new MalformedParquetException(
          "page values end after " + (end - pos) + " bytes, " + bytes + " more needed");
    }
  }

  /**
   * The length of the PLAIN BYTE_ARRAY value at {@code at} (a 4-byte little-endian prefix), checked
   * to fit before {@code end}.
   */
  static int binaryLength(byte[] buf, int at, int end) {
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

  /** BOOLEAN: bits LSB-first, a read continuing where the last one stopped. */
  private static final class Booleans implements ValuesDecoder<byte[]> {
    private final byte[] buf;
    private final int start;
    private final int end;
    private long bit;

    Booleans(byte[] buf, int start, int end) {
      this.buf = buf;
      this.start = start;
      this.end = end;
    }

    @Override
    public void read(byte[] values, int offset, int length) {
      long available = 8L * (end - start) - bit;
      if (length > available) {
        throw new MalformedParquetException(
            "page holds " + available + " boolean bits, " + length + " needed");
      }
      long b = bit;
      for (int i = 0; i < length; i++, b++) {
        values[offset + i] = (byte) ((buf[start + (int) (b >>> 3)] >>> (b & 7)) & 1);
      }
      bit = b;
    }
  }

  /** INT32 and FLOAT: 4 little-endian bytes each. */
  private static final class Ints implements ValuesDecoder<int[]> {
    private final byte[] buf;
    private final int end;
    private int pos;

    Ints(byte[] buf, int pos, int end) {
      this.buf = buf;
      this.pos = pos;
      this.end = end;
    }

    @Override
    public void read(int[] values, int offset, int length) {
      need(pos, end, 4L * length);
      int at = pos;
      for (int i = 0; i < length; i++, at += 4) {
        values[offset + i] = LittleEndian.getInt(buf, at);
      }
      pos = at;
    }

    @Override
    public boolean copyTo(ArrowBuf buffer, int index, int length) {
      need(pos, end, 4L * length);
      buffer.setBytes(4L * index, buf, pos, 4L * length);
      pos += 4 * length;
      return true;
    }
  }

  /** INT64 and DOUBLE: 8 little-endian bytes each. */
  private static final class Longs implements ValuesDecoder<long[]> {
    private final byte[] buf;
    private final int end;
    private int pos;

    Longs(byte[] buf, int pos, int end) {
      this.buf = buf;
      this.pos = pos;
      this.end = end;
    }

    @Override
    public void read(long[] values, int offset, int length) {
      need(pos, end, 8L * length);
      int at = pos;
      for (int i = 0; i < length; i++, at += 8) {
        values[offset + i] = LittleEndian.getLong(buf, at);
      }
      pos = at;
    }

    @Override
    public boolean copyTo(ArrowBuf buffer, int index, int length) {
      need(pos, end, 8L * length);
      buffer.setBytes(8L * index, buf, pos, 8L * length);
      pos += 8 * length;
      return true;
    }
  }

  /** FIXED_LEN_BYTE_ARRAY and INT96: values of {@code width} bytes, back to back. */
  private static final class Fixed implements ValuesDecoder<BinaryValues> {
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
    public void read(BinaryValues values, int offset, int length) {
      need(pos, end, (long) length * width);
      int at = values.appendFixed(offset, length, width);
      System.arraycopy(buf, pos, values.bytes(), at, length * width);
      pos += length * width;
    }
  }

  /** BYTE_ARRAY: each value's 4-byte length, then its bytes. */
  private static final class Binary implements ValuesDecoder<BinaryValues> {
    private final byte[] buf;
    private final int end;
    private int pos;

    Binary(byte[] buf, int pos, int end) {
      this.buf = buf;
      this.pos = pos;
      this.end = end;
    }

    @Override
    public void read(BinaryValues values, int offset, int length) {
      int at = pos;
      for (int i = 0; i < length; i++) {
        int size = binaryLength(buf, at, end);
        values.add(offset + i, buf, at + 4, size);
        at += 4 + size;
      }
      pos = at;
    }
  }
}
