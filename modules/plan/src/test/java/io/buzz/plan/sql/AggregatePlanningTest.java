package io.buzz.plan.sql;

import static io.buzz.plan.sql.PlanAssertions.fields;
import static org.assertj.core.api.Assertions.assertThat;

import io.buzz.protocol.plan.Aggregate;
import io.buzz.protocol.plan.HBeePlan;
import org.junit.jupiter.api.Test;

/** The partial states and EXPLAIN of the aggregates beyond COUNT, SUM, MIN, MAX and AVG. */
class AggregatePlanningTest {
  @Test
  void distinctAndFilteredAggregatesSplitIntoPartialAndFinal() {
    PlannedQuery planned =
        PlanAssertions.planChecked(
            "SELECT payment_type, COUNT(DISTINCT vendor_id) AS vendors,"
                + " SUM(fare_amount) FILTER (WHERE trip_distance > 2) AS long_total"
                + " FROM nyc_taxi GROUP BY payment_type",
            "SELECT * FROM nyc_taxi_map");
    HBeePlan hbee = planned.plan().getHbee();
    Aggregate partial = hbee.getOperators(hbee.getOperatorsCount() - 1).getAggregate();
    assertThat(partial.getCalls(0).getDistinct()).isTrue();
    assertThat(partial.getCalls(0).hasFilter()).isFalse();
    assertThat(partial.getCalls(1).getDistinct()).isFalse();
    assertThat(partial.getInputSchema().getFields(partial.getCalls(1).getFilter()).getType())
        .isEqualTo(io.buzz.protocol.plan.DataType.BOOL);
    assertThat(fields(hbee.getOutputSchema()))
        .containsExactly(
            "payment_type UTF8 NULL", "vendors$distinct VARBINARY", "long_total FLOAT64 NULL");
    assertThat(planned.explain())
        .contains("vendors := COUNT(DISTINCT vendor_id)")
        .contains("long_total := SUM(fare_amount) FILTER (WHERE ");
  }

  @Test
  void statisticalAndBooleanAggregatesSplitIntoPartialAndFinal() {
    PlannedQuery planned =
        PlanAssertions.planChecked(
            "SELECT payment_type, STDDEV(fare_amount) AS s, VAR_POP(passenger_count) AS v,"
                + " EVERY(store_and_fwd) AS e, BOOL_OR(store_and_fwd) AS o,"
                + " ANY_VALUE(vendor_id) AS any_vendor FROM nyc_taxi GROUP BY payment_type",
            "SELECT * FROM nyc_taxi_map");
    HBeePlan hbee = planned.plan().getHbee();
    assertThat(fields(hbee.getOutputSchema()))
        .containsExactly(
            "payment_type UTF8 NULL",
            "s$count INT64",
            "s$mean FLOAT64 NULL",
            "s$m2 FLOAT64 NULL",
            "v$count INT64",
            "v$mean FLOAT64 NULL",
            "v$m2 FLOAT64 NULL",
            "e BOOL NULL",
            "o BOOL NULL",
            "any_vendor UTF8 NULL");
    assertThat(planned.explain())
        .contains("s := STDDEV_SAMP(fare_amount), v := VAR_POP(passenger_count)")
        .contains("e := MIN(store_and_fwd), o := MAX(store_and_fwd), any_vendor := MIN(vendor_id)");
    assertThat(fields(planned.resultSchema())).contains("s FLOAT64 NULL", "v FLOAT64 NULL");
  }

  @Test
  void approximateDistinctCountsAreExactForNow() {
    PlannedQuery approximate =
        PlanAssertions.planChecked(
            "SELECT payment_type, APPROX_COUNT_DISTINCT(vendor_id) AS vendors FROM nyc_taxi"
                + " GROUP BY payment_type",
            "SELECT * FROM nyc_taxi_map");
    PlannedQuery exact =
        PlanAssertions.planChecked(
            "SELECT payment_type, COUNT(DISTINCT vendor_id) AS vendors FROM nyc_taxi"
                + " GROUP BY payment_type",
            "SELECT * FROM nyc_taxi_map");
    assertThat(approximate.plan()).isEqualTo(exact.plan());
  }
}
