package io.buzz.plan.sql;

import io.buzz.plan.model.Capacity;
import io.buzz.plan.model.Step;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The plans of recent queries, by what a plan depends on: the steps (SQL, names, partition
 * filters), the capacity and the table's schema. Dashboards and load tests send the same queries
 * again and again; Calcite takes 10–40 ms to plan one, the cache a few microseconds. A schema
 * change (a new column, another type) is another key, so a stale plan is never used.
 *
 * <p>Valid because a plan is a pure function of that key, except for the clock: a query that may
 * read it (CURRENT_DATE, CURRENT_TIMESTAMP) is planned afresh every time.
 *
 * <p>Bounded in entries and, through {@link #MAX_SQL_CHARS} and {@link #MAX_PLAN_BYTES}, in bytes
 * (at most a few tens of MB at the default 512 entries). Least recently used entries go first;
 * failures are not cached (a query that failed to plan fails again, with the same message, in the
 * same time). Thread-safe; two threads planning the same new query may both plan it, and the cache
 * keeps one.
 */
final class PlanCache {
  private record Key(
      List<Step> steps, Capacity capacity, List<String> catalogs, TableSchema table) {}

  /** What the catalogs a query reads depend on: its steps and its catalogs' names as declared. */
  private record TablesKey(List<Step> steps, List<String> catalogs) {}

  /**
   * Queries whose SQL is longer than this (both steps) are planned but not kept: a cache bounded by
   * entries must also be bounded in bytes, and queries that long (generated IN lists) are rarely
   * repeated verbatim.
   */
  static final int MAX_SQL_CHARS = 16 * 1024;

  /** Plans bigger than this, serialized, are not kept either. */
  static final int MAX_PLAN_BYTES = 64 * 1024;

  private final int maxEntries;
  private final Map<Key, PlannedQuery> entries;
  private final Map<TablesKey, Set<String>> tablesRead;
  private final AtomicLong hits = new AtomicLong();
  private final AtomicLong misses = new AtomicLong();

  PlanCache(int maxEntries) {
    if (maxEntries < 0) {
      throw new IllegalArgumentException("plan cache entries must not be negative");
    }
    this.maxEntries = maxEntries;
    this.entries = leastRecentlyUsed(maxEntries);
    this.tablesRead = leastRecentlyUsed(maxEntries);
  }

  /** A map in access order that drops its eldest entry beyond {@code maxEntries}. */
  private static <K, V> Map<K, V> leastRecentlyUsed(int maxEntries) {
    return new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > maxEntries;
      }
    };
  }

  /**
   * The catalogs a query's HBee step reads, which the Fuse asks before it loads the catalog and
   * plans: parsing both steps again would put Calcite's parser on every repeated query's path.
   *
   * @param catalogs the names of the query's catalogs, as declared (the answer spells them so)
   */
  Set<String> tablesRead(List<Step> steps, List<String> catalogs, Supplier<Set<String>> parse) {
    if (maxEntries == 0 || sqlChars(steps) > MAX_SQL_CHARS) {
      return parse.get();
    }
    TablesKey key = new TablesKey(steps, catalogs);
    synchronized (tablesRead) {
      Set<String> cached = tablesRead.get(key);
      if (cached != null) {
        return cached;
      }
    }
    // failures are not kept
    Set<String> read =
        java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(parse.get()));
    synchronized (tablesRead) {
      tablesRead.put(key, read);
    }
    return read;
  }

  /**
   * The SQL's length, or more than any limit when the SQL may read the clock (CURRENT_DATE): such a
   * plan holds the instant it was made and is never reused.
   */
  private static int sqlChars(List<Step> steps) {
    int chars = 0;
    for (Step step : steps) {
      String filter = step.partitionFilter().orElse("");
      if (QueryClock.mayReadClock(step.sql()) || QueryClock.mayReadClock(filter)) {
        return Integer.MAX_VALUE;
      }
      chars += step.sql().length() + filter.length();
    }
    return chars;
  }

  /**
   * @param catalogs the names of the query's catalogs, lower-cased: validation depends on them
   */
  PlannedQuery get(
      List<Step> steps,
      Capacity capacity,
      List<String> catalogs,
      TableSchema table,
      Supplier<PlannedQuery> plan) {
    if (maxEntries == 0 || sqlChars(steps) > MAX_SQL_CHARS) {
      misses.incrementAndGet();
      return plan.get();
    }
    Key key = new Key(steps, capacity, catalogs, table);
    synchronized (entries) {
      PlannedQuery cached = entries.get(key);
      if (cached != null) {
        hits.incrementAndGet();
        return cached;
      }
    }
    misses.incrementAndGet();
    PlannedQuery planned = plan.get(); // outside the lock: planning takes milliseconds
    if (planned.plan().getSerializedSize() <= MAX_PLAN_BYTES) {
      synchronized (entries) {
        entries.put(key, planned);
      }
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
