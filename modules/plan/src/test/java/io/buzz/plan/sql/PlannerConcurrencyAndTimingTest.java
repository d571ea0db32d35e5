package io.buzz.plan.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.buzz.plan.json.QueryJson;
import io.buzz.plan.model.Query;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * One planner serves concurrent queries in the Fuse; planning time is measured here (printed, never
 * asserted).
 */
class PlannerConcurrencyAndTimingTest {
  private static final Query SEED = QueryJson.parse(QueryPlannerShapesTest.SEED_JSON);

  @Test
  void concurrentPlansAreIdentical() throws Exception {
    PlannedQuery expected = PlanFixtures.PLANNER.plan(SEED, PlanFixtures.NYC_TAXI);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<PlannedQuery>> futures = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        futures.add(pool.submit(() -> PlanFixtures.PLANNER.plan(SEED, PlanFixtures.NYC_TAXI)));
      }
      for (Future<PlannedQuery> future : futures) {
        assertThat(future.get(60, TimeUnit.SECONDS)).isEqualTo(expected);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void measureWarmPlanningTimeOfTheSeedQuery() {
    long coldStart = System.nanoTime();
    new QueryPlanner().warmUp();
    long coldMicros = (System.nanoTime() - coldStart) / 1000;
    for (int i = 0; i < 200; i++) {
      PlanFixtures.PLANNER.plan(SEED, PlanFixtures.NYC_TAXI);
    }
    int runs = 300;
    long[] micros = new long[runs];
    for (int i = 0; i < runs; i++) {
      long start = System.nanoTime();
      PlanFixtures.PLANNER.plan(SEED, PlanFixtures.NYC_TAXI);
      micros[i] = (System.nanoTime() - start) / 1000;
    }
    Arrays.sort(micros);
    System.out.printf(
        "seed query planning: warmUp() (first plan in this JVM if run alone) %d us; warm (after 200) median %d us, p90 %d"
            + " us, min %d us over %d runs%n",
        coldMicros, micros[runs / 2], micros[runs * 9 / 10], micros[0], runs);
    assertThat(micros[0]).isPositive();
  }
}
