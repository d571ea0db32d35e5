package io.buzz.local.e2e;

import java.util.stream.Stream;

/**
 * STDDEV/VARIANCE (sample and population), BOOL_AND/BOOL_OR and ANY_VALUE end to end, compared with
 * DuckDB: over integers, doubles (a large offset with a small spread, where a naive sum of squares
 * loses every digit) and decimals, with NULLs, groups of one value, a FILTER, in the HBee step
 * (partial states merged from three files) and in the HComb step.
 */
class MoreAggregatesEndToEndTest extends DuckDbTableEndToEndTest {
  MoreAggregatesEndToEndTest() {
    super("stats");
  }

  @Override
  String rows(String range) {
    return "SELECT i AS id, (i % 13)::INTEGER AS k,"
        + " CASE WHEN i % 11 = 0 THEN NULL ELSE ((i * 37) % 101)::INTEGER END AS v,"
        + " CASE WHEN i % 7 = 0 THEN NULL ELSE 1e6 + ((i * 7919) % 1000) / 100.0 END AS d,"
        + " ((i % 97) * 1.25)::DECIMAL(12, 2) AS amount,"
        + " CASE WHEN i % 5 = 0 THEN NULL ELSE i % 13 <> 3 END AS flag,"
        + " 'label-' || (i % 13)::VARCHAR AS label"
        + " FROM "
        + range;
  }

  @Override
  Stream<Case> cases() {
    return Stream.of(
        new Case(
            "standard deviations and variances by group, merged across files",
            "SELECT k, STDDEV(v) AS sv, STDDEV_POP(v) AS spv, VARIANCE(d) AS vd, VAR_POP(d) AS vpd,"
                + " STDDEV_SAMP(amount) AS sa, VAR_SAMP(v) FILTER (WHERE flag) AS vf"
                + " FROM stats GROUP BY k",
            "SELECT * FROM stats_map",
            false),
        new Case(
            "a sample of one value is NULL, a population of one is 0",
            "SELECT id, STDDEV(v) AS s, VAR_POP(v) AS p FROM stats WHERE id % 1000 = 1 GROUP BY id",
            "SELECT * FROM stats_map",
            false),
        new Case(
            "BOOL_AND, BOOL_OR and ANY_VALUE",
            "SELECT k, BOOL_AND(flag) AS all_set, BOOL_OR(flag) AS any_set, BOOL_AND(v > 0) AS positive,"
                + " ANY_VALUE(label) AS label FROM stats GROUP BY k",
            "SELECT * FROM stats_map",
            false),
        new Case(
            "a WITH chain: named filters and aggregates over the one table",
            "WITH valid AS (SELECT k, v, d FROM stats WHERE v IS NOT NULL AND d IS NOT NULL),"
                + " per_k AS (SELECT k, STDDEV_POP(v) AS sv, AVG(d) AS ad, COUNT(*) AS n"
                + " FROM valid GROUP BY k)"
                + " SELECT k, sv, ad, n FROM per_k WHERE n > 10",
            "SELECT * FROM stats_map",
            false),
        new Case(
            "GROUP BY ALL groups by every item that is no aggregate",
            "SELECT k, flag, COUNT(*) AS n, STDDEV_POP(v) + 1 AS s FROM stats GROUP BY ALL",
            "SELECT * FROM stats_map",
            false),
        new Case(
            "statistics of partial results in the HComb step, global",
            "SELECT k, SUM(v) AS total, COUNT(*) AS n FROM stats GROUP BY k",
            "SELECT STDDEV(total) AS st, VAR_POP(n) AS vn, BOOL_AND(n > 900) AS big,"
                + " BOOL_OR(total > 1000000) AS huge FROM stats_map",
            false));
  }
}
