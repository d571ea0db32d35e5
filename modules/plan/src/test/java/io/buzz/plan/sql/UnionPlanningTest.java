package io.buzz.plan.sql;

import static io.buzz.plan.sql.PlanAssertions.fields;
import static io.buzz.plan.sql.PlanAssertions.kinds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import org.junit.jupiter.api.Test;

/** UNION ALL (and UNION) of SELECTs over the one table: one scan, a branch per SELECT. */
class UnionPlanningTest {
  private static final String MAP = "SELECT * FROM nyc_taxi_map";

  private static BuzzException error(String sql) {
    BuzzException e =
        catchThrowableOfType(BuzzException.class, () -> PlanAssertions.planChecked(sql, MAP));
    assertThat(e).as("error for %s", sql).isNotNull();
    return e;
  }

  @Test
  void branchesFilterAndProjectOneScanThatReadsWhatAnyOfThemUses() {
    PlannedQuery planned =
        PlanAssertions.planChecked(
            "SELECT vendor_id AS who, fare_amount AS amount FROM nyc_taxi WHERE tip_amount > 5"
                + " UNION ALL SELECT payment_type, tip_amount FROM nyc_taxi WHERE passenger_count = 1",
            MAP);
    assertThat(PlanAssertions.scan(planned))
        .containsExactly(
            "vendor_id UTF8 NULL <- parquet vendor_id",
            "passenger_count INT32 NULL <- parquet passenger_count",
            "payment_type UTF8 NULL <- parquet payment_type",
            "fare_amount FLOAT64 NULL <- parquet fare_amount",
            "tip_amount FLOAT64 NULL <- parquet tip_amount");
    assertThat(kinds(planned.plan().getHbee().getOperatorsList())).containsExactly("UNION_ALL");
    assertThat(planned.explain())
        .contains(
            "filter: (tip_amount > 5.0); project: who := vendor_id, amount := fare_amount] + [");
    assertThat(fields(planned.resultSchema()))
        .containsExactly("who UTF8 NULL", "amount FLOAT64 NULL");
  }

  @Test
  void aggregatesAndTopNOverTheUnionSplitAsUsual() {
    PlannedQuery planned =
        PlanAssertions.planChecked(
            "SELECT who, COUNT(*) AS n, SUM(amount) AS total FROM (SELECT vendor_id AS who,"
                + " fare_amount AS amount FROM nyc_taxi UNION ALL SELECT payment_type, tip_amount"
                + " FROM nyc_taxi) GROUP BY who ORDER BY n DESC LIMIT 3",
            MAP);
    assertThat(kinds(planned.plan().getHbee().getOperatorsList()))
        .containsExactly("UNION_ALL", "AGGREGATE PARTIAL");
    PlannedQuery distinct =
        PlanAssertions.planChecked(
            "SELECT vendor_id FROM nyc_taxi UNION SELECT payment_type FROM nyc_taxi", MAP);
    assertThat(kinds(distinct.plan().getHbee().getOperatorsList()))
        .as("UNION is UNION ALL then a grouping on every column")
        .containsExactly("UNION_ALL", "AGGREGATE PARTIAL");
  }

  @Test
  void whatTheUnionCannotRunIsRefusedByName() {
    assertThat(
            error(
                    "SELECT payment_type, COUNT(*) FROM nyc_taxi GROUP BY payment_type UNION ALL"
                        + " SELECT vendor_id, COUNT(*) FROM nyc_taxi GROUP BY vendor_id")
                .getMessage())
        .contains("a SELECT of a UNION ALL with")
        .contains("aggregate, sort or limit over the UNION ALL");
    BuzzException intersect =
        error("SELECT vendor_id FROM nyc_taxi INTERSECT SELECT payment_type FROM nyc_taxi");
    assertThat(intersect.code()).isEqualTo(ErrorCode.UNSUPPORTED);
    assertThat(intersect.getMessage()).contains("INTERSECT").contains("line 1, column");
  }
}
