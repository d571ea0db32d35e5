package io.buzz.storage.parquet.metadata;

/** How stored values become Buzz values, beyond copying. */
public enum ValueConversion {
  /** Copied as stored (same width and meaning). */
  NONE,
  /** INT64 milliseconds since the epoch × 1000. */
  MILLIS_TO_MICROS,
  /** INT64 nanoseconds (since the epoch, or since midnight for a TIME), floor-divided by 1000. */
  NANOS_TO_MICROS,
  /** INT32 milliseconds since midnight (TIME(MILLIS)) × 1000, to a 64-bit TIME in microseconds. */
  TIME_MILLIS_TO_MICROS,
  /** INT96 (nanoseconds of day, Julian day) to microseconds since the epoch. */
  INT96_TO_MICROS,
  /** FLOAT16 (IEEE 754 half precision, a 2-byte FIXED_LEN_BYTE_ARRAY) widened to DOUBLE. */
  FLOAT16_TO_DOUBLE,
  /** UUID (a 16-byte FIXED_LEN_BYTE_ARRAY) as its canonical 36-character lowercase string. */
  UUID_TO_STRING,
  /** INT32 holding an unsigned 32-bit value (UINT_32), widened to INT64 without its sign. */
  UINT32_TO_INT64,
  /**
   * INT64 holding an unsigned 64-bit value (UINT_64): copied while it fits BIGINT; a value beyond
   * 2^63 - 1 is an unsupported-value error naming the column, never a negative number.
   */
  UINT64_TO_INT64,
  /**
   * DECIMAL's unscaled value, stored as INT32, INT64, or big-endian two's complement bytes
   * (FIXED_LEN_BYTE_ARRAY, BYTE_ARRAY of at most 16 bytes), sign-extended to DECIMAL128; a value
   * with more digits than the declared precision is corrupt data naming the column.
   */
  DECIMAL
}
