package io.buzz.datagen;

import java.time.LocalDate;

/**
 * What to generate: {@code rows} taxi trips spread evenly over {@code days} consecutive days from
 * {@code firstDay}, one Hive-style partition per day ({@code pickup_date=YYYY-MM-DD}), with at most
 * {@code rowsPerRowGroup} rows per Parquet row group.
 */
public record TaxiDataSpec(long rows, int days, LocalDate firstDay, int rowsPerRowGroup) {
  /** The data set {@code make run} queries: 1.2 M rows over the 31 days of January 2009. */
  public static final TaxiDataSpec SAMPLE =
      new TaxiDataSpec(1_200_000, 31, LocalDate.of(2009, 1, 1), 122_880);

  public TaxiDataSpec {
    if (rows < 1) {
      throw new IllegalArgumentException("rows must be at least 1, got " + rows);
    }
    if (days < 1) {
      throw new IllegalArgumentException("days must be at least 1, got " + days);
    }
    if (rowsPerRowGroup < 1) {
      throw new IllegalArgumentException("rowsPerRowGroup must be at least 1");
    }
  }

  /** The marker written beside the data, so a later run can tell whether it may reuse them. */
  public String describe() {
    return "rows="
        + rows
        + " days="
        + days
        + " first_day="
        + firstDay
        + " row_group="
        + rowsPerRowGroup;
  }
}
