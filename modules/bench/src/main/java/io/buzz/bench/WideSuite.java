package io.buzz.bench;

import io.buzz.datagen.WideDataSpec;
import java.util.List;
import java.util.Optional;

/**
 * The queries over the wide table ({@code io.buzz.datagen.WideSql}: 107 columns): what a wide table
 * costs where the taxi suite's narrow one hides it — footers of many columns, row-group pruning on
 * a sorted id, many aggregates at once, string filters and groups, distinct counts at low and high
 * cardinality, a DATE_TRUNC group-by, dozens of aggregates over expressions of one column, a
 * regular expression over every row, a top-N carrying strings, and an export of every column.
 */
final class WideSuite {
  /** The catalog name the wide queries read. */
  static final String TABLE = "events";

  private WideSuite() {}

  static List<BenchQuery> queries(WideDataSpec spec) {
    // 40,000 ids inside the middle file: one row group of one file can match
    long from = spec.firstId(spec.files() / 2) + Math.min(10_000, spec.rows() / spec.files() / 4);
    long to = Math.min(from + 40_000, spec.firstId(spec.files() / 2 + 1));
    return List.of(
        query(
            "count_star",
            "COUNT(*) of every row (the footers hold it)",
            "SELECT COUNT(*) AS n FROM events",
            "SELECT SUM(n) AS n FROM count_star_map",
            false),
        query(
            "id_range",
            "40k-row id range, 4 aggregates by category (row-group pruning)",
            "SELECT category, COUNT(*) AS c, SUM(m01) AS s, SUM(d01) AS sd, MAX(dt01) AS last"
                + " FROM events WHERE id >= "
                + from
                + " AND id < "
                + to
                + " GROUP BY category",
            "SELECT category, SUM(c) AS c, SUM(s) AS s, SUM(sd) AS sd, MAX(last) AS last"
                + " FROM id_range_map GROUP BY category ORDER BY category",
            true),
        query(
            "wide_agg",
            "12 aggregates over 12 columns of 5 types, by category",
            "SELECT category, SUM(m01) AS s1, SUM(m02) AS s2, MIN(d03) AS lo, MAX(d04) AS hi,"
                + " COUNT(m04) AS n4, SUM(i01) AS si, MIN(dt01) AS first_day,"
                + " MAX(dt02) AS last_day, SUM(d05) AS sd, COUNT(url01) AS urls,"
                + " MAX(title01) AS title, MIN(event_time) AS since FROM events GROUP BY category",
            "SELECT category, SUM(s1), SUM(s2), MIN(lo), MAX(hi), SUM(n4), SUM(si),"
                + " MIN(first_day), MAX(last_day), SUM(sd), SUM(urls), MAX(title), MIN(since)"
                + " FROM wide_agg_map GROUP BY category ORDER BY category",
            true),
        query(
            "url_filter",
            "selective range filter on a URL column (~0.2% of rows), grouped by URL",
            "SELECT url03, COUNT(*) AS c FROM events WHERE url03 < 'https://www.blog1'"
                + " GROUP BY url03",
            "SELECT COUNT(*) AS urls, SUM(c) AS hits, MIN(url03) AS first FROM url_filter_map",
            false),
        query(
            "url_like",
            "LIKE '%…%' over a URL column (~0.25% of rows), grouped by URL",
            "SELECT url05, COUNT(*) AS c FROM events WHERE url05 LIKE '%/item-12?%'"
                + " GROUP BY url05",
            "SELECT COUNT(*) AS urls, SUM(c) AS hits, MIN(url05) AS first FROM url_like_map",
            false),
        query(
            "title_groups",
            "GROUP BY a title-like string column (hundreds of thousands of groups)",
            "SELECT title02, COUNT(*) AS c FROM events GROUP BY title02",
            "SELECT COUNT(*) AS titles, MAX(c) AS most, SUM(c) AS total FROM title_groups_map",
            false),
        query(
            "distinct_low",
            "COUNT(DISTINCT) of a DATE by category (~1,500 values a group)",
            "SELECT category, COUNT(DISTINCT dt01) AS days FROM events GROUP BY category",
            "SELECT * FROM distinct_low_map ORDER BY category",
            true),
        query(
            "distinct_high",
            "COUNT(DISTINCT) of an INTEGER (~100,000 values) and a title (~all rows)",
            "SELECT COUNT(DISTINCT i01) AS ints, COUNT(DISTINCT title02) AS titles FROM events",
            "SELECT * FROM distinct_high_map",
            false),
        query(
            "date_trunc_groups",
            "DATE_TRUNC('day', a TIMESTAMP) group-by, 2 aggregates",
            "SELECT DATE_TRUNC('day', event_time) AS event_day, COUNT(*) AS c, SUM(d01) AS s"
                + " FROM events GROUP BY 1",
            "SELECT event_day, SUM(c) AS c, SUM(s) AS s FROM date_trunc_groups_map"
                + " GROUP BY event_day ORDER BY event_day",
            true),
        expressionAggregates(),
        query(
            "regexp_replace",
            "REGEXP_REPLACE with a group over a URL column of every row",
            "SELECT MAX(REGEXP_REPLACE(url04, 'item-([0-9]+)', 'i\\1')) AS top,"
                + " COUNT(*) AS c FROM events",
            "SELECT MAX(top) AS top, SUM(c) AS c FROM regexp_replace_map",
            false),
        query(
            "topn",
            "top 10 by a DOUBLE, carrying URL and title strings",
            "SELECT id, url02, title02, d03, dt03, category FROM events"
                + " ORDER BY d03 DESC, id LIMIT 10",
            "SELECT * FROM topn_map ORDER BY d03 DESC, id LIMIT 10",
            true),
        query(
            "export_slice",
            "every column of one row in 1,000 (decodes all 107 columns)",
            "SELECT * FROM events WHERE id % 1000 = 7",
            "SELECT * FROM export_slice_map ORDER BY id",
            true));
  }

  /**
   * Dozens of aggregates over expressions of one DOUBLE column: expression throughput, where every
   * expression is a pass over the batch.
   */
  private static BenchQuery expressionAggregates() {
    List<String> expressions =
        List.of(
            "d02",
            "d02 * 2",
            "d02 + 1",
            "d02 - 3.5",
            "d02 / 4",
            "d02 * d02",
            "ABS(d02)",
            "ROUND(d02, 1)",
            "FLOOR(d02)",
            "CEIL(d02)",
            "SQRT(ABS(d02))",
            "d02 * 0.5 + 7",
            "CASE WHEN d02 > 0 THEN d02 ELSE 0 END",
            "CASE WHEN d02 < 10 THEN 1 ELSE 2 END",
            "COALESCE(d02, 0) * 3",
            "(d02 + 1) * (d02 - 1)",
            "d02 * 100 - d02",
            "-d02",
            "d02 * d02 * d02",
            "POWER(d02, 2)",
            "EXP(d02 / 1000)",
            "LN(ABS(d02) + 1)",
            "TRUNC(d02 * 10)",
            "SIGN(d02) * d02");
    StringBuilder hbee = new StringBuilder("SELECT ");
    StringBuilder hcomb = new StringBuilder("SELECT ");
    for (int i = 0; i < expressions.size(); i++) {
      String separator = i == 0 ? "" : ", ";
      hbee.append(separator).append("SUM(").append(expressions.get(i)).append(") AS s").append(i);
      hcomb.append(separator).append("SUM(s").append(i).append(") AS s").append(i);
    }
    return query(
        "expression_aggs",
        expressions.size() + " SUMs over expressions of one DOUBLE column, global",
        hbee.append(" FROM events").toString(),
        hcomb.append(" FROM expression_aggs_map").toString(),
        false);
  }

  private static BenchQuery query(
      String name, String description, String hbeeSql, String hcombSql, boolean ordered) {
    return new BenchQuery(name, description, hbeeSql, Optional.empty(), hcombSql, ordered, TABLE);
  }
}
