package io.buzz.plan.sql;

import static io.buzz.plan.sql.PlanAssertions.fields;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.buzz.error.BuzzException;
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
  void approximateDistinctCountsPlanAsSketchesMergedByTheHComb() {
    PlannedQuery planned =
        PlanAssertions.planChecked(
            "SELECT payment_type, APPROX_COUNT_DISTINCT(vendor_id) AS vendors FROM nyc_taxi"
                + " GROUP BY payment_type",
            "SELECT * FROM nyc_taxi_map");
    assertThat(planned.explain()).contains("vendors := APPROX_COUNT_DISTINCT(vendor_id)");
    assertThat(planned.explain()).doesNotContain("DISTINCT vendor_id");
    assertThat(fields(planned.plan().getHbee().getOutputSchema()))
        .contains("vendors$sketch VARBINARY");
    assertThat(fields(planned.resultSchema())).contains("vendors INT64");
  }

  @Test
  void approximateQuantilesCarryTheirFraction() {
    PlannedQuery planned =
        PlanAssertions.planChecked(
            "SELECT payment_type, APPROX_QUANTILE(fare_amount, 0.5) AS median,"
                + " APPROX_PERCENTILE(passenger_count, 0.99) AS p99 FROM nyc_taxi"
                + " GROUP BY payment_type",
            "SELECT * FROM nyc_taxi_map");
    assertThat(planned.explain())
        .contains("median := APPROX_QUANTILE(fare_amount, 0.5)")
        .contains("p99 := APPROX_QUANTILE(passenger_count, 0.99)");
    assertThat(fields(planned.plan().getHbee().getOutputSchema()))
        .contains("median$sketch VARBINARY", "p99$sketch VARBINARY");
    assertThat(fields(planned.resultSchema())).contains("median FLOAT64 NULL");
  }

  @Test
  void aQuantileFractionMustBeAConstantFromZeroToOne() {
    for (String fraction : new String[] {"1.5", "-0.1", "fare_amount"}) {
      assertThatThrownBy(
              () ->
                  PlanAssertions.planChecked(
                      "SELECT APPROX_QUANTILE(fare_amount, " + fraction + ") AS q FROM nyc_taxi",
                      "SELECT * FROM nyc_taxi_map"))
          .isInstanceOf(BuzzException.class)
          .hasMessageContaining("the fraction of APPROX_QUANTILE must be a number from 0 to 1");
    }
  }
}
