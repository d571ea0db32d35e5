package io.buzz.hbee.parquet;

import java.util.Arrays;

/**
 * Decodes Parquet's RLE/bit-packed hybrid encoding (definition levels, dictionary indices, RLE
 * booleans) from a byte range, run by run, lazily: values are produced on demand, so padding after
 * the last needed value of a bit-packed run is never read.
 *
 * <p>Runs: a varint header; even → {@code header >>> 1} repeats of one value stored in {@code
 * ceil(bitWidth / 8)} little-endian bytes; odd → {@code header >>> 1} groups of 8 values packed
 * LSB-first in {@code bitWidth} bytes per group.
 *
 * <p>Running out of bytes while values are still needed raises {@link MalformedParquetException}; a
 * run header can never make it loop without consuming input.
 */
final class RleBitPackedDecoder {
  private final byte[] buf;
  private final int end;
  private final int bitWidth;
  private final int valueBytes;
  private final long mask;
  private int pos;
  private int runRemaining;
  private boolean rle;
  private int rleValue;
  private int runEnd;
  private long bits;
  private int bitCount;

  /**
   * @param bitWidth bits per value, 0 to 32
   */
  RleBitPackedDecoder(byte[] buf, int pos, int end, int bitWidth) {
    if (bitWidth < 0 || bitWidth > 32) {
      throw new MalformedParquetException("bit width " + bitWidth + " is not in [0, 32]");
    }
    this.buf = buf;
    this.pos = pos;
    this.end = end;
    this.bitWidth = bitWidth;
    this.valueBytes = (bitWidth + 7) >>> 3;
    this.mask = bitWidth == 32 ? 0xFFFFFFFFL : (1L << bitWidth) - 1;
  }

  /** Reads {@code n} values into {@code out[off, off + n)}. */
  void readInts(int[] out, int off, int n) {
    int done = 0;
    while (done < n) {
      if (runRemaining == 0) {
        nextRun();
      }
      int take = Math.min(n - done, runRemaining);
      if (rle) {
        Arrays.fill(out, off + done, off + done + take, rleValue);
      } else {
        for (int i = 0; i < take; i++) {
          out[off + done + i] = unpack();
        }
      }
      runRemaining -= take;
      done += take;
    }
  }

  /** Reads {@code n} values (each below 128, e.g. levels) into {@code out[off, off + n)}. */
  void readBytes(byte[] out, int off, int n) {
    int done = 0;
    while (done < n) {
      if (runRemaining == 0) {
        nextRun();
      }
      int take = Math.min(n - done, runRemaining);
      if (rle) {
        Arrays.fill(out, off + done, off + done + take, (byte) rleValue);
      } else {
        for (int i = 0; i < take; i++) {
          out[off + done + i] = (byte) unpack();
        }
      }
      runRemaining -= take;
      done += take;
    }
  }

  /** Reads {@code n} values, each of which must be below {@code limit}, e.g. dictionary indices. */
  void readIndices(int[] out, int off, int n, int limit) {
    int done = 0;
    while (done < n) {
      if (runRemaining == 0) {
        nextRun();
      }
      int take = Math.min(n - done, runRemaining);
      if (rle) {
        if (rleValue < 0 || rleValue >= limit) {
          throw new MalformedParquetException(
              "dictionary index " + rleValue + " is out of range for " + limit + " entries");
        }
        Arrays.fill(out, off + done, off + done + take, rleValue);
      } else {
        for (int i = 0; i < take; i++) {
          int value = unpack();
          if (value >= limit || value < 0) {
            throw new MalformedParquetException(
                "dictionary index " + value + " is out of range for " + limit + " entries");
          }
          out[off + done + i] = value;
        }
      }
      runRemaining -= take;
      done += take;
    }
  }

  private void nextRun() {
    if (!rle && runEnd > pos) {
      pos = runEnd; // skip the padding of the previous bit-packed run
    }
    int header = readVarint();
    bits = 0;
    bitCount = 0;
    if ((header & 1) == 0) {
      rle = true;
      runRemaining = header >>> 1;
      if (valueBytes > end - pos) {
        throw new MalformedParquetException("RLE run value truncated at byte " + pos);
      }
      int value = 0;
      for (int i = 0; i < valueBytes; i++) {
        value |= (buf[pos++] & 0xFF) << (8 * i);
      }
      if ((value & 0xFFFFFFFFL & ~mask) != 0) {
        throw new MalformedParquetException(
            "RLE run value " + value + " does not fit in " + bitWidth + " bits");
      }
      rleValue = value;
      runEnd = pos;
    } else {
      rle = false;
      int groups = header >>> 1;
      runRemaining = groups * 8;
      if (groups > (Integer.MAX_VALUE >>> 3)) {
        throw new MalformedParquetException("bit-packed run of " + groups + " groups");
      }
      runEnd = (int) Math.min((long) pos + (long) groups * bitWidth, Integer.MAX_VALUE);
    }
  }

  private int unpack() {
    while (bitCount < bitWidth) {
      if (pos >= end) {
        throw new MalformedParquetException("bit-packed run truncated at byte " + pos);
      }
      bits |= (buf[pos++] & 0xFFL) << bitCount;
      bitCount += 8;
    }
    int value = (int) (bits & mask);
    bits >>>= bitWidth;
    bitCount -= bitWidth;
    return value;
  }

  private int readVarint() {
    int result = 0;
    for (int shift = 0; shift < 35; shift += 7) {
      if (pos >= end) {
        throw new MalformedParquetException("RLE/bit-packed data ends before a run header");
      }
      int b = buf[pos++] & 0xFF;
      result |= (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return result;
      }
    }
    throw new MalformedParquetException("run header varint longer than 5 bytes");
  }
}
