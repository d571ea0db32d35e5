package io.buzz.kernels.batch;

import io.buzz.kernels.KernelException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * Arithmetic on DECIMAL128 values, held as their unscaled value in two longs: {@code high} (the
 * upper 64 bits, signed) and {@code low} (the lower 64 bits, unsigned), as a {@code DecimalVector}
 * stores them little-endian (low word first). Kernels call the long paths, which cover every value
 * of up to 18 digits without allocating, and fall back to {@link BigInteger} beyond that.
 *
 * <p>Rounding follows SQL engines (DuckDB, Trino, PostgreSQL): half away from zero. Stateless.
 */
public final class Decimal128 {
  /** Bytes per value. */
  public static final int WIDTH = 16;

  /** The most digits that always fit a long. */
  public static final int LONG_DIGITS = 18;

  private static final long[] LONG_POWERS = new long[LONG_DIGITS + 1];
  private static final BigInteger[] POWERS = new BigInteger[ColumnType.MAX_DECIMAL_PRECISION + 1];

  static {
    long power = 1;
    for (int i = 0; i <= LONG_DIGITS; i++) {
      LONG_POWERS[i] = power;
      power *= 10;
    }
    for (int i = 0; i < POWERS.length; i++) {
      POWERS[i] = BigInteger.TEN.pow(i);
    }
  }

  private Decimal128() {}

  /** 10^{@code exponent} for an exponent in [0, 18]. */
  public static long longPower(int exponent) {
    return LONG_POWERS[exponent];
  }

  /** 10^{@code exponent} for an exponent in [0, 38]. */
  public static BigInteger power(int exponent) {
    return POWERS[exponent];
  }

  /** The precision of a decimal Arrow type. */
  public static int precision(ArrowType type) {
    return ((ArrowType.Decimal) type).getPrecision();
  }

  /** The scale of a decimal Arrow type. */
  public static int scale(ArrowType type) {
    return ((ArrowType.Decimal) type).getScale();
  }

  /** The low word of value {@code index} of a decimal data buffer. */
  public static long low(ArrowBuf data, int index) {
    return data.getLong((long) index * WIDTH);
  }

  /** The high word of value {@code index} of a decimal data buffer. */
  public static long high(ArrowBuf data, int index) {
    return data.getLong((long) index * WIDTH + 8);
  }

  /** Writes value {@code index} of a decimal data buffer. */
  public static void put(ArrowBuf data, int index, long high, long low) {
    data.setLong((long) index * WIDTH, low);
    data.setLong((long) index * WIDTH + 8, high);
  }

  /** Writes a value that fits a long (its high word is the sign extension). */
  public static void putLong(ArrowBuf data, int index, long value) {
    put(data, index, value >> 63, value);
  }

  /** True when the 128-bit value is a long: its high word only extends the low word's sign. */
  public static boolean isLong(long high, long low) {
    return high == low >> 63;
  }

  public static BigInteger toBigInteger(long high, long low) {
    return BigInteger.valueOf(high).shiftLeft(64).add(new BigInteger(Long.toUnsignedString(low)));
  }

  /** The high word of a value that fits 128 bits. */
  public static long high(BigInteger value) {
    return value.shiftRight(64).longValue();
  }

  /** The low word of a value that fits 128 bits. */
  public static long low(BigInteger value) {
    return value.longValue();
  }

  /** Writes a BigInteger that fits 128 bits. */
  public static void put(ArrowBuf data, int index, BigInteger value) {
    put(data, index, high(value), low(value));
  }

  /** Signed comparison of two 128-bit values. */
  public static int compare(long highA, long lowA, long highB, long lowB) {
    return highA != highB ? Long.compare(highA, highB) : Long.compareUnsigned(lowA, lowB);
  }

  /** True when every value of the decimal Arrow type fits a long (at most 18 digits). */
  public static boolean fitsLong(ArrowType type) {
    return precision(type) <= LONG_DIGITS;
  }

  /**
   * The high word of the 128-bit sum of two values, whose low word is {@code lowA + lowB}: the
   * carry out of the low words is added to the high words.
   *
   * @throws ArithmeticException when the sum leaves the 128-bit range
   */
  public static long addHigh(long highA, long lowA, long highB, long lowB) {
    long carry = Long.compareUnsigned(lowA + lowB, lowA) < 0 ? 1 : 0;
    long high = highA + highB + carry;
    // Two's complement overflow: both operands have one sign and the sum has the other.
    if (((highA ^ high) & (highB ^ high)) < 0) {
      throw new ArithmeticException("128-bit overflow");
    }
    return high;
  }

  /** True when the unscaled value has at most {@code precision} digits. */
  public static boolean fits(long value, int precision) {
    if (precision > LONG_DIGITS) {
      return true;
    }
    long bound = LONG_POWERS[precision];
    return value < bound && value > -bound;
  }

  /** True when the unscaled value has at most {@code precision} digits. */
  public static boolean fits(BigInteger value, int precision) {
    return value.abs().compareTo(POWERS[precision]) < 0;
  }

  /** True when the 128-bit value has at most {@code precision} digits. */
  public static boolean fits(long high, long low, int precision) {
    if (isLong(high, low) && low != Long.MIN_VALUE) {
      return precision > LONG_DIGITS || fits(low, precision);
    }
    return fits(toBigInteger(high, low), precision);
  }

  /**
   * {@code value} with its scale moved from {@code fromScale} to {@code toScale}: multiplied by a
   * power of ten, or divided by one and rounded half away from zero.
   */
  public static BigInteger rescale(BigInteger value, int fromScale, int toScale) {
    if (toScale >= fromScale) {
      return value.multiply(POWERS[toScale - fromScale]);
    }
    BigInteger[] qr = value.divideAndRemainder(POWERS[fromScale - toScale]);
    BigInteger twice = qr[1].abs().shiftLeft(1);
    if (twice.compareTo(POWERS[fromScale - toScale]) >= 0) {
      return qr[0].add(BigInteger.valueOf(value.signum()));
    }
    return qr[0];
  }

  /**
   * A long divided by 10^{@code digits} (1 to 18), rounded half away from zero. Exact for every
   * long.
   */
  public static long divideRounded(long value, int digits) {
    long divisor = LONG_POWERS[digits];
    long quotient = value / divisor;
    long remainder = value % divisor;
    if (Math.abs(remainder) >= divisor - Math.abs(remainder)) {
      quotient += Long.signum(value);
    }
    return quotient;
  }

  /** The value as a BigDecimal of the given scale. */
  public static BigDecimal toBigDecimal(long high, long low, int scale) {
    if (isLong(high, low)) {
      return BigDecimal.valueOf(low, scale);
    }
    return new BigDecimal(toBigInteger(high, low), scale);
  }

  /**
   * The nearest double to the decimal value. Exact rounding: for values of up to 15 digits with a
   * scale up to 22 one IEEE division of two exact operands is correctly rounded.
   */
  public static double toDouble(long high, long low, int scale) {
    if (isLong(high, low) && Math.abs(low) < (1L << 53) && scale <= 22) {
      return scale == 0 ? (double) low : (double) low / DOUBLE_POWERS[scale];
    }
    return toBigDecimal(high, low, scale).doubleValue();
  }

  /**
   * The float nearest to the value: one IEEE division when the unscaled value and the power of ten
   * are exact floats (below 2^24 and 10^10), else through BigDecimal, never rounding twice.
   */
  public static float toFloat(long high, long low, int scale) {
    if (isLong(high, low) && Math.abs(low) < (1L << 24) && scale <= 10) {
      return scale == 0 ? (float) low : (float) low / (float) DOUBLE_POWERS[scale];
    }
    return toBigDecimal(high, low, scale).floatValue();
  }

  private static final double[] DOUBLE_POWERS = new double[23];

  static {
    double power = 1;
    for (int i = 0; i < DOUBLE_POWERS.length; i++) {
      DOUBLE_POWERS[i] = power;
      power *= 10;
    }
  }

  /**
   * The unscaled value of {@code value} at {@code scale}, rounded half away from zero.
   *
   * @throws KernelException INVALID_CAST when it has more than {@code precision} digits
   */
  public static BigInteger unscaled(BigDecimal value, int precision, int scale) {
    BigInteger unscaled = value.setScale(scale, RoundingMode.HALF_UP).unscaledValue();
    if (!fits(unscaled, precision)) {
      throw outOfRange(value.toPlainString(), precision, scale);
    }
    return unscaled;
  }

  /** The error for a value that does not fit DECIMAL(precision, scale). */
  public static KernelException outOfRange(String value, int precision, int scale) {
    return new KernelException(
        KernelException.Kind.INVALID_CAST,
        "value " + value + " does not fit DECIMAL(" + precision + "," + scale + ")");
  }

  /** The error for an arithmetic result that does not fit its type. */
  public static KernelException overflow(String operation, int precision, int scale) {
    return new KernelException(
        KernelException.Kind.ARITHMETIC,
        "DECIMAL overflow: the result of "
            + operation
            + " does not fit DECIMAL("
            + precision
            + ","
            + scale
            + ")");
  }

  /** Text of an unscaled value at {@code scale}, with every digit of the scale (as DuckDB). */
  public static String toString(long high, long low, int scale) {
    return toBigDecimal(high, low, scale).toPlainString();
  }
}
