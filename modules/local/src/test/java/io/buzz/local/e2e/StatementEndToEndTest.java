package io.buzz.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.buzz.datagen.TaxiDataGenerator;
import io.buzz.datagen.TaxiDataSpec;
import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import io.buzz.fuse.client.QueryResult;
import io.buzz.fuse.client.ResultRows;
import io.buzz.local.LocalStackConfig;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Queries written as one SQL statement through the whole local stack: the same answers as DuckDB
 * and as the query split into two steps by hand, files pruned by the WHERE clause's conditions on
 * partition columns, {@code EXPLAIN} answering with the plan without invoking anything, and a wrong
 * statement failing with its position while the server keeps serving.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatementEndToEndTest {
  /** 20k trips over 10 daily partitions. */
  private static final TaxiDataSpec DATA =
      new TaxiDataSpec(20_000, 10, LocalDate.of(2009, 1, 1), 1000);

  @TempDir static Path temp;

  private Path table;
  private E2eStack stack;
  private DuckDbOracle oracle;

  @BeforeAll
  void setUp() throws Exception {
    table = temp.resolve("nyc-taxi");
    TaxiDataGenerator.generate(table, DATA);
    stack = E2eStack.start(LocalStackConfig.defaults());
    oracle = new DuckDbOracle();
  }

  @AfterAll
  void tearDown() throws Exception {
    oracle.close();
    stack.close();
  }

  private QueryResult run(String json) throws Exception {
    return stack.run(json);
  }

  private QueryResult statement(String sql) throws Exception {
    return run(QueryJsonText.statement(sql, "nyc_taxi", table.toUri().toString()));
  }

  private List<List<Object>> duckDb(String sql) throws Exception {
    return oracle.answer(
        table, "nyc_taxi", "nyc_taxi_map", sql, Optional.empty(), "SELECT * FROM nyc_taxi_map");
  }

  @Test
  void aStatementAnswersLikeDuckDbAndLikeItsTwoStepForm() throws Exception {
    String sql =
        "SELECT payment_type, COUNT(*) AS trips, SUM(fare_amount) AS fares, AVG(tip_amount) AS tip"
            + " FROM nyc_taxi WHERE pickup_date <= '2009-01-04' AND trip_distance > 1"
            + " GROUP BY payment_type ORDER BY trips DESC, payment_type";
    List<List<Object>> expected = duckDb(sql);
    try (QueryResult one = statement(sql);
        QueryResult two =
            run(
                QueryJsonText.twoSteps(
                    "SELECT payment_type, COUNT(*) AS trips, SUM(fare_amount) AS fares,"
                        + " SUM(tip_amount) AS tips, COUNT(tip_amount) AS tipped FROM nyc_taxi"
                        + " WHERE trip_distance > 1 GROUP BY payment_type",
                    "pickup_date <= '2009-01-04'",
                    "SELECT payment_type, SUM(trips) AS trips, SUM(fares) AS fares,"
                        + " SUM(tips) / SUM(tipped) AS tip FROM nyc_taxi_map"
                        + " GROUP BY payment_type ORDER BY trips DESC, payment_type",
                    "nyc_taxi",
                    table.toUri().toString()))) {
      List<List<Object>> answer = ResultRows.fromArrow(one.batches());
      assertThat(ResultRows.difference(expected, answer)).isNull();
      assertThat(ResultRows.difference(ResultRows.fromArrow(two.batches()), answer)).isNull();
      assertThat(one.started().getFilesSelected())
          .as("the WHERE clause's partition condition prunes files as a partition_filter does")
          .isEqualTo(two.started().getFilesSelected())
          .isEqualTo(4);
      assertThat(one.started().getFilesListed()).isEqualTo(10);
    }
  }

  @Test
  void rowsAndTopNWithoutAggregates() throws Exception {
    String sql =
        "SELECT pickup_datetime, pickup_date, round_trip FROM (SELECT pickup_datetime,"
            + " pickup_date, trip_distance * 2 AS round_trip FROM nyc_taxi"
            + " WHERE pickup_date = '2009-01-07') ORDER BY round_trip DESC, pickup_datetime LIMIT 7";
    try (QueryResult result = statement(sql)) {
      assertThat(ResultRows.difference(duckDb(sql), ResultRows.fromArrow(result.batches())))
          .isNull();
      assertThat(result.started().getFilesSelected()).isEqualTo(1);
    }
  }

  @Test
  void explainAnswersWithThePlanAndRunsNothing() throws Exception {
    try (QueryResult result =
        statement(
            "EXPLAIN SELECT vendor_id, COUNT(DISTINCT payment_type) AS kinds FROM nyc_taxi"
                + " WHERE pickup_date >= '2009-01-08' GROUP BY vendor_id")) {
      List<String> lines =
          ResultRows.fromArrow(result.batches()).stream().map(row -> (String) row.get(0)).toList();
      assertThat(result.schema().getFields().get(0).getName()).isEqualTo("plan");
      assertThat(lines.get(0)).startsWith("files: 3 of 10 selected, in ");
      assertThat(lines)
          .contains("partition filter: (pickup_date >= '2009-01-08')", "HBee (per file):")
          .anyMatch(line -> line.startsWith("HComb (per query):"))
          .anyMatch(line -> line.contains("kinds := COUNT(DISTINCT payment_type)"));
      assertThat(result.statistics().getHbeeInvocations()).isZero();
      assertThat(result.statistics().getRowsScanned()).isZero();
    }
  }

  @Test
  void aWrongStatementFailsWithItsPositionAndTheServerGoesOn() throws Exception {
    BuzzException error =
        stack.failure(
            QueryJsonText.statement(
                "SELECT payment_type, COUNT(*) FROM nyc_taxi GROUP BY paymenttype",
                "nyc_taxi",
                table.toUri().toString()));
    assertThat(error.code()).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(error.getMessage())
        .startsWith("sql: ")
        .contains("'paymenttype'")
        .contains("column 54");
    try (QueryResult next = statement("SELECT COUNT(*) AS n FROM nyc_taxi")) {
      assertThat(ResultRows.fromArrow(next.batches())).containsExactly(List.of(20_000L));
    }
  }
}
