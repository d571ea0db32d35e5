package io.buzz.storage.parquet;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * A column chunk's statistics, decoded to the column's Buzz type for row-group pruning.
 *
 * <p>Value classes by {@link io.buzz.kernels.batch.ColumnType}: BOOL → {@link Boolean}; INT32 and
 * DATE32 → {@link Integer}; INT64, TIMESTAMP_MICROS and TIME_MICROS → {@link Long} (timestamps and
 * times in microseconds, converted like the values); FLOAT64 → {@link Double}; FLOAT32 → {@link
 * Float}; UTF8 → {@link String}. Bounds are present only when the writer recorded them in an order
 * Buzz can trust: {@code min_value}/{@code max_value}, or the deprecated {@code min}/{@code max}
 * for numeric and boolean columns (never for strings, INT96, unsigned, UUID, DECIMAL or unsupported
 * columns; never NaN).
 *
 * @param nullCount the number of nulls, when recorded (absent does not mean zero)
 * @param min a lower bound of the non-null values
 * @param max an upper bound of the non-null values
 */
public record ColumnStatistics(OptionalLong nullCount, Optional<Object> min, Optional<Object> max) {
  public static final ColumnStatistics NONE =
      new ColumnStatistics(OptionalLong.empty(), Optional.empty(), Optional.empty());

  public ColumnStatistics {
    requireNonNull(nullCount, "nullCount is null");
    requireNonNull(min, "min is null");
    requireNonNull(max, "max is null");
  }
}
