package io.buzz.bench;

import io.buzz.datagen.TaxiDataSpec;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The seven two-step queries of the latency suite, each exercising a different path: partition
 * pruning, multi-aggregate partial/final states with NULL groups, timestamp extraction with top-N,
 * a filtered projection with a distributed top-N, many groups shuffled to the HComb, and a count
 * distinct in two levels. Partition filters are placed relative to the data set's first day.
 */
public final class BenchSuite {
  private BenchSuite() {}

  public static List<BenchQuery> queries(TaxiDataSpec spec) {
    LocalDate first = spec.firstDay();
    int days = spec.days();
    // The seed's "first five days" and a week in the middle, clamped to short data sets.
    LocalDate seedLast = first.plusDays(Math.min(4, days - 1));
    LocalDate weekStart = first.plusDays(Math.min(9, Math.max(0, days - 7)));
    LocalDate weekEnd = weekStart.plusDays(7);
    return List.of(
        new BenchQuery(
            "seed",
            "COUNT by payment_type, first 5 days (the seed example)",
            "SELECT payment_type, COUNT(payment_type) AS payment_type_count FROM nyc_taxi"
                + " GROUP BY payment_type",
            Optional.of("pickup_date<='" + seedLast + "'"),
            "SELECT payment_type, SUM(payment_type_count) FROM seed_map GROUP BY payment_type",
            false),
        new BenchQuery(
            "pruned",
            "one week of partitions, filter + SUM/AVG by vendor",
            "SELECT vendor_id, COUNT(*) AS trips, SUM(total_amount) AS total,"
                + " AVG(trip_distance) AS avg_distance FROM nyc_taxi WHERE trip_distance > 2"
                + " GROUP BY vendor_id",
            Optional.of("pickup_date >= '" + weekStart + "' AND pickup_date < '" + weekEnd + "'"),
            "SELECT vendor_id, trips, total, avg_distance FROM pruned_map ORDER BY vendor_id",
            true),
        new BenchQuery(
            "multi_agg",
            "6 aggregates grouped by two nullable columns (NULL groups)",
            "SELECT payment_type, passenger_count, COUNT(*) AS trips, COUNT(tip_amount) AS tipped,"
                + " MIN(fare_amount) AS min_fare, MAX(fare_amount) AS max_fare,"
                + " AVG(tip_amount) AS avg_tip, SUM(total_amount) AS total FROM nyc_taxi"
                + " GROUP BY payment_type, passenger_count",
            Optional.empty(),
            "SELECT * FROM multi_agg_map",
            false),
        new BenchQuery(
            "hour_topn",
            "EXTRACT(HOUR) group-by, top 5 hours",
            "SELECT EXTRACT(HOUR FROM pickup_datetime) AS pickup_hour, COUNT(*) AS trips,"
                + " SUM(tip_amount) AS tips FROM nyc_taxi GROUP BY EXTRACT(HOUR FROM pickup_datetime)",
            Optional.empty(),
            "SELECT pickup_hour, trips, tips FROM hour_topn_map ORDER BY trips DESC, pickup_hour"
                + " LIMIT 5",
            true),
        new BenchQuery(
            "filtered_topn",
            "filtered projection, top 10 fares (top-N in HBees and HComb)",
            "SELECT vendor_id, pickup_datetime, fare_amount, tip_amount FROM nyc_taxi"
                + " WHERE passenger_count >= 3 AND tip_amount IS NOT NULL"
                + " ORDER BY fare_amount DESC, pickup_datetime LIMIT 20",
            Optional.empty(),
            "SELECT * FROM filtered_topn_map ORDER BY fare_amount DESC, pickup_datetime LIMIT 10",
            true),
        new BenchQuery(
            "minute_groups",
            "GROUP BY pickup minute (day, hour, minute): ~1,440 groups per day",
            "SELECT pickup_date, EXTRACT(HOUR FROM pickup_datetime) AS h,"
                + " EXTRACT(MINUTE FROM pickup_datetime) AS m, COUNT(*) AS trips,"
                + " SUM(fare_amount) AS fares FROM nyc_taxi GROUP BY pickup_date,"
                + " EXTRACT(HOUR FROM pickup_datetime), EXTRACT(MINUTE FROM pickup_datetime)",
            Optional.empty(),
            "SELECT COUNT(*) AS minutes, SUM(trips) AS trips, MAX(trips) AS busiest,"
                + " MIN(trips) AS quietest, SUM(fares) AS fares FROM minute_groups_map",
            false),
        new BenchQuery(
            "count_distinct",
            "COUNT(DISTINCT total_amount) in two levels",
            "SELECT DISTINCT total_amount FROM nyc_taxi",
            Optional.empty(),
            "SELECT COUNT(total_amount) AS distinct_totals FROM count_distinct_map",
            false));
  }
}
