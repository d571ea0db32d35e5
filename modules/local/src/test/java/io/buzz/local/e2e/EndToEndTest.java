package io.buzz.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.buzz.datagen.TaxiDataGenerator;
import io.buzz.datagen.TaxiDataSpec;
import io.buzz.fuse.client.QueryClient;
import io.buzz.fuse.client.QueryResult;
import io.buzz.fuse.client.ResultRows;
import io.buzz.local.LocalStack;
import io.buzz.local.LocalStackConfig;
import io.buzz.testing.BlockedThreadWatch;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Two-step queries through the whole local stack — gRPC query API, Calcite planning, HBees behind
 * the Lambda-compatible endpoint, the HComb — compared with DuckDB running the same two steps over
 * the same Parquet files.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EndToEndTest {
  /** 60k trips over 28 days, ~3 row groups per file. */
  static final TaxiDataSpec DATA = new TaxiDataSpec(60_000, 28, LocalDate.of(2009, 1, 1), 1000);

  @TempDir static Path temp;

  private Path table;
  private BlockedThreadWatch watch;
  private LocalStack stack;
  private QueryClient client;
  private BufferAllocator allocator;
  private DuckDbOracle oracle;

  @BeforeAll
  void setUp() throws Exception {
    table = temp.resolve("nyc-taxi");
    TaxiDataGenerator.generate(table, DATA);
    watch = BlockedThreadWatch.start();
    stack = LocalStack.start(watch.vertx(), LocalStackConfig.defaults());
    client = new QueryClient(stack.vertx(), "127.0.0.1", stack.port());
    allocator = new RootAllocator();
    oracle = new DuckDbOracle();
    WarmUp.run(client, allocator, "nyc_taxi", table.toUri().toString());
    watch.arm();
  }

  @AfterAll
  void tearDown() throws Exception {
    oracle.close();
    client.close();
    stack.close();
    allocator.close();
    watch.close();
    watch.assertNothingBlocked();
  }

  record Case(String name, String hbeeSql, String filter, String hcombSql, boolean ordered) {
    @Override
    public String toString() {
      return name;
    }

    /** DuckDB's answer over the table at {@code table} (the catalog is {@code nyc_taxi}). */
    List<List<Object>> expected(DuckDbOracle oracle, java.nio.file.Path table)
        throws java.sql.SQLException {
      return oracle.answer(
          table, "nyc_taxi", "nyc_taxi_map", hbeeSql, Optional.ofNullable(filter), hcombSql);
    }

    /** How {@code actual} differs from {@code expected}, in order when the case is ordered. */
    String difference(List<List<Object>> expected, List<List<Object>> actual) {
      return ordered
          ? ResultRows.difference(expected, actual)
          : ResultRows.difference(ResultRows.sorted(expected), ResultRows.sorted(actual));
    }
  }

  static Stream<Arguments> cases() {
    return Stream.of(
            new Case(
                "seed example",
                "SELECT payment_type, COUNT(payment_type) AS payment_type_count FROM nyc_taxi GROUP BY payment_type",
                "pickup_date<='2009-01-05'",
                "SELECT payment_type, SUM(payment_type_count) FROM nyc_taxi_map GROUP BY payment_type",
                false),
            new Case(
                "partition range with a filter",
                "SELECT vendor_id, COUNT(*) AS trips, SUM(total_amount) AS total FROM nyc_taxi"
                    + " WHERE trip_distance > 2 GROUP BY vendor_id",
                "pickup_date >= '2009-01-10' AND pickup_date < '2009-01-13'",
                "SELECT vendor_id, SUM(trips) AS trips, SUM(total) AS total FROM nyc_taxi_map"
                    + " GROUP BY vendor_id ORDER BY vendor_id",
                true),
            new Case(
                "no file matches",
                "SELECT COUNT(*) AS n, SUM(fare_amount) AS fares FROM nyc_taxi",
                "pickup_date > '2100-01-01'",
                "SELECT SUM(n) AS n, SUM(fares) AS fares, COUNT(*) AS partials FROM nyc_taxi_map",
                false),
            new Case(
                "multi-aggregate with NULL groups",
                "SELECT payment_type, passenger_count, COUNT(*) AS c, COUNT(tip_amount) AS tips,"
                    + " MIN(fare_amount) AS lo, MAX(fare_amount) AS hi, AVG(tip_amount) AS avg_tip,"
                    + " MIN(vendor_id) AS first_vendor FROM nyc_taxi GROUP BY payment_type, passenger_count",
                null,
                "SELECT * FROM nyc_taxi_map",
                false),
            new Case(
                "filtered projection and top-N",
                "SELECT vendor_id, pickup_datetime, fare_amount FROM nyc_taxi WHERE passenger_count = 2"
                    + " ORDER BY fare_amount DESC, pickup_datetime LIMIT 20",
                null,
                "SELECT * FROM nyc_taxi_map ORDER BY fare_amount DESC, pickup_datetime LIMIT 7",
                true),
            new Case(
                "timestamp extraction, HAVING and top-N",
                "SELECT EXTRACT(HOUR FROM pickup_datetime) AS pickup_hour, COUNT(*) AS trips,"
                    + " SUM(tip_amount) AS tips FROM nyc_taxi GROUP BY EXTRACT(HOUR FROM pickup_datetime)"
                    + " HAVING COUNT(*) > 10",
                null,
                "SELECT pickup_hour, trips, tips FROM nyc_taxi_map ORDER BY trips DESC, pickup_hour LIMIT 5",
                true),
            new Case(
                "count distinct in two levels",
                "SELECT DISTINCT passenger_count FROM nyc_taxi",
                null,
                "SELECT COUNT(passenger_count) AS distinct_counts, COUNT(*) AS with_null FROM nyc_taxi_map",
                false),
            new Case(
                "projection without aggregation in the HBee step",
                "SELECT payment_type, fare_amount * 2 + 1 AS x FROM nyc_taxi"
                    + " WHERE fare_amount BETWEEN 10 AND 10.5 AND payment_type IN ('Cash', 'Dispute')",
                null,
                "SELECT payment_type, COUNT(*) AS n, SUM(x) AS sx FROM nyc_taxi_map GROUP BY payment_type",
                false),
            new Case(
                "partition column in SELECT and WHERE",
                "SELECT pickup_date, COUNT(*) AS n, MAX(pickup_datetime) AS last_pickup FROM nyc_taxi"
                    + " WHERE pickup_date IN ('2009-01-02', '2009-01-20') GROUP BY pickup_date",
                null,
                "SELECT * FROM nyc_taxi_map ORDER BY pickup_date",
                true),
            new Case(
                "CASE, COALESCE and CAST",
                "SELECT CASE WHEN tip_amount IS NULL THEN 'none' WHEN tip_amount > 2 THEN 'big'"
                    + " ELSE 'small' END AS tip_class, COALESCE(passenger_count, 0) AS pc,"
                    + " CAST(passenger_count AS DOUBLE) / 2 AS half FROM nyc_taxi WHERE NOT (vendor_id = 'CMT')",
                "pickup_date = '2009-01-03'",
                "SELECT tip_class, pc, COUNT(*) AS n, SUM(half) AS halves FROM nyc_taxi_map GROUP BY tip_class, pc",
                false),
            new Case(
                "global aggregate over a filter",
                "SELECT COUNT(*) AS n, AVG(trip_distance) AS d, MIN(pickup_datetime) AS first_pickup,"
                    + " MAX(pickup_datetime) AS last_pickup, SUM(passenger_count) AS people FROM nyc_taxi"
                    + " WHERE vendor_id = 'DDS' OR tip_amount IS NULL AND fare_amount > 20",
                null,
                "SELECT * FROM nyc_taxi_map",
                false),
            new Case(
                "limit without order",
                "SELECT fare_amount FROM nyc_taxi LIMIT 5",
                null,
                "SELECT COUNT(*) AS n FROM nyc_taxi_map",
                false))
        .map(Arguments::of);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void answersLikeDuckDb(Case c) throws Exception {
    String json = query(c);
    List<List<Object>> expected = c.expected(oracle, table);
    try (QueryResult result =
        client.query(json, Duration.ofMinutes(2), allocator).await(3, TimeUnit.MINUTES)) {
      List<List<Object>> actual = ResultRows.fromArrow(result.batches());
      assertThat(c.difference(expected, actual)).as(c.name()).isNull();
      assertThat(result.statistics().getResultRows()).isEqualTo(actual.size());
      assertThat(result.statistics().getFilesListed()).isEqualTo(DATA.days());
      assertThat(result.statistics().hasTableVersion()).isFalse();
    }
  }

  String query(Case c) {
    return QueryJsonText.twoSteps(
        c.hbeeSql(), c.filter(), c.hcombSql(), "nyc_taxi", table.toUri().toString());
  }
}
