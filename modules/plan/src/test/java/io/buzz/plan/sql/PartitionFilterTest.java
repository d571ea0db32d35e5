package io.buzz.plan.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import io.buzz.plan.physical.ExprFormatter;
import io.buzz.protocol.plan.DataType;
import io.buzz.protocol.plan.Expr;
import io.buzz.protocol.plan.Function;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The HBee step's partition_filter: partition columns only, BOOL, positions in its own text. */
class PartitionFilterTest {
  private static final String HBEE = "SELECT trip_id FROM nyc_taxi";
  private static final String HCOMB = "SELECT * FROM nyc_taxi_map";

  /** A table partitioned by year and month, in that order, after its data columns. */
  private static final TableSchema BY_MONTH =
      new TableSchema(
          "nyc_taxi",
          List.of(
              TableColumn.data("trip_id", DataType.INT64, false),
              TableColumn.partition("year"),
              TableColumn.data("fare_amount", DataType.FLOAT64, true),
              TableColumn.partition("month")));

  private static PlannedQuery plan(TableSchema table, String filter) {
    PlannedQuery planned =
        PlanFixtures.PLANNER.plan(PlanFixtures.query(HBEE, HCOMB, Optional.of(filter)), table);
    PlanAssertions.check(planned);
    return planned;
  }

  private static BuzzException error(TableSchema table, String filter) {
    return catchThrowableOfType(BuzzException.class, () -> plan(table, filter));
  }

  private static String text(PlannedQuery planned) {
    return ExprFormatter.format(planned.partitionFilter().orElseThrow(), planned.partitionSchema());
  }

  @Test
  void columnsReferToThePartitionSchemaInTableOrder() {
    PlannedQuery planned = plan(BY_MONTH, "\"month\" = '02' AND \"year\" >= '2009'");
    assertThat(PlanAssertions.fields(planned.partitionSchema()))
        .containsExactly("year UTF8", "month UTF8");
    Expr filter = planned.partitionFilter().orElseThrow();
    assertThat(filter.getType()).isEqualTo(DataType.BOOL);
    assertThat(filter.getCall().getFunction()).isEqualTo(Function.AND);
    assertThat(text(planned)).isEqualTo("((month = '02') AND (year >= '2009'))");
    assertThat(filter.getCall().getArgs(0).getCall().getArgs(0).getColumn()).isEqualTo(1);
    assertThat(filter.getCall().getArgs(1).getCall().getArgs(0).getColumn()).isEqualTo(0);
  }

  @Test
  void inListsAreExpandedAndConstantsFolded() {
    assertThat(text(plan(BY_MONTH, "\"month\" IN ('01', '02') OR 1 = 2")))
        .isEqualTo("((month = '01') OR (month = '02'))");
    assertThat(text(plan(BY_MONTH, "1 = 1"))).isEqualTo("TRUE");
  }

  @Test
  void castsOfPartitionValuesAreAllowed() {
    assertThat(
            text(
                plan(
                    BY_MONTH,
                    "CAST(\"year\" AS INTEGER) * 100 + CAST(\"Month\" AS INTEGER) > 200901")))
        .isEqualTo("(((CAST(year AS INT32) * 100) + CAST(month AS INT32)) > 200901)");
  }

  @Test
  void reservedWordsAsColumnNamesMustBeQuoted() {
    BuzzException e = error(BY_MONTH, "year = '2009'");
    assertThat(e.code()).isEqualTo(ErrorCode.BAD_QUERY);
    assertThat(e.getMessage())
        .isEqualTo(
            "partition_filter of step 'nyc_taxi_map': SQL syntax error at line 1, column 1:"
                + " Encountered \"year =\"; year is a reserved word in SQL: to use it as a name,"
                + " quote it: \"year\"");
  }

  @Test
  void noFilterGivesNoExpression() {
    PlannedQuery planned = PlanFixtures.plan(HBEE, HCOMB);
    assertThat(planned.partitionFilter()).isEmpty();
    assertThat(PlanAssertions.fields(planned.partitionSchema()))
        .containsExactly("pickup_date UTF8");
  }

  @Test
  void nonPartitionColumnIsRejectedWithItsPosition() {
    BuzzException e = error(PlanFixtures.NYC_TAXI, "fare_amount > 10");
    assertThat(e.code()).isEqualTo(ErrorCode.BAD_QUERY);
    assertThat(e.getMessage())
        .isEqualTo(
            "partition_filter of step 'nyc_taxi_map' references column 'fare_amount' (line 1,"
                + " column 1), which is not a partition column of catalog 'nyc_taxi'; partition"
                + " columns: pickup_date");
  }

  @Test
  void positionsPointIntoTheFilterText() {
    BuzzException e = error(BY_MONTH, "\"year\" = '2009'\n  AND fare_amount > 10");
    assertThat(e.getMessage()).contains("'fare_amount' (line 2, column 7)");
  }

  @Test
  void tableWithoutPartitionColumnsSaysSo() {
    TableSchema flat =
        new TableSchema("nyc_taxi", List.of(TableColumn.data("trip_id", DataType.INT64, false)));
    BuzzException e = error(flat, "trip_id = 1");
    assertThat(e.code()).isEqualTo(ErrorCode.BAD_QUERY);
    assertThat(e.getMessage())
        .endsWith(
            "which is not a partition column of catalog 'nyc_taxi'; partition columns: (none)");
  }

  @Test
  void unknownAndUnsupportedColumns() {
    BuzzException unknown = error(PlanFixtures.NYC_TAXI, "pickup_dat = '2009-01-01'");
    assertThat(unknown.code()).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(unknown.getMessage())
        .contains("references column 'pickup_dat' (line 1, column 1), which is not a column");
    BuzzException unsupported = error(PlanFixtures.NYC_TAXI, "congestion_surcharge > 0");
    assertThat(unsupported.code()).isEqualTo(ErrorCode.BAD_QUERY);
    assertThat(unsupported.getMessage()).contains("which is not a partition column");
  }

  @Test
  void resultMustBeBoolean() {
    BuzzException e = error(PlanFixtures.NYC_TAXI, "pickup_date");
    assertThat(e.code()).isEqualTo(ErrorCode.BAD_QUERY);
    assertThat(e.getMessage())
        .isEqualTo(
            "partition_filter of step 'nyc_taxi_map' must be a boolean condition, but its type is"
                + " VARCHAR NOT NULL");
  }

  @Test
  void syntaxErrorsAndUnsupportedConstructs() {
    BuzzException syntax = error(PlanFixtures.NYC_TAXI, "pickup_date <= ");
    assertThat(syntax.code()).isEqualTo(ErrorCode.BAD_QUERY);
    assertThat(syntax.getMessage())
        .startsWith("partition_filter of step 'nyc_taxi_map': SQL syntax error at line 1, column");
    BuzzException aggregate = error(PlanFixtures.NYC_TAXI, "COUNT(*) > 1");
    assertThat(aggregate.code()).isEqualTo(ErrorCode.BAD_QUERY);
    assertThat(aggregate.getMessage())
        .isEqualTo(
            "partition_filter of step 'nyc_taxi_map': aggregate function COUNT (line 1, column 1)"
                + " is not allowed here");
    BuzzException similar = error(PlanFixtures.NYC_TAXI, "pickup_date SIMILAR TO '2009%'");
    assertThat(similar.code()).isEqualTo(ErrorCode.UNSUPPORTED);
    BuzzException subquery = error(PlanFixtures.NYC_TAXI, "pickup_date IN (SELECT 1)");
    assertThat(subquery.code()).isEqualTo(ErrorCode.UNSUPPORTED);
  }

  @Test
  void unsupportedColumnsOfTheTableAreNotPartitionColumns() {
    TableSchema table =
        new TableSchema(
            "nyc_taxi",
            List.of(TableColumn.data("trip_id", DataType.INT64, false), TableColumn.partition("d")),
            Map.of("amount", "Parquet type DECIMAL(10,2) is not supported yet"));
    assertThat(error(table, "amount > 0").getMessage()).contains("partition columns: d");
  }
}
