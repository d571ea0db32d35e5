package io.buzz.plan.sql;

import static io.buzz.plan.sql.PlanFixtures.NYC_TAXI;
import static io.buzz.plan.sql.PlanFixtures.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.buzz.error.BuzzException;
import io.buzz.plan.model.Query;
import io.buzz.protocol.plan.DataType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The planner's cache: same steps over the same schema reuse a plan; anything else plans again. */
class PlanCacheTest {
  private static final String MAP =
      "SELECT payment_type, COUNT(*) AS n FROM nyc_taxi GROUP BY payment_type";
  private static final String REDUCE =
      "SELECT payment_type, SUM(n) AS n FROM nyc_taxi_map GROUP BY payment_type";

  @Test
  void theSameQueryOverTheSameSchemaIsPlannedOnce() {
    QueryPlanner planner = new QueryPlanner(8);
    PlannedQuery first = planner.plan(query(MAP, REDUCE), NYC_TAXI);
    // An equal query, built anew (as every JSON request is): served from the cache.
    PlannedQuery second = planner.plan(query(MAP, REDUCE), NYC_TAXI);

    assertThat(second).isSameAs(first);
    assertThat(planner.cacheHits()).isEqualTo(1);
    assertThat(planner.cacheMisses()).isEqualTo(1);
    assertThat(second).isEqualTo(new QueryPlanner().plan(query(MAP, REDUCE), NYC_TAXI));
  }

  @Test
  void anotherSchemaOrAnotherStepPlansAgain() {
    QueryPlanner planner = new QueryPlanner(8);
    PlannedQuery original = planner.plan(query(MAP, REDUCE), NYC_TAXI);
    List<TableColumn> columns = new ArrayList<>(NYC_TAXI.columns());
    columns.set(4, TableColumn.data("payment_type", DataType.INT32, true));
    TableSchema retyped = new TableSchema("nyc_taxi", columns, Map.of());

    PlannedQuery overRetyped = planner.plan(query(MAP, REDUCE), retyped);
    PlannedQuery otherReduce = planner.plan(query(MAP, REDUCE + " ORDER BY n DESC"), NYC_TAXI);

    assertThat(overRetyped).isNotEqualTo(original);
    assertThat(otherReduce).isNotEqualTo(original);
    assertThat(planner.cacheMisses()).isEqualTo(3);
    assertThat(planner.cacheHits()).isZero();
  }

  @Test
  void theTablesARepeatedQueryReadsAreKnownWithoutParsingItAgain() {
    QueryPlanner planner = new QueryPlanner(8);
    var first = planner.tablesRead(query(MAP, REDUCE));
    var again = planner.tablesRead(query(MAP, REDUCE));
    var otherCatalog =
        planner.tablesRead(
            new Query(
                query(MAP, REDUCE).steps(),
                new io.buzz.plan.model.Capacity(1),
                List.of(
                    new io.buzz.plan.model.CatalogSpec(
                        "NYC_Taxi", io.buzz.plan.model.CatalogType.STATIC, "file:/data"))));

    assertThat(first).containsExactly("nyc_taxi");
    assertThat(again).isSameAs(first);
    assertThat(otherCatalog).containsExactly("NYC_Taxi"); // spelled as that query declares it
    Query wrong = query("SELECT payment_type FROM nyc_taxi_typo", REDUCE);
    assertThatThrownBy(() -> planner.tablesRead(wrong)).hasMessageContaining("nyc_taxi_typo");
    assertThatThrownBy(() -> planner.tablesRead(wrong)).hasMessageContaining("nyc_taxi_typo");
  }

  @Test
  void failuresAreNotCachedAndFailAgainTheSameWay() {
    QueryPlanner planner = new QueryPlanner(8);
    Query wrong = query("SELECT nope FROM nyc_taxi", REDUCE);
    String first = messageOf(planner, wrong);
    String second = messageOf(planner, wrong);

    assertThat(second).isEqualTo(first).contains("nope");
    assertThat(planner.cacheHits()).isZero();
  }

  @Test
  void theLeastRecentlyUsedPlanLeavesFirst() {
    QueryPlanner planner = new QueryPlanner(2);
    Query a = query(MAP, REDUCE);
    Query b = query(MAP, REDUCE + " LIMIT 1");
    Query c = query(MAP, REDUCE + " LIMIT 2");
    planner.plan(a, NYC_TAXI);
    planner.plan(b, NYC_TAXI);
    planner.plan(a, NYC_TAXI); // a is now the most recent
    planner.plan(c, NYC_TAXI); // evicts b
    planner.plan(a, NYC_TAXI);
    planner.plan(b, NYC_TAXI);

    assertThat(planner.cacheHits()).isEqualTo(2); // a twice
    assertThat(planner.cacheMisses()).isEqualTo(4); // a, b, c, b again
  }

  @Test
  void veryLongQueriesArePlannedButNotKept() {
    QueryPlanner planner = new QueryPlanner(8);
    StringBuilder in = new StringBuilder("'a'");
    while (in.length() < PlanCache.MAX_SQL_CHARS) {
      in.append(", 'value-").append(in.length()).append("'");
    }
    Query huge =
        query(
            "SELECT payment_type, COUNT(*) AS n FROM nyc_taxi WHERE payment_type IN ("
                + in
                + ") GROUP BY payment_type",
            REDUCE);
    planner.plan(huge, NYC_TAXI);
    planner.plan(huge, NYC_TAXI);
    assertThat(planner.cacheHits()).isZero();
    assertThat(planner.cacheMisses()).isEqualTo(2);
  }

  @Test
  void noCacheMeansEveryCallPlans() {
    QueryPlanner planner = new QueryPlanner();
    planner.plan(query(MAP, REDUCE), NYC_TAXI);
    planner.plan(query(MAP, REDUCE), NYC_TAXI);
    assertThat(planner.cacheHits()).isZero();
    assertThat(planner.cacheMisses()).isEqualTo(2);
    assertThatThrownBy(() -> new QueryPlanner(-1)).hasMessageContaining("must not be negative");
  }

  private static String messageOf(QueryPlanner planner, Query query) {
    try {
      planner.plan(query, NYC_TAXI);
    } catch (BuzzException e) {
      return e.getMessage();
    }
    throw new AssertionError("planning " + query + " did not fail");
  }
}
