package io.buzz.plan.sql;

import static io.buzz.plan.sql.PlanAssertions.kinds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import org.junit.jupiter.api.Test;

/**
 * Uncorrelated scalar subqueries over the query's own input: a ScalarJoin the HComb runs once all
 * rows are in; the rest refused by name.
 */
class ScalarSubqueryPlanningTest {
  private static final String MAP_STEP =
      "SELECT payment_type, COUNT(*) AS n FROM nyc_taxi GROUP BY payment_type";

  private static BuzzException error(String hbee, String hcomb) {
    BuzzException e =
        catchThrowableOfType(BuzzException.class, () -> PlanAssertions.planChecked(hbee, hcomb));
    assertThat(e).as("error for %s / %s", hbee, hcomb).isNotNull();
    return e;
  }

  @Test
  void aSubqueryOverTheHBeeStepsOutputRunsInTheHComb() {
    PlannedQuery planned =
        PlanAssertions.planChecked(
            MAP_STEP,
            "SELECT payment_type, n FROM nyc_taxi_map WHERE n > (SELECT AVG(n) FROM nyc_taxi_map)");
    assertThat(kinds(planned.plan().getHbee().getOperatorsList()))
        .containsExactly("AGGREGATE PARTIAL");
    assertThat(kinds(planned.plan().getHcomb().getOperatorsList())).startsWith("SCALAR_JOIN");
    assertThat(planned.explain())
        .contains("scalar join: [")
        .contains("with the one row of [")
        .contains("AVG(n)");
  }

  @Test
  void aSubqueryOverTheTableMovesItsRowsToTheHComb() {
    PlannedQuery planned =
        PlanAssertions.planChecked(
            "SELECT trip_id, fare_amount FROM nyc_taxi"
                + " WHERE fare_amount > (SELECT AVG(fare_amount) FROM nyc_taxi)",
            "SELECT * FROM nyc_taxi_map");
    assertThat(planned.plan().getHbee().getOperatorsList()).isEmpty();
    assertThat(kinds(planned.plan().getHcomb().getOperatorsList())).startsWith("SCALAR_JOIN");
  }

  @Test
  void whatCannotRunAsOnePipelineIsRefusedByName() {
    BuzzException correlated =
        error(
            MAP_STEP,
            "SELECT payment_type FROM nyc_taxi_map m WHERE n > (SELECT AVG(n) FROM nyc_taxi_map"
                + " WHERE payment_type = m.payment_type)");
    assertThat(correlated.code()).isEqualTo(ErrorCode.UNSUPPORTED);
    assertThat(correlated.getMessage())
        .contains("a correlated subquery (line 1, column 105) is not supported")
        .contains("it refers to m.payment_type of the outer query");
    BuzzException unqualified =
        error(
            MAP_STEP,
            "SELECT payment_type FROM nyc_taxi_map WHERE n > (SELECT AVG(x) FROM (SELECT n AS x,"
                + " payment_type AS p FROM nyc_taxi_map) WHERE p = payment_type)");
    assertThat(unqualified.code()).isEqualTo(ErrorCode.UNSUPPORTED);
    assertThat(unqualified.getMessage()).contains("a correlated subquery");
    assertThat(
            error(
                    MAP_STEP,
                    "SELECT payment_type FROM nyc_taxi_map WHERE n > (SELECT n FROM nyc_taxi_map"
                        + " WHERE payment_type = 'CSH')")
                .getMessage())
        .contains("a scalar subquery that is not one aggregate without GROUP BY");
    assertThat(
            error(
                    MAP_STEP,
                    "SELECT payment_type FROM nyc_taxi_map WHERE payment_type NOT IN"
                        + " (SELECT payment_type FROM nyc_taxi_map WHERE n > 3)")
                .getMessage())
        .contains("NOT IN with a subquery");
    PlannedQuery in =
        PlanAssertions.planChecked(
            MAP_STEP,
            "SELECT payment_type, n FROM nyc_taxi_map WHERE payment_type IN"
                + " (SELECT payment_type FROM nyc_taxi_map WHERE n > 3)");
    assertThat(in.explain()).contains("in join: [").contains("where its column 1 is in [");
  }
}
