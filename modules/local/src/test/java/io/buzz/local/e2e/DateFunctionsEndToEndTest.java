package io.buzz.local.e2e;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * DATE_TRUNC, DATE_PART and EXTRACT's calendar parts (DOW, ISODOW, DOY, WEEK, QUARTER, ISOYEAR) end
 * to end over timestamps and dates spread over 1960–2100 (before 1970, leap days, week and year
 * boundaries, NULLs), in both steps, each answer compared with DuckDB running the same two steps.
 */
class DateFunctionsEndToEndTest extends DuckDbTableEndToEndTest {
  DateFunctionsEndToEndTest() {
    super("times");
  }

  @Override
  String rows(String range) {
    // ts: steps of ~1.43 days plus odd microseconds from 1960; dt: steps of 37 days, wrapping
    return "SELECT i AS id,"
        + " CASE WHEN i % 17 = 0 THEN NULL"
        + " ELSE TIMESTAMP '1960-01-01 00:00:00' + to_microseconds(i * 123456789012) END AS ts,"
        + " CASE WHEN i % 19 = 0 THEN NULL"
        + " ELSE DATE '1960-02-29' + ((i * 37) % 51000)::INTEGER END AS dt"
        + " FROM "
        + range;
  }

  @Override
  Stream<Case> cases() {
    return Stream.of(
        new Case(
            "date and timestamp plus and minus intervals (month ends clamped)",
            "SELECT id, CAST(dt + INTERVAL '1' MONTH AS DATE) AS m1,"
                + " CAST(dt - INTERVAL '2' YEAR AS DATE) AS y2,"
                + " CAST(dt + INTERVAL '10' DAY AS DATE) AS d10,"
                + " CAST(dt - INTERVAL '13' MONTH AS DATE) AS m13, ts + INTERVAL '36' HOUR AS h36,"
                + " ts - INTERVAL '1' MONTH AS tm, ts + INTERVAL '90' SECOND AS s90,"
                + " ts + INTERVAL '3' YEAR AS y3 FROM times"
                + " WHERE id % 5 = 0 AND dt + INTERVAL '1' DAY > DATE '1970-01-01'",
            "SELECT * FROM times_map",
            false),
        new Case(
            "CURRENT_DATE and CURRENT_TIMESTAMP, one instant for the query",
            "SELECT id, dt < CURRENT_DATE AS past, DATEDIFF('year', dt, CURRENT_DATE) AS age,"
                + " ts < CURRENT_TIMESTAMP AS before_now FROM times WHERE id % 50 = 0",
            "SELECT * FROM times_map",
            false),
        new Case(
            "DATEDIFF counts unit boundaries",
            "SELECT id, DATE_DIFF('day', dt, DATE '2000-01-01') AS dd,"
                + " DATEDIFF('month', dt, DATE '2024-02-29') AS dm,"
                + " DATEDIFF('year', DATE '1999-12-31', dt) AS dy,"
                + " DATEDIFF('quarter', dt, DATE '2010-05-01') AS dq,"
                + " DATEDIFF('day', ts, TIMESTAMP '2000-01-01 12:00:00') AS tdd,"
                + " DATEDIFF('hour', TIMESTAMP '1975-01-01 00:30:00', ts) AS th,"
                + " DATEDIFF('minute', TIMESTAMP '1975-01-01 00:00:30', ts) AS tm,"
                + " DATEDIFF('second', TIMESTAMP '1975-01-01 00:00:00.5', ts) AS tsec,"
                + " DATEDIFF('month', ts, TIMESTAMP '2024-02-29 00:00:00') AS tmo"
                + " FROM times WHERE id % 3 = 0 AND ts > TIMESTAMP '1970-01-02 00:00:00'",
            "SELECT * FROM times_map",
            false),
        new Case(
            "every unit of a timestamp",
            "SELECT id, ts, DATE_TRUNC('microsecond', ts) AS us,"
                + " DATE_TRUNC('millisecond', ts) AS ms, DATE_TRUNC('second', ts) AS s,"
                + " DATE_TRUNC('minute', ts) AS mi, DATE_TRUNC('hour', ts) AS h,"
                + " DATE_TRUNC('day', ts) AS d, DATE_TRUNC('week', ts) AS w,"
                + " DATE_TRUNC('month', ts) AS mo, DATE_TRUNC('quarter', ts) AS q,"
                + " DATE_TRUNC('YEAR', ts) AS y FROM times WHERE id % 7 = 0",
            "SELECT * FROM times_map ORDER BY id",
            true),
        new Case(
            "dates by week, month, quarter and year",
            "SELECT id, dt, CAST(DATE_TRUNC('week', dt) AS DATE) AS w,"
                + " CAST(DATE_TRUNC('month', dt) AS DATE) AS mo,"
                + " CAST(DATE_TRUNC('quarter', dt) AS DATE) AS q,"
                + " CAST(DATE_TRUNC('year', dt) AS DATE) AS y FROM times WHERE id % 5 = 0",
            "SELECT * FROM times_map ORDER BY id",
            true),
        new Case(
            "date parts by DATE_PART and EXTRACT",
            "SELECT id, dt, ts, DATE_PART('dow', dt) AS dow, DATE_PART('isodow', ts) AS isodow,"
                + " DATE_PART('doy', dt) AS doy, DATE_PART('week', ts) AS wk,"
                + " DATE_PART('quarter', dt) AS q, DATE_PART('isoyear', dt) AS iy,"
                + " EXTRACT(DOW FROM ts) AS edow, EXTRACT(WEEK FROM dt) AS ewk,"
                + " EXTRACT(QUARTER FROM ts) AS eq, EXTRACT(DOY FROM ts) AS edoy,"
                + " EXTRACT(ISODOW FROM dt) AS eisodow, EXTRACT(ISOYEAR FROM ts) AS eiy"
                + " FROM times WHERE id % 3 = 0",
            "SELECT * FROM times_map ORDER BY id",
            true),
        new Case(
            "constant dates give the kernels' answers, not Calcite's",
            "SELECT id, EXTRACT(DOW FROM DATE '2024-03-03') AS on_sunday,"
                + " DATE_PART('week', DATE '2021-01-01') AS w53,"
                + " DATE_TRUNC('week', TIMESTAMP '2021-01-03 10:00:00') AS week_start"
                + " FROM times WHERE id = 5",
            "SELECT * FROM times_map",
            true),
        new Case(
            "grouping by month in both steps",
            "SELECT DATE_TRUNC('month', ts) AS m, COUNT(*) AS n FROM times"
                + " GROUP BY DATE_TRUNC('month', ts)",
            "SELECT DATE_TRUNC('year', m) AS y, SUM(n) AS n FROM times_map"
                + " GROUP BY DATE_TRUNC('year', m)",
            false));
  }

  @Test
  void anUnknownUnitIsABadQueryListingTheUnits() {
    assertThatThrownBy(
            () ->
                run(
                    "SELECT DATE_TRUNC('fortnight', ts) AS f FROM times",
                    "SELECT * FROM times_map"))
        .isInstanceOfSatisfying(
            BuzzException.class,
            e ->
                org.assertj.core.api.Assertions.assertThat(e.code()).isEqualTo(ErrorCode.BAD_QUERY))
        .hasMessageContaining("'fortnight'")
        .hasMessageContaining("quarter");
  }
}
