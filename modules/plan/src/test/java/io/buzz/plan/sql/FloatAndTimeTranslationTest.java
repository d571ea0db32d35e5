package io.buzz.plan.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import io.buzz.plan.model.Capacity;
import io.buzz.plan.model.CatalogSpec;
import io.buzz.plan.model.CatalogType;
import io.buzz.plan.model.Query;
import io.buzz.plan.model.Step;
import io.buzz.plan.model.StepType;
import io.buzz.plan.physical.ExprFormatter;
import io.buzz.protocol.plan.DataType;
import io.buzz.protocol.plan.Expr;
import io.buzz.protocol.plan.HBeePlan;
import io.buzz.protocol.plan.NamedExpr;
import io.buzz.protocol.plan.Schema;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * REAL (FLOAT32) and TIME (TIME_MICROS) through the planner: the types of expressions, where CASTs
 * go, literals, aggregates and what is refused.
 */
class FloatAndTimeTranslationTest {
  private static final TableSchema READINGS =
      new TableSchema(
          "readings",
          List.of(
              TableColumn.data("id", DataType.INT64, false),
              TableColumn.data("n", DataType.INT32, true),
              TableColumn.data("temp", DataType.FLOAT32, true),
              TableColumn.data("reading", DataType.FLOAT64, true),
              TableColumn.data("clock", DataType.TIME_MICROS, true),
              TableColumn.data("label", DataType.UTF8, true)));

  private static PlannedQuery plan(String hbeeSql, String hcombSql) {
    Query query =
        new Query(
            List.of(
                new Step(hbeeSql, "readings_map", StepType.HBEE),
                new Step(hcombSql, "readings_reduce", StepType.HCOMB)),
            new Capacity(1),
            List.of(new CatalogSpec("readings", CatalogType.STATIC, "file:///data/readings")));
    PlannedQuery planned = PlanFixtures.PLANNER.plan(query, READINGS);
    PlanAssertions.check(planned);
    return planned;
  }

  /** The expressions of {@code SELECT <select> FROM readings}, as text over the scan. */
  private static List<String> select(String select) {
    HBeePlan hbee =
        plan("SELECT " + select + " FROM readings", "SELECT * FROM readings_map").plan().getHbee();
    Schema scan = scanSchema(hbee);
    return hbee.getOperators(0).getProject().getExprsList().stream()
        .map(NamedExpr::getExpr)
        .map(e -> ExprFormatter.format(e, scan) + " : " + e.getType())
        .toList();
  }

  /** The filter of {@code SELECT id FROM readings WHERE <condition>}, as text. */
  private static String where(String condition) {
    HBeePlan hbee =
        plan("SELECT id FROM readings WHERE " + condition, "SELECT * FROM readings_map")
            .plan()
            .getHbee();
    Expr predicate = hbee.getOperators(0).getFilter().getPredicate();
    return ExprFormatter.format(predicate, scanSchema(hbee));
  }

  private static Schema scanSchema(HBeePlan hbee) {
    Schema.Builder schema = Schema.newBuilder();
    hbee.getScan()
        .getColumnsList()
        .forEach(c -> schema.addFieldsBuilder().setName(c.getName()).setType(c.getType()));
    return schema.build();
  }

  @Test
  void realArithmeticRunsInFloat64AndIsCastBack() {
    assertThat(select("temp + temp AS s, temp * n AS p, -temp AS neg, temp / 3 AS q"))
        .containsExactly(
            "CAST((CAST(temp AS FLOAT64) + CAST(temp AS FLOAT64)) AS FLOAT32) : FLOAT32",
            "CAST((CAST(temp AS FLOAT64) * CAST(n AS FLOAT64)) AS FLOAT32) : FLOAT32",
            "CAST(-CAST(temp AS FLOAT64) AS FLOAT32) : FLOAT32",
            "CAST((CAST(temp AS FLOAT64) / 3.0) AS FLOAT32) : FLOAT32");
    // a REAL meets a DOUBLE as DOUBLE
    assertThat(select("temp + reading AS d"))
        .containsExactly("(CAST(temp AS FLOAT64) + reading) : FLOAT64");
  }

  @Test
  void comparisonsRunInTheWiderTypeAndDoubleLiteralsCompareAsDouble() {
    assertThat(where("temp > 1.5")).isEqualTo("(temp > REAL '1.5')");
    assertThat(where("temp = 1.1")).isEqualTo("(temp = REAL '1.1')");
    assertThat(where("temp > n")).isEqualTo("(temp > CAST(n AS FLOAT32))");
    assertThat(where("temp < reading")).isEqualTo("(CAST(temp AS FLOAT64) < reading)");
    assertThat(where("temp >= CAST(2.5 AS DOUBLE)")).isEqualTo("(CAST(temp AS FLOAT64) >= 2.5)");
    assertThat(where("temp <= 1e0")).isEqualTo("(CAST(temp AS FLOAT64) <= 1.0)");
  }

  @Test
  void castsToAndFromReal() {
    assertThat(
            select(
                "CAST(reading AS REAL) AS a, CAST(reading AS FLOAT) AS b, CAST(temp AS DOUBLE) AS"
                    + " c, CAST(temp AS VARCHAR) AS d, CAST(temp AS DECIMAL(6, 2)) AS e,"
                    + " CAST(temp AS INTEGER) AS f, CAST('1.5' AS REAL) AS g"))
        .containsExactly(
            "CAST(reading AS FLOAT32) : FLOAT32",
            "CAST(reading AS FLOAT32) : FLOAT32",
            "CAST(temp AS FLOAT64) : FLOAT64",
            "CAST(temp AS UTF8) : UTF8",
            "CAST(temp AS DECIMAL(6,2)) : DECIMAL128",
            "CAST(temp AS INT32) : INT32",
            "REAL '1.5' : FLOAT32");
  }

  @Test
  void sumAndAvgOfRealAreDoubleAndMinMaxKeepReal() {
    PlannedQuery planned =
        plan(
            "SELECT label, SUM(temp) AS s, AVG(temp) AS a, MIN(temp) AS lo, MAX(clock) AS hi,"
                + " COUNT(temp) AS c FROM readings GROUP BY label",
            "SELECT label, SUM(s), MAX(a), MIN(lo), MAX(hi), SUM(c) FROM readings_map"
                + " GROUP BY label"
                + " ORDER BY MIN(lo) DESC");
    assertThat(PlanAssertions.fields(planned.plan().getHbee().getOutputSchema()))
        .containsExactly(
            "label UTF8 NULL",
            "s FLOAT64 NULL",
            "a$sum FLOAT64 NULL",
            "a$count INT64",
            "lo FLOAT32 NULL",
            "hi TIME_MICROS NULL",
            "c INT64");
    assertThat(PlanAssertions.fields(planned.resultSchema()))
        .extracting(f -> f.substring(f.indexOf(' ') + 1))
        .containsExactly(
            "UTF8 NULL",
            "FLOAT64 NULL",
            "FLOAT64 NULL",
            "FLOAT32 NULL",
            "TIME_MICROS NULL",
            "INT64");
  }

  @Test
  void timeLiteralsStringsAndCastsKeepMicroseconds() {
    assertThat(where("clock > TIME '12:34:56.789'")).isEqualTo("(clock > TIME '12:34:56.789')");
    assertThat(where("clock < '08:00'")).isEqualTo("(clock < TIME '08:00')");
    assertThat(where("clock = CAST('1:02:03.123456' AS TIME)"))
        .isEqualTo("(clock = TIME '01:02:03.123456')");
    assertThat(where("clock BETWEEN TIME '01:00:00' AND TIME '02:00:00.5'"))
        .isEqualTo("((clock >= TIME '01:00') AND (clock <= TIME '02:00:00.500'))");
    assertThat(select("CAST(clock AS VARCHAR) AS t, CAST(label AS TIME) AS u"))
        .containsExactly("CAST(clock AS UTF8) : UTF8", "CAST(label AS TIME_MICROS) : TIME_MICROS");
  }

  @Test
  void extractHourMinuteSecondOfATime() {
    assertThat(
            select(
                "EXTRACT(HOUR FROM clock) AS h, EXTRACT(MINUTE FROM clock) AS m,"
                    + " EXTRACT(SECOND FROM clock) AS s"))
        .containsExactly(
            "EXTRACT(HOUR FROM clock) : INT64",
            "EXTRACT(MINUTE FROM clock) : INT64",
            "EXTRACT(SECOND FROM clock) : INT64");
    assertThatThrownBy(() -> select("EXTRACT(YEAR FROM clock) AS y"))
        .isInstanceOf(BuzzException.class)
        .hasMessageContaining("TIME");
  }

  @Test
  void timeArithmeticAndTimeZonesAreRefused() {
    assertThatThrownBy(() -> select("clock + INTERVAL '1' HOUR AS later"))
        .isInstanceOfSatisfying(
            BuzzException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED))
        .hasMessageContaining("INTERVAL")
        .hasMessageContaining("to a DATE or a TIMESTAMP only, not to TIME(6)");
    assertThatThrownBy(() -> select("clock - clock AS d"))
        .isInstanceOf(BuzzException.class)
        .hasMessageContaining("<TIME(6)> - <TIME(6)>");
    assertThatThrownBy(() -> where("clock = TIMESTAMP '2020-01-01 00:00:00'"))
        .isInstanceOf(BuzzException.class)
        .hasMessageContaining("TIME");
  }
}
