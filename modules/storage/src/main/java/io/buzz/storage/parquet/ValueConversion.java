package io.buzz.storage.parquet;

/** How stored values become Buzz values, beyond copying. */
enum ValueConversion {
  /** Copied as stored (same width and meaning). */
  NONE,
  /** INT64 milliseconds since the epoch × 1000. */
  MILLIS_TO_MICROS,
  /** INT64 nanoseconds since the epoch, floor-divided by 1000. */
  NANOS_TO_MICROS,
  /** INT96 (nanoseconds of day, Julian day) to microseconds since the epoch. */
  INT96_TO_MICROS,
  /** FLOAT widened to DOUBLE. */
  FLOAT_TO_DOUBLE
}
