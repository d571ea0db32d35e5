package io.buzz.hcomb;

import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import io.buzz.protocol.hcomb.RunQueryRequest;
import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;

/** The queries registered on this HComb, by id. Thread-safe. */
final class QueryRegistry {
  private final ConcurrentHashMap<String, ReduceQuery> queries = new ConcurrentHashMap<>();

  /** Registers {@code query}; false when a query with its id is already registered. */
  boolean register(ReduceQuery query) {
    return queries.putIfAbsent(query.id(), query) == null;
  }

  /**
   * Refuses a registration that cannot succeed, before its plan is compiled: a request without its
   * id or token, a negative task count, an id already registered, or more than {@code maxQueries}.
   */
  void checkAdmissible(RunQueryRequest request, int maxQueries) {
    if (request.getQueryId().isEmpty()) {
      throw BuzzException.badQuery("RunQuery needs a query_id");
    }
    if (request.getToken().isEmpty()) {
      throw BuzzException.badQuery("RunQuery needs a token: HBee streams prove themselves with it");
    }
    if (request.getTaskCount() < 0) {
      throw BuzzException.badQuery(
          "task_count must not be negative, got " + request.getTaskCount());
    }
    if (find(request.getQueryId()) != null) {
      throw duplicate(request.getQueryId());
    }
    if (size() >= maxQueries) {
      throw new BuzzException(
          ErrorCode.LIMIT_EXCEEDED,
          "the HComb already runs " + maxQueries + " queries; try again later");
    }
  }

  static BuzzException duplicate(String queryId) {
    return BuzzException.badQuery("query " + queryId + " is already registered on this HComb");
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
