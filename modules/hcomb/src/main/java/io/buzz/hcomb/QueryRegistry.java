package io.buzz.hcomb;

import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;

/** The queries registered on this HComb, by id. Thread-safe. */
final class QueryRegistry {
  private final ConcurrentHashMap<String, ReduceQuery> queries = new ConcurrentHashMap<>();

  /** Registers {@code query}; false when a query with its id is already registered. */
  boolean register(ReduceQuery query) {
    return queries.putIfAbsent(query.id(), query) == null;
  }

  ReduceQuery find(String id) {
    return queries.get(id);
  }

  void remove(ReduceQuery query) {
    queries.remove(query.id(), query);
  }

  int size() {
    return queries.size();
  }

  Collection<ReduceQuery> all() {
    return queries.values();
  }
}
