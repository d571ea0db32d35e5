package io.buzz.local.e2e;

import java.util.stream.Stream;

/**
 * The numeric functions end to end, compared with DuckDB: ROUND and TRUNC at every precision
 * (halves, negative values, negative precisions, integers), FLOOR, CEIL, ABS, SIGN, SQRT, EXP, LN,
 * LOG10 and POWER over columns with NULLs, in the HBee step, in WHERE and GROUP BY, and in the
 * HComb step.
 */
class NumericFunctionsEndToEndTest extends DuckDbTableEndToEndTest {
  NumericFunctionsEndToEndTest() {
    super("nums");
  }

  @Override
  String rows(String range) {
    return "SELECT i AS id, (i % 9)::INTEGER AS k,"
        + " CASE WHEN i % 11 = 0 THEN NULL ELSE ((i * 37) % 2001 - 1000)::INTEGER END AS v,"
        + " CASE WHEN i % 13 = 0 THEN NULL ELSE ((i * 7919) % 20001 - 10000) / 8.0 END AS d,"
        + " (i * 104729)::BIGINT * 1000 AS big,"
        + " CASE WHEN i % 17 = 0 THEN NULL ELSE (((i * 7919) % 200001 - 100000) / 1000.0)::DECIMAL(9, 3) END AS price,"
        + " ((i * 31) % 1000000000000 - 500000000000)::DECIMAL(38, 2) / 7 AS wide"
        + " FROM "
        + range;
  }

  @Override
  Stream<Case> cases() {
    return Stream.of(
        new Case(
            "rounding doubles and integers at every precision",
            "SELECT id, ROUND(d) AS r0, ROUND(d, 1) AS r1, ROUND(d, -2) AS rm2, TRUNC(d) AS t0,"
                + " TRUNC(d, 1) AS t1, FLOOR(d) AS f, CEIL(d) AS c, ROUND(v, -1) AS rv,"
                + " ROUND(big, -4) AS rb, TRUNC(v, -2) AS tv FROM nums WHERE id % 7 = 0",
            "SELECT * FROM nums_map",
            false),
        new Case(
            "ABS, SIGN and the DOUBLE functions",
            "SELECT id, ABS(v) AS av, ABS(d) AS ad, CAST(SIGN(v) AS BIGINT) AS sv,"
                + " CAST(SIGN(d) AS BIGINT) AS sd, SQRT(ABS(d)) AS q, EXP(d / 1000) AS e,"
                + " LN(ABS(d) + 1) AS l, LOG10(ABS(v) + 1) AS l10, POWER(d, 2) AS p2,"
                + " POWER(2, k) AS p FROM nums WHERE id % 5 = 0",
            "SELECT * FROM nums_map",
            false),
        new Case(
            "DECIMALs rounded exactly with DuckDB's types, halves away from zero",
            "SELECT id, ROUND(price, 2) AS r2, ROUND(price) AS r0, ROUND(price, -2) AS rm2,"
                + " ROUND(price, 5) AS r5, TRUNC(price, 1) AS t1, FLOOR(price) AS f, CEIL(price) AS c,"
                + " ABS(price) AS a, ROUND(wide, 1) AS w1, FLOOR(wide) AS wf, ROUND(2.5) AS half,"
                + " ROUND(-2.5) AS minus_half FROM nums WHERE id % 7 = 0",
            "SELECT * FROM nums_map",
            false),
        new Case(
            "a rounded DECIMAL as a group key, summed exactly in the HComb step",
            "SELECT ROUND(price, -1) AS bucket, SUM(price) AS total, COUNT(*) AS n FROM nums"
                + " GROUP BY ROUND(price, -1)",
            "SELECT ROUND(SUM(total), 1) AS total, FLOOR(bucket / 100) AS hundreds FROM nums_map"
                + " GROUP BY FLOOR(bucket / 100)",
            false),
        new Case(
            "GREATEST and LEAST ignore NULLs",
            "SELECT id, GREATEST(v, k, 7) AS g3, LEAST(d, v) AS l2, GREATEST(d, v, big) AS gb,"
                + " LEAST(v, NULL) AS lnull FROM nums WHERE id % 3 = 0",
            "SELECT * FROM nums_map",
            false),
        new Case(
            "functions in WHERE and GROUP BY, and in the HComb step",
            "SELECT ROUND(d, -3) AS bucket, COUNT(*) AS n, SUM(ABS(v)) AS total FROM nums"
                + " WHERE SQRT(ABS(d)) > 10 GROUP BY ROUND(d, -3)",
            "SELECT bucket, n, ROUND(CAST(total AS DOUBLE) / n, 2) AS mean, FLOOR(LOG10(total + 1)) AS digits"
                + " FROM nums_map ORDER BY bucket NULLS LAST",
            true));
  }
}
