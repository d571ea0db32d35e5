package io.buzz.plan.sql;

import io.buzz.plan.model.Capacity;
import io.buzz.plan.model.Step;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The plans of recent queries, by what a plan depends on: the steps (SQL, names, partition
 * filters), the capacity and the table's schema. Dashboards and load tests send the same queries
 * again and again; Calcite takes 10–40 ms to plan one, the cache a few microseconds. A schema
 * change (a new column, another type) is another key, so a stale plan is never used.
 *
 * <p>Valid because a plan is a pure function of that key: Buzz folds no clock or random value into
 * a plan. A planner that ever does (CURRENT_TIMESTAMP) must not cache such queries.
 *
 * <p>Least recently used entries go first; failures are not cached (a query that failed to plan
 * fails again, with the same message, in the same time). Thread-safe; two threads planning the same
 * new query may both plan it, and the cache keeps one.
 */
final class PlanCache {
  private record Key(List<Step> steps, Capacity capacity, TableSchema table) {}

  private final int maxEntries;
  private final Map<Key, PlannedQuery> entries;
  private final AtomicLong hits = new AtomicLong();
  private final AtomicLong misses = new AtomicLong();

  PlanCache(int maxEntries) {
    if (maxEntries < 0) {
      throw new IllegalArgumentException("plan cache entries must not be negative");
    }
    this.maxEntries = maxEntries;
    this.entries =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<Key, PlannedQuery> eldest) {
            return size() > PlanCache.this.maxEntries;
          }
        };
  }

  PlannedQuery get(
      List<Step> steps, Capacity capacity, TableSchema table, Supplier<PlannedQuery> plan) {
    if (maxEntries == 0) {
      misses.incrementAndGet();
      return plan.get();
    }
    Key key = new Key(steps, capacity, table);
    synchronized (entries) {
      PlannedQuery cached = entries.get(key);
      if (cached != null) {
        hits.incrementAndGet();
        return cached;
      }
    }
    misses.incrementAndGet();
    PlannedQuery planned = plan.get(); // outside the lock: planning takes milliseconds
    synchronized (entries) {
      entries.put(key, planned);
    }
    return planned;
  }

  long hits() {
    return hits.get();
  }

  long misses() {
    return misses.get();
  }

  int size() {
    synchronized (entries) {
      return entries.size();
    }
  }
}
