package io.buzz.datagen;

import java.util.ArrayList;
import java.util.List;

/**
 * The wide table's 107 columns, as one DuckDB SELECT per file. Every value is a pure function of
 * the row's id (DuckDB's {@code hash}), so the same spec gives the same files.
 *
 * <ul>
 *   <li>{@code id} BIGINT, 0 to rows − 1, ascending through the files (row groups and pages cover
 *       id ranges, as in a table sorted by time or key); {@code event_time} TIMESTAMP rising with
 *       the id; {@code category} VARCHAR, 20 values;
 *   <li>{@code m01}–{@code m24} BIGINT and {@code d01}–{@code d24} DOUBLE, every fourth about 5%
 *       NULL;
 *   <li>{@code url01}–{@code url12} VARCHAR: URL-like, 40–90 characters, from a few hundred hosts
 *       and paths; {@code title01}–{@code title12} VARCHAR: title-like phrases of 3–7 words;
 *   <li>{@code i01}–{@code i12} INTEGER, {@code dt01}–{@code dt12} DATE, {@code b01}–{@code b08}
 *       BOOLEAN.
 * </ul>
 */
public final class WideSql {
  /** The number of columns. */
  public static final int COLUMNS = 107;

  private static final String WORDS =
      "['market', 'daily', 'report', 'new', 'city', 'guide', 'review', 'best', 'open', 'data',"
          + " 'summer', 'winter', 'local', 'world', 'update', 'music', 'season', 'travel',"
          + " 'health', 'science', 'budget', 'school', 'river', 'garden', 'story', 'first',"
          + " 'how', 'to', 'why', 'the', 'and', 'of']";

  private WideSql() {}

  /** The SELECT producing file {@code file}'s rows. */
  public static String select(WideDataSpec spec, int file) {
    List<String> columns = new ArrayList<>();
    columns.add("i AS id");
    columns.add("TIMESTAMP '2024-01-01' + to_microseconds(i * 15_000_000) AS event_time");
    columns.add("'category_' || lpad((h(i, 0) % 20)::VARCHAR, 2, '0') AS category");
    for (int k = 1; k <= 24; k++) {
      columns.add(nullable(k, "(h(i, " + k + ") % 1000000)::BIGINT") + " AS m" + two(k));
    }
    for (int k = 1; k <= 24; k++) {
      columns.add(
          nullable(k, "((h(i, " + (100 + k) + ") % 10000000) / 100.0)::DOUBLE") + " AS d" + two(k));
    }
    for (int k = 1; k <= 12; k++) {
      String hash = "h(i, " + (200 + k) + ")";
      columns.add(
          "'https://www.' || ['example', 'news', 'shop', 'media', 'blog']["
              + hash
              + " % 5 + 1]"
              + " || ("
              + hash
              + " % 97)::VARCHAR || '.com/' || "
              + word(hash + " // 5")
              + " || '/' || "
              + word(hash + " // 160")
              + " || '/item-' || ("
              + hash
              + " // 5120 % 400)::VARCHAR"
              + " || '?ref=' || "
              + word(hash + " // 2048000")
              + " AS url"
              + two(k));
    }
    for (int k = 1; k <= 12; k++) {
      String hash = "h(i, " + (300 + k) + ")";
      StringBuilder title =
          new StringBuilder("upper(" + word(hash) + "[1]) || " + word(hash) + "[2:]");
      for (int w = 1; w <= 6; w++) {
        String next = word(hash + " // " + (long) Math.pow(32, w));
        title.append(
            w <= 2
                ? " || ' ' || " + next
                : " || CASE WHEN "
                    + hash
                    + " % "
                    + (w + 1)
                    + " = 0 THEN '' ELSE ' ' || "
                    + next
                    + " END");
      }
      columns.add(title.append(" AS title").append(two(k)).toString());
    }
    for (int k = 1; k <= 12; k++) {
      columns.add("(h(i, " + (400 + k) + ") % 100000 - 50000)::INTEGER AS i" + two(k));
    }
    for (int k = 1; k <= 12; k++) {
      columns.add("DATE '2020-01-01' + (h(i, " + (500 + k) + ") % 1500)::INTEGER AS dt" + two(k));
    }
    for (int k = 1; k <= 8; k++) {
      columns.add("h(i, " + (600 + k) + ") % 3 = 0 AS b" + two(k));
    }
    return "SELECT "
        + String.join(",\n  ", columns)
        + "\nFROM range("
        + spec.firstId(file)
        + ", "
        + spec.firstId(file + 1)
        + ") t(i)";
  }

  /** The DuckDB macro {@code h(i, k)}: a non-negative hash of the row and the column. */
  static String hashMacro() {
    return "CREATE OR REPLACE MACRO h(i, k) AS (hash(i * 1009 + k) % 9223372036854775807)::BIGINT";
  }

  private static String nullable(int k, String value) {
    return k % 4 == 0
        ? "CASE WHEN h(i, " + (700 + k) + ") % 20 = 0 THEN NULL ELSE " + value + " END"
        : value;
  }

  private static String word(String index) {
    return "(" + WORDS + "[(" + index + ") % 32 + 1])";
  }

  private static String two(int k) {
    return k < 10 ? "0" + k : Integer.toString(k);
  }
}
