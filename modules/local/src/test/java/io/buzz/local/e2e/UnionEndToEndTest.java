package io.buzz.local.e2e;

import java.util.stream.Stream;

/**
 * UNION ALL and UNION of SELECTs over the one table, end to end against DuckDB: branches that
 * filter and project differently (constants, casts, NULLs), aggregates, DISTINCT and top-N over the
 * union, three branches, and a UNION ALL in the HComb step over the HBee step's output.
 */
class UnionEndToEndTest extends DuckDbTableEndToEndTest {
  UnionEndToEndTest() {
    super("events");
  }

  @Override
  String rows(String range) {
    return "SELECT i AS id, (i % 5)::INTEGER AS k,"
        + " CASE WHEN i % 7 = 0 THEN NULL ELSE ['web', 'app', 'api'][(i % 3) + 1] END AS source,"
        + " CASE WHEN i % 11 = 0 THEN NULL ELSE ((i * 37) % 1000)::INTEGER END AS v,"
        + " ((i * 7919) % 10000) / 100.0 AS amount"
        + " FROM "
        + range;
  }

  @Override
  Stream<Case> cases() {
    return Stream.of(
        new Case(
            "two SELECTs that filter and project differently",
            "SELECT id, source AS label, v FROM events WHERE v > 900"
                + " UNION ALL SELECT id, 'low', v + 1 FROM events WHERE v < 20",
            "SELECT * FROM events_map",
            false),
        new Case(
            "aggregates over a UNION ALL of three SELECTs",
            "SELECT tag, COUNT(*) AS n, SUM(x) AS total, COUNT(DISTINCT k) AS ks FROM ("
                + " SELECT 'big' AS tag, amount AS x, k FROM events WHERE amount > 90"
                + " UNION ALL SELECT 'small', amount, k FROM events WHERE amount < 10"
                + " UNION ALL SELECT COALESCE(source, 'none'), CAST(v AS DOUBLE), k FROM events"
                + " WHERE k = 3) GROUP BY tag",
            "SELECT * FROM events_map",
            false),
        new Case(
            "UNION removes duplicate rows, NULLs included",
            "SELECT source, k FROM events WHERE v > 500 UNION SELECT source, k FROM events"
                + " WHERE v < 100",
            "SELECT * FROM events_map",
            false),
        new Case(
            "top-N over a UNION ALL",
            "SELECT id, x FROM (SELECT id, amount AS x FROM events UNION ALL SELECT id, v FROM"
                + " events WHERE v IS NOT NULL) ORDER BY x DESC, id LIMIT 7",
            "SELECT * FROM events_map",
            true),
        new Case(
            "a UNION ALL in the HComb step over the HBee step's groups",
            "SELECT k, source, COUNT(*) AS n FROM events GROUP BY k, source",
            "SELECT k AS key, n FROM events_map WHERE source = 'web'"
                + " UNION ALL SELECT k + 100, n FROM events_map WHERE source IS NULL",
            false));
  }
}
