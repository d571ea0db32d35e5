package io.buzz.storage.parquet.encoding;

import io.buzz.storage.parquet.metadata.MalformedParquetException;

/**
 * DELTA_BINARY_PACKED, for INT32 and INT64 values, decoded lazily as INT64 values (INT32 values are
 * narrowed by {@link NarrowingDecoder}: the wrapping arithmetic agrees modulo 2^32). Also the
 * lengths of DELTA_LENGTH_BYTE_ARRAY and the prefix lengths of DELTA_BYTE_ARRAY.
 *
 * <p>Layout: a header of varints {@code <block size> <miniblocks per block> <value count> <first
 * value (zigzag)>}, then blocks of {@code <min delta (zigzag)> <one bit width byte per miniblock>
 * <miniblocks>}, each miniblock packing {@code blockSize / miniblocks} values of {@code delta -
 * minDelta} LSB-first. Miniblocks after the last value are absent.
 *
 * <p>All reads are bounds-checked; corrupt input raises {@link MalformedParquetException}.
 */
final class DeltaBinaryPackedDecoder implements ValuesDecoder<long[]> {
  private final byte[] buf;
  private final int end;
  private final int miniblocks;
  private final int valuesPerMiniblock;
  private final int total;
  private final byte[] bitWidths;
  private int pos;
  private int remaining;
  private boolean firstPending;
  private long last;
  private long minDelta;
  private int miniblock;
  private int miniblockStart;
  private int miniblockIndex;
  private int bitWidth;
  private boolean inBlock;

  DeltaBinaryPackedDecoder(byte[] buf, int pos, int end) {
    this.buf = buf;
    this.pos = pos;
    this.end = end;
    int blockSize = readUnsigned();
    this.miniblocks = readUnsigned();
    this.total = readUnsigned();
    if (blockSize <= 0
        || blockSize % 128 != 0
        || miniblocks <= 0
        || blockSize % miniblocks != 0
        || (blockSize / miniblocks) % 8 != 0) {
      throw new MalformedParquetException(
          "DELTA_BINARY_PACKED block of " + blockSize + " values in " + miniblocks + " miniblocks");
    }
    this.valuesPerMiniblock = blockSize / miniblocks;
    this.bitWidths = new byte[miniblocks];
    this.last = readZigzag();
    this.remaining = total;
    this.firstPending = total > 0;
  }

  static ValuesDecoder<long[]> longs(EncodedValues page) {
    return new DeltaBinaryPackedDecoder(page.bytes(), page.offset(), page.end());
  }

  static ValuesDecoder<int[]> ints(EncodedValues page) {
    return new NarrowingDecoder(longs(page));
  }

  @Override
  public void read(long[] values, int offset, int length) {
    readLongs(values, offset, length);
  }

  /** The number of values encoded. */
  int total() {
    return total;
  }

  /** Reads the next {@code n} values into {@code out[off, off + n)}. */
  void readLongs(long[] out, int off, int n) {
    if (n > remaining) {
      throw new MalformedParquetException(
          "DELTA_BINARY_PACKED data holds " + remaining + " more values, " + n + " needed");
    }
    int done = 0;
    if (n > 0 && firstPending) {
      out[off] = last;
      firstPending = false;
      remaining--;
      done = 1;
    }
    while (done < n) {
      if (!inBlock || miniblockIndex == valuesPerMiniblock) {
        nextMiniblock();
      }
      int take = Math.min(n - done, valuesPerMiniblock - miniblockIndex);
      long value = last;
      long bit = (long) miniblockIndex * bitWidth;
      for (int i = 0; i < take; i++, bit += bitWidth) {
        value += minDelta + packed(bit);
        out[off + done + i] = value;
      }
      last = value;
      miniblockIndex += take;
      remaining -= take;
      done += take;
    }
  }

  /**
   * The offset just past the encoded data, found by walking the block headers without decoding
   * values; only valid before any value was read. DELTA_LENGTH_BYTE_ARRAY data starts there.
   */
  int endOffset() {
    int left = Math.max(total - 1, 0);
    int at = pos;
    while (left > 0) {
      at = skipVarint(at);
      if (miniblocks > end - at) {
        throw new MalformedParquetException("DELTA_BINARY_PACKED block header truncated");
      }
      int widthsAt = at;
      at += miniblocks;
      for (int m = 0; m < miniblocks && left > 0; m++) {
        int width = buf[widthsAt + m] & 0xFF;
        if (width > 64) {
          throw new MalformedParquetException("miniblock bit width " + width);
        }
        at += width * valuesPerMiniblock / 8;
        left -= Math.min(left, valuesPerMiniblock);
      }
      if (at > end) {
        throw new MalformedParquetException("DELTA_BINARY_PACKED data ends early");
      }
    }
    return at;
  }

  private void nextMiniblock() {
    if (!inBlock || miniblock == miniblocks - 1) {
      minDelta = readZigzag();
      if (miniblocks > end - pos) {
        throw new MalformedParquetException("DELTA_BINARY_PACKED block header truncated");
      }
      System.arraycopy(buf, pos, bitWidths, 0, miniblocks);
      pos += miniblocks;
      miniblock = 0;
      inBlock = true;
    } else {
      miniblock++;
    }
    bitWidth = bitWidths[miniblock] & 0xFF;
    if (bitWidth > 64) {
      throw new MalformedParquetException("miniblock bit width " + bitWidth);
    }
    miniblockStart = pos;
    miniblockIndex = 0;
    pos = (int) Math.min((long) pos + (long) bitWidth * valuesPerMiniblock / 8, end);
  }

  /** The packed value at {@code bit} of the current miniblock. */
  private long packed(long bit) {
    if (bitWidth == 0) {
      return 0;
    }
    int at = miniblockStart + (int) (bit >>> 3);
    int shift = (int) (bit & 7);
    if (at <= end - 9) {
      long value = LittleEndian.getLong(buf, at) >>> shift;
      if (shift + bitWidth > 64) {
        value |= (buf[at + 8] & 0xFFL) << (64 - shift);
      }
      return bitWidth == 64 ? value : value & ((1L << bitWidth) - 1);
    }
    long value = 0;
    for (int j = 0; j < bitWidth; j++) {
      long b = bit + j;
      int byteAt = miniblockStart + (int) (b >>> 3);
      if (byteAt >= end) {
        throw new MalformedParquetException("DELTA_BINARY_PACKED miniblock truncated");
      }
      value |= (long) ((buf[byteAt] >>> (b & 7)) & 1) << j;
    }
    return value;
  }

  private int readUnsigned() {
    long value = readVarLong();
    if (value < 0 || value > Integer.MAX_VALUE) {
      throw new MalformedParquetException("DELTA_BINARY_PACKED header value " + value);
    }
    return (int) value;
  }

  private long readZigzag() {
    long v = readVarLong();
    return (v >>> 1) ^ -(v & 1);
  }

  private long readVarLong() {
    long result = 0;
    for (int shift = 0; shift < 70; shift += 7) {
      if (pos >= end) {
        throw new MalformedParquetException("DELTA_BINARY_PACKED data ends inside a varint");
      }
      int b = buf[pos++] & 0xFF;
      result |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return result;
      }
    }
    throw new MalformedParquetException("varint longer than 10 bytes");
  }

  private int skipVarint(int at) {
    int p = at;
    for (int i = 0; i < 10; i++) {
      if (p >= end) {
        throw new MalformedParquetException("DELTA_BINARY_PACKED data ends inside a varint");
      }
      if ((buf[p++] & 0x80) == 0) {
        return p;
      }
    }
    throw new MalformedParquetException("varint longer than 10 bytes");
  }
}
