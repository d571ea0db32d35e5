package io.buzz.plan.sql;

import static io.buzz.plan.sql.PlanAssertions.fields;
import static io.buzz.plan.sql.PlanAssertions.kinds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import io.buzz.plan.model.Capacity;
import io.buzz.plan.model.CatalogSpec;
import io.buzz.plan.model.CatalogType;
import io.buzz.plan.model.Query;
import io.buzz.plan.physical.ExprFormatter;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A query written as one statement: planned into the same HBee and HComb plans as the same query
 * split by hand, with its WHERE pruning files by partition value and EXPLAIN asking for the plan.
 */
class StatementPlanningTest {
  private static Query statement(String sql) {
    return Query.ofStatement(
        sql,
        Capacity.DEFAULT,
        List.of(new CatalogSpec("nyc_taxi", CatalogType.DELTA_LAKE, "s3://bucket/nyc-taxi")));
  }

  private static PlannedQuery plan(String sql) {
    PlannedQuery planned = PlanFixtures.PLANNER.plan(statement(sql), PlanFixtures.NYC_TAXI);
    PlanAssertions.check(planned);
    return planned;
  }

  private static String partitionFilter(PlannedQuery planned) {
    return planned
        .partitionFilter()
        .map(f -> ExprFormatter.format(f, planned.partitionSchema()))
        .orElse("none");
  }

  private static BuzzException error(String sql) {
    BuzzException e = catchThrowableOfType(BuzzException.class, () -> plan(sql));
    assertThat(e).as("error for %s", sql).isNotNull();
    return e;
  }

  @Test
  void aStatementPlansAsTheSameQueryWrittenInTwoSteps() {
    String[] statements = {
      "SELECT payment_type, COUNT(*) AS trips, SUM(fare_amount) AS fares FROM nyc_taxi"
          + " WHERE trip_distance > 1 GROUP BY payment_type ORDER BY trips DESC LIMIT 3",
      "SELECT vendor_id, trip_distance AS d FROM nyc_taxi WHERE tip_amount > 5 ORDER BY d LIMIT 10",
      "SELECT COUNT(DISTINCT vendor_id) AS vendors FROM nyc_taxi",
      "SELECT trip_id AS id FROM nyc_taxi WHERE passenger_count = 2",
    };
    for (String sql : statements) {
      PlannedQuery one = plan(sql);
      PlannedQuery two = PlanAssertions.planChecked(sql, "SELECT * FROM nyc_taxi_map");
      assertThat(one.plan()).as(sql).isEqualTo(two.plan());
      assertThat(one.explain()).as(sql).isEqualTo(two.explain());
      assertThat(one.explainOnly()).isFalse();
    }
  }

  @Test
  void resultColumnsAreNamedAfterTheStatementsExpressions() {
    PlannedQuery planned =
        plan("SELECT payment_type, COUNT(*), AVG(tip_amount) FROM nyc_taxi GROUP BY 1");
    assertThat(fields(planned.resultSchema()))
        .containsExactly(
            "payment_type UTF8 NULL", "COUNT(*) INT64", "AVG(tip_amount) FLOAT64 NULL");
    assertThat(kinds(planned.plan().getHbee().getOperatorsList()))
        .containsExactly("AGGREGATE PARTIAL");
    assertThat(kinds(List.of(planned.plan().getHcomb().getMerge())))
        .containsExactly("AGGREGATE FINAL");
  }

  @Test
  void whereConditionsOnPartitionColumnsPruneFiles() {
    assertThat(
            partitionFilter(
                plan(
                    "SELECT COUNT(*) FROM nyc_taxi WHERE pickup_date <= '2009-01-05'"
                        + " AND fare_amount > 10 AND pickup_date >= '2009-01-02'")))
        .isEqualTo("((pickup_date >= '2009-01-02') AND (pickup_date <= '2009-01-05'))");
    assertThat(
            partitionFilter(
                plan("SELECT COUNT(*) FROM nyc_taxi WHERE pickup_date IN ('2009-01-01', 'x')")))
        .contains("pickup_date");
    assertThat(
            partitionFilter(
                plan(
                    "SELECT COUNT(*) FROM nyc_taxi"
                        + " WHERE pickup_date = '2009-01-05' OR fare_amount > 10")))
        .as("a disjunction that reads another column says nothing about a file")
        .isEqualTo("none");
    assertThat(
            partitionFilter(
                plan(
                    "SELECT COUNT(*) FROM (SELECT pickup_date AS d, fare_amount FROM nyc_taxi"
                        + " WHERE fare_amount > 1) WHERE SUBSTRING(d, 1, 7) = '2009-01'")))
        .as("seen through a projection that renames the column")
        .isEqualTo("(SUBSTRING(pickup_date, 1, 7) = '2009-01')");
    assertThat(
            partitionFilter(
                plan(
                    "SELECT COUNT(*) FROM (SELECT pickup_date FROM nyc_taxi LIMIT 5)"
                        + " WHERE pickup_date = '2009-01-05'")))
        .as("a filter after a LIMIT cannot prune the rows the LIMIT picks from")
        .isEqualTo("none");
    assertThat(
            partitionFilter(
                plan(
                    "SELECT pickup_date, COUNT(*) FROM nyc_taxi GROUP BY pickup_date"
                        + " HAVING pickup_date > '2009-01-05'")))
        .as("a HAVING stays above the aggregate, where it cannot prune files (yet)")
        .isEqualTo("none");
  }

  @Test
  void explainPlansWithoutRunningAndKeepsPositions() {
    String sql = "SELECT payment_type, COUNT(*) AS n FROM nyc_taxi GROUP BY payment_type";
    PlannedQuery explained = plan("EXPLAIN " + sql);
    assertThat(explained.explainOnly()).isTrue();
    assertThat(explained.plan()).isEqualTo(plan(sql).plan());
    assertThat(plan("  explain\n" + sql).explainOnly()).isTrue();
    assertThat(plan("SELECT 'EXPLAIN ' AS e FROM nyc_taxi").explainOnly()).isFalse();

    BuzzException e = error("EXPLAIN SELECT nope FROM nyc_taxi");
    assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(e.getMessage()).startsWith("sql: ").contains("'nope'").contains("column 16");
  }

  @Test
  void numericFunctionsPlanThroughTheRegistryAndRoundDecimalsExactly() {
    PlannedQuery planned =
        plan(
            "SELECT ROUND(fare_amount, 1) AS r, ABS(passenger_count) AS a,"
                + " SQRT(trip_distance) AS q, TRUNC(tip_amount) AS t FROM nyc_taxi");
    assertThat(fields(planned.resultSchema()))
        .containsExactly("r FLOAT64 NULL", "a INT32 NULL", "q FLOAT64 NULL", "t FLOAT64 NULL");
    assertThat(planned.explain())
        .as("Calcite writes SQRT as POWER(x, 0.5); it runs as SQRT, which refuses negatives")
        .contains(
            "r := ROUND(fare_amount, 1), a := ABS(passenger_count), q := SQRT(trip_distance)");
    PlannedQuery decimals =
        plan(
            "SELECT ROUND(CAST(fare_amount AS DECIMAL(10, 3)), 1) AS r1,"
                + " ROUND(CAST(fare_amount AS DECIMAL(10, 3))) AS r0,"
                + " ROUND(CAST(fare_amount AS DECIMAL(10, 3)), -2) AS rm,"
                + " ROUND(CAST(fare_amount AS DECIMAL(10, 3)), 5) AS r5,"
                + " TRUNC(CAST(fare_amount AS DECIMAL(10, 3)), 2) AS t2,"
                + " TRUNCATE(CAST(fare_amount AS DECIMAL(10, 3)), 2) AS tt2,"
                + " FLOOR(CAST(fare_amount AS DECIMAL(10, 3))) AS f,"
                + " CEIL(CAST(fare_amount AS DECIMAL(10, 3))) AS c,"
                + " ABS(CAST(fare_amount AS DECIMAL(10, 3))) AS a, ROUND(2.5) AS literal"
                + " FROM nyc_taxi");
    assertThat(PlanAssertions.typedFields(decimals.resultSchema()))
        .as("DuckDB's types: ROUND(x, n) of a DECIMAL(p, s) has scale n (0 to s)")
        .containsExactly(
            "r1 DECIMAL(10, 1) NULL",
            "r0 DECIMAL(10, 0) NULL",
            "rm DECIMAL(10, 0) NULL",
            "r5 DECIMAL(10, 3) NULL",
            "t2 DECIMAL(10, 2) NULL",
            "tt2 DECIMAL(10, 2) NULL",
            "f DECIMAL(10, 0) NULL",
            "c DECIMAL(10, 0) NULL",
            "a DECIMAL(10, 3) NULL",
            "literal DECIMAL(2, 0)");
    assertThat(
            fields(
                plan("SELECT ROUND(CAST(fare_amount AS REAL), 1) AS r, TRUNC(CAST(tip_amount AS REAL))"
                        + " AS t FROM nyc_taxi")
                    .resultSchema()))
        .as("ROUND and TRUNC of a REAL stay REAL, as in DuckDB")
        .containsExactly("r FLOAT32 NULL", "t FLOAT32 NULL");
    assertThat(
            error("SELECT ROUND(CAST(fare_amount AS DECIMAL(10, 3)), 1 + 1) FROM nyc_taxi")
                .getMessage())
        .contains("ROUND of a DECIMAL needs its number of places written as a number");
    BuzzException places =
        error("SELECT ROUND(CAST(fare_amount AS DECIMAL(10, 2)), passenger_count) FROM nyc_taxi");
    assertThat(places.getMessage())
        .contains("ROUND of a DECIMAL needs a constant number of places");
    BuzzException decimal = error("SELECT SIGN(CAST(fare_amount AS DECIMAL(10, 2))) FROM nyc_taxi");
    assertThat(decimal.code()).isEqualTo(ErrorCode.UNSUPPORTED);
    assertThat(decimal.getMessage())
        .contains("of a DECIMAL is not supported yet")
        .contains("CAST the value to DOUBLE");
  }

  @Test
  void withNamesQueriesThatPlanAsOneChain() {
    String cte =
        "WITH long_trips AS (SELECT payment_type, fare_amount FROM nyc_taxi"
            + " WHERE trip_distance > 5 AND pickup_date >= '2009-01-03'),"
            + " by_type AS (SELECT payment_type, SUM(fare_amount) AS fares, COUNT(*) AS n"
            + " FROM long_trips GROUP BY payment_type)"
            + " SELECT payment_type, fares / n, n FROM by_type ORDER BY n DESC";
    String inline =
        "SELECT payment_type, fares / n, n FROM (SELECT payment_type, SUM(fare_amount) AS fares,"
            + " COUNT(*) AS n FROM (SELECT payment_type, fare_amount FROM nyc_taxi"
            + " WHERE trip_distance > 5 AND pickup_date >= '2009-01-03') GROUP BY payment_type)"
            + " ORDER BY n DESC";
    PlannedQuery with = plan(cte);
    assertThat(with.plan()).isEqualTo(plan(inline).plan());
    assertThat(fields(with.resultSchema()))
        .containsExactly("payment_type UTF8 NULL", "fares / n FLOAT64 NULL", "n INT64");
    assertThat(partitionFilter(with)).isEqualTo("(pickup_date >= '2009-01-03')");
    assertThat(PlanFixtures.PLANNER.tablesRead(statement(cte))).containsExactly("nyc_taxi");
    BuzzException shadowed =
        error("WITH nyc_taxi AS (SELECT trip_id FROM taxis) SELECT 1 FROM nyc_taxi");
    assertThat(shadowed.getMessage()).contains("table 'taxis'");
  }

  @Test
  void intervalsBecomeDateAddAndDateDiffIsRegistered() {
    PlannedQuery planned =
        plan(
            "SELECT pickup_day + INTERVAL '1' MONTH AS next_month,"
                + " pickup_datetime - INTERVAL '90' MINUTE AS earlier,"
                + " DATEDIFF('day', pickup_day, DATE '2009-02-01') AS days FROM nyc_taxi"
                + " WHERE pickup_day - INTERVAL '7' DAY < DATE '2009-01-05'");
    assertThat(fields(planned.resultSchema()))
        .containsExactly(
            "next_month DATE32 NULL", "earlier TIMESTAMP_MICROS NULL", "days INT64 NULL");
    assertThat(planned.explain())
        .contains("DATE_ADD(pickup_day, 1, 0)")
        .contains("DATE_ADD(pickup_datetime, 0, -5400000000)")
        .contains("DATE_ADD(pickup_day, 0, -604800000000)")
        .contains("DATE_DIFF('day', pickup_day,");
    assertThat(
            plan("SELECT date_diff('day', pickup_day, DATE '2009-02-01') AS days,"
                    + " 'DATE_DIFF(' AS t FROM nyc_taxi")
                .explain())
        .as("DuckDB's spelling, outside quotes only")
        .contains("DATE_DIFF('day', pickup_day,")
        .contains("'DATE_DIFF('");
    BuzzException column =
        error("SELECT pickup_day + INTERVAL '1' DAY * passenger_count FROM nyc_taxi");
    assertThat(column.code()).isEqualTo(ErrorCode.UNSUPPORTED);
  }

  @Test
  void theClockIsReadOncePerQueryAndSuchPlansAreNeverCached() {
    String sql =
        "SELECT COUNT(*) AS n FROM nyc_taxi WHERE pickup_day >= CURRENT_DATE - INTERVAL '7' DAY"
            + " AND pickup_datetime < CURRENT_TIMESTAMP";
    java.time.LocalDate before = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
    QueryPlanner cached = new QueryPlanner(16);
    PlannedQuery first = cached.plan(statement(sql), PlanFixtures.NYC_TAXI);
    cached.plan(statement(sql), PlanFixtures.NYC_TAXI);
    java.time.LocalDate after = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
    assertThat(cached.cacheMisses()).as("a plan holding the clock is not reused").isEqualTo(2);
    assertThat(first.explain())
        .containsAnyOf("DATE '" + before.minusDays(7) + "'", "DATE '" + after.minusDays(7) + "'")
        .contains("TIMESTAMP '" + before.getYear());
  }

  @Test
  void groupByAllGroupsByEveryItemThatIsNoAggregate() {
    PlannedQuery all =
        plan(
            "SELECT payment_type, vendor_id, COUNT(*) AS n, SUM(fare_amount) + 1 AS f"
                + " FROM nyc_taxi GROUP BY ALL ORDER BY n DESC");
    PlannedQuery spelled =
        plan(
            "SELECT payment_type, vendor_id, COUNT(*) AS n, SUM(fare_amount) + 1 AS f"
                + " FROM nyc_taxi GROUP BY payment_type, vendor_id ORDER BY n DESC");
    assertThat(all.plan()).isEqualTo(spelled.plan());
    assertThat(plan("SELECT COUNT(*) AS n FROM nyc_taxi group by all").plan())
        .isEqualTo(plan("SELECT COUNT(*) AS n FROM nyc_taxi").plan());
    assertThat(
            plan("SELECT k, n FROM (SELECT vendor_id AS k, COUNT(*) AS n FROM nyc_taxi GROUP BY ALL)")
                .plan())
        .isEqualTo(
            plan("SELECT k, n FROM (SELECT vendor_id AS k, COUNT(*) AS n FROM nyc_taxi"
                    + " GROUP BY vendor_id)")
                .plan());
    assertThat(plan("SELECT vendor_id AS v, COUNT(*) AS n FROM nyc_taxi GROUP BY v").plan())
        .as("a select alias as group key")
        .isEqualTo(plan("SELECT vendor_id AS v, COUNT(*) AS n FROM nyc_taxi GROUP BY 1").plan());
    assertThat(
            plan("SELECT vendor_id, 'GROUP BY ALL' AS t, COUNT(*) AS n FROM nyc_taxi GROUP BY ALL")
                .plan())
        .as("only GROUP BY ALL outside quotes is rewritten")
        .isEqualTo(
            plan("SELECT vendor_id, 'GROUP BY ALL' AS t, COUNT(*) AS n FROM nyc_taxi"
                    + " GROUP BY 1, 2")
                .plan());
    BuzzException star = error("SELECT * FROM nyc_taxi GROUP BY ALL");
    assertThat(star.getMessage()).contains("GROUP BY ALL over SELECT * (line 1, column 8)");
    BuzzException position = error("SELECT nope, COUNT(*) FROM nyc_taxi GROUP BY ALL");
    assertThat(position.getMessage()).contains("'nope'").contains("column 8");
  }

  @Test
  void aBadRegularExpressionIsRefusedWhenPlanned() {
    BuzzException e = error("SELECT REGEXP_REPLACE(vendor_id, 'a(b', 'x') FROM nyc_taxi");
    assertThat(e.code()).isEqualTo(ErrorCode.BAD_QUERY);
    assertThat(e.getMessage())
        .startsWith("sql: REGEXP_REPLACE: invalid regular expression 'a(b': ");
    assertThat(error("SELECT REGEXP_MATCHES(vendor_id, 'a', 'q') FROM nyc_taxi").getMessage())
        .contains("unknown regular expression option 'q'");
    assertThat(plan("SELECT REGEXP_EXTRACT(vendor_id, '(a)(b)', 2) AS x FROM nyc_taxi").plan())
        .isNotNull();
  }

  @Test
  void errorsNameTheStatement() {
    BuzzException unknownTable = error("SELECT COUNT(*) FROM taxis");
    assertThat(unknownTable.code()).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(unknownTable.getMessage())
        .isEqualTo(
            "sql: table 'taxis' (line 1, column 22) is not a catalog of this query; available"
                + " catalogs: nyc_taxi");
    BuzzException join = error("SELECT COUNT(*) FROM nyc_taxi a JOIN nyc_taxi b ON a.trip_id = 1");
    assertThat(join.code()).isEqualTo(ErrorCode.UNSUPPORTED);
    assertThat(join.getMessage())
        .isEqualTo(
            "sql: JOIN (line 1, column 33) is not supported; a query reads exactly one table;"
                + " joins are not supported yet");
    assertThat(PlanFixtures.PLANNER.tablesRead(statement("SELECT 1 AS x FROM NYC_TAXI")))
        .containsExactly("nyc_taxi");
    assertThat(Optional.of(statement("SELECT 1 FROM nyc_taxi").statement().describe()))
        .contains("sql");
  }
}
