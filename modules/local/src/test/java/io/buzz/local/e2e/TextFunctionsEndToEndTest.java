package io.buzz.local.e2e;

import java.util.stream.Stream;

/**
 * CONCAT, SPLIT_PART, LEFT, RIGHT, LPAD, RPAD and the regular expressions (REGEXP_MATCHES,
 * REGEXP_REPLACE with groups and the 'g' option, REGEXP_EXTRACT) end to end, compared with DuckDB
 * over URL-like and multilingual strings with NULLs, in SELECT, WHERE and GROUP BY, in both steps.
 */
class TextFunctionsEndToEndTest extends DuckDbTableEndToEndTest {
  TextFunctionsEndToEndTest() {
    super("texts");
  }

  @Override
  String rows(String range) {
    return "SELECT i AS id, (i % 9)::INTEGER AS k,"
        + " CASE WHEN i % 17 = 0 THEN NULL ELSE 'https://www.site' || (i % 7)::VARCHAR"
        + " || '.com/item-' || (i % 23)::VARCHAR || '?ref=' || (i % 5)::VARCHAR END AS url,"
        + " CASE WHEN i % 13 = 0 THEN NULL"
        + " ELSE ['straße', 'İstanbul', 'naïve café', 'a,b,,c', '🦆 duck'][(i % 5) + 1] END AS word"
        + " FROM "
        + range;
  }

  @Override
  Stream<Case> cases() {
    return Stream.of(
        new Case(
            "padding, slicing and splitting",
            "SELECT id, CONCAT(word, '-', k, url) AS joined, SPLIT_PART(url, '/', 3) AS host,"
                + " SPLIT_PART(word, ',', -1) AS last_field, SPLIT_PART(word, ',', 9) AS missing,"
                + " LEFT(word, 3) AS l3, RIGHT(word, 2) AS r2, LEFT(word, -2) AS lm2,"
                + " LPAD(word, 12, '.') AS lp, RPAD(word, 4, 'xy') AS rp"
                + " FROM texts WHERE id % 11 = 0",
            "SELECT * FROM texts_map",
            false),
        new Case(
            "regular expressions in SELECT and WHERE",
            "SELECT id, REGEXP_REPLACE(url, 'site([0-9])', 'host\\1') AS renamed,"
                + " REGEXP_REPLACE(url, '[0-9]', '#', 'g') AS masked,"
                + " REGEXP_EXTRACT(url, 'item-([0-9]+)', 1) AS item,"
                + " REGEXP_EXTRACT(url, 'nomatch') AS nothing"
                + " FROM texts WHERE REGEXP_MATCHES(url, 'item-1[0-9]\\?') AND id % 3 = 0",
            "SELECT * FROM texts_map",
            false),
        new Case(
            "grouped by an extracted part, counted in the HComb step",
            "SELECT REGEXP_EXTRACT(url, 'www\\.([a-z0-9]+)\\.com', 1) AS site, k, COUNT(*) AS n"
                + " FROM texts GROUP BY 1, 2",
            "SELECT site, SUM(n) AS n, COUNT(*) AS ks, MAX(LPAD(site, 8, '_')) AS padded"
                + " FROM texts_map GROUP BY site ORDER BY site NULLS LAST",
            true));
  }
}
