package io.buzz.plan.sql;

import static io.buzz.plan.sql.PlanAssertions.fields;
import static io.buzz.plan.sql.PlanAssertions.kinds;
import static io.buzz.plan.sql.PlanAssertions.planChecked;
import static org.assertj.core.api.Assertions.assertThat;

import io.buzz.plan.physical.ExprFormatter;
import io.buzz.plan.physical.ValueType;
import io.buzz.protocol.plan.AggregateCall;
import io.buzz.protocol.plan.AggregateFunction;
import io.buzz.protocol.plan.DataType;
import io.buzz.protocol.plan.Expr;
import io.buzz.protocol.plan.Function;
import io.buzz.protocol.plan.HBeePlan;
import io.buzz.protocol.plan.NamedExpr;
import io.buzz.protocol.plan.Schema;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How SQL expressions become plan.proto expressions: types, CASTs, literals, expansions. */
class ExpressionTranslationTest {

  /** The WHERE clause of {@code SELECT trip_id FROM nyc_taxi WHERE <where>}, as text. */
  private static String where(String condition) {
    PlannedQuery planned =
        planChecked(
            "SELECT trip_id FROM nyc_taxi WHERE " + condition, "SELECT * FROM nyc_taxi_map");
    HBeePlan hbee = planned.plan().getHbee();
    assertThat(kinds(hbee.getOperatorsList())).first().isEqualTo("FILTER");
    return ExprFormatter.format(hbee.getOperators(0).getFilter().getPredicate(), scanSchema(hbee));
  }

  /** The expressions of {@code SELECT <select> FROM nyc_taxi}, with the HBee project's input. */
  private static List<Expr> select(String select) {
    PlannedQuery planned =
        planChecked("SELECT " + select + " FROM nyc_taxi", "SELECT * FROM nyc_taxi_map");
    HBeePlan hbee = planned.plan().getHbee();
    assertThat(kinds(hbee.getOperatorsList())).containsExactly("PROJECT");
    return hbee.getOperators(0).getProject().getExprsList().stream()
        .map(NamedExpr::getExpr)
        .toList();
  }

  private static Schema scanSchema(HBeePlan hbee) {
    Schema.Builder schema = Schema.newBuilder();
    hbee.getScan()
        .getColumnsList()
        .forEach(
            c ->
                schema
                    .addFieldsBuilder()
                    .setName(c.getName())
                    .setType(c.getType())
                    .setDecimal(c.getDecimal())
                    .setNullable(c.getNullable()));
    return schema.build();
  }

  @Test
  void int32PlusInt64CastsTheNarrowerOperand() {
    Expr sum = select("passenger_count + trip_id AS s").get(0);
    assertThat(sum.getType()).isEqualTo(DataType.INT64);
    assertThat(sum.getCall().getFunction()).isEqualTo(Function.ADD);
    Expr left = sum.getCall().getArgs(0);
    assertThat(left.getCall().getFunction()).isEqualTo(Function.CAST);
    assertThat(left.getType()).isEqualTo(DataType.INT64);
    assertThat(left.getCall().getArgs(0).getType()).isEqualTo(DataType.INT32);
    assertThat(sum.getCall().getArgs(1).getType()).isEqualTo(DataType.INT64);
  }

  @Test
  void comparisonsWithDecimalLiteralsAreExactOrFloat64() {
    // an integer meets a decimal literal as a decimal holding both, as in SQL and DuckDB
    assertThat(where("passenger_count > 2.5"))
        .isEqualTo("(CAST(passenger_count AS DECIMAL(11,1)) > 2.5)");
    assertThat(where("fare_amount >= 10.25")).isEqualTo("(fare_amount >= 10.25)");
    assertThat(where("fare_amount >= 10")).isEqualTo("(fare_amount >= 10.0)");
    assertThat(where("trip_id = 3")).isEqualTo("(trip_id = 3)");
  }

  @Test
  void decimalArithmeticFollowsSqlPrecisionAndScale() {
    Expr product = select("passenger_count * 1.5 AS weighted").get(0);
    assertThat(ValueType.of(product)).isEqualTo(ValueType.decimal(12, 1));
    assertThat(product.getCall().getFunction()).isEqualTo(Function.MULTIPLY);
    assertThat(ValueType.of(product.getCall().getArgs(0))).isEqualTo(ValueType.decimal(10, 0));
    assertThat(ValueType.of(product.getCall().getArgs(1))).isEqualTo(ValueType.decimal(2, 1));
    assertThat(product.getCall().getArgs(1).getLiteral().getDecimalValue()).isEqualTo("15");

    // a sum runs at the wider scale: both operands are cast to the result type
    Expr sum = select("1.25 + passenger_count AS s").get(0);
    assertThat(ValueType.of(sum)).isEqualTo(ValueType.decimal(13, 2));
    assertThat(ValueType.of(sum.getCall().getArgs(0))).isEqualTo(ValueType.decimal(13, 2));
    assertThat(sum.getCall().getArgs(0).getLiteral().getDecimalValue()).isEqualTo("125");

    // dividing decimals is DOUBLE, as in DuckDB; a decimal with a DOUBLE is DOUBLE
    assertThat(select("passenger_count / 1.5 AS q").get(0).getType()).isEqualTo(DataType.FLOAT64);
    assertThat(select("fare_amount * 1.5 AS f").get(0).getType()).isEqualTo(DataType.FLOAT64);
  }

  @Test
  void sumOfADecimalIsADecimalOf38Digits() {
    PlannedQuery planned =
        planChecked(
            "SELECT SUM(CAST(fare_amount AS DECIMAL(10, 2))) AS s FROM nyc_taxi",
            "SELECT * FROM nyc_taxi_map");
    assertThat(ValueType.of(planned.resultSchema().getFields(0)))
        .isEqualTo(ValueType.decimal(38, 2));
  }

  @Test
  void integerDivisionStaysInteger() {
    Expr quotient = select("passenger_count / 2 AS half").get(0);
    assertThat(quotient.getType()).isEqualTo(DataType.INT32);
    assertThat(quotient.getCall().getFunction()).isEqualTo(Function.DIVIDE);
    Expr mixed = select("trip_id / passenger_count AS ratio").get(0);
    assertThat(mixed.getType()).isEqualTo(DataType.INT64);
  }

  @Test
  void moduloRunsInTheWiderTypeAndUnaryMinusNegates() {
    // SQL types MOD like its divisor (INT32 here): computed in INT64, then cast down.
    Expr cast = select("trip_id % passenger_count AS r").get(0);
    assertThat(cast.getType()).isEqualTo(DataType.INT32);
    assertThat(cast.getCall().getFunction()).isEqualTo(Function.CAST);
    Expr modulo = cast.getCall().getArgs(0);
    assertThat(modulo.getCall().getFunction()).isEqualTo(Function.MODULO);
    assertThat(modulo.getType()).isEqualTo(DataType.INT64);
    assertThat(modulo.getCall().getArgs(1).getCall().getFunction()).isEqualTo(Function.CAST);
    Expr negated = select("-fare_amount AS neg").get(0);
    assertThat(negated.getCall().getFunction()).isEqualTo(Function.NEGATE);
    assertThat(negated.getType()).isEqualTo(DataType.FLOAT64);
  }

  @Test
  void inListsAndBetweenAreExpandedIntoComparisons() {
    assertThat(where("payment_type IN ('CSH', 'CRD')"))
        .isEqualTo("((payment_type = 'CRD') OR (payment_type = 'CSH'))");
    assertThat(where("passenger_count BETWEEN 1 AND 3"))
        .isEqualTo("((passenger_count >= 1) AND (passenger_count <= 3))");
    assertThat(where("passenger_count NOT IN (1, 2)"))
        .isEqualTo("((passenger_count <> 1) AND (passenger_count <> 2))");
    assertThat(where("fare_amount NOT BETWEEN 1 AND 2"))
        .isEqualTo("((fare_amount < 1.0) OR (fare_amount > 2.0))");
  }

  @Test
  void booleanPredicatesAndNullTests() {
    // In WHERE, "x IS TRUE" keeps the same rows as "x".
    assertThat(where("store_and_fwd IS TRUE")).isEqualTo("store_and_fwd");
    List<Expr> exprs =
        select(
            "store_and_fwd IS TRUE AS a, store_and_fwd IS NOT TRUE AS b,"
                + " store_and_fwd IS FALSE AS c, store_and_fwd IS NOT FALSE AS d");
    assertThat(exprs)
        .extracting(e -> e.getCall().getFunction())
        .containsExactly(
            Function.IS_TRUE, Function.IS_NOT_TRUE, Function.IS_FALSE, Function.IS_NOT_FALSE);
    assertThat(exprs).noneMatch(Expr::getNullable);
    assertThat(where("tip_amount IS NULL OR NOT store_and_fwd"))
        .isEqualTo("(tip_amount IS NULL OR NOT store_and_fwd)");
  }

  @Test
  void dateAndTimestampLiteralsAreDaysAndMicros() {
    PlannedQuery planned =
        planChecked(
            "SELECT trip_id FROM nyc_taxi WHERE pickup_day >= DATE '2009-01-02'"
                + " AND pickup_datetime < TIMESTAMP '2009-01-02 03:04:05.123456'",
            "SELECT * FROM nyc_taxi_map");
    Expr predicate = PlanAssertions.hbeeFilter(planned, 0);
    Expr day = predicate.getCall().getArgs(0).getCall().getArgs(1);
    assertThat(day.getType()).isEqualTo(DataType.DATE32);
    assertThat(day.getLiteral().getDate32Value()).isEqualTo(14246);
    Expr time = predicate.getCall().getArgs(1).getCall().getArgs(1);
    assertThat(time.getType()).isEqualTo(DataType.TIMESTAMP_MICROS);
    assertThat(time.getLiteral().getTimestampMicrosValue())
        .isEqualTo(14246L * 86_400_000_000L + 11_045_123_456L);
  }

  @Test
  void stringComparedWithDateBecomesADate() {
    assertThat(where("pickup_day > '2009-01-01'")).isEqualTo("(pickup_day > DATE '2009-01-01')");
  }

  @Test
  void caseCoalesceAndNullifBecomeCaseWithUnpaddedStrings() {
    List<Expr> exprs =
        select(
            "CASE WHEN fare_amount > 10 THEN 'big' ELSE 'small' END AS size,"
                + " COALESCE(payment_type, 'none') AS payment,"
                + " NULLIF(passenger_count, 0) AS passengers");
    Expr size = exprs.get(0);
    assertThat(size.getType()).isEqualTo(DataType.UTF8);
    assertThat(size.getCall().getFunction()).isEqualTo(Function.CASE);
    assertThat(size.getCall().getArgs(1).getLiteral().getUtf8Value()).isEqualTo("big");
    assertThat(size.getCall().getArgs(2).getLiteral().getUtf8Value()).isEqualTo("small");
    Expr payment = exprs.get(1);
    assertThat(payment.getCall().getFunction()).isEqualTo(Function.CASE);
    assertThat(payment.getNullable()).isFalse();
    Expr passengers = exprs.get(2);
    assertThat(passengers.getCall().getFunction()).isEqualTo(Function.CASE);
    assertThat(passengers.getType()).isEqualTo(DataType.INT32);
    assertThat(passengers.getNullable()).isTrue();
  }

  @Test
  void castsToNarrowAndApproximateTypesMapToBuzzTypes() {
    List<Expr> exprs =
        select(
            "CAST(passenger_count AS SMALLINT) AS a, CAST(trip_id AS REAL) AS b,"
                + " CAST(trip_id AS VARCHAR) AS c, CAST(fare_amount AS DECIMAL(10, 2)) AS d,"
                + " CAST(trip_id AS INTEGER) AS e");
    assertThat(exprs.get(0).getType()).isEqualTo(DataType.INT32);
    assertThat(exprs.get(0).getKindCase()).isEqualTo(Expr.KindCase.COLUMN);
    assertThat(exprs.get(1).getType()).isEqualTo(DataType.FLOAT32);
    assertThat(exprs.get(2).getType()).isEqualTo(DataType.UTF8);
    assertThat(ValueType.of(exprs.get(3))).isEqualTo(ValueType.decimal(10, 2));
    assertThat(exprs.get(3).getCall().getFunction()).isEqualTo(Function.CAST);
    assertThat(exprs.get(4).getType()).isEqualTo(DataType.INT32);
    assertThat(exprs.get(4).getCall().getFunction()).isEqualTo(Function.CAST);
  }

  @Test
  void extractOfDatesAndTimestamps() {
    List<Expr> exprs =
        select(
            "EXTRACT(YEAR FROM pickup_day) AS y, EXTRACT(MONTH FROM pickup_datetime) AS m,"
                + " EXTRACT(DAY FROM pickup_datetime) AS d, EXTRACT(MINUTE FROM pickup_datetime) AS"
                + " mi, EXTRACT(SECOND FROM pickup_datetime) AS s");
    assertThat(exprs)
        .extracting(e -> e.getCall().getFunction())
        .containsExactly(
            Function.EXTRACT_YEAR,
            Function.EXTRACT_MONTH,
            Function.EXTRACT_DAY,
            Function.EXTRACT_MINUTE,
            Function.EXTRACT_SECOND);
    assertThat(exprs).allMatch(e -> e.getType() == DataType.INT64);
  }

  @Test
  void constantsAreFolded() {
    assertThat(where("fare_amount > 2 * 5 + 1")).isEqualTo("(fare_amount > 11.0)");
  }

  @Test
  void countOfNullableColumnCountsValuesAndCountOfNonNullColumnCountsRows() {
    PlannedQuery planned =
        planChecked(
            "SELECT COUNT(*) AS all_rows, COUNT(tip_amount) AS tipped, COUNT(trip_id) AS ids,"
                + " SUM(passenger_count) AS passengers FROM nyc_taxi",
            "SELECT SUM(all_rows) AS all_rows, SUM(tipped) AS tipped, SUM(ids) AS ids,"
                + " SUM(passengers) AS passengers FROM nyc_taxi_map");
    List<AggregateCall> calls =
        planned.plan().getHbee().getOperators(0).getAggregate().getCallsList();
    assertThat(calls)
        .extracting(AggregateCall::getFunction)
        .containsExactly(
            AggregateFunction.COUNT_STAR, AggregateFunction.COUNT, AggregateFunction.SUM);
    assertThat(PlanAssertions.scan(planned))
        .containsExactly(
            "passenger_count INT32 NULL <- parquet passenger_count",
            "tip_amount FLOAT64 NULL <- parquet tip_amount");
    assertThat(calls.get(1).getArgument()).isEqualTo(1);
    // COUNT(trip_id) over a NOT NULL column is COUNT(*): Calcite computes it once for both.
    assertThat(fields(planned.plan().getHbee().getOutputSchema()))
        .containsExactly("all_rows INT64", "tipped INT64", "passengers INT64 NULL");
    assertThat(fields(planned.resultSchema()))
        .containsExactly(
            "all_rows INT64 NULL", "tipped INT64 NULL", "ids INT64 NULL", "passengers INT64 NULL");
  }

  @Test
  void stringsComparedWithTimestampsKeepMicroseconds() {
    PlannedQuery planned =
        planChecked(
            "SELECT trip_id FROM nyc_taxi WHERE pickup_datetime >= '2009-01-02 03:04:05.123456'"
                + " AND pickup_datetime < '2009-01-03'",
            "SELECT * FROM nyc_taxi_map");
    Expr predicate = PlanAssertions.hbeeFilter(planned, 0);
    assertThat(predicate.getCall().getArgs(0).getCall().getArgs(1).getLiteral())
        .extracting(l -> l.getTimestampMicrosValue())
        .isEqualTo(14246L * 86_400_000_000L + 11_045_123_456L);
    assertThat(predicate.getCall().getArgs(1).getCall().getArgs(1).getLiteral())
        .extracting(l -> l.getTimestampMicrosValue())
        .isEqualTo(14247L * 86_400_000_000L);
  }

  @Test
  void countStarReadsNoColumnValues() {
    PlannedQuery partitioned =
        planChecked("SELECT COUNT(*) AS n FROM nyc_taxi", "SELECT * FROM nyc_taxi_map");
    assertThat(PlanAssertions.scan(partitioned))
        .containsExactly("pickup_date UTF8 <- partition pickup_date");
    TableSchema flat =
        new TableSchema(
            "nyc_taxi",
            List.of(
                io.buzz.plan.sql.TableColumn.data("name", DataType.UTF8, true),
                io.buzz.plan.sql.TableColumn.data("amount", DataType.FLOAT64, true),
                io.buzz.plan.sql.TableColumn.data("day", DataType.DATE32, true)));
    PlannedQuery planned =
        PlanFixtures.PLANNER.plan(
            PlanFixtures.query("SELECT COUNT(*) AS n FROM nyc_taxi", "SELECT * FROM nyc_taxi_map"),
            flat);
    // no partition column: a rows-only column, whose pages the HBees never read
    assertThat(PlanAssertions.scan(planned)).containsExactly("$rows UTF8 NULL <- row count only");
  }

  @Test
  void alwaysFalseFiltersAndLimitZeroReadNothingButKeepTheSchema() {
    for (String hbee :
        List.of(
            "SELECT trip_id, vendor_id FROM nyc_taxi WHERE fare_amount = NULL",
            "SELECT trip_id, vendor_id FROM nyc_taxi WHERE 1 = 0",
            "SELECT trip_id, vendor_id FROM nyc_taxi LIMIT 0")) {
      PlannedQuery planned = planChecked(hbee, "SELECT * FROM nyc_taxi_map");
      HBeePlan plan = planned.plan().getHbee();
      assertThat(PlanAssertions.scan(planned))
          .as(hbee)
          .containsExactly("pickup_date UTF8 <- partition pickup_date");
      assertThat(plan.getOperators(0).getFilter().getPredicate()).isEqualTo(Exprs.bool(false));
      assertThat(fields(planned.resultSchema()))
          .as(hbee)
          .containsExactly("trip_id INT64", "vendor_id UTF8 NULL");
    }
  }

  @Test
  void longInListsStayComparisonsInsteadOfAJoin() {
    StringBuilder values = new StringBuilder();
    for (int i = 0; i < 50; i++) {
      values.append(i == 0 ? "" : ", ").append(i * 3);
    }
    PlannedQuery planned =
        planChecked(
            "SELECT trip_id FROM nyc_taxi WHERE trip_id IN (" + values + ")",
            "SELECT * FROM nyc_taxi_map");
    Expr predicate = PlanAssertions.hbeeFilter(planned, 0);
    assertThat(predicate.getCall().getFunction()).isEqualTo(Function.OR);
    assertThat(predicate.getCall().getArgsList())
        .hasSize(50)
        .allMatch(e -> e.getCall().getFunction() == Function.EQUAL);
  }
}
