package io.buzz.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.buzz.datagen.TaxiDataGenerator;
import io.buzz.datagen.TaxiDataSpec;
import io.buzz.fuse.client.QueryClient;
import io.buzz.fuse.client.QueryResult;
import io.buzz.local.LocalStack;
import io.buzz.local.LocalStackConfig;
import io.buzz.protocol.query.Statistics;
import io.buzz.testing.Await;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What one query does shows in the Fuse's and the HComb's meters, with the right values. */
class QueryMetricsTest {
  static final TaxiDataSpec DATA = new TaxiDataSpec(20_000, 4, LocalDate.of(2009, 1, 1), 2_500);

  @TempDir Path temp;

  private static double count(MeterRegistry registry, String name, String... tags) {
    return registry.get(name).tags(tags).counter().count();
  }

  private static double functionCount(MeterRegistry registry, String name, String... tags) {
    return registry.get(name).tags(tags).functionCounter().count();
  }

  @Test
  void aPrunedQueryAndABadOneAreCountedWithTheirFigures() throws Exception {
    Path table = temp.resolve("nyc-taxi");
    TaxiDataGenerator.generate(table, DATA);
    String uri = table.toUri().toString();
    try (LocalStack stack = LocalStack.start(LocalStackConfig.defaults());
        QueryClient client = new QueryClient(stack.vertx(), "127.0.0.1", stack.port());
        BufferAllocator allocator = new RootAllocator()) {
      Statistics statistics;
      try (QueryResult result =
          Await.result(
              client.query(
                  QueryJsonText.twoSteps(
                      "SELECT COUNT(*) AS n FROM nyc_taxi",
                      "pickup_date <= '2009-01-02'",
                      "SELECT SUM(n) AS n FROM nyc_taxi_map",
                      "nyc_taxi",
                      uri),
                  Duration.ofMinutes(1),
                  allocator))) {
        statistics = result.statistics();
      }
      Await.failure(
          client.query(
              QueryJsonText.twoSteps(
                  "SELECT nope FROM nyc_taxi", null, "SELECT * FROM nyc_taxi_map", "nyc_taxi", uri),
              Duration.ofMinutes(1),
              allocator));

      MeterRegistry fuse = stack.fuseMetrics().registry();
      QueryLifecycleTest.eventually(
          "every invocation answered",
          () -> fuse.get("buzz.fuse.hbee.invocations.in.flight").gauge().value() == 0);
      assertThat(count(fuse, "buzz.fuse.queries.started")).isEqualTo(2);
      assertThat(count(fuse, "buzz.fuse.queries.finished", "outcome", "succeeded")).isEqualTo(1);
      assertThat(
              count(
                  fuse,
                  "buzz.fuse.queries.finished",
                  "outcome",
                  "failed",
                  "error_kind",
                  "not_found"))
          .isEqualTo(1);
      assertThat(fuse.get("buzz.fuse.queries.active").gauge().value()).isZero();
      assertThat(fuse.get("buzz.fuse.query.duration").tag("outcome", "succeeded").timer().count())
          .isEqualTo(1);
      assertThat(count(fuse, "buzz.fuse.files.listed")).isEqualTo(DATA.days());
      assertThat(count(fuse, "buzz.fuse.files.selected")).isEqualTo(2);
      assertThat(count(fuse, "buzz.fuse.files.pruned")).isEqualTo(DATA.days() - 2);
      assertThat(count(fuse, "buzz.fuse.scanned")).isEqualTo(statistics.getBytesListed());
      assertThat(count(fuse, "buzz.fuse.hbee.invocations.started")).isEqualTo(2);
      // Cold or warm depends on which HBee JVM state the local Lambda endpoint had: count both.
      assertThat(
              fuse.find("buzz.hbee.tasks").tag("outcome", "succeeded").counters().stream()
                  .mapToDouble(Counter::count)
                  .sum())
          .isEqualTo(2);
      assertThat(count(fuse, "buzz.hbee.rows.scanned")).isEqualTo(statistics.getRowsScanned());
      assertThat(count(fuse, "buzz.hbee.read")).isEqualTo(statistics.getBytesRead());
      assertThat(count(fuse, "buzz.hbee.io.requests")).isEqualTo(statistics.getIoRequests());
      assertThat(fuse.get("buzz.fuse.planning.duration").timer().count()).isEqualTo(1);
      assertThat(fuse.get("buzz.fuse.hcomb.acquire.duration").timer().count()).isEqualTo(1);

      MeterRegistry hcomb = stack.hcombMetrics().registry();
      // The HComb counts a query as finished once its buffers are released, after the result.
      QueryLifecycleTest.eventually(
          "the HComb released the query",
          () -> functionCount(hcomb, "buzz.hcomb.queries.finished", "outcome", "succeeded") == 1);
      assertThat(functionCount(hcomb, "buzz.hcomb.received.rows"))
          .isEqualTo(statistics.getRowsShuffled());
      assertThat(functionCount(hcomb, "buzz.hcomb.streams.opened")).isEqualTo(2);
      assertThat(functionCount(hcomb, "buzz.hcomb.queries.finished", "outcome", "succeeded"))
          .isEqualTo(1);
    }
  }
}
