package io.buzz.storage.parquet.column;

import io.buzz.storage.parquet.page.ColumnContext;

/**
 * FLOAT16 values (IEEE 754 half precision, 2-byte little-endian FIXED_LEN_BYTE_ARRAYs) widened
 * exactly into a {@code Float8Vector}; NaN and ±∞ are kept.
 */
final class Float16ColumnReader extends LongColumnReader.FixedWidthBinaries {
  Float16ColumnReader(ColumnChunk chunk, ColumnContext context, int batchRows) {
    super(chunk, context, batchRows, 2, "FLOAT16");
  }

  @Override
  void convert(byte[] bytes, int[] starts, long[] out, int offset, int count) {
    for (int i = 0; i < count; i++) {
      int at = starts[i];
      int half = (bytes[at] & 0xff) | (bytes[at + 1] & 0xff) << 8;
      out[offset + i] = Double.doubleToRawLongBits(halfToFloat(half));
    }
  }

  /** IEEE 754 half precision (the low 16 bits of {@code bits}) to float: exact, NaN and ±∞ kept. */
  static float halfToFloat(int bits) {
    int sign = (bits & 0x8000) << 16;
    int exponent = (bits >>> 10) & 0x1f;
    int mantissa = bits & 0x3ff;
    if (exponent == 0x1f) {
      return Float.intBitsToFloat(sign | 0x7f800000 | mantissa << 13);
    }
    if (exponent == 0) {
      float subnormal = mantissa * 0x1p-24f; // also ±0
      return sign != 0 ? -subnormal : subnormal;
    }
    return Float.intBitsToFloat(sign | (exponent + 112) << 23 | mantissa << 13);
  }
}
