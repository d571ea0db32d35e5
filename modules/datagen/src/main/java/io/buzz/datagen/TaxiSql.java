package io.buzz.datagen;

/** The DuckDB SELECT that produces the taxi trips of a {@link TaxiDataSpec}. */
final class TaxiSql {
  private TaxiSql() {}

  /**
   * One row per trip number {@code i}; {@code u(k)} is a uniform value in [0, 1) derived from
   * {@code i} and the salt {@code k}, so columns are independent of each other.
   */
  static String selectTrips(TaxiDataSpec spec) {
    String u = "((hash(i * 31 + %d) %% 1000000) / 1000000.0)";
    String u1 = String.format(u, 1);
    String u2 = String.format(u, 2);
    String u3 = String.format(u, 3);
    String u4 = String.format(u, 4);
    String u5 = String.format(u, 5);
    String u6 = String.format(u, 6);
    String u7 = String.format(u, 7);
    long rowsPerDay = Math.max(1, spec.rows() / spec.days());
    return "WITH trips AS (SELECT i,"
        + " least(i // "
        + rowsPerDay
        + ", "
        + (spec.days() - 1)
        + ") AS day_index,"
        + " round(0.3 + 25 * pow("
        + u3
        + ", 3), 2) AS trip_distance"
        + " FROM range("
        + spec.rows()
        + ") t(i)),"
        + " priced AS (SELECT *, round(2.5 + trip_distance * 2.1 + 4 * "
        + u4
        + ", 2) AS fare_amount FROM trips)"
        + " SELECT"
        + " CASE WHEN "
        + u1
        + " < 0.48 THEN 'CMT' WHEN "
        + u1
        + " < 0.96 THEN 'VTS' ELSE 'DDS' END AS vendor_id,"
        + " DATE '"
        + spec.firstDay()
        + "' + CAST(day_index AS INTEGER) + to_microseconds(CAST(86400000000 * "
        + u2
        + " AS BIGINT)) AS pickup_datetime,"
        + " CASE WHEN "
        + u5
        + " < 0.03 THEN NULL ELSE 1 + CAST(floor(6 * pow("
        + u5
        + ", 2)) AS INTEGER) END AS passenger_count,"
        + " trip_distance,"
        + " CASE WHEN "
        + u6
        + " < 0.01 THEN NULL WHEN "
        + u6
        + " < 0.45 THEN 'Cash' WHEN "
        + u6
        + " < 0.97 THEN 'Credit' WHEN "
        + u6
        + " < 0.99 THEN 'No Charge' ELSE 'Dispute' END AS payment_type,"
        + " fare_amount,"
        + " CASE WHEN "
        + u7
        + " < 0.10 THEN NULL ELSE round(fare_amount * 0.25 * "
        + u7
        + ", 2) END AS tip_amount,"
        + " round(fare_amount + coalesce(round(fare_amount * 0.25 * "
        + u7
        + ", 2), 0) * CAST("
        + u7
        + " >= 0.10 AS INTEGER) + 0.5, 2) AS total_amount,"
        + " strftime(DATE '"
        + spec.firstDay()
        + "' + CAST(day_index AS INTEGER), '%Y-%m-%d') AS pickup_date"
        + " FROM priced ORDER BY i";
  }
}
