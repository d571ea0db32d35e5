package io.buzz.plan.sql;

import static io.buzz.plan.sql.PlanAssertions.fields;
import static io.buzz.plan.sql.PlanAssertions.kinds;
import static io.buzz.plan.sql.PlanAssertions.planChecked;
import static io.buzz.plan.sql.PlanAssertions.scan;
import static org.assertj.core.api.Assertions.assertThat;

import io.buzz.plan.json.QueryJson;
import io.buzz.plan.physical.ExprFormatter;
import io.buzz.plan.physical.PlanInvariants;
import io.buzz.protocol.plan.Aggregate;
import io.buzz.protocol.plan.AggregateCall;
import io.buzz.protocol.plan.AggregateFunction;
import io.buzz.protocol.plan.DataType;
import io.buzz.protocol.plan.Expr;
import io.buzz.protocol.plan.Function;
import io.buzz.protocol.plan.HBeePlan;
import io.buzz.protocol.plan.HCombPlan;
import io.buzz.protocol.plan.Limit;
import io.buzz.protocol.plan.Sort;
import io.buzz.protocol.plan.SortKey;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shape of the HBee and HComb plans for the queries Buzz is built for. */
class QueryPlannerShapesTest {
  static final String SEED_JSON =
      """
      {"steps":[{"sql":"SELECT payment_type, COUNT(payment_type) AS payment_type_count FROM nyc_taxi GROUP BY payment_type","name":"nyc_taxi_map","step_type":"HBee","partition_filter":"pickup_date<='2009-01-05'"},{"sql":"SELECT payment_type, SUM(payment_type_count) FROM nyc_taxi_map GROUP BY payment_type","name":"nyc_taxi_reduce","step_type":"HComb"}],"capacity":{"zones":1},"catalogs":[{"name":"nyc_taxi","type":"DeltaLake","uri":"s3://bucket/delta-tables/nyc-taxi-daily"}]}
      """;

  @Test
  void seedExampleCountsPerFileAndSumsInTheHComb() {
    PlannedQuery planned =
        PlanFixtures.PLANNER.plan(QueryJson.parse(SEED_JSON), PlanFixtures.NYC_TAXI);
    PlanAssertions.check(planned);
    HBeePlan hbee = planned.plan().getHbee();
    assertThat(scan(planned)).containsExactly("payment_type UTF8 NULL <- parquet payment_type");
    assertThat(kinds(hbee.getOperatorsList())).containsExactly("AGGREGATE PARTIAL");
    Aggregate partial = hbee.getOperators(0).getAggregate();
    assertThat(partial.getGroupByList()).containsExactly(0);
    assertThat(partial.getCallsList())
        .containsExactly(call(AggregateFunction.COUNT, 0, "payment_type_count"));
    assertThat(fields(hbee.getOutputSchema()))
        .containsExactly("payment_type UTF8 NULL", "payment_type_count INT64");

    HCombPlan hcomb = planned.plan().getHcomb();
    assertThat(hcomb.getMerge().getAggregate().getCallsList()).isEqualTo(partial.getCallsList());
    assertThat(kinds(List.of(hcomb.getMerge()))).containsExactly("AGGREGATE FINAL");
    assertThat(kinds(hcomb.getOperatorsList())).containsExactly("AGGREGATE SINGLE");
    Aggregate reduce = hcomb.getOperators(0).getAggregate();
    assertThat(reduce.getCalls(0).getName()).isEqualTo("SUM(payment_type_count)");
    assertThat(reduce.getCalls(0).getFunction()).isEqualTo(AggregateFunction.SUM);
    assertThat(reduce.getCalls(0).getArgument()).isEqualTo(1);
    assertThat(fields(planned.resultSchema()))
        .containsExactly("payment_type UTF8 NULL", "SUM(payment_type_count) INT64");
    assertThat(planned.resultSchema()).isEqualTo(hcomb.getOutputSchema());

    assertThat(fields(planned.partitionSchema())).containsExactly("pickup_date UTF8");
    assertThat(
            ExprFormatter.format(
                planned.partitionFilter().orElseThrow(), planned.partitionSchema()))
        .isEqualTo("(pickup_date <= '2009-01-05')");
    assertThat(planned.explain())
        .isEqualTo(
            """
            partition filter: (pickup_date <= '2009-01-05')
            HBee (per file):
              scan: payment_type UTF8 NULL <- parquet payment_type
              aggregate PARTIAL: group by [payment_type], calls [payment_type_count :=\
             COUNT(payment_type)]
              output: payment_type UTF8 NULL, payment_type_count INT64
            HComb (per query):
              merge: aggregate FINAL: group by [payment_type], calls [payment_type_count :=\
             COUNT(payment_type)]
              aggregate SINGLE: group by [payment_type], calls [SUM(payment_type_count) :=\
             SUM(payment_type_count)]
              output: payment_type UTF8 NULL, SUM(payment_type_count) INT64""");
  }

  @Test
  void partitionPrunedFilterReadsThePartitionColumnFromThePath() {
    PlannedQuery planned =
        planChecked(
            "SELECT pickup_date, COUNT(*) AS trips FROM nyc_taxi"
                + " WHERE pickup_date >= '2009-01-02' GROUP BY pickup_date",
            "SELECT pickup_date, SUM(trips) AS trips FROM nyc_taxi_map GROUP BY pickup_date",
            "pickup_date BETWEEN '2009-01-01' AND '2009-01-31'");
    assertThat(scan(planned)).containsExactly("pickup_date UTF8 <- partition pickup_date");
    HBeePlan hbee = planned.plan().getHbee();
    assertThat(kinds(hbee.getOperatorsList())).containsExactly("FILTER", "AGGREGATE PARTIAL");
    assertThat(
            ExprFormatter.format(PlanAssertions.hbeeFilter(planned, 0), planned.partitionSchema()))
        .isEqualTo("(pickup_date >= '2009-01-02')");
    assertThat(
            ExprFormatter.format(
                planned.partitionFilter().orElseThrow(), planned.partitionSchema()))
        .as("the given partition filter, and the WHERE's condition on the partition column")
        .isEqualTo(
            "(((pickup_date >= '2009-01-01') AND (pickup_date <= '2009-01-31'))"
                + " AND (pickup_date >= '2009-01-02'))");
    assertThat(hbee.getOperators(1).getAggregate().getCalls(0).getFunction())
        .isEqualTo(AggregateFunction.COUNT_STAR);
  }

  @Test
  void multiAggregateWithNullGroupsHavingAndOrderBy() {
    PlannedQuery planned =
        planChecked(
            "SELECT payment_type, COUNT(*) AS n, COUNT(tip_amount) AS tipped,"
                + " SUM(fare_amount) AS fares, MIN(fare_amount) AS lo, MAX(passenger_count) AS hi,"
                + " AVG(tip_amount) AS avg_tip"
                + " FROM nyc_taxi GROUP BY payment_type",
            "SELECT payment_type, SUM(n) AS n, SUM(tipped) AS tipped, SUM(fares) AS fares,"
                + " MIN(lo) AS lo, MAX(hi) AS hi, AVG(avg_tip) AS avg_tip FROM nyc_taxi_map"
                + " GROUP BY payment_type HAVING SUM(n) > 10 ORDER BY payment_type");
    HBeePlan hbee = planned.plan().getHbee();
    Aggregate partial = hbee.getOperators(hbee.getOperatorsCount() - 1).getAggregate();
    assertThat(partial.getCallsList())
        .extracting(AggregateCall::getFunction)
        .containsExactly(
            AggregateFunction.COUNT_STAR,
            AggregateFunction.COUNT,
            AggregateFunction.SUM,
            AggregateFunction.MIN,
            AggregateFunction.MAX,
            AggregateFunction.AVG);
    assertThat(fields(hbee.getOutputSchema()))
        .containsExactly(
            "payment_type UTF8 NULL",
            "n INT64",
            "tipped INT64",
            "fares FLOAT64 NULL",
            "lo FLOAT64 NULL",
            "hi INT32 NULL",
            "avg_tip$sum FLOAT64 NULL",
            "avg_tip$count INT64");
    HCombPlan hcomb = planned.plan().getHcomb();
    assertThat(kinds(List.of(hcomb.getMerge()))).containsExactly("AGGREGATE FINAL");
    assertThat(kinds(hcomb.getOperatorsList()))
        .containsExactly("AGGREGATE SINGLE", "FILTER", "SORT");
    Sort sort = hcomb.getOperators(2).getSort();
    assertThat(sort.getKeysList())
        .containsExactly(SortKey.newBuilder().setColumn(0).setNullsFirst(false).build());
    assertThat(sort.hasFetch()).isFalse();
    assertThat(fields(planned.resultSchema()))
        .containsExactly(
            "payment_type UTF8 NULL",
            "n INT64",
            "tipped INT64",
            "fares FLOAT64 NULL",
            "lo FLOAT64 NULL",
            "hi INT32 NULL",
            "avg_tip FLOAT64 NULL");
  }

  @Test
  void timestampExtractThenTopN() {
    PlannedQuery planned =
        planChecked(
            "SELECT EXTRACT(HOUR FROM pickup_datetime) AS pickup_hour, COUNT(*) AS trips"
                + " FROM nyc_taxi GROUP BY EXTRACT(HOUR FROM pickup_datetime)",
            "SELECT pickup_hour, SUM(trips) AS trips FROM nyc_taxi_map GROUP BY pickup_hour"
                + " ORDER BY trips DESC LIMIT 3");
    HBeePlan hbee = planned.plan().getHbee();
    assertThat(scan(planned))
        .containsExactly("pickup_datetime TIMESTAMP_MICROS NULL <- parquet pickup_datetime");
    assertThat(kinds(hbee.getOperatorsList())).containsExactly("PROJECT", "AGGREGATE PARTIAL");
    Expr hour = hbee.getOperators(0).getProject().getExprs(0).getExpr();
    assertThat(hour.getCall().getFunction()).isEqualTo(Function.EXTRACT_HOUR);
    assertThat(hour.getType()).isEqualTo(DataType.INT64);
    HCombPlan hcomb = planned.plan().getHcomb();
    assertThat(kinds(hcomb.getOperatorsList())).containsExactly("AGGREGATE SINGLE", "SORT");
    Sort topN = hcomb.getOperators(1).getSort();
    assertThat(topN.getFetch()).isEqualTo(3);
    assertThat(topN.getKeys(0))
        .isEqualTo(SortKey.newBuilder().setColumn(1).setDescending(true).build());
    assertThat(fields(planned.resultSchema()))
        .containsExactly("pickup_hour INT64 NULL", "trips INT64");
  }

  @Test
  void filteredProjectionTopNRunsInEveryHBeeAndMergesInTheHComb() {
    PlannedQuery planned =
        planChecked(
            "SELECT vendor_id, fare_amount FROM nyc_taxi WHERE passenger_count > 1"
                + " ORDER BY fare_amount DESC LIMIT 10",
            "SELECT * FROM nyc_taxi_map");
    HBeePlan hbee = planned.plan().getHbee();
    assertThat(kinds(hbee.getOperatorsList())).containsExactly("FILTER", "PROJECT", "SORT");
    Sort local = hbee.getOperators(2).getSort();
    assertThat(local.getFetch()).isEqualTo(10);
    assertThat(local.getOffset()).isZero();
    assertThat(local.getKeys(0))
        .isEqualTo(SortKey.newBuilder().setColumn(1).setDescending(true).build());
    HCombPlan hcomb = planned.plan().getHcomb();
    assertThat(hcomb.getMerge().getSort()).isEqualTo(local);
    assertThat(hcomb.getOperatorsList()).isEmpty();
    assertThat(fields(planned.resultSchema()))
        .containsExactly("vendor_id UTF8 NULL", "fare_amount FLOAT64 NULL");
  }

  @Test
  void topNWithOffsetKeepsOffsetPlusFetchPerFile() {
    PlannedQuery planned =
        planChecked(
            "SELECT trip_id, fare_amount FROM nyc_taxi ORDER BY fare_amount LIMIT 10 OFFSET 5",
            "SELECT * FROM nyc_taxi_map");
    assertThat(kinds(planned.plan().getHbee().getOperatorsList()))
        .containsExactly("PROJECT", "SORT");
    Sort local = planned.plan().getHbee().getOperators(1).getSort();
    assertThat(local.getFetch()).isEqualTo(15);
    assertThat(local.getOffset()).isZero();
    Sort merge = planned.plan().getHcomb().getMerge().getSort();
    assertThat(merge.getFetch()).isEqualTo(10);
    assertThat(merge.getOffset()).isEqualTo(5);
    assertThat(merge.getKeys(0).getNullsFirst()).isFalse();
  }

  @Test
  void highCardinalityGroupByKeepsOneStatePerKey() {
    PlannedQuery planned =
        planChecked(
            "SELECT trip_id, SUM(fare_amount) AS fare FROM nyc_taxi GROUP BY trip_id",
            "SELECT trip_id, SUM(fare) AS fare FROM nyc_taxi_map GROUP BY trip_id");
    assertThat(scan(planned))
        .containsExactly(
            "fare_amount FLOAT64 NULL <- parquet fare_amount", "trip_id INT64 <- parquet trip_id");
    assertThat(kinds(planned.plan().getHbee().getOperatorsList()))
        .containsExactly("AGGREGATE PARTIAL");
    Aggregate partial = planned.plan().getHbee().getOperators(0).getAggregate();
    assertThat(partial.getGroupByList()).containsExactly(1);
    assertThat(partial.getCallsList()).containsExactly(call(AggregateFunction.SUM, 0, "fare"));
    assertThat(fields(planned.plan().getHbee().getOutputSchema()))
        .containsExactly("trip_id INT64", "fare FLOAT64 NULL");
    assertThat(fields(planned.resultSchema()))
        .containsExactly("trip_id INT64", "fare FLOAT64 NULL");
  }

  @Test
  void countDistinctWrittenAsTwoSteps() {
    PlannedQuery planned =
        planChecked(
            "SELECT DISTINCT payment_type FROM nyc_taxi",
            "SELECT COUNT(payment_type) AS payment_types FROM nyc_taxi_map");
    Aggregate distinct = planned.plan().getHbee().getOperators(0).getAggregate();
    assertThat(distinct.getGroupByList()).containsExactly(0);
    assertThat(distinct.getCallsList()).isEmpty();
    HCombPlan hcomb = planned.plan().getHcomb();
    assertThat(kinds(List.of(hcomb.getMerge()))).containsExactly("AGGREGATE FINAL");
    assertThat(kinds(hcomb.getOperatorsList())).containsExactly("AGGREGATE SINGLE");
    Aggregate count = hcomb.getOperators(0).getAggregate();
    assertThat(count.getGroupByList()).isEmpty();
    assertThat(count.getCallsList())
        .containsExactly(call(AggregateFunction.COUNT, 0, "payment_types"));
    assertThat(fields(planned.resultSchema())).containsExactly("payment_types INT64");
  }

  @Test
  void pureProjectionHasNoBlockingOperator() {
    PlannedQuery planned =
        planChecked(
            "SELECT trip_id, fare_amount * 2 AS double_fare FROM nyc_taxi WHERE fare_amount > 0",
            "SELECT trip_id, double_fare FROM nyc_taxi_map");
    assertThat(kinds(planned.plan().getHbee().getOperatorsList()))
        .containsExactly("FILTER", "PROJECT");
    HCombPlan hcomb = planned.plan().getHcomb();
    assertThat(hcomb.hasMerge()).isFalse();
    assertThat(hcomb.getOperatorsList()).isEmpty();
    assertThat(fields(planned.resultSchema()))
        .containsExactly("trip_id INT64", "double_fare FLOAT64 NULL");
    assertThat(planned.explain()).contains("merge: collect all rows");
  }

  @Test
  void limitWithoutOrderByKeepsOffsetPlusFetchPerFile() {
    PlannedQuery planned =
        planChecked(
            "SELECT vendor_id FROM nyc_taxi LIMIT 5 OFFSET 2", "SELECT * FROM nyc_taxi_map");
    assertThat(planned.plan().getHbee().getOperators(0).getLimit())
        .isEqualTo(Limit.newBuilder().setFetch(7).build());
    assertThat(planned.plan().getHcomb().getMerge().getLimit())
        .isEqualTo(Limit.newBuilder().setOffset(2).setFetch(5).build());
  }

  @Test
  void selectStarScansEveryUsableColumnFromItsSource() {
    PlannedQuery planned = planChecked("SELECT * FROM nyc_taxi", "SELECT * FROM nyc_taxi_map");
    assertThat(scan(planned))
        .hasSize(11)
        .startsWith("vendor_id UTF8 NULL <- parquet vendor_id")
        .endsWith("pickup_date UTF8 <- partition pickup_date")
        .noneMatch(c -> c.contains("congestion_surcharge"));
    assertThat(planned.plan().getHbee().getOperatorsList()).isEmpty();
    assertThat(planned.plan().getHcomb().getOperatorsList()).isEmpty();
    assertThat(planned.resultSchema()).isEqualTo(planned.plan().getHbee().getOutputSchema());
  }

  @Test
  void partitionColumnsInSelectAndWhere() {
    PlannedQuery planned =
        planChecked(
            "SELECT pickup_date, fare_amount FROM nyc_taxi WHERE pickup_date = '2009-01-01'",
            "SELECT pickup_date, fare_amount FROM nyc_taxi_map");
    assertThat(scan(planned))
        .containsExactly(
            "fare_amount FLOAT64 NULL <- parquet fare_amount",
            "pickup_date UTF8 <- partition pickup_date");
    HBeePlan hbee = planned.plan().getHbee();
    assertThat(kinds(hbee.getOperatorsList())).containsExactly("FILTER", "PROJECT");
    Expr predicate = PlanAssertions.hbeeFilter(planned, 0);
    assertThat(predicate.getCall().getArgs(0).getColumn()).isEqualTo(1);
    assertThat(predicate.getCall().getArgs(1).getLiteral().getUtf8Value()).isEqualTo("2009-01-01");
    assertThat(fields(planned.resultSchema()))
        .containsExactly("pickup_date UTF8", "fare_amount FLOAT64 NULL");
  }

  @Test
  void blockingOperatorOfTheHCombStepIsCutIntoTheHBees() {
    PlannedQuery planned =
        planChecked(
            "SELECT payment_type, fare_amount FROM nyc_taxi WHERE fare_amount > 0",
            "SELECT payment_type, AVG(fare_amount) AS avg_fare FROM nyc_taxi_map"
                + " GROUP BY payment_type");
    assertThat(kinds(planned.plan().getHbee().getOperatorsList()))
        .containsExactly("FILTER", "AGGREGATE PARTIAL");
    assertThat(planned.plan().getHcomb().getOperatorsList()).isEmpty();
    assertThat(fields(planned.resultSchema()))
        .containsExactly("payment_type UTF8 NULL", "avg_fare FLOAT64 NULL");
  }

  @Test
  void sortWithoutFetchRunsInTheHComb() {
    PlannedQuery planned =
        planChecked(
            "SELECT vendor_id, fare_amount FROM nyc_taxi",
            "SELECT * FROM nyc_taxi_map ORDER BY fare_amount DESC NULLS FIRST, vendor_id");
    assertThat(planned.plan().getHcomb().hasMerge()).isFalse();
    assertThat(kinds(planned.plan().getHcomb().getOperatorsList())).containsExactly("SORT");
    assertThat(planned.plan().getHcomb().getOperators(0).getSort().getKeysList())
        .containsExactly(
            SortKey.newBuilder().setColumn(1).setDescending(true).setNullsFirst(true).build(),
            SortKey.newBuilder().setColumn(0).build());
  }

  @Test
  void sortBeforeAnAggregateIsDropped() {
    PlannedQuery planned =
        planChecked(
            "SELECT payment_type FROM nyc_taxi ORDER BY payment_type",
            "SELECT payment_type, COUNT(*) AS n FROM nyc_taxi_map GROUP BY payment_type");
    assertThat(kinds(planned.plan().getHbee().getOperatorsList()))
        .containsExactly("AGGREGATE PARTIAL");
    assertThat(planned.plan().getHcomb().getOperatorsList()).isEmpty();
  }

  @Test
  void subqueryInFromStaysOneChain() {
    PlannedQuery planned =
        planChecked(
            "SELECT v, n FROM (SELECT vendor_id AS v, COUNT(*) AS n FROM nyc_taxi"
                + " WHERE fare_amount > 1 GROUP BY vendor_id) t WHERE v IS NOT NULL",
            "SELECT v, SUM(n) AS n FROM nyc_taxi_map GROUP BY 1 ORDER BY 2 DESC"
                + " FETCH FIRST 3 ROWS ONLY");
    assertThat(kinds(planned.plan().getHbee().getOperatorsList()))
        .containsExactly("FILTER", "AGGREGATE PARTIAL");
    assertThat(kinds(planned.plan().getHcomb().getOperatorsList()))
        .containsExactly("FILTER", "AGGREGATE SINGLE", "SORT", "PROJECT");
    assertThat(planned.plan().getHcomb().getOperators(2).getSort().getFetch()).isEqualTo(3);
    assertThat(fields(planned.resultSchema())).containsExactly("v UTF8 NULL", "n INT64");
  }

  @Test
  void globalAggregatesAreOneRowAggregatesInEveryMode() {
    PlannedQuery planned =
        planChecked(
            "SELECT COUNT(*) AS n, AVG(fare_amount) AS avg_fare, MAX(pickup_day) AS last_day"
                + " FROM nyc_taxi",
            "SELECT SUM(n) AS n, AVG(avg_fare) AS avg_fare, MAX(last_day) FROM nyc_taxi_map");
    Aggregate partial = planned.plan().getHbee().getOperators(0).getAggregate();
    assertThat(partial.getGroupByList()).isEmpty();
    assertThat(fields(planned.plan().getHbee().getOutputSchema()))
        .containsExactly(
            "n INT64", "avg_fare$sum FLOAT64 NULL", "avg_fare$count INT64", "last_day DATE32 NULL");
    Aggregate merge = planned.plan().getHcomb().getMerge().getAggregate();
    assertThat(merge.getGroupByList()).isEmpty();
    assertThat(kinds(planned.plan().getHcomb().getOperatorsList()))
        .containsExactly("AGGREGATE SINGLE");
    assertThat(fields(planned.resultSchema()))
        .containsExactly("n INT64 NULL", "avg_fare FLOAT64 NULL", "MAX(last_day) DATE32 NULL");
  }

  @Test
  void identifiersMatchCaseInsensitivelyAndKeepTheirSpelling() {
    PlannedQuery planned =
        planChecked(
            "SELECT PAYMENT_TYPE, \"Fare_Amount\" FROM NYC_TAXI", "SELECT * FROM NYC_TAXI_MAP");
    assertThat(fields(planned.resultSchema()))
        .containsExactly("PAYMENT_TYPE UTF8 NULL", "Fare_Amount FLOAT64 NULL");
  }

  @Test
  void plansOfEveryShapeKeepTheirInvariants() {
    String[][] steps = {
      {"SELECT * FROM nyc_taxi WHERE 1 = 0", "SELECT COUNT(*) FROM nyc_taxi_map"},
      {"SELECT COUNT(*) FROM nyc_taxi", "SELECT * FROM nyc_taxi_map"},
      {"SELECT * FROM nyc_taxi ORDER BY trip_id OFFSET 3", "SELECT trip_id FROM nyc_taxi_map"},
      {"SELECT vendor_id FROM nyc_taxi OFFSET 3", "SELECT * FROM nyc_taxi_map"},
      {"SELECT vendor_id FROM nyc_taxi LIMIT 0", "SELECT * FROM nyc_taxi_map LIMIT 1"},
    };
    for (String[] step : steps) {
      PlanInvariants.check(PlanFixtures.plan(step[0], step[1]).plan());
    }
  }

  private static AggregateCall call(AggregateFunction function, int argument, String name) {
    return AggregateCall.newBuilder()
        .setFunction(function)
        .setArgument(argument)
        .setName(name)
        .build();
  }
}
