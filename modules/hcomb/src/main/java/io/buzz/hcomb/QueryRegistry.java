package io.buzz.hcomb;

import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import io.buzz.protocol.hcomb.RunQueryRequest;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The queries registered on this HComb, by id. Thread-safe: the HComb's event loops register
 * queries at once, so the checks and the registration are one step, and closing it (the HComb
 * stopping) refuses the registrations that come after the snapshot of what runs.
 */
final class QueryRegistry {
  private final ConcurrentHashMap<String, ReduceQuery> queries = new ConcurrentHashMap<>();
  private boolean closed;

  /**
   * Registers {@code query}, or throws why not: a query with its id is registered, {@code
   * maxQueries} run already, or the registry was closed.
   */
  synchronized void register(ReduceQuery query, int maxQueries) {
    if (closed) {
      throw new BuzzException(ErrorCode.UNAVAILABLE, "the HComb is shutting down");
    }
    if (queries.containsKey(query.id())) {
      throw duplicate(query.id());
    }
    if (queries.size() >= maxQueries) {
      throw full(maxQueries);
    }
    queries.put(query.id(), query);
  }

  /** Refuses every registration from now on; the queries registered now. */
  synchronized List<ReduceQuery> close() {
    closed = true;
    return List.copyOf(queries.values());
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
      throw full(maxQueries);
    }
  }

  private static BuzzException full(int maxQueries) {
    return new BuzzException(
        ErrorCode.LIMIT_EXCEEDED,
        "the HComb already runs " + maxQueries + " queries; try again later");
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

  /** The queries registered now (a live view). */
  Collection<ReduceQuery> running() {
    return queries.values();
  }
}
