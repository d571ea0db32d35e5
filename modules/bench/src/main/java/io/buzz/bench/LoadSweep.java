package io.buzz.bench;

import static java.util.Objects.requireNonNull;

import io.buzz.error.BuzzException;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The concurrency sweep: for each level, that many clients each submit queries through the gRPC API
 * in a closed loop (the next one when the previous answered) for a fixed time; then the level
 * drains. Clients start at different queries of the mix, so a level runs a blend at once.
 *
 * <p>Clients are callbacks on the client's own Vert.x instance, not threads: a level of 64 costs no
 * more threads than a level of 1.
 */
final class LoadSweep {
  /** Pause after a failed query, so a client refused at once does not spin. */
  private static final long ERROR_PAUSE_MILLIS = 10;

  private final Vertx clientVertx;
  private final BuzzRunner buzz;
  private final Progress progress;

  LoadSweep(Vertx clientVertx, BuzzRunner buzz, Progress progress) {
    this.clientVertx = requireNonNull(clientVertx, "clientVertx is null");
    this.buzz = requireNonNull(buzz, "buzz is null");
    this.progress = requireNonNull(progress, "progress is null");
  }

  /** One kind of error: how often it happened and its first message. */
  record ErrorKind(String kind, int count, String firstMessage) {}

  /**
   * One level's outcome.
   *
   * @param seconds from the first submission until the last answer (including the drain)
   * @param throughput successful queries per second over {@code seconds}
   * @param latencies of the successful queries, in milliseconds
   */
  record LoadLevel(
      int clients,
      double seconds,
      long completed,
      long failed,
      double throughput,
      Latencies latencies,
      List<ErrorKind> errors) {}

  List<LoadLevel> run(List<Integer> levels, Duration duration, List<String> queries) {
    List<LoadLevel> results = new ArrayList<>();
    for (int clients : levels) {
      LoadLevel level = level(clients, duration, queries);
      progress.say(
          "load %3d clients: %d ok, %d failed, %.2f q/s, p50 %.0f ms, p95 %.0f ms, p99 %.0f ms",
          clients,
          level.completed(),
          level.failed(),
          level.throughput(),
          level.latencies().median(),
          level.latencies().p95(),
          level.latencies().p99());
      results.add(level);
    }
    return results;
  }

  private LoadLevel level(int clients, Duration duration, List<String> queries) {
    progress.say("load %3d clients for %d s ...", clients, duration.toSeconds());
    State state = new State(System.nanoTime() + duration.toNanos(), clients);
    long start = System.nanoTime();
    for (int c = 0; c < clients; c++) {
      int first = c % queries.size();
      clientVertx.runOnContext(v -> next(state, queries, first));
    }
    try {
      if (!state.done.await(duration.toMillis() + 15 * 60_000L, TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException("the load level of " + clients + " clients did not drain");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    synchronized (state) {
      List<ErrorKind> errors = new ArrayList<>(state.errors.values());
      return new LoadLevel(
          clients,
          seconds,
          state.latencies.size(),
          state.failed,
          state.latencies.size() / seconds,
          Latencies.of(state.latencies),
          errors);
    }
  }

  private void next(State state, List<String> queries, int index) {
    if (System.nanoTime() >= state.deadline) {
      state.done.countDown();
      return;
    }
    buzz.submit(queries.get(index % queries.size()))
        .onComplete(
            outcome -> {
              if (outcome.succeeded()) {
                state.success(outcome.result());
                clientVertx.runOnContext(v -> next(state, queries, index + 1));
              } else {
                state.failure(outcome.cause());
                clientVertx.setTimer(ERROR_PAUSE_MILLIS, id -> next(state, queries, index + 1));
              }
            });
  }

  /** A level's shared counters; callbacks of different clients may run on different threads. */
  private static final class State {
    final long deadline;
    final CountDownLatch done;
    final List<Double> latencies = new ArrayList<>();
    final Map<String, ErrorKind> errors = new LinkedHashMap<>();
    long failed;

    State(long deadline, int clients) {
      this.deadline = deadline;
      this.done = new CountDownLatch(clients);
    }

    synchronized void success(double millis) {
      latencies.add(millis);
    }

    synchronized void failure(Throwable cause) {
      failed++;
      String kind =
          cause instanceof BuzzException buzz ? buzz.code().name() : cause.getClass().getName();
      ErrorKind seen = errors.get(kind);
      errors.put(
          kind,
          seen == null
              ? new ErrorKind(kind, 1, String.valueOf(cause.getMessage()))
              : new ErrorKind(kind, seen.count() + 1, seen.firstMessage()));
    }
  }
}
