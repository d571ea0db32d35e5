package io.buzz.fuse.query;

import static java.util.Objects.requireNonNull;

import io.vertx.core.Context;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The HBee invocations the whole Fuse may have in flight at once, shared by every query's {@link
 * TaskDispatcher}: Lambda's concurrency is per account, so per-query windows alone let a few busy
 * queries overrun it and turn the excess into throttling and retries.
 *
 * <p>A dispatcher that finds no permit left queues itself (once) and is woken on its own context
 * when one is released; dispatchers are woken in the order they queued, one per released permit, so
 * queries take turns instead of the biggest one taking everything. A woken dispatcher that cannot
 * use the permit (it ended, or its own window is full) passes the wake-up on ({@link
 * #wakeNextIfAvailable}), so no permit sits idle while someone waits.
 *
 * <p>Thread-safe: dispatchers on every event loop share one budget.
 */
public final class InvocationBudget {
  /** A dispatcher's place in the queue; one per dispatcher. */
  static final class Waiter {
    private final Context context;
    private final Runnable wake;
    private boolean queued; // guarded by the budget

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

  /** Invocations holding a permit now. */
  public synchronized int inUse() {
    return used;
  }

  /** Dispatchers waiting for a permit now. */
  public synchronized int waiting() {
    return waiters.size();
  }

  /** Takes a permit, or queues {@code waiter} (unless already queued) and returns false. */
  synchronized boolean acquireOrWait(Waiter waiter) {
    if (used < limit) {
      used++;
      return true;
    }
    if (!waiter.queued) {
      waiter.queued = true;
      waiters.addLast(waiter);
    }
    return false;
  }

  /** Gives a permit back and wakes the longest waiting dispatcher, if any. */
  void release() {
    Waiter next;
    synchronized (this) {
      used--;
      next = pollWaiter();
    }
    wake(next);
  }

  /** Wakes the longest waiting dispatcher if a permit is free (a wake-up not used is passed on). */
  void wakeNextIfAvailable() {
    Waiter next;
    synchronized (this) {
      next = used < limit ? pollWaiter() : null;
    }
    wake(next);
  }

  private Waiter pollWaiter() {
    Waiter next = waiters.pollFirst();
    if (next != null) {
      next.queued = false;
    }
    return next;
  }

  private static void wake(Waiter waiter) {
    if (waiter != null) {
      waiter.context.runOnContext(v -> waiter.wake.run());
    }
  }
}
