package io.buzz.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.buzz.fuse.client.QueryResult;
import io.buzz.fuse.client.ResultRows;
import java.util.List;
import java.util.stream.Stream;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.TimeMicroVector;
import org.junit.jupiter.api.Test;

/**
 * FLOAT (REAL) and TIME columns end to end: Parquet files written by DuckDB, queried through the
 * whole local stack, answers compared with DuckDB running the same two steps: floats exactly as
 * floats (NaN, -0.0 and values no double rounding may disturb included), times as microseconds.
 */
class FloatTimeEndToEndTest extends DuckDbTableEndToEndTest {
  FloatTimeEndToEndTest() {
    super("readings");
  }

  @Override
  String rows(String range) {
    // temp: eighths (exact sums) with NULLs, one NaN and one -0.0 per 600 rows, in slot 5 and 1;
    // ratio: thirds, inexact; clock: microseconds across the day; slot: six quarter hours
    return "SELECT i AS id, 'g' || (i % 4) AS grp,"
        + " CASE WHEN i % 17 = 0 THEN NULL WHEN i % 600 = 5 THEN 'nan'::FLOAT"
        + " WHEN i % 600 = 7 THEN -0.0::FLOAT"
        + " ELSE (((i * 37) % 2001 - 1000) / 8.0)::FLOAT END AS temp,"
        + " ((i % 97) / 3.0)::FLOAT AS ratio,"
        + " CASE WHEN i % 13 = 0 THEN NULL"
        + " ELSE TIME '00:00:00' + to_microseconds((i * 7777777) % 86400000000) END AS clock,"
        + " TIME '08:00:00' + to_microseconds((i % 6) * 900000000) AS slot"
        + " FROM "
        + range;
  }

  /** The last file has version 2 pages: BYTE_STREAM_SPLIT floats, DELTA_BINARY_PACKED times. */
  @Override
  String copyOptions(int file) {
    return "ROW_GROUP_SIZE 1500" + (file == 2 ? ", PARQUET_VERSION v2" : "");
  }

  @Override
  Stream<Case> cases() {
    return Stream.of(
        new Case(
            "filters on floats and times, with decimal, double and string literals",
            "SELECT id, temp, ratio, clock FROM readings WHERE temp > 10.5"
                + " AND clock < TIME '12:00:00' AND ratio <= CAST(20.5 AS DOUBLE)"
                + " AND clock >= '01:30:00.25'",
            "SELECT * FROM readings_map ORDER BY id",
            true),
        new Case(
            "group by a float key, NaN and -0.0 included",
            "SELECT temp, COUNT(*) AS c FROM readings WHERE id % 3 = 0 GROUP BY temp",
            "SELECT temp, SUM(c) AS c FROM readings_map GROUP BY temp",
            false),
        new Case(
            "group by a time key: extremes, counts, sums and averages",
            "SELECT slot, MIN(temp) AS lo, MAX(temp) AS hi, MIN(clock) AS first,"
                + " MAX(clock) AS last, COUNT(clock) AS n, SUM(temp) AS s, AVG(ratio) AS a,"
                + " MAX(ratio) AS r FROM readings GROUP BY slot",
            "SELECT slot, MIN(lo), MAX(hi), MIN(first), MAX(last), SUM(n), SUM(s), MAX(a),"
                + " MAX(r) FROM readings_map GROUP BY slot ORDER BY slot",
            true),
        new Case(
            "group by float and time together",
            "SELECT ratio, slot, COUNT(*) AS c FROM readings WHERE id < 5000"
                + " GROUP BY ratio, slot",
            "SELECT ratio, slot, SUM(c) AS c FROM readings_map GROUP BY ratio, slot",
            false),
        new Case(
            "top rows by a float, NaN first when descending",
            "SELECT id, temp FROM readings WHERE temp IS NOT NULL"
                + " ORDER BY temp DESC, id LIMIT 9",
            "SELECT * FROM readings_map ORDER BY temp DESC, id LIMIT 9",
            true),
        new Case(
            "first rows by time",
            "SELECT id, clock FROM readings WHERE clock IS NOT NULL ORDER BY clock, id LIMIT 7",
            "SELECT * FROM readings_map ORDER BY clock, id LIMIT 7",
            true),
        new Case(
            "casts, arithmetic, CASE and EXTRACT",
            "SELECT id, CAST(temp AS VARCHAR) AS t_text, CAST(ratio AS VARCHAR) AS r_text,"
                + " CAST(clock AS VARCHAR) AS c_text, CAST(temp AS DOUBLE) AS t_double,"
                + " CAST(temp AS INTEGER) AS t_int, CAST(temp AS DECIMAL(10, 3)) AS t_dec,"
                + " CAST(ratio AS DECIMAL(10, 4)) AS r_dec, CAST(id * 16777 AS REAL) AS big,"
                + " CAST(CAST(clock AS VARCHAR) AS TIME) AS round_trip,"
                + " CAST(CAST(temp AS VARCHAR) AS REAL) AS t_back,"
                + " ratio / 3 AS third, temp * 2 + 1 AS lin, -ratio AS neg,"
                + " CASE WHEN temp > 0 THEN temp ELSE ratio END AS pick,"
                + " EXTRACT(HOUR FROM clock) AS h, EXTRACT(MINUTE FROM clock) AS m,"
                + " EXTRACT(SECOND FROM clock) AS s"
                + " FROM readings WHERE id % 250 = 1 AND temp IS NOT NULL",
            "SELECT * FROM readings_map ORDER BY id",
            true));
  }

  @Test
  void floatsStayFloat32AndTimesTimeMicros() throws Exception {
    try (QueryResult result =
        run(
            "SELECT MAX(ratio) AS r, MIN(slot) AS c FROM readings",
            "SELECT MAX(r) AS r, MIN(c) AS c FROM readings_map")) {
      assertThat(result.batches().get(0).getVector(0)).isInstanceOf(Float4Vector.class);
      assertThat(result.batches().get(0).getVector(1)).isInstanceOf(TimeMicroVector.class);
      assertThat(ResultRows.fromArrow(result.batches()))
          .containsExactly(List.of((float) (96 / 3.0), 28_800_000_000L)); // 08:00
    }
  }
}
