package io.buzz.hcomb;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * An executor that can hold its work back: while closed, submitted tasks wait; {@link #open()}
 * hands them to the delegate in order. Makes "the merge falls behind" deterministic. Thread-safe.
 */
final class GatedExecutor implements Executor {
  private final Executor delegate;
  private final List<Runnable> held = new ArrayList<>();
  private boolean closed;

  GatedExecutor(Executor delegate) {
    this.delegate = requireNonNull(delegate, "delegate is null");
  }

  /** Hooks that gate the HComb's merge pool; the gate is put into {@code holder} when made. */
  static TestHooks hooks(java.util.concurrent.atomic.AtomicReference<GatedExecutor> holder) {
    return new TestHooks(
        pool -> {
          GatedExecutor gated = new GatedExecutor(pool);
          holder.set(gated);
          return gated;
        },
        TestHooks.NONE.maxMessageBytes());
  }

  synchronized void close() {
    closed = true;
  }

  void open() {
    List<Runnable> release;
    synchronized (this) {
      closed = false;
      release = new ArrayList<>(held);
      held.clear();
    }
    release.forEach(delegate::execute);
  }

  synchronized int held() {
    return held.size();
  }

  @Override
  public void execute(Runnable task) {
    synchronized (this) {
      if (closed) {
        held.add(task);
        return;
      }
    }
    delegate.execute(task);
  }
}
