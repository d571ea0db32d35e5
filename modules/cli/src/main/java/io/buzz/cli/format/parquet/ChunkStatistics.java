package io.buzz.cli.format.parquet;

import io.buzz.storage.parquet.metadata.PhysicalType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A column chunk's statistics: NULL count, and min/max in the column's type-defined order (the
 * footer's {@code column_orders} says so), taken from the PLAIN values as pages are filled.
 *
 * <p>Orders: INT32 and INT64 signed (all annotations written here are signed); FLOAT and DOUBLE
 * numerically with NaN left out, a zero minimum written as -0.0 and a zero maximum as +0.0, as the
 * format asks; BYTE_ARRAY unsigned bytewise; FIXED_LEN_BYTE_ARRAY (decimals) as big-endian signed
 * numbers. BYTE_ARRAY bounds longer than {@link #MAX_BOUND_BYTES} are not written (the format
 * allows leaving them out), so a column of large values does not bloat the footer.
 */
final class ChunkStatistics {
  static final int MAX_BOUND_BYTES = 64;

  private final PhysicalType physical;
  private long nulls;
  private boolean any;
  private long minLong;
  private long maxLong;
  private double minDouble;
  private double maxDouble;
  private byte[] minBytes;
  private byte[] maxBytes;

  ChunkStatistics(PhysicalType physical) {
    this.physical = physical;
  }

  void clear() {
    nulls = 0;
    any = false;
    minBytes = null;
    maxBytes = null;
  }

  void addNulls(int count) {
    nulls += count;
  }

  long nulls() {
    return nulls;
  }

  /** BOOLEAN: whether the values just added held a false and a true. */
  void addBooleans(boolean sawFalse, boolean sawTrue) {
    if (sawFalse || sawTrue) {
      long min = sawFalse ? 0 : 1;
      long max = sawTrue ? 1 : 0;
      minLong = any ? Math.min(minLong, min) : min;
      maxLong = any ? Math.max(maxLong, max) : max;
      any = true;
    }
  }

  /**
   * Takes the PLAIN values in {@code plain[from, to)} into account.
   *
   * @param width FIXED_LEN_BYTE_ARRAY: bytes per value
   */
  void add(byte[] plain, int from, int to, int width) {
    switch (physical) {
      case INT32 -> {
        for (int at = from; at < to; at += 4) {
          longValue(GrowableBytes.getInt(plain, at));
        }
      }
      case INT64 -> {
        for (int at = from; at < to; at += 8) {
          longValue(GrowableBytes.getLong(plain, at));
        }
      }
      case FLOAT -> {
        for (int at = from; at < to; at += 4) {
          doubleValue(Float.intBitsToFloat(GrowableBytes.getInt(plain, at)));
        }
      }
      case DOUBLE -> {
        for (int at = from; at < to; at += 8) {
          doubleValue(Double.longBitsToDouble(GrowableBytes.getLong(plain, at)));
        }
      }
      case BYTE_ARRAY -> addByteArrays(plain, from, to);
      case FIXED_LEN_BYTE_ARRAY -> addFixed(plain, from, to, width);
      case BOOLEAN, INT96 -> throw new IllegalStateException("no PLAIN statistics for " + physical);
    }
  }

  private void longValue(long value) {
    if (!any) {
      minLong = value;
      maxLong = value;
      any = true;
    } else if (value < minLong) {
      minLong = value;
    } else if (value > maxLong) {
      maxLong = value;
    }
  }

  private void doubleValue(double value) {
    if (Double.isNaN(value)) {
      return;
    }
    if (!any) {
      minDouble = value;
      maxDouble = value;
      any = true;
    } else if (value < minDouble) {
      minDouble = value;
    } else if (value > maxDouble) {
      maxDouble = value;
    }
  }

  /** Length-prefixed values: the smallest and largest of them are copied once per call. */
  private void addByteArrays(byte[] plain, int from, int to) {
    int min = -1;
    int max = -1;
    for (int at = from; at < to; at += 4 + GrowableBytes.getInt(plain, at)) {
      if (min < 0 || compareLengthPrefixed(plain, at, min) < 0) {
        min = at;
      }
      if (max < 0 || compareLengthPrefixed(plain, at, max) > 0) {
        max = at;
      }
    }
    if (min >= 0) {
      byte[] low = Arrays.copyOfRange(plain, min + 4, min + 4 + GrowableBytes.getInt(plain, min));
      byte[] high = Arrays.copyOfRange(plain, max + 4, max + 4 + GrowableBytes.getInt(plain, max));
      minBytes = minBytes == null || Arrays.compareUnsigned(low, minBytes) < 0 ? low : minBytes;
      maxBytes = maxBytes == null || Arrays.compareUnsigned(high, maxBytes) > 0 ? high : maxBytes;
      any = true;
    }
  }

  private static int compareLengthPrefixed(byte[] plain, int a, int b) {
    int aLength = GrowableBytes.getInt(plain, a);
    int bLength = GrowableBytes.getInt(plain, b);
    return Arrays.compareUnsigned(plain, a + 4, a + 4 + aLength, plain, b + 4, b + 4 + bLength);
  }

  /** Big-endian two's complement values: signed first byte, then unsigned bytes. */
  private void addFixed(byte[] plain, int from, int to, int width) {
    int min = -1;
    int max = -1;
    for (int at = from; at < to; at += width) {
      if (min < 0 || compareSigned(plain, at, plain, min, width) < 0) {
        min = at;
      }
      if (max < 0 || compareSigned(plain, at, plain, max, width) > 0) {
        max = at;
      }
    }
    if (min >= 0) {
      if (minBytes == null || compareSigned(plain, min, minBytes, 0, width) < 0) {
        minBytes = Arrays.copyOfRange(plain, min, min + width);
      }
      if (maxBytes == null || compareSigned(plain, max, maxBytes, 0, width) > 0) {
        maxBytes = Arrays.copyOfRange(plain, max, max + width);
      }
      any = true;
    }
  }

  private static int compareSigned(byte[] a, int aFrom, byte[] b, int bFrom, int width) {
    int first = Byte.compare(a[aFrom], b[bFrom]);
    if (first != 0 || width == 1) {
      return first;
    }
    return Arrays.compareUnsigned(a, aFrom + 1, aFrom + width, b, bFrom + 1, bFrom + width);
  }

  /**
   * The minimum as PLAIN bytes (a BYTE_ARRAY's without its length), or null when there is none to
   * write: no value that is not NULL or NaN, or a BYTE_ARRAY bound too long.
   */
  byte[] min() {
    return bound(true);
  }

  /** The maximum; see {@link #min()}. */
  byte[] max() {
    return bound(false);
  }

  private byte[] bound(boolean min) {
    if (!any) {
      return null;
    }
    return switch (physical) {
      case BOOLEAN -> new byte[] {(byte) (min ? minLong : maxLong)};
      case INT32 -> le(4).putInt((int) (min ? minLong : maxLong)).array();
      case INT64 -> le(8).putLong(min ? minLong : maxLong).array();
      case FLOAT -> le(4).putFloat((float) zeroSign(min ? minDouble : maxDouble, min)).array();
      case DOUBLE -> le(8).putDouble(zeroSign(min ? minDouble : maxDouble, min)).array();
      case BYTE_ARRAY -> {
        boolean fits = minBytes.length <= MAX_BOUND_BYTES && maxBytes.length <= MAX_BOUND_BYTES;
        yield fits ? (min ? minBytes : maxBytes) : null;
      }
      case FIXED_LEN_BYTE_ARRAY -> min ? minBytes : maxBytes;
      case INT96 -> null;
    };
  }

  private static double zeroSign(double value, boolean min) {
    return value == 0 ? (min ? -0.0 : 0.0) : value;
  }

  private static ByteBuffer le(int size) {
    return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
  }
}
