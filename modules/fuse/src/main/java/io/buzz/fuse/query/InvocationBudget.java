package io.buzz.fuse.query;

import static java.util.Objects.requireNonNull;

import io.vertx.core.Context;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The HBee invocations the whole Fuse may have in flight at once, shared by every query's {@link
 * TaskDispatcher}: Lambda's concurrency is per account, so per-query windows alone let a few busy
 * queries overrun it and turn the excess into throttling and retries.
 *
 * <p>Queries take turns. While anyone waits, a released permit is not freed but handed to the
 * longest waiting dispatcher (woken on its own context), and a free permit is only taken by a
 * dispatcher when nobody waits; a dispatcher that wants more after using its permit queues again at
 * the tail. So a query with a thousand tasks and one with a single task alternate instead of the
 * big one taking everything. A dispatcher that cannot use a permit handed to it (it ended, or its
 * own window is full) gives it back ({@link #returnUnused}), and it goes to the next in line.
 *
 * <p>Invariant: somebody waits only when every permit is held. Thread-safe: dispatchers on every
 * event loop share one budget.
 */
public final class InvocationBudget {
  /** A dispatcher's place in the queue and the permits handed to it; one per dispatcher. */
  static final class Waiter {
    private final Context context;
    private final Runnable wake;
    // Guarded by the budget.
    private boolean queued;
    private int granted;

    Waiter(Context context, Runnable wake) {
      this.context = requireNonNull(context, "context is null");
      this.wake = requireNonNull(wake, "wake is null");
    }
  }

  private final int limit;
  private final Deque<Waiter> waiters = new ArrayDeque<>();
  private int used;

  /**
   * @param limit invocations in flight at once over all queries
   */
  public InvocationBudget(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("the invocation budget must be at least 1, got " + limit);
    }
    this.limit = limit;
  }

  /** No limit beyond the queries' own windows. */
  public static InvocationBudget unlimited() {
    return new InvocationBudget(Integer.MAX_VALUE);
  }

  public int limit() {
    return limit;
  }

  /** Permits held now: by running invocations, and handed to woken dispatchers. */
  public synchronized int inUse() {
    return used;
  }

  /** Dispatchers waiting for a permit now. */
  public synchronized int waiting() {
    return waiters.size();
  }

  /**
   * Takes a permit — one handed to {@code waiter}, or a free one when nobody waits — or queues
   * {@code waiter} (unless already queued) and returns false.
   */
  synchronized boolean acquireOrWait(Waiter waiter) {
    if (waiter.granted > 0) {
      waiter.granted--;
      return true;
    }
    if (used < limit && waiters.isEmpty()) {
      used++;
      return true;
    }
    if (!waiter.queued) {
      waiter.queued = true;
      waiters.addLast(waiter);
    }
    return false;
  }

  /**
   * Takes a free permit if one is spare (nobody waits for it), without queueing: for speculative
   * work (hedges) that must never delay a query's own invocations.
   */
  synchronized boolean tryAcquire() {
    if (used < limit && waiters.isEmpty()) {
      used++;
      return true;
    }
    return false;
  }

  /**
   * An invocation ended: its permit goes to the longest waiting dispatcher, or back to the pool.
   */
  void release() {
    Waiter next;
    synchronized (this) {
      next = handOver();
    }
    wake(next);
  }

  /** Gives back the permits handed to {@code waiter} that it did not use. */
  void returnUnused(Waiter waiter) {
    List<Waiter> woken = new ArrayList<>(1);
    synchronized (this) {
      while (waiter.granted > 0) {
        waiter.granted--;
        Waiter next = handOver();
        if (next != null) {
          woken.add(next);
        }
      }
    }
    woken.forEach(InvocationBudget::wake);
  }

  /** {@code waiter}'s dispatcher ended: out of the queue, and its unused permits given back. */
  void leave(Waiter waiter) {
    synchronized (this) {
      if (waiter.queued) {
        waiters.remove(waiter);
        waiter.queued = false;
      }
    }
    returnUnused(waiter);
  }

  /** One permit: to the next waiter (still held), or freed. Guarded by this. */
  private Waiter handOver() {
    Waiter next = waiters.pollFirst();
    if (next == null) {
      used--;
      return null;
    }
    next.queued = false;
    next.granted++;
    return next;
  }

  private static void wake(Waiter waiter) {
    if (waiter != null) {
      waiter.context.runOnContext(v -> waiter.wake.run());
    }
  }
}
