package io.buzz.storage.parquet.encoding;

import io.buzz.storage.parquet.metadata.MalformedParquetException;
import java.util.Arrays;

/**
 * Decodes Parquet's RLE/bit-packed hybrid encoding (definition levels, dictionary indices, RLE
 * booleans) from a byte range, run by run, lazily: values are produced on demand, so padding after
 * the last needed value of a bit-packed run is never read.
 *
 * <p>Runs: a varint header; even → {@code header >>> 1} repeats of one value stored in {@code
 * ceil(bitWidth / 8)} little-endian bytes; odd → {@code header >>> 1} groups of 8 values packed
 * LSB-first in {@code bitWidth} bytes per group. Values of up to 8 bits are extracted a group at a
 * time from one 64-bit little-endian load (levels written back as one 64-bit store); wider ones
 * with one load each (any value of up to 32 bits at any bit offset fits in it); both fall back to
 * byte-wise loads only within 8 bytes of the end of the data.
 *
 * <p>Running out of bytes while values are still needed raises {@link MalformedParquetException}; a
 * run header can never make it loop without consuming input.
 */
public final class RleBitPackedDecoder {
  private final byte[] buf;
  private final int end;
  private final int bitWidth;
  private final int valueBytes;
  private final long mask;
  private int pos;
  private int runRemaining;
  private boolean rle;
  private int rleValue;

  /** Bit-packed run: the byte where it starts and the index of its next value. */
  private int runStart;

  private int runIndex;

  /**
   * @param bitWidth bits per value, 0 to 32
   */
  public RleBitPackedDecoder(byte[] buf, int pos, int end, int bitWidth) {
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

  /** Reads {@code n} values (each below 128, e.g. levels) into {@code out[off, off + n)}. */
  public void readBytes(byte[] out, int off, int n) {
    int done = 0;
    while (done < n) {
      if (runRemaining == 0) {
        nextRun();
      }
      int take = Math.min(n - done, runRemaining);
      if (rle) {
        Arrays.fill(out, off + done, off + done + take, (byte) rleValue);
      } else {
        int i = (runIndex & 7) == 0 && bitWidth <= 8 ? byteGroups(out, off + done, take) : 0;
        long bit = (long) (runIndex + i) * bitWidth;
        int safeEnd = end - 8;
        for (; i < take; i++, bit += bitWidth) {
          int at = runStart + (int) (bit >>> 3);
          if (at > safeEnd) {
            break;
          }
          out[off + done + i] = (byte) ((LittleEndian.getLong(buf, at) >>> (bit & 7)) & mask);
        }
        for (; i < take; i++, bit += bitWidth) {
          out[off + done + i] = (byte) valueNearEnd(bit);
        }
        runIndex += take;
      }
      runRemaining -= take;
      done += take;
    }
  }

  /** Reads {@code n} values, each of which must be below {@code limit}, e.g. dictionary indices. */
  public void readIndices(int[] out, int off, int n, int limit) {
    int done = 0;
    while (done < n) {
      if (runRemaining == 0) {
        nextRun();
      }
      int take = Math.min(n - done, runRemaining);
      if (rle) {
        if (rleValue < 0 || rleValue >= limit) {
          throw outOfRange(rleValue, limit);
        }
        Arrays.fill(out, off + done, off + done + take, rleValue);
      } else {
        int i = (runIndex & 7) == 0 && bitWidth <= 8 ? intGroups(out, off + done, take) : 0;
        long bit = (long) (runIndex + i) * bitWidth;
        int safeEnd = end - 8;
        int max = 0;
        for (int k = 0; k < i; k++) {
          max |= out[off + done + k];
        }
        for (; i < take; i++, bit += bitWidth) {
          int at = runStart + (int) (bit >>> 3);
          if (at > safeEnd) {
            break;
          }
          int value = (int) ((LittleEndian.getLong(buf, at) >>> (bit & 7)) & mask);
          max |= value;
          out[off + done + i] = value;
        }
        for (; i < take; i++, bit += bitWidth) {
          int value = valueNearEnd(bit);
          max |= value;
          out[off + done + i] = value;
        }
        // cheap screen: OR of the values is below the limit only if each value is
        if (max < 0 || max >= limit) {
          for (int k = 0; k < take; k++) {
            int value = out[off + done + k];
            if (value < 0 || value >= limit) {
              throw outOfRange(value, limit);
            }
          }
        }
        runIndex += take;
      }
      runRemaining -= take;
      done += take;
    }
  }

  private static MalformedParquetException outOfRange(int value, int limit) {
    return new MalformedParquetException(
        "dictionary index "
            + Integer.toUnsignedString(value)
            + " is out of range for "
            + limit
            + " entries");
  }

  /**
   * How many whole groups of 8 values, from the current run's next value (a group's first), fit in
   * {@code take} and can be loaded {@code loaded} bytes at a time before {@code end}.
   */
  private int wholeGroups(int take, int loaded) {
    int first = runStart + (runIndex >>> 3) * bitWidth;
    if (bitWidth == 0 || first + loaded > end) {
      return 0;
    }
    return Math.min(take >>> 3, (end - loaded - first) / bitWidth + 1);
  }

  /**
   * Values of up to 8 bits, whole groups at a time: a group of 8 is {@code bitWidth} bytes, one
   * 64-bit load, and its values become the 8 bytes of one 64-bit store. Returns the values read.
   */
  private int byteGroups(byte[] out, int off, int take) {
    int groups = wholeGroups(take, 8);
    int at = runStart + (runIndex >>> 3) * bitWidth;
    for (int g = 0; g < groups; g++, at += bitWidth) {
      long word = LittleEndian.getLong(buf, at);
      long bytes = 0;
      for (int j = 0, shift = 0; j < 8; j++, shift += bitWidth) {
        bytes |= ((word >>> shift) & mask) << (j << 3);
      }
      LittleEndian.putLong(out, off + (g << 3), bytes);
    }
    return groups << 3;
  }

  /**
   * Values of up to 8 bits, whole groups at a time: a group of 8 is {@code bitWidth} bytes, one
   * 64-bit load. Returns the values read.
   */
  private int intGroups(int[] out, int off, int take) {
    int groups = wholeGroups(take, 8);
    int at = runStart + (runIndex >>> 3) * bitWidth;
    for (int g = 0; g < groups; g++, at += bitWidth) {
      long word = LittleEndian.getLong(buf, at);
      int o = off + (g << 3);
      for (int j = 0, shift = 0; j < 8; j++, shift += bitWidth) {
        out[o + j] = (int) ((word >>> shift) & mask);
      }
    }
    return groups << 3;
  }

  /** The value at {@code bit} of the current run, reading only bytes before {@code end}. */
  private int valueNearEnd(long bit) {
    int at = runStart + (int) (bit >>> 3);
    int shift = (int) (bit & 7);
    int needed = (shift + bitWidth + 7) >>> 3;
    if (needed > end - at) {
      throw new MalformedParquetException("bit-packed run truncated at byte " + end);
    }
    long word = 0;
    for (int i = 0; i < needed; i++) {
      word |= (buf[at + i] & 0xFFL) << (8 * i);
    }
    return (int) ((word >>> shift) & mask);
  }

  private void nextRun() {
    int header = readVarint();
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
    } else {
      rle = false;
      int groups = header >>> 1;
      if (groups > (Integer.MAX_VALUE >>> 3)) {
        throw new MalformedParquetException("bit-packed run of " + groups + " groups");
      }
      runRemaining = groups * 8;
      runStart = pos;
      runIndex = 0;
      // the run's bytes; the next header follows them (values past the data fail when read)
      pos = (int) Math.min((long) pos + (long) groups * bitWidth, end);
    }
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
