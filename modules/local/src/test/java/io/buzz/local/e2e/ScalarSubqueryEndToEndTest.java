package io.buzz.local.e2e;

import java.util.stream.Stream;

/**
 * Uncorrelated scalar subqueries over the same input as their query, end to end against DuckDB: in
 * the HComb step over the HBee step's groups (groups above the average), in one statement over a
 * WITH query, over the table itself (rows move to the HComb), in the select list, and one whose
 * subquery sees no row (NULL).
 */
class ScalarSubqueryEndToEndTest extends DuckDbTableEndToEndTest {
  ScalarSubqueryEndToEndTest() {
    super("trips");
  }

  @Override
  String rows(String range) {
    return "SELECT i AS id, (i % 13)::INTEGER AS zone,"
        + " CASE WHEN i % 9 = 0 THEN NULL ELSE ((i * 7919) % 10000) / 100.0 END AS fare,"
        + " (i % 4)::INTEGER AS passengers"
        + " FROM "
        + range;
  }

  @Override
  Stream<Case> cases() {
    return Stream.of(
        new Case(
            "groups above the average group, in the HComb step",
            "SELECT zone, COUNT(*) AS trips, SUM(fare) AS fares FROM trips GROUP BY zone",
            "SELECT zone, fares FROM trips_map WHERE fares > (SELECT AVG(fares) FROM trips_map)",
            false),
        new Case(
            "one statement: a WITH query and a scalar subquery over it",
            "WITH by_zone AS (SELECT zone, SUM(fare) AS fares FROM trips GROUP BY zone)"
                + " SELECT zone, fares, fares / (SELECT SUM(fares) FROM by_zone) AS share"
                + " FROM by_zone",
            "SELECT * FROM trips_map",
            false),
        new Case(
            "rows above the table's average fare, over the table itself",
            "SELECT id, fare FROM trips WHERE fare > (SELECT AVG(fare) + 45 FROM trips)",
            "SELECT * FROM trips_map",
            false),
        new Case(
            "IN a subquery: the zones with many trips, in the HComb step",
            "SELECT zone, passengers, COUNT(*) AS trips FROM trips GROUP BY zone, passengers",
            "SELECT zone, passengers, trips FROM trips_map WHERE zone IN"
                + " (SELECT zone FROM trips_map WHERE passengers = 3 AND trips > 230)",
            false),
        new Case(
            "IN a subquery over the table, with NULLs among its values",
            "SELECT id, fare FROM trips WHERE fare IN (SELECT fare FROM trips WHERE id % 97 = 0)",
            "SELECT * FROM trips_map",
            false),
        new Case(
            "a subquery that sees no row is NULL",
            "SELECT zone, COUNT(*) AS n FROM trips GROUP BY zone",
            "SELECT zone, n, (SELECT MAX(n) FROM trips_map WHERE n < 0) AS nothing FROM trips_map",
            false));
  }
}
