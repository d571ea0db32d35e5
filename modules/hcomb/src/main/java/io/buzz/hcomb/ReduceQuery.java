package io.buzz.hcomb;

import static java.util.Objects.requireNonNull;

import io.buzz.concurrent.SerialExecutor;
import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import io.buzz.exec.ExecErrors;
import io.buzz.exec.MergeState;
import io.buzz.kernels.batch.Batch;
import io.buzz.protocol.hcomb.Finished;
import io.buzz.protocol.task.TaskMetrics;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * One query on the HComb: its merge state, which tasks have committed, and how it ends.
 *
 * <pre>
 *   HBee stream (attempt) ──fold──▶ attempt state: batches as received (≤ 4 MiB), beyond that
 *       its own merge state ──commit (stream ended cleanly, first attempt of its task; runs ahead
 *       of other streams' folds)──▶ query state
 *   all tasks committed ──▶ finish: merge finish + remaining operators ──▶ result to the Fuse
 *   fail (HBee error, bad stream, limit, deadline, cancel) ──▶ streams ended, failure to the Fuse
 *   either way, last ──▶ release: every state and the allocator closed, released() completes
 * </pre>
 *
 * <p>Threads: bookkeeping (phase, committed tasks, open streams) is guarded by this object's
 * monitor, held only briefly, and may be called from any thread. Every touch of Arrow state
 * (decode, fold, commit, finish, release) runs on the query's {@link SerialExecutor}, one task at a
 * time, so merge state needs no locks and the event loops never do CPU work. The query owns its
 * allocator and every state on it; {@link #released()} completes once all are closed.
 */
final class ReduceQuery {
  enum Phase {
    RUNNING,
    FINISHING,
    DONE
  }

  private final QuerySpec spec;
  private final BufferAllocator allocator;
  private final SerialExecutor serial;
  private final QueryListener listener;
  private final HCombStats stats;
  private final Promise<Void> released = Promise.promise();
  // Guarded by this.
  private final TaskLedger ledger;
  private final Set<AttemptStream> openStreams = new LinkedHashSet<>();
  private Phase phase = Phase.RUNNING;
  private BuzzException failure;
  // Merge thread only.
  private final Map<AttemptStream, AttemptState> attempts = new HashMap<>();
  private final MergeFigures figures = new MergeFigures();
  private final MemoryBudget budget;
  private final ReceiveQueue received;
  private final MemoryHold<AttemptStream> hold;
  private MergeState queryState;
  private boolean closed;

  /**
   * @param allocator the query's own allocator; the query closes it when released
   */
  ReduceQuery(
      QuerySpec spec,
      BufferAllocator allocator,
      SerialExecutor serial,
      QueryListener listener,
      HCombStats stats) {
    this.spec = requireNonNull(spec, "spec is null");
    this.allocator = requireNonNull(allocator, "allocator is null");
    this.serial = requireNonNull(serial, "serial is null");
    this.listener = requireNonNull(listener, "listener is null");
    this.stats = requireNonNull(stats, "stats is null");
    this.ledger = new TaskLedger(spec.taskCount());
    this.budget = new MemoryBudget(spec.id(), spec.memoryLimitBytes());
    this.received = new ReceiveQueue(Math.max(1, spec.memoryLimitBytes() / 8));
    this.hold = new MemoryHold<>(spec.memoryLimitBytes(), this::oldest);
  }

  String id() {
    return spec.id();
  }

  int taskCount() {
    return spec.taskCount();
  }

  /** Compares in constant time ({@link QuerySpec#tokenMatches}). */
  boolean tokenMatches(String candidate) {
    return spec.tokenMatches(candidate);
  }

  /** The Arrow schema every stream of this query must send. */
  Schema inputSchema() {
    return spec.merge().inputSchema();
  }

  /** The allocator batches of this query are decoded into. */
  BufferAllocator allocator() {
    return allocator;
  }

  /**
   * Completes (on a merge thread) once the query ended and every buffer of it was released; fails
   * when the query's allocator still had buffers outstanding (a leak, a bug in Buzz).
   */
  Future<Void> released() {
    return released.future();
  }

  /** Starts the query: one with no task at all finishes right away. */
  void start() {
    if (spec.taskCount() == 0) {
      serial.submit(
          () -> {
            finish();
            return null;
          });
    }
  }

  /** Admits a new stream of {@code stream.task()}; tracked until committed or discarded. */
  synchronized Admission admit(AttemptStream stream) {
    if (ledger.isCommitted(stream.task())) {
      return Admission.ALREADY_COMMITTED;
    }
    if (phase != Phase.RUNNING) {
      return Admission.NOT_RUNNING;
    }
    openStreams.add(stream);
    return Admission.ADMITTED;
  }

  /**
   * A received message of {@code bytes} waits for the merge thread; true when {@code stream} must
   * pause until the queue drained ({@link ReceiveQueue}); a full queue engages the memory hold.
   */
  boolean queued(AttemptStream stream, long bytes) {
    if (!received.queued(stream, bytes)) {
      return false;
    }
    hold.queued(received.queuedBytes()).changed().forEach(AttemptStream::memoryHoldChanged);
    return true;
  }

  /** Which of the query's streams pause while its state runs high. */
  MemoryHold<AttemptStream> memoryHold() {
    return hold;
  }

  private synchronized List<AttemptStream> oldest(int streams) {
    return openStreams.stream().limit(streams).toList();
  }

  /**
   * Queues folding one batch, received as a message of {@code bytes} (see {@link #queued}), into
   * {@code stream}'s attempt. {@code decode} produces the batch on the merge thread, on {@link
   * #allocator()}. The future fails when the fold failed; the query has failed too then. Nothing is
   * decoded once the query no longer runs.
   */
  Future<Void> fold(AttemptStream stream, long bytes, Supplier<Batch> decode) {
    return serial.submit(
        () -> {
          received.dequeued(bytes);
          if (!isRunning()) {
            return null;
          }
          long start = System.nanoTime();
          try {
            AttemptState attempt = attemptOf(stream);
            Batch batch = decode.get();
            figures.received(batch.rowCount(), batch.sizeInBytes());
            stats.received(batch.rowCount(), batch.sizeInBytes());
            long buffered = attempt.bufferedBytes();
            long growth = attempt.add(batch, budget.mayBuffer());
            budget.attemptGrew(growth, attempt.bufferedBytes() - buffered);
          } catch (RuntimeException e) {
            throw failWith(budget.mergeError(e, "folding a batch of task " + stream.task()));
          } finally {
            merged(System.nanoTime() - start);
          }
          checkMemory();
          return null;
        });
  }

  /**
   * Queues the commit of an attempt whose stream ended cleanly; call once its folds completed. The
   * commit runs ahead of other streams' folds: it frees the attempt's memory, so attempts that
   * ended do not pile up behind streams still sending. Completes with true when this attempt's rows
   * joined the query, false when another attempt of the task committed first (its rows are dropped:
   * exactly once). Fails when the query no longer runs.
   */
  Future<Boolean> commit(AttemptStream stream, TaskMetrics metrics) {
    return serial.submitAhead(() -> commitNow(stream, metrics));
  }

  private boolean commitNow(AttemptStream stream, TaskMetrics metrics) {
    AttemptState attempt = attempts.remove(stream);
    if (attempt != null) {
      budget.attemptGone(attempt);
    }
    try {
      synchronized (this) {
        openStreams.remove(stream);
        if (ledger.isCommitted(stream.task())) {
          return false;
        }
        if (phase != Phase.RUNNING) {
          throw notRunning();
        }
      }
      long start = System.nanoTime();
      try {
        if (attempt != null) {
          attempt.commitInto(queryState());
        }
      } catch (RuntimeException e) {
        throw failWith(budget.mergeError(e, "committing task " + stream.task()));
      } finally {
        merged(System.nanoTime() - start);
      }
      boolean complete;
      List<AttemptStream> superseded = new ArrayList<>();
      synchronized (this) {
        complete = ledger.commit(stream.task());
        for (AttemptStream other : openStreams) {
          if (other.task() == stream.task()) {
            superseded.add(other);
          }
        }
        openStreams.removeAll(superseded);
      }
      for (AttemptStream other : superseded) {
        other.supersede();
      }
      listener.onEvent(QueryListener.committed(stream, attempt, metrics));
      checkMemory();
      if (complete) {
        finish();
      }
      return true;
    } finally {
      if (attempt != null) {
        attempt.close(); // absorbed (then this is a no-op) or dropped
      }
    }
  }

  /**
   * Drops {@code stream}'s attempt: its stream broke, was refused or was superseded; its rows never
   * count. Callable from any thread; the state is closed on the merge thread.
   */
  void discard(AttemptStream stream) {
    synchronized (this) {
      openStreams.remove(stream);
    }
    serial.submit(
        () -> {
          AttemptState attempt = attempts.remove(stream);
          if (attempt != null) {
            budget.attemptGone(attempt);
            attempt.close();
            updateHold(budget.heldBytes(queryState == null ? 0 : queryState.memoryBytes()));
          }
          return null;
        });
  }

  /**
   * Fails the query, unless it already ended: its open streams are ended with {@code error}, the
   * Fuse is told, and the buffers are released. Callable from any thread.
   */
  void fail(BuzzException error) {
    List<AttemptStream> streams;
    synchronized (this) {
      if (phase == Phase.DONE) {
        return;
      }
      phase = Phase.DONE;
      failure = error;
      streams = new ArrayList<>(openStreams);
      openStreams.clear();
    }
    for (AttemptStream stream : streams) {
      stream.cancel(error);
    }
    try {
      listener.onFailure(error);
    } finally {
      serial.submit(
          () -> {
            release();
            return null;
          });
    }
  }

  /**
   * Releases a query that was never registered (its id was taken), without telling anyone: nothing
   * can have used it.
   */
  void abandon() {
    synchronized (this) {
      phase = Phase.DONE;
    }
    serial.submit(
        () -> {
          release();
          return null;
        });
  }

  /** On the merge thread, once every task committed. */
  private void finish() {
    synchronized (this) {
      if (phase != Phase.RUNNING) {
        return;
      }
      phase = Phase.FINISHING;
    }
    long start = System.nanoTime();
    List<Batch> result;
    try {
      result = spec.merge().finish(queryState(), allocator);
    } catch (RuntimeException e) {
      fail(budget.mergeError(e, "finishing the merge"));
      return;
    }
    long resultRows = 0;
    for (Batch batch : result) {
      resultRows += batch.rowCount();
    }
    long finishNanos = System.nanoTime() - start;
    stats.merged(finishNanos);
    Finished finished = figures.finished(finishNanos, resultRows);
    List<AttemptStream> leftovers;
    synchronized (this) {
      if (phase != Phase.FINISHING) {
        // Failed (deadline, cancel) while finishing; that failure was reported, release is queued.
        result.forEach(Batch::close);
        return;
      }
      phase = Phase.DONE;
      leftovers = new ArrayList<>(openStreams);
      openStreams.clear();
    }
    // Every task committed: streams still open are duplicates.
    leftovers.forEach(AttemptStream::supersede);
    try {
      listener.onResult(spec.merge().outputSchema(), result, finished);
    } catch (RuntimeException e) {
      listener.onFailure(ExecErrors.toBuzz(e));
    } finally {
      release();
    }
  }

  /** On the merge thread: closes every state and the allocator, once. */
  private void release() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      attempts.values().forEach(AttemptState::close);
      attempts.clear();
      if (queryState != null) {
        queryState.close();
      }
      allocator.close();
      released.complete();
    } catch (RuntimeException leak) {
      // A bug, not the user's problem (its outcome was already reported): released() fails.
      released.fail(new IllegalStateException("query " + spec.id() + " leaked Arrow memory", leak));
    }
  }

  private AttemptState attemptOf(AttemptStream stream) {
    AttemptState attempt = attempts.get(stream);
    if (attempt == null) {
      attempt = new AttemptState(() -> spec.merge().newState(allocator));
      attempts.put(stream, attempt);
    }
    return attempt;
  }

  private MergeState queryState() {
    if (queryState == null) {
      queryState = spec.merge().newState(allocator);
    }
    return queryState;
  }

  private synchronized boolean isRunning() {
    return phase == Phase.RUNNING;
  }

  private void merged(long nanos) {
    figures.merged(nanos);
    stats.merged(nanos);
  }

  /** On the merge thread: fails the query when its states hold more than its limit. */
  private void checkMemory() {
    try {
      long held = budget.check(queryState == null ? 0 : queryState.memoryBytes());
      figures.stateBytes(held);
      updateHold(held);
    } catch (BuzzException overLimit) {
      throw failWith(overLimit);
    }
  }

  private void updateHold(long heldBytes) {
    hold.update(heldBytes, budget.bufferedBytes(), received.queuedBytes())
        .changed()
        .forEach(AttemptStream::memoryHoldChanged);
  }

  private BuzzException failWith(BuzzException error) {
    fail(error);
    return error;
  }

  /** Why a stream of this query is refused: its failure, if any (it may reach the Fuse first). */
  synchronized BuzzException notRunning() {
    String why =
        failure != null
            ? " failed on this HComb: " + failure.getMessage()
            : " is no longer running on this HComb (finished or cancelled)";
    return new BuzzException(ErrorCode.NOT_FOUND, "query " + spec.id() + why);
  }

  /** What committed and what is missing, for timeout messages. */
  synchronized String progress() {
    return ledger.progress();
  }
}
