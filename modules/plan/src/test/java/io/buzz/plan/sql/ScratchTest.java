package io.buzz.plan.sql;

import org.junit.jupiter.api.Test;

class ScratchTest {
  @Test
  void print() {
    String[][] cases = {
      {
        "SELECT payment_type, COUNT(payment_type) AS payment_type_count FROM nyc_taxi GROUP BY payment_typ",
        "SELECT payment_type, SUM(payment_type_count) FROM nyc_taxi_map GROUP BY payment_type"
      },
      {"SELECT congestion_surcharge FROM nyc_taxi", "SELECT * FROM nyc_taxi_map"},
      {"SELECT foo FROM nyc_taxi", "SELECT * FROM nyc_taxi_map"},
      {"SELECT * FROM nyc_taxi", "SELECT bar FROM nyc_taxi_map"},
      {"SELECT * FROM nyc_taxi", "SELECT * FROM nyc_taxi"},
      {"SELECT * FROM taxis", "SELECT * FROM nyc_taxi_map"},
      {
        "SELECT * FROM nyc_taxi a JOIN nyc_taxi b ON a.trip_id = b.trip_id",
        "SELECT * FROM nyc_taxi_map"
      },
      {"SELECT COUNT(DISTINCT vendor_id) FROM nyc_taxi", "SELECT * FROM nyc_taxi_map"},
      {"SELECT upper(vendor_id) FROM nyc_taxi", "SELECT * FROM nyc_taxi_map"},
      {"SELECT vendor_id FROM nyc_taxi WHERE vendor_id LIKE 'a%'", "SELECT * FROM nyc_taxi_map"},
      {
        "SELECT vendor_id, ROW_NUMBER() OVER (ORDER BY trip_id) FROM nyc_taxi",
        "SELECT * FROM nyc_taxi_map"
      },
      {
        "SELECT vendor_id FROM nyc_taxi WHERE trip_id IN (SELECT trip_id FROM nyc_taxi)",
        "SELECT * FROM nyc_taxi_map"
      },
      {
        "SELECT vendor_id FROM nyc_taxi UNION SELECT vendor_id FROM nyc_taxi",
        "SELECT * FROM nyc_taxi_map"
      },
      {
        "SELECT vendor_id, COUNT(*) FROM nyc_taxi GROUP BY ROLLUP(vendor_id)",
        "SELECT * FROM nyc_taxi_map"
      },
      {"VALUES (1)", "SELECT * FROM nyc_taxi_map"},
      {"SELECT 1", "SELECT * FROM nyc_taxi_map"},
      {"SELECT vendor_id FROM nyc_taxi WHERE", "SELECT * FROM nyc_taxi_map"},
      {"SELECT vendor_id\nFROM nyc_taxi\nWHERE vendor_id = = 1", "SELECT * FROM nyc_taxi_map"},
      {
        "SELECT vendor_id, fare_amount FROM nyc_taxi GROUP BY vendor_id",
        "SELECT * FROM nyc_taxi_map"
      },
      {"SELECT vendor_id + 1 FROM nyc_taxi", "SELECT * FROM nyc_taxi_map"},
      {"SELECT EXTRACT(DOW FROM pickup_datetime) FROM nyc_taxi", "SELECT * FROM nyc_taxi_map"},
      {"SELECT CAST(trip_id AS TIME) FROM nyc_taxi", "SELECT * FROM nyc_taxi_map"},
      {"SELECT pickup_day + INTERVAL '1' DAY FROM nyc_taxi", "SELECT * FROM nyc_taxi_map"},
      {"SELECT * FROM nyc_taxi", "SELECT x.* FROM (SELECT * FROM nyc_taxi_map) x, nyc_taxi_map"},
    };
    for (String[] c : cases) {
      try {
        PlanFixtures.plan(c[0], c[1]);
        System.out.println("NO ERROR for " + c[0]);
      } catch (io.buzz.error.BuzzException e) {
        System.out.println(e.code() + ": " + e.getMessage());
      } catch (RuntimeException e) {
        System.out.println("OTHER " + e);
      }
    }
    String[] filters = {
      "fare_amount > 1",
      "foo = 'x'",
      "pickup_date",
      "pickup_date = ",
      "COUNT(*) > 1",
      "pickup_date > (SELECT 1)",
      "pickup_date LIKE 'a'",
      "pickup_date = 1",
      "CAST(pickup_date AS DATE) > DATE '2009-01-01'"
    };
    for (String f : filters) {
      try {
        PlannedQuery q =
            PlanFixtures.plan("SELECT * FROM nyc_taxi", "SELECT * FROM nyc_taxi_map", f);
        System.out.println("NO ERROR for " + f + " " + q.explain().lines().findFirst().get());
      } catch (io.buzz.error.BuzzException e) {
        System.out.println(e.code() + ": " + e.getMessage());
      }
    }
  }
}
