package io.buzz.fuse.service;

import static java.util.Objects.requireNonNull;

import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import io.buzz.fuse.metrics.FuseMetrics;
import io.buzz.fuse.query.QueryEventSink;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Function;

/**
 * Admission control of the Fuse: at most {@code maxRunning} queries run at once; up to {@code
 * maxQueued} more wait, first come first served; beyond that a query is refused at once with
 * RESOURCE_EXHAUSTED. Waiting counts against a query's deadline: one whose deadline passes in the
 * queue ends with DEADLINE_EXCEEDED, and one whose client goes away leaves the queue.
 *
 * <pre>
 *   submit ─┬─ a slot is free ───────────────▶ run(waited = 0)
 *           ├─ the queue has room ─▶ wait ─┬─ a query ends ─▶ run(waited)
 *           │                              ├─ deadline ─────▶ DEADLINE_EXCEEDED
 *           │                              └─ client gone ──▶ leaves the queue
 *           └─ the queue is full ──────────▶ RESOURCE_EXHAUSTED
 * </pre>
 *
 * <p>Like Trino's resource groups and unlike a plain limit, a burst of queries is absorbed instead
 * of failed; unlike an unbounded queue, overload is reported to clients instead of hidden in
 * latency. Confined to one Vert.x context (the query server's): no locks.
 */
final class AdmissionQueue {
  /** Starts a query that has waited {@code waited}; completes when the query ended. */
  interface Job extends Function<Duration, Future<Void>> {}

  private record Waiting(QueryEventSink sink, Duration deadline, Job job, long since, long timer) {}

  private final Vertx vertx;
  private final Context context;
  private final int maxRunning;
  private final int maxQueued;
  private final FuseMetrics metrics;
  private final Deque<Waiting> queue = new ArrayDeque<>();
  private int running;
  private volatile int waiting;

  /**
   * @param context the context every call is made on (the query server's)
   */
  AdmissionQueue(Vertx vertx, Context context, int maxRunning, int maxQueued, FuseMetrics metrics) {
    this.vertx = requireNonNull(vertx, "vertx is null");
    this.context = requireNonNull(context, "context is null");
    this.metrics = requireNonNull(metrics, "metrics is null");
    this.maxRunning = maxRunning;
    this.maxQueued = maxQueued;
  }

  /** Runs {@code job} now, or once a slot frees up, or refuses it through {@code sink}. */
  void submit(QueryEventSink sink, Duration deadline, Job job) {
    if (running < maxRunning) {
      start(sink, job, Duration.ZERO);
      return;
    }
    if (queue.size() >= maxQueued) {
      metrics.queryRejected("queue_full");
      sink.fail(
          new BuzzException(
              ErrorCode.LIMIT_EXCEEDED,
              "the Buzz server is at capacity: "
                  + running
                  + " queries running and "
                  + queue.size()
                  + " waiting, the most it queues; retry later"));
      return;
    }
    long since = System.nanoTime();
    Waiting[] self = new Waiting[1];
    long timer =
        vertx.setTimer(
            Math.max(1, deadline.toMillis()),
            id -> {
              if (queue.remove(self[0])) {
                queueChanged();
                expired(self[0]);
              }
            });
    self[0] = new Waiting(sink, deadline, job, since, timer);
    sink.cancelHandler(
        v -> {
          if (queue.remove(self[0])) {
            vertx.cancelTimer(timer);
            queueChanged();
          }
        });
    queue.addLast(self[0]);
    queueChanged();
  }

  /** Queries running now. */
  int running() {
    return running;
  }

  /** Queries waiting now; may be read on any thread. */
  int waiting() {
    return waiting;
  }

  private void queueChanged() {
    waiting = queue.size();
    metrics.queued(waiting);
  }

  private void start(QueryEventSink sink, Job job, Duration waited) {
    running++;
    metrics.admitted(waited);
    Future<Void> ended;
    try {
      ended = job.apply(waited);
    } catch (RuntimeException e) {
      sink.fail(BuzzException.wrap(e));
      ended = Future.failedFuture(e);
    }
    ended.onComplete(
        done -> {
          if (Vertx.currentContext() == context) {
            finished();
          } else {
            context.runOnContext(v -> finished());
          }
        });
  }

  private void finished() {
    running--;
    while (running < maxRunning && !queue.isEmpty()) {
      Waiting next = queue.pollFirst();
      queueChanged();
      vertx.cancelTimer(next.timer());
      Duration waited = Duration.ofNanos(System.nanoTime() - next.since());
      if (waited.compareTo(next.deadline()) >= 0) {
        expired(next); // its timer had not fired yet: same outcome as if it had
      } else {
        start(next.sink(), next.job(), waited);
      }
    }
  }

  private void expired(Waiting waiting) {
    metrics.queryRejected("deadline_in_queue");
    waiting
        .sink()
        .fail(
            new BuzzException(
                ErrorCode.DEADLINE_EXCEEDED,
                "the query waited "
                    + waiting.deadline().toMillis()
                    + " ms for one of the "
                    + maxRunning
                    + " query slots of the Buzz server and its deadline passed"));
  }

  /** Ends every waiting query with {@code reason} (the server is stopping). */
  void failWaiting(BuzzException reason) {
    while (!queue.isEmpty()) {
      Waiting waiting = queue.pollFirst();
      vertx.cancelTimer(waiting.timer());
      waiting.sink().fail(reason);
    }
    queueChanged();
  }
}
