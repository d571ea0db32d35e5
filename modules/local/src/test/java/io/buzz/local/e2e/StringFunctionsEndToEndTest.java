package io.buzz.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.buzz.fuse.client.QueryResult;
import io.buzz.fuse.client.ResultRows;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The string functions of the kernels' function registry end to end — LIKE, NOT LIKE, ILIKE and
 * ESCAPE in every pattern shape, LOWER, UPPER, LENGTH, SUBSTRING, REPLACE, STRPOS/POSITION,
 * STARTS_WITH, ||, TRIM/LTRIM/RTRIM — in both steps and over literals, over strings with NULLs, the
 * empty string, multi-byte characters, emoji and the wildcard characters themselves, each answer
 * compared with DuckDB running the same two steps.
 */
class StringFunctionsEndToEndTest extends DuckDbTableEndToEndTest {
  private static final List<String> WORDS =
      List.of(
          "Cash",
          "credit card",
          "No Charge",
          "",
          "Ünïcödé café",
          "straße",
          "İstanbul",
          "ΣΊΣΥΦΟΣ",
          "100%_done",
          "a_b",
          "axb",
          "a\\b",
          "🦆 duck",
          "http://example.com/path?q=1",
          "mixed CASE Text",
          "abcabc",
          "  padded  ",
          "xxhixx");

  StringFunctionsEndToEndTest() {
    super("strs");
  }

  @Override
  String rows(String range) {
    StringBuilder list = new StringBuilder("[");
    for (String word : WORDS) {
      list.append(list.length() == 1 ? "" : ", ").append('\'').append(word).append('\'');
    }
    list.append(']');
    // s: one of the words, NULL every 13th row; p: a pattern per row, for LIKE over a column
    return "SELECT i AS id,"
        + " CASE WHEN i % 13 = 0 THEN NULL ELSE "
        + list
        + "[(i % "
        + WORDS.size()
        + ") + 1] END AS s,"
        + " ['%a%', 'C%', '%_', '', '%é%', NULL][(i % 6) + 1] AS p"
        + " FROM "
        + range;
  }

  @Override
  Stream<Case> cases() {
    return Stream.of(
        new Case(
            "LIKE in every shape, NOT LIKE, ILIKE, ESCAPE",
            "SELECT id, s,"
                + " s LIKE 'C%' AS prefix, s LIKE '%é' AS suffix, s LIKE '%duck%' AS inside,"
                + " s LIKE 'Cash' AS exact, s LIKE '' AS blank, s LIKE 'a_b' AS single,"
                + " s LIKE '%a%c%' AS general, s LIKE '__' AS two, s LIKE '%' AS everything,"
                + " s LIKE '_ duck' AS emoji, s NOT LIKE '%a%' AS negated,"
                + " s ILIKE '%CAFÉ%' AS folded, s NOT ILIKE 'no%' AS not_folded,"
                + " s LIKE '100!%!_%' ESCAPE '!' AS escaped, s LIKE 'a!_b' ESCAPE '!' AS escaped_one"
                + " FROM strs WHERE id % 3 = 0",
            "SELECT * FROM strs_map ORDER BY id",
            true),
        new Case(
            "LIKE filters the rows of both steps",
            "SELECT s, COUNT(*) AS n FROM strs"
                + " WHERE s LIKE '%a%' OR s ILIKE 'İ%' OR s LIKE '%b' GROUP BY s",
            "SELECT s, SUM(n) AS n FROM strs_map WHERE s NOT LIKE '%card' GROUP BY s",
            false),
        new Case(
            "a pattern that varies by row",
            "SELECT id, s, p, s LIKE p AS matched, s ILIKE p AS folded FROM strs"
                + " WHERE id % 5 = 0",
            "SELECT * FROM strs_map ORDER BY id",
            true),
        new Case(
            "case mapping and lengths in both steps",
            "SELECT LOWER(s) AS lo, UPPER(s) AS up, LENGTH(s) AS len,"
                + " CHAR_LENGTH(s) AS chars, COUNT(*) AS n"
                + " FROM strs GROUP BY LOWER(s), UPPER(s), LENGTH(s), CHAR_LENGTH(s)",
            "SELECT lo, up, len, chars, UPPER(lo) AS up_again, LOWER(up) AS lo_again,"
                + " LENGTH(lo) AS len_again, SUM(n) AS n"
                + " FROM strs_map GROUP BY lo, up, len, chars",
            false),
        new Case(
            "text functions over every word",
            "SELECT id, s, SUBSTRING(s, 2, 3) AS mid, SUBSTRING(s, 0, 2) AS from_zero,"
                + " SUBSTRING(s, -3) AS tail, SUBSTRING(s, 3, -2) AS backwards, SUBSTR(s, 2) AS rest,"
                + " REPLACE(s, 'a', 'Ä') AS replaced, REPLACE(s, '', 'x') AS unchanged,"
                + " STRPOS(s, 'a') AS pos, POSITION('c' IN s) AS pos_c, INSTR(s, 'é') AS pos_e,"
                + " STARTS_WITH(s, 'Ca') AS starts, s || '!' AS bang, TRIM(s) AS trimmed,"
                + " LTRIM(s) AS left_trimmed, RTRIM(s, 'x') AS right_x, TRIM(BOTH 'x ' FROM s) AS both_x,"
                + " TRIM(LEADING 'x' FROM s) AS leading_x"
                + " FROM strs WHERE id % 4 = 0",
            "SELECT * FROM strs_map ORDER BY id",
            true),
        new Case(
            "text functions in the HComb step and in grouping keys",
            "SELECT SUBSTRING(s, 1, 2) AS head, COUNT(*) AS n FROM strs GROUP BY SUBSTRING(s, 1, 2)",
            "SELECT UPPER(head) || '-' || LTRIM(head) AS k, STRPOS(head, 'a') AS p, SUM(n) AS n"
                + " FROM strs_map GROUP BY UPPER(head) || '-' || LTRIM(head), STRPOS(head, 'a')",
            false),
        new Case(
            "constant operands give the kernels' answers, not Calcite's",
            "SELECT id, UPPER('straße') AS u, SUBSTRING('hello', 0, 2) AS z,"
                + " SUBSTRING('hello', -2) AS neg, 'abc' LIKE 'a_c' AS l, TRIM('  x  ') AS t"
                + " FROM strs WHERE id = 5",
            "SELECT * FROM strs_map",
            true),
        new Case(
            "functions inside aggregates and grouping",
            "SELECT LENGTH(s) > 8 AS long_text, MAX(UPPER(s)) AS top, MIN(LOWER(s)) AS bottom,"
                + " SUM(LENGTH(s)) AS total FROM strs GROUP BY LENGTH(s) > 8",
            "SELECT long_text, MAX(top), MIN(bottom), SUM(total) FROM strs_map GROUP BY long_text",
            false));
  }

  @Test
  void aBadEscapeIsABadQueryNamingIt() {
    assertThatThrownBy(
            () -> run("SELECT s FROM strs WHERE s LIKE 'a%' ESCAPE 'xy'", "SELECT * FROM strs_map"))
        .hasMessageContaining("ESCAPE must be one character");
  }

  @Test
  void anUnknownFunctionListsTheRegisteredOnes() {
    assertThatThrownBy(() -> run("SELECT REVERSE(s) FROM strs", "SELECT * FROM strs_map"))
        .hasMessageContaining("REVERSE")
        .hasMessageContaining("LOWER")
        .hasMessageContaining("CHAR_LENGTH");
  }

  @Test
  void aConstantPatternMatchesWhatDuckDbMatches() throws Exception {
    try (QueryResult result =
        run(
            "SELECT COUNT(*) AS n FROM strs WHERE s LIKE '%!%%' ESCAPE '!'",
            "SELECT SUM(n) AS n FROM strs_map")) {
      List<List<Object>> rows = ResultRows.fromArrow(result.batches());
      // only "100%_done" holds a '%': its ids, minus every 13th (NULL)
      int word = WORDS.indexOf("100%_done");
      long expected = 0;
      for (int i = 0; i < 12_000; i++) {
        if (i % WORDS.size() == word && i % 13 != 0) {
          expected++;
        }
      }
      assertThat(rows.get(0).get(0)).isEqualTo(expected);
    }
  }
}
