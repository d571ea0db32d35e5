package io.buzz.concurrent;

import static java.util.Objects.requireNonNull;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Runs submitted tasks one at a time, in submission order, on a shared pool. An HComb query or an
 * HBee task owns one, so its Arrow state is only ever touched by one thread at a time without
 * locks, while different queries and tasks use the pool's threads in parallel and event loops stay
 * free of CPU work.
 */
public final class SerialExecutor {
  /** Tasks run per turn on a pool thread before yielding it, so one busy owner cannot hog it. */
  static final int TASKS_PER_TURN = 64;

  private final Executor pool;
  private final Queue<Runnable> queue = new ArrayDeque<>();
  private final Queue<Runnable> ahead = new ArrayDeque<>();
  private boolean running;

  public SerialExecutor(Executor pool) {
    this.pool = requireNonNull(pool, "pool is null");
  }

  /** Queues {@code work}; the future completes on the pool thread with its result. */
  public <T> Future<T> submit(Callable<T> work) {
    Promise<T> promise = Promise.promise();
    enqueue(() -> run(work, promise), queue);
    return promise.future();
  }

  /**
   * Queues {@code work} ahead of every task queued with {@link #submit} (behind earlier tasks
   * queued with this method); the future completes on the pool thread with its result. For work
   * that frees memory, so that it is not stuck behind work that takes more.
   */
  public <T> Future<T> submitAhead(Callable<T> work) {
    Promise<T> promise = Promise.promise();
    enqueue(() -> run(work, promise), ahead);
    return promise.future();
  }

  /** Queues {@code work}; the future completes on {@code context} with its result. */
  public <T> Future<T> submit(Callable<T> work, Context context) {
    Promise<T> promise = Promise.promise();
    enqueue(
        () -> {
          Promise<T> local = Promise.promise();
          run(work, local);
          local.future().onComplete(result -> context.runOnContext(v -> promise.handle(result)));
        },
        queue);
    return promise.future();
  }

  private static <T> void run(Callable<T> work, Promise<T> promise) {
    try {
      promise.complete(work.call());
    } catch (Throwable t) {
      promise.fail(t);
    }
  }

  private void enqueue(Runnable task, Queue<Runnable> lane) {
    boolean start;
    synchronized (this) {
      lane.add(task);
      start = !running;
      running = true;
    }
    if (start) {
      try {
        pool.execute(this::drain);
      } catch (RejectedExecutionException shutDown) {
        // The pool is shutting down: run the queue here, so cleanups still release memory.
        drain();
      }
    }
  }

  private void drain() {
    for (int done = 0; done < TASKS_PER_TURN; done++) {
      Runnable next;
      synchronized (this) {
        next = ahead.poll();
        if (next == null) {
          next = queue.poll();
        }
        if (next == null) {
          running = false;
          return;
        }
      }
      next.run();
    }
    // Still busy: queue the rest of the work behind other owners' turns.
    try {
      pool.execute(this::drain);
    } catch (RejectedExecutionException shutDown) {
      drain();
    }
  }
}
