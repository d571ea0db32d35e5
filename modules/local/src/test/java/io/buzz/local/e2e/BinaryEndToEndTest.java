package io.buzz.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.buzz.fuse.client.QueryResult;
import io.buzz.fuse.client.ResultRows;
import java.util.List;
import java.util.stream.Stream;
import org.apache.arrow.vector.VarBinaryVector;
import org.junit.jupiter.api.Test;

/**
 * VARBINARY columns end to end: Parquet BYTE_ARRAY columns without a string annotation (DuckDB's
 * BLOB), empty, NULL and with bytes above 0x7F, grouped, compared, sorted and aggregated through
 * the whole local stack, answers compared with DuckDB running the same two steps.
 */
class BinaryEndToEndTest extends DuckDbTableEndToEndTest {
  BinaryEndToEndTest() {
    super("blobs");
  }

  @Override
  String rows(String range) {
    // b: 0 to 3 bytes of one value (the empty blob included), NULL every 11th row; c: one byte
    return "SELECT i AS id, 'g' || (i % 5) AS grp,"
        + " CASE WHEN i % 11 = 0 THEN NULL"
        + " ELSE from_hex(repeat(printf('%02x', (i * 31) % 256), (i % 4)::INTEGER)) END AS b,"
        + " from_hex(printf('%02x', (i * 7) % 256)) AS c"
        + " FROM "
        + range;
  }

  @Override
  Stream<Case> cases() {
    return Stream.of(
        new Case(
            "group by bytes",
            "SELECT b, COUNT(*) AS n FROM blobs GROUP BY b",
            "SELECT b, SUM(n) AS n FROM blobs_map GROUP BY b",
            false),
        new Case(
            "extremes per group, compared as unsigned bytes",
            "SELECT grp, MIN(b) AS lo, MAX(b) AS hi, MAX(c) AS top, COUNT(b) AS n"
                + " FROM blobs GROUP BY grp",
            "SELECT grp, MIN(lo), MAX(hi), MAX(top), SUM(n) FROM blobs_map GROUP BY grp"
                + " ORDER BY grp",
            true),
        new Case(
            "comparisons between byte columns",
            "SELECT id, b, c FROM blobs WHERE b > c AND id % 7 = 1",
            "SELECT * FROM blobs_map ORDER BY id",
            true),
        new Case(
            "top rows by bytes",
            "SELECT id, b FROM blobs WHERE b IS NOT NULL ORDER BY b DESC, id LIMIT 9",
            "SELECT * FROM blobs_map ORDER BY b DESC, id LIMIT 9",
            true));
  }

  @Test
  void aBinaryLiteralSelectsTheRowsHoldingThoseBytes() throws Exception {
    // (i * 31) % 256 == 0xFF for i = 247 (mod 256); i % 4 == 1 keeps one byte
    try (QueryResult result =
        run(
            "SELECT COUNT(*) AS n, MIN(id) AS first FROM blobs WHERE b = X'FF'",
            "SELECT SUM(n) AS n, MIN(first) AS first FROM blobs_map")) {
      List<List<Object>> rows = ResultRows.fromArrow(result.batches());
      assertThat(rows).hasSize(1);
      long first = (Long) rows.get(0).get(1);
      assertThat((first * 31) % 256).isEqualTo(0xFF);
      assertThat(first % 4).isEqualTo(1);
    }
  }

  @Test
  void bytesArriveAsArrowBinary() throws Exception {
    try (QueryResult result =
        run("SELECT id, c FROM blobs WHERE id = 37", "SELECT c FROM blobs_map")) {
      VarBinaryVector c = (VarBinaryVector) result.batches().get(0).getVector(0);
      assertThat(c.get(0)).containsExactly((byte) ((37 * 7) % 256));
    }
  }
}
