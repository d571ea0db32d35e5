package io.buzz.plan.sql;

import org.junit.jupiter.api.Test;

class ScratchTest {
  @Test
  void print() {
    System.out.println(
        PlanFixtures.plan(
                "SELECT v, n FROM (SELECT vendor_id AS v, COUNT(*) AS n FROM nyc_taxi WHERE fare_amount > 1 GROUP BY vendor_id) t WHERE v IS NOT NULL",
                "SELECT v, SUM(n) AS n FROM nyc_taxi_map GROUP BY 1 ORDER BY 2 DESC FETCH FIRST 3 ROWS ONLY")
            .explain());
  }
}
