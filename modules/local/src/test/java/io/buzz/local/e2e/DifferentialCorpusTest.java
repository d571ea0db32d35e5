package io.buzz.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;

/**
 * Differential testing against DuckDB: 520 queries generated from a fixed seed over a table of
 * every common type — BOOLEAN, SMALLINT, INTEGER, BIGINT, REAL, DOUBLE, DECIMAL, VARCHAR, BLOB,
 * DATE, TIME, TIMESTAMP — (NULLs in every column, extreme BIGINTs, NaN and infinities, multilingual
 * strings, three files of which one is empty; group keys from two to ~12,000 groups), each answered
 * by Buzz as two steps, as one statement and as two steps over another, random split of the rows
 * into seven files, and by DuckDB. Shapes: filters and projections, global and grouped aggregates
 * (plain, DISTINCT, FILTER, HAVING), top-N, and aggregates over subqueries.
 *
 * <p>Rules of comparison ({@code ResultRows.difference}): rows are compared as multisets unless the
 * query orders them completely (a top-N breaks ties on the unique {@code id}); numbers compare by
 * value whatever their width; floating-point values compare with a relative tolerance, since a sum
 * adds in another order; NaN equals NaN. What the generator avoids, because the dialects differ by
 * design (see the README's dialect notes): integer {@code /}, arithmetic that can overflow, LIMIT
 * without a total order.
 */
class DifferentialCorpusTest extends DuckDbTableEndToEndTest {
  private static final int QUERIES = 520;

  DifferentialCorpusTest() {
    super("corpus");
  }

  @Override
  String rows(String range) {
    return "SELECT i AS id, (i % 7)::INTEGER AS k,"
        + " CASE WHEN i % 19 = 0 THEN NULL ELSE ['alpha', 'beta', 'gamma', 'δέλτα', 'émoji 🦆',"
        + " ''][(i % 6) + 1] END AS g,"
        + " CASE WHEN i % 11 = 0 THEN NULL ELSE ((i * 7919) % 20001 - 10000)::INTEGER END AS n,"
        + " CASE WHEN i % 23 = 0 THEN NULL WHEN i % 97 = 1 THEN 9223372036854775807"
        + " WHEN i % 97 = 2 THEN -9223372036854775808 ELSE (i * 104729) % 1000003 END AS b,"
        + " CASE WHEN i % 13 = 0 THEN NULL WHEN i % 401 = 3 THEN 'NaN'::DOUBLE"
        + " WHEN i % 401 = 4 THEN 'Infinity'::DOUBLE"
        + " ELSE ((i * 31337) % 100003) / 64.0 - 700 END AS d,"
        + " CASE WHEN i % 17 = 0 THEN NULL ELSE ((i % 89) * 1.25 - 40)::DECIMAL(10, 2) END AS m,"
        + " CASE WHEN i % 29 = 0 THEN NULL ELSE 'w' || ((i * 13) % 37)::VARCHAR || ['', 'x', 'ÿ',"
        + " 'İ'][(i % 4) + 1] END AS s,"
        + " CASE WHEN i % 31 = 0 THEN NULL ELSE DATE '2023-12-25' + ((i * 7) % 400)::INTEGER END"
        + " AS dt,"
        + " CASE WHEN i % 37 = 0 THEN NULL ELSE TIMESTAMP '2024-01-01 00:00:00'"
        + " + to_microseconds((i * 7777777) % 86400000000 * 40) END AS ts,"
        + " CASE WHEN i % 5 = 0 THEN NULL ELSE i % 3 = 0 END AS flag,"
        + " CASE WHEN i % 43 = 0 THEN NULL ELSE ((i * 17) % 1000 / 8.0)::REAL END AS r,"
        + " ((i * 11) % 200 - 100)::SMALLINT AS sm,"
        + " CASE WHEN i % 41 = 0 THEN NULL ELSE make_time((i % 24)::BIGINT, ((i * 7) % 60)::BIGINT,"
        + " ((i * 13) % 600) / 10.0) END AS tm,"
        + " CASE WHEN i % 47 = 0 THEN NULL ELSE encode('b' || ((i * 3) % 29)::VARCHAR) END AS bin"
        + " FROM "
        + range
        + " WHERE i < 8000"; // the third file is empty
  }

  /**
   * Seven files cut at random points (seeded): files of one row and of none among them, row groups
   * of random sizes, so partial states merge across many more HBees and row groups.
   */
  @Override
  int[][] anotherSplit() {
    Random random = new Random(1203);
    int files = 7;
    int[] cuts = new int[files + 1];
    cuts[files] = 12000;
    for (int f = 1; f < files; f++) {
      cuts[f] = random.nextInt(12001);
    }
    java.util.Arrays.sort(cuts);
    cuts[2] = cuts[1]; // an empty file
    cuts[4] = Math.min(cuts[5], cuts[3] + 1); // a file of one row
    int[][] split = new int[files][];
    for (int f = 0; f < files; f++) {
      split[f] = new int[] {cuts[f], cuts[f + 1], 100 + random.nextInt(3000)};
    }
    return split;
  }

  @Override
  boolean emptyAnswersAllowed() {
    return true;
  }

  /** How many queries the corpus generates. */
  int queries() {
    return QUERIES;
  }

  /** A corpus of empty answers would prove little: at most a fifth may be. */
  @AfterAll
  void fewAnswersAreEmpty() {
    assertThat(emptyAnswers.get()).isLessThan(queries() / 5);
  }

  @Override
  Stream<Case> cases() {
    Random random = new Random(20261203);
    List<Case> cases = new ArrayList<>();
    for (int q = 0; q < queries(); q++) {
      cases.add(new Generator(random).query(q));
    }
    return cases.stream();
  }

  /** One query from the grammar below. */
  private static final class Generator {
    private static final String[] NUMERIC = {
      "n",
      "b",
      "d",
      "m",
      "k",
      "n + 1",
      "n * 3",
      "ABS(n)",
      "d * 1.5",
      "ROUND(d, 1)",
      "m * 2",
      "COALESCE(n, -1)",
      "CASE WHEN flag THEN n ELSE -n END",
      "m + n",
      "FLOOR(d)",
      "n % 7",
      "GREATEST(n, k, 0)",
      "LEAST(d, n)",
      "r",
      "sm",
      "sm * 3",
      "ROUND(r, 1)"
    };
    private static final String[] TEXT = {
      "g",
      "s",
      "UPPER(s)",
      "LOWER(g)",
      "SUBSTRING(s, 2, 3)",
      "s || '-' || g",
      "LEFT(g, 2)",
      "TRIM(g)",
      "REPLACE(s, 'w', 'W')",
      "COALESCE(g, '?')",
      "SPLIT_PART(g, 'a', 1)",
      "REGEXP_REPLACE(s, '[0-9]', '#', 'g')",
      "LPAD(g, 8, '*')",
      "CONCAT(g, k, s)"
    };
    private static final String[] OTHER = {
      "dt",
      "ts",
      "flag",
      "EXTRACT(MONTH FROM dt)",
      "DATE_TRUNC('month', ts)",
      "CHAR_LENGTH(s)",
      "EXTRACT(HOUR FROM ts)",
      "n IS NULL",
      "DATE_PART('dow', dt)",
      "DATEDIFF('month', dt, DATE '2024-06-01')",
      "ts + INTERVAL '36' HOUR",
      "tm",
      "bin",
      "EXTRACT(MINUTE FROM tm)"
    };
    private static final String[] PREDICATES = {
      "n > %d",
      "n BETWEEN %d AND %d",
      "d < %d",
      "b > %d",
      "m >= %3$d",
      "k = %4$d",
      "k IN (1, 3, 5)",
      "g = 'beta'",
      "g LIKE '%%a%%'",
      "s LIKE 'w1%%'",
      "s ILIKE '%%X'",
      "flag",
      "NOT flag",
      "n IS NULL",
      "g IS NOT NULL",
      "dt >= DATE '2024-03-01'",
      "ts < TIMESTAMP '2024-01-20 00:00:00'",
      "STRPOS(s, 'x') > 0",
      "LENGTH(g) > 4",
      "d IS NOT NULL AND d <> 0",
      "REGEXP_MATCHES(s, '^w[0-9]x')",
      "r > 60",
      "tm < TIME '12:00:00'",
      "sm BETWEEN -20 AND 20"
    };

    private final Random random;

    Generator(Random random) {
      this.random = random;
    }

    Case query(int number) {
      String name = String.format("q%03d", number);
      return switch (random.nextInt(6)) {
        case 0 -> filterProject(name);
        case 1, 2 -> grouped(name);
        case 3 -> global(name);
        case 4 -> topN(name);
        default -> nested(name);
      };
    }

    private Case filterProject(String name) {
      List<String> items = new ArrayList<>(List.of("id"));
      int count = 1 + random.nextInt(4);
      for (int i = 0; i < count; i++) {
        items.add(anyExpression() + " AS c" + i);
      }
      String sql =
          "SELECT "
              + String.join(", ", items)
              + " FROM corpus WHERE "
              + predicate(1 + random.nextInt(3));
      return new Case(name + " " + sql, sql, "SELECT * FROM corpus_map", false);
    }

    private Case grouped(String name) {
      String key =
          random.nextBoolean()
              ? pick(TEXT)
              : pick(new String[] {"k", "flag", "dt", "n % 5", "b", "id % 1500"});
      List<String> items = new ArrayList<>(List.of(key + " AS key0"));
      int count = 1 + random.nextInt(4);
      for (int i = 0; i < count; i++) {
        items.add(aggregate() + " AS a" + i);
      }
      String where = random.nextInt(3) == 0 ? " WHERE " + predicate(1) : "";
      String having = random.nextInt(4) == 0 ? " HAVING COUNT(*) > " + random.nextInt(200) : "";
      String sql =
          "SELECT "
              + String.join(", ", items)
              + " FROM corpus"
              + where
              + " GROUP BY "
              + key
              + having;
      return new Case(name + " " + sql, sql, "SELECT * FROM corpus_map", false);
    }

    private Case global(String name) {
      List<String> items = new ArrayList<>();
      int count = 1 + random.nextInt(5);
      for (int i = 0; i < count; i++) {
        items.add(aggregate() + " AS a" + i);
      }
      String where = random.nextBoolean() ? " WHERE " + predicate(1 + random.nextInt(2)) : "";
      String sql = "SELECT " + String.join(", ", items) + " FROM corpus" + where;
      return new Case(name + " " + sql, sql, "SELECT * FROM corpus_map", false);
    }

    private Case topN(String name) {
      String key =
          pick(
              new String[] {
                "n", "d", "b", "m", "s", "g", "dt", "ts", "ABS(n)", "UPPER(g)", "r", "tm", "sm"
              });
      String direction = random.nextBoolean() ? " DESC" : "";
      String nulls = random.nextBoolean() ? " NULLS FIRST" : " NULLS LAST";
      int limit = 1 + random.nextInt(40);
      String sql =
          "SELECT id, "
              + key
              + " AS key0, "
              + anyExpression()
              + " AS c0 FROM corpus"
              + (random.nextBoolean() ? " WHERE " + predicate(1) : "")
              + " ORDER BY key0"
              + direction
              + nulls
              + ", id LIMIT "
              + limit;
      return new Case(
          name + " " + sql,
          sql,
          "SELECT * FROM corpus_map ORDER BY key0" + direction + nulls + ", id",
          true);
    }

    private Case nested(String name) {
      String inner = "SELECT * FROM corpus WHERE " + predicate(1 + random.nextInt(2));
      String sql =
          "SELECT k, "
              + aggregate()
              + " AS a0, "
              + aggregate()
              + " AS a1 FROM ("
              + inner
              + ") GROUP BY k";
      return new Case(name + " " + sql, sql, "SELECT * FROM corpus_map", false);
    }

    private String aggregate() {
      return switch (random.nextInt(12)) {
        case 0 -> "COUNT(*)";
        case 1 -> "COUNT(" + anyExpression() + ")";
        case 2 -> "SUM(" + pick(new String[] {"n", "b % 1000", "m", "d", "k"}) + ")";
        case 3 -> "MIN(" + anyExpression() + ")";
        case 4 -> "MAX(" + anyExpression() + ")";
        case 5 -> "AVG(" + pick(new String[] {"n", "d", "m", "k"}) + ")";
        case 6 -> "COUNT(DISTINCT " + pick(new String[] {"g", "s", "n % 50", "dt", "flag"}) + ")";
        case 7 -> "SUM(DISTINCT " + pick(new String[] {"k", "n % 50", "m"}) + ")";
        case 8 -> "COUNT(*) FILTER (WHERE " + predicate(1) + ")";
        case 9 -> "SUM(n) FILTER (WHERE " + predicate(1) + ")";
        case 10 -> pick(new String[] {"STDDEV_POP(n)", "VAR_SAMP(m)", "STDDEV(k)"});
        default -> pick(new String[] {"BOOL_AND(flag)", "BOOL_OR(n > 0)", "MAX(LENGTH(s))"});
      };
    }

    private String anyExpression() {
      return switch (random.nextInt(3)) {
        case 0 -> pick(NUMERIC);
        case 1 -> pick(TEXT);
        default -> pick(OTHER);
      };
    }

    private String predicate(int terms) {
      StringBuilder out = new StringBuilder();
      for (int i = 0; i < terms; i++) {
        if (i > 0) {
          out.append(random.nextInt(3) == 0 ? " OR " : " AND ");
        }
        String template = pick(PREDICATES);
        int a = random.nextInt(2000) - 1000;
        int b = a + random.nextInt(3000);
        int money = random.nextInt(100) - 40; // m's range
        int key = random.nextInt(7); // k's values
        out.append('(').append(String.format(template, a, b, money, key)).append(')');
      }
      return out.toString();
    }

    private String pick(String[] options) {
      return options[random.nextInt(options.length)];
    }
  }
}
