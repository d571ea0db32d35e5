package io.buzz.local.e2e;

import java.util.stream.Stream;

/**
 * DISTINCT and FILTER (WHERE …) aggregates end to end, compared with DuckDB: COUNT, SUM and AVG of
 * distinct values of every type (NULLs, repeated values, {@code -0.0} beside {@code 0.0}) merged
 * from the partial states of three files, several distinct aggregates in one query, distinct
 * aggregates in the HComb step, filtered aggregates (FALSE and NULL filters, groups the filter
 * empties), an empty input, and a distinct count of every row.
 */
class DistinctAndFilteredAggregatesEndToEndTest extends DuckDbTableEndToEndTest {
  DistinctAndFilteredAggregatesEndToEndTest() {
    super("aggs");
  }

  @Override
  String rows(String range) {
    return "SELECT i AS id, (i % 7)::INTEGER AS k,"
        + " CASE WHEN i % 11 = 0 THEN NULL ELSE ((i * 37) % 50)::INTEGER END AS v,"
        + " CASE WHEN i % 13 = 0 THEN NULL ELSE ((i % 9) - 4) * 0.5::DOUBLE END AS d,"
        + " CASE WHEN i % 9 = 0 THEN -0.0::DOUBLE ELSE 0.0::DOUBLE END AS z,"
        + " CASE WHEN i % 17 = 0 THEN NULL ELSE 'w' || ((i * 7) % 23)::VARCHAR END AS s,"
        + " ((i % 40) * 1.25)::DECIMAL(12, 2) AS amount,"
        + " DATE '2024-01-01' + ((i % 30)::INTEGER) AS dt,"
        + " CASE WHEN i % 5 = 0 THEN NULL ELSE i % 3 = 0 END AS flag"
        + " FROM "
        + range;
  }

  @Override
  Stream<Case> cases() {
    return Stream.of(
        new Case(
            "distinct counts of every type, merged across files",
            "SELECT k, COUNT(DISTINCT v) AS v, COUNT(DISTINCT d) AS d, COUNT(DISTINCT z) AS z,"
                + " COUNT(DISTINCT s) AS s, COUNT(DISTINCT amount) AS amount, COUNT(DISTINCT dt) AS dt,"
                + " COUNT(DISTINCT flag) AS flag, COUNT(*) AS n FROM aggs GROUP BY k",
            "SELECT * FROM aggs_map",
            false),
        new Case(
            "SUM and AVG of distinct values beside plain aggregates, global",
            "SELECT SUM(DISTINCT v) AS sv, AVG(DISTINCT v) AS av, SUM(DISTINCT d) AS sd,"
                + " AVG(DISTINCT d) AS ad, SUM(DISTINCT amount) AS samount, MIN(DISTINCT s) AS lo,"
                + " MAX(DISTINCT v) AS hi, SUM(v) AS total, COUNT(DISTINCT id) AS ids"
                + " FROM aggs",
            "SELECT * FROM aggs_map",
            false),
        new Case(
            "distinct aggregates in the HComb step",
            "SELECT k, s, COUNT(*) AS n, SUM(v) AS sv FROM aggs GROUP BY k, s",
            "SELECT k, COUNT(DISTINCT s) AS kinds, SUM(DISTINCT n) AS sizes,"
                + " AVG(DISTINCT sv) AS mean, COUNT(*) AS group_count FROM aggs_map GROUP BY k",
            false),
        new Case(
            "FILTER in both steps: FALSE and NULL filters, groups the filter empties",
            "SELECT k, COUNT(*) FILTER (WHERE v > 25) AS big, SUM(v) FILTER (WHERE flag) AS flagged,"
                + " AVG(d) FILTER (WHERE k = 3) AS only_three,"
                + " COUNT(DISTINCT s) FILTER (WHERE NOT flag) AS unflagged_words,"
                + " MAX(dt) FILTER (WHERE v IS NULL) AS last_null FROM aggs GROUP BY k",
            "SELECT COUNT(*) FILTER (WHERE only_three IS NOT NULL) AS threes,"
                + " SUM(big) FILTER (WHERE k > 2) AS big_high, SUM(flagged) AS flagged,"
                + " MAX(unflagged_words) AS most_words FROM aggs_map",
            false),
        new Case(
            "no rows: distinct count 0, distinct sum NULL",
            "SELECT COUNT(DISTINCT v) AS c, SUM(DISTINCT v) AS s, AVG(DISTINCT d) AS a,"
                + " COUNT(*) FILTER (WHERE flag) AS f FROM aggs WHERE id < 0",
            "SELECT * FROM aggs_map",
            false),
        new Case(
            "many distinct values per group",
            "SELECT k, COUNT(DISTINCT id) AS ids, COUNT(DISTINCT id % 1000) AS buckets,"
                + " SUM(DISTINCT id % 1000) AS bucket_sum FROM aggs GROUP BY k",
            "SELECT k, ids, buckets, bucket_sum FROM aggs_map ORDER BY k",
            true));
  }
}
