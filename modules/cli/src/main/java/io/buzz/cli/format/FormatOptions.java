package io.buzz.cli.format;

import io.buzz.cli.format.parquet.ParquetOptions;
import java.util.Objects;

/**
 * What the output formats may be told besides the rows.
 *
 * @param maxWidth {@code table}: the most characters a line of the table may take, 0 for no limit
 * @param parquet {@code parquet}: row groups, pages and compression
 */
public record FormatOptions(int maxWidth, ParquetOptions parquet) {
  /** The table width when the terminal's is not known. */
  public static final int DEFAULT_MAX_WIDTH = 120;

  public static final FormatOptions DEFAULTS =
      new FormatOptions(DEFAULT_MAX_WIDTH, ParquetOptions.DEFAULTS);

  public FormatOptions {
    if (maxWidth < 0) {
      throw new IllegalArgumentException("--max-width must not be negative, got " + maxWidth);
    }
    Objects.requireNonNull(parquet, "parquet is null");
  }
}
