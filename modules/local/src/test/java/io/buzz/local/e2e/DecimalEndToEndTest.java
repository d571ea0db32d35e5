package io.buzz.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.buzz.fuse.client.QueryResult;
import io.buzz.fuse.client.ResultRows;
import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Stream;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.junit.jupiter.api.Test;

/**
 * DECIMAL columns end to end: Parquet files written by DuckDB with decimals on INT32, INT64 and
 * FIXED_LEN_BYTE_ARRAY, queried through the whole local stack, answers compared exactly (decimal
 * values as BigDecimal) with DuckDB running the same two steps.
 */
class DecimalEndToEndTest extends DuckDbTableEndToEndTest {
  DecimalEndToEndTest() {
    super("ledger");
  }

  @Override
  String rows(String range) {
    // price DECIMAL(4,2) is stored as INT32, qty DECIMAL(18,3) as INT64, big DECIMAL(38,10) as
    // FIXED_LEN_BYTE_ARRAY; NULLs, negatives and the widest values included
    return "SELECT i AS id, 'g' || (i % 5) AS grp,"
        + " CASE WHEN i % 11 = 0 THEN NULL"
        + " ELSE (((i * 37) % 19999 - 9999) / 100)::DECIMAL(4,2) END AS price,"
        + " (((i * 7919) % 2000001 - 1000000) / 1000)::DECIMAL(18,3) AS qty,"
        + " CASE WHEN i % 13 = 0 THEN NULL"
        + " WHEN i % 97 = 0 THEN '99999999999999999999999.9999999999'::DECIMAL(38,10)"
        + " ELSE (i::DECIMAL(38,10) * 1234567.0123456789 - 5000000000)::DECIMAL(38,10)"
        + " END AS big"
        + " FROM "
        + range;
  }

  @Override
  Stream<Case> cases() {
    return Stream.of(
        new Case(
            "exact sums, extremes and averages per group",
            "SELECT grp, SUM(price) AS sp, SUM(qty) AS sq, SUM(big) AS sb, MIN(price) AS lo,"
                + " MAX(big) AS hi, COUNT(price) AS n, AVG(qty) AS aq FROM ledger GROUP BY grp",
            "SELECT grp, SUM(sp), SUM(sq), SUM(sb), MIN(lo), MAX(hi), SUM(n), AVG(aq)"
                + " FROM ledger_map GROUP BY grp ORDER BY grp",
            true),
        new Case(
            "arithmetic and comparisons with decimal literals",
            "SELECT id, price * qty AS amount, price + 1.25 AS bumped, -qty AS negated,"
                + " big - 0.5 AS smaller FROM ledger WHERE price > 10.5 AND qty <= 250.125",
            "SELECT * FROM ledger_map ORDER BY id",
            true),
        new Case(
            "group by a decimal key",
            "SELECT price, COUNT(*) AS c FROM ledger WHERE id < 3000 GROUP BY price",
            "SELECT price, SUM(c) AS c FROM ledger_map GROUP BY price",
            false),
        new Case(
            "top rows by a wide decimal",
            "SELECT id, big FROM ledger WHERE big IS NOT NULL ORDER BY big DESC, id LIMIT 7",
            "SELECT * FROM ledger_map ORDER BY big DESC, id LIMIT 7",
            true),
        new Case(
            "casts to and from decimals",
            "SELECT id, CAST(price AS VARCHAR) AS text, CAST(price AS INTEGER) AS rounded,"
                + " CAST(qty AS DOUBLE) AS approx, CAST(id AS DECIMAL(12, 2)) AS widened,"
                + " CAST(qty AS DECIMAL(10, 1)) AS narrowed FROM ledger WHERE id % 500 = 1",
            "SELECT * FROM ledger_map ORDER BY id",
            true));
  }

  @Test
  void sumsKeepTheScaleInA38DigitDecimal() throws Exception {
    try (QueryResult result =
        run("SELECT SUM(price) AS s FROM ledger", "SELECT SUM(s) AS total FROM ledger_map")) {
      DecimalVector total = (DecimalVector) result.batches().get(0).getVector(0);
      assertThat(total.getField().getType()).isEqualTo(new ArrowType.Decimal(38, 2, 128));
      assertThat(total.getObject(0).scale()).isEqualTo(2);
    }
  }

  @Test
  void overflowFailsWithAClearErrorAndTheServerKeepsServing() {
    assertThatThrownBy(
            () ->
                run("SELECT big * big * big AS cubed FROM ledger", "SELECT * FROM ledger_map")
                    .close())
        .hasMessageContaining("DECIMAL overflow")
        .hasMessageContaining("does not fit DECIMAL(38,20)");
    try (QueryResult result =
        run("SELECT COUNT(*) AS n FROM ledger", "SELECT SUM(n) AS n FROM ledger_map")) {
      assertThat(ResultRows.fromArrow(result.batches())).containsExactly(List.of(12_000L));
    }
  }

  @Test
  void literalsPrintWithTheirScale() throws Exception {
    try (QueryResult result =
        run(
            "SELECT MIN(price) AS lo, MAX(1.50) AS k FROM ledger",
            "SELECT MIN(lo) AS lo, MAX(k) AS k FROM ledger_map")) {
      DecimalVector k = (DecimalVector) result.batches().get(0).getVector(1);
      assertThat(k.getObject(0)).isEqualTo(new BigDecimal("1.50"));
    }
  }
}
