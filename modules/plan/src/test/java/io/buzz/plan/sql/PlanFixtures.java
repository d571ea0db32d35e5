package io.buzz.plan.sql;

import io.buzz.plan.model.Capacity;
import io.buzz.plan.model.CatalogSpec;
import io.buzz.plan.model.CatalogType;
import io.buzz.plan.model.Query;
import io.buzz.plan.model.Step;
import io.buzz.plan.model.StepType;
import io.buzz.protocol.plan.DataType;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The NYC taxi table and query builders shared by the planner tests. */
final class PlanFixtures {
  static final String HBEE = "nyc_taxi_map";
  static final String HCOMB = "nyc_taxi_reduce";

  /** Parquet columns, then the partition column pickup_date; one unsupported DECIMAL column. */
  static final TableSchema NYC_TAXI =
      new TableSchema(
          "nyc_taxi",
          List.of(
              TableColumn.data("vendor_id", DataType.UTF8, true),
              TableColumn.data("pickup_datetime", DataType.TIMESTAMP_MICROS, true),
              TableColumn.data("passenger_count", DataType.INT32, true),
              TableColumn.data("trip_distance", DataType.FLOAT64, true),
              TableColumn.data("payment_type", DataType.UTF8, true),
              TableColumn.data("fare_amount", DataType.FLOAT64, true),
              TableColumn.data("tip_amount", DataType.FLOAT64, true),
              TableColumn.data("trip_id", DataType.INT64, false),
              TableColumn.data("store_and_fwd", DataType.BOOL, true),
              TableColumn.data("pickup_day", DataType.DATE32, true),
              TableColumn.partition("pickup_date")),
          Map.of("congestion_surcharge", "Parquet type DECIMAL(10,2) is not supported yet"));

  static final QueryPlanner PLANNER = new QueryPlanner();

  private PlanFixtures() {}

  static Query query(String hbeeSql, String hcombSql) {
    return query(hbeeSql, hcombSql, Optional.empty());
  }

  static Query query(String hbeeSql, String hcombSql, Optional<String> partitionFilter) {
    return new Query(
        List.of(
            new Step(hbeeSql, HBEE, StepType.HBEE, partitionFilter),
            new Step(hcombSql, HCOMB, StepType.HCOMB)),
        new Capacity(1),
        List.of(
            new CatalogSpec(
                "nyc_taxi", CatalogType.DELTA_LAKE, "s3://bucket/delta-tables/nyc-taxi-daily")));
  }

  static PlannedQuery plan(String hbeeSql, String hcombSql) {
    return PLANNER.plan(query(hbeeSql, hcombSql), NYC_TAXI);
  }

  static PlannedQuery plan(String hbeeSql, String hcombSql, String partitionFilter) {
    return PLANNER.plan(query(hbeeSql, hcombSql, Optional.of(partitionFilter)), NYC_TAXI);
  }
}
