package io.buzz.hbee.runtime;

import io.buzz.kernels.batch.ColumnType;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * The type changes Delta's type widening makes without rewriting files: a file written before the
 * change holds the narrower type, which the scan casts to the table's. Integer to long, to double
 * or to a decimal wide enough; float to double; date to timestamp; a decimal to one with at least
 * as many integer and fractional digits.
 */
final class TypeWidening {
  private TypeWidening() {}

  /** Whether a file's {@code from} values read losslessly as the table's {@code to}. */
  static boolean allowed(ArrowType from, ArrowType to) {
    ColumnType source = ColumnType.of(from);
    ColumnType target = ColumnType.of(to);
    return switch (source) {
      case INT32 ->
          target == ColumnType.INT64
              || target == ColumnType.FLOAT64
              || target == ColumnType.DECIMAL128 && integerDigits(to) >= 10;
      case INT64 -> target == ColumnType.DECIMAL128 && integerDigits(to) >= 19;
      case FLOAT32 -> target == ColumnType.FLOAT64;
      case DATE32 -> target == ColumnType.TIMESTAMP_MICROS;
      case DECIMAL128 ->
          target == ColumnType.DECIMAL128
              && integerDigits(to) >= integerDigits(from)
              && ((ArrowType.Decimal) to).getScale() >= ((ArrowType.Decimal) from).getScale();
      default -> false;
    };
  }

  private static int integerDigits(ArrowType decimal) {
    ArrowType.Decimal type = (ArrowType.Decimal) decimal;
    return type.getPrecision() - type.getScale();
  }
}
