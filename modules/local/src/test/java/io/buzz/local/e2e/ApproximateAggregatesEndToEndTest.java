package io.buzz.local.e2e;

import java.util.List;
import java.util.stream.Stream;

/**
 * APPROX_COUNT_DISTINCT (HyperLogLog) and APPROX_QUANTILE / APPROX_PERCENTILE (DDSketch) end to
 * end: sketches built in the HBees over three files, merged in the HComb, compared with DuckDB's
 * exact answers — {@code COUNT(DISTINCT x)} and {@code QUANTILE_DISC(x, q)} — within the sketches'
 * stated accuracy: a distinct count within 5% (about three standard errors of 1.6%; exact up to 256
 * values per group), a quantile within 1% of the exact value at its rank (2% allowed, since the
 * engines may round the rank differently on either side of a tie). Every other column must agree as
 * usual.
 */
class ApproximateAggregatesEndToEndTest extends DuckDbTableEndToEndTest {
  private static final double DISTINCT_TOLERANCE = 0.05;
  private static final double QUANTILE_TOLERANCE = 0.02;

  ApproximateAggregatesEndToEndTest() {
    super("approx");
  }

  @Override
  String rows(String range) {
    return "SELECT i AS id, (i % 7)::INTEGER AS k,"
        + " (i * 7919) % 5000 AS wide_id,"
        + " CASE WHEN i % 9 = 0 THEN NULL ELSE 'user-' || (i % 50)::VARCHAR END AS user_name,"
        + " ((i * 37) % 1000) / 10.0 AS x,"
        + " CASE WHEN i % 11 = 0 THEN NULL ELSE ((i * 13) % 500)::INTEGER - 100 END AS v,"
        + " ((i % 997) * 1.5)::DECIMAL(12, 2) AS amount"
        + " FROM "
        + range;
  }

  @Override
  String oracleSql(String sql) {
    return sql.replace("APPROX_COUNT_DISTINCT(", "COUNT(DISTINCT ")
        .replace("APPROX_QUANTILE(", "QUANTILE_DISC(")
        .replace("APPROX_PERCENTILE(", "QUANTILE_DISC(");
  }

  @Override
  Stream<Case> cases() {
    return Stream.of(
        new Case(
            "distinct counts by group: thousands of values (a sketch) and fifty (exact)",
            "SELECT k, APPROX_COUNT_DISTINCT(wide_id) AS ids, APPROX_COUNT_DISTINCT(user_name) AS users,"
                + " COUNT(*) AS n FROM approx GROUP BY k",
            "SELECT * FROM approx_map",
            false),
        new Case(
            "a global distinct count over every type",
            "SELECT APPROX_COUNT_DISTINCT(id) AS ids, APPROX_COUNT_DISTINCT(x) AS xs,"
                + " APPROX_COUNT_DISTINCT(amount) AS amounts, APPROX_COUNT_DISTINCT(v) AS vs"
                + " FROM approx",
            "SELECT * FROM approx_map",
            false),
        new Case(
            "global quantiles of doubles, decimals and integers with NULLs",
            "SELECT APPROX_QUANTILE(x, 0) AS x_min, APPROX_QUANTILE(x, 0.25) AS x_q1,"
                + " APPROX_QUANTILE(x, 0.5) AS x_median, APPROX_PERCENTILE(x, 0.9) AS x_p90,"
                + " APPROX_QUANTILE(x, 1) AS x_max, APPROX_QUANTILE(amount, 0.5) AS amount_median,"
                + " APPROX_QUANTILE(v, 0.75) AS v_q3 FROM approx",
            "SELECT * FROM approx_map",
            false),
        new Case(
            "quantiles by group with a FILTER",
            "SELECT k, APPROX_QUANTILE(x, 0.5) AS median,"
                + " APPROX_QUANTILE(v, 0.9) FILTER (WHERE v > 0) AS positive_p90"
                + " FROM approx GROUP BY k",
            "SELECT * FROM approx_map",
            false),
        new Case(
            "sketches over the HBees' partial results in the HComb step",
            "SELECT wide_id, SUM(x) AS total FROM approx GROUP BY wide_id",
            "SELECT APPROX_COUNT_DISTINCT(wide_id) AS ids, APPROX_QUANTILE(total, 0.5) AS median"
                + " FROM approx_map",
            false));
  }

  @Override
  String difference(List<List<Object>> expected, List<List<Object>> actual) {
    if (expected.size() != actual.size()) {
      return "expected " + expected.size() + " rows but got " + actual.size();
    }
    for (int row = 0; row < expected.size(); row++) {
      List<Object> want = expected.get(row);
      List<Object> got = actual.get(row);
      for (int c = 0; c < want.size(); c++) {
        if (!close(want.get(c), got.get(c))) {
          return "row " + row + " column " + c + ": expected " + want + " but got " + got;
        }
      }
    }
    return null;
  }

  /** Counts (BIGINT) within 5%, other numbers within 2%, anything else equal. */
  private static boolean close(Object want, Object got) {
    if (want instanceof Number w && got instanceof Number g) {
      double x = w.doubleValue();
      double y = g.doubleValue();
      double tolerance = want instanceof Long ? DISTINCT_TOLERANCE : QUANTILE_TOLERANCE;
      return x == y || Math.abs(x - y) <= tolerance * Math.abs(x);
    }
    return java.util.Objects.equals(want, got);
  }
}
