package io.buzz.hcomb;

import static java.util.Objects.requireNonNull;

import io.buzz.concurrent.SerialExecutor;
import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import io.buzz.exec.ExecErrors;
import io.buzz.exec.HCombMerge;
import io.buzz.exec.MergeState;
import io.buzz.kernels.batch.Batch;
import io.buzz.protocol.hcomb.Finished;
import io.buzz.protocol.hcomb.RunQueryEvent;
import io.buzz.protocol.hcomb.TaskCommitted;
import io.buzz.protocol.task.TaskMetrics;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * One query on the HComb: its merge state, which tasks have committed, and how it ends.
 *
 * <pre>
 *   HBee stream (attempt) ──fold──▶ attempt state ──commit (stream ended cleanly, first attempt
 *                                                     of its task)──▶ query state
 *   all tasks committed ──▶ finish: merge finish + remaining operators ──▶ result to the Fuse
 * </pre>
 *
 * <p>Threads: bookkeeping (committed tasks, lifecycle) is guarded by this object's monitor and may
 * be called from any event loop. Every touch of Arrow state (decode, fold, commit, finish, close)
 * runs on the query's {@link SerialExecutor}, one task at a time, so merge state needs no locks and
 * the event loops never do CPU work.
 */
final class ReduceQuery {
  enum Phase {
    RUNNING,
    FINISHING,
    DONE
  }

  /** Where a query's outcome goes: the Fuse's RunQuery call. */
  interface Listener {
    void onEvent(RunQueryEvent event);

    /** The result, in order; called once, from a merge thread. */
    void onResult(Schema schema, List<Batch> batches, Finished finished);

    /** The query failed; called once. */
    void onFailure(BuzzException error);
  }

  private final String id;
  private final String token;
  private final int taskCount;
  private final HCombMerge merge;
  private final BufferAllocator allocator;
  private final SerialExecutor serial;
  private final Listener listener;
  private final long memoryLimit;
  private final BitSet committed = new BitSet();
  private final List<AttemptStream> openStreams = new ArrayList<>();
  private final AtomicLong rowsReceived = new AtomicLong();
  private final AtomicLong bytesReceived = new AtomicLong();
  private final AtomicLong batchesReceived = new AtomicLong();
  private final AtomicLong mergeNanos = new AtomicLong();
  private final AtomicLong peakStateBytes = new AtomicLong();
  private final AtomicLong attemptBytes = new AtomicLong();
  private final MergeState queryState;
  private final Schema inputSchema;
  private int committedCount;
  private Phase phase = Phase.RUNNING;
  private Runnable onDone = () -> {};

  ReduceQuery(
      String id,
      String token,
      int taskCount,
      HCombMerge merge,
      BufferAllocator allocator,
      SerialExecutor serial,
      long memoryLimit,
      Listener listener) {
    this.id = requireNonNull(id, "id is null");
    this.token = requireNonNull(token, "token is null");
    this.taskCount = taskCount;
    this.merge = requireNonNull(merge, "merge is null");
    this.allocator = requireNonNull(allocator, "allocator is null");
    this.serial = requireNonNull(serial, "serial is null");
    this.memoryLimit = memoryLimit;
    this.listener = requireNonNull(listener, "listener is null");
    this.queryState = merge.newState(allocator);
    this.inputSchema = merge.inputSchema();
  }

  /** The query's allocator: merge state and incoming batches are accounted to it. */
  BufferAllocator allocator() {
    return allocator;
  }

  /** The Arrow schema every stream of this query must send. */
  Schema inputSchema() {
    return inputSchema;
  }

  String id() {
    return id;
  }

  boolean tokenMatches(String candidate) {
    return token.equals(candidate);
  }

  int taskCount() {
    return taskCount;
  }

  HCombMerge merge() {
    return merge;
  }

  /** Runs after the query ended and its buffers were released (e.g. unregister it). */
  synchronized void onDone(Runnable action) {
    this.onDone = requireNonNull(action, "action is null");
  }

  synchronized boolean isRunning() {
    return phase == Phase.RUNNING;
  }

  synchronized boolean isCommitted(int task) {
    return committed.get(task);
  }

  /** Starts tracking a stream; false when the query no longer runs. */
  synchronized boolean attach(AttemptStream stream) {
    if (phase != Phase.RUNNING) {
      return false;
    }
    openStreams.add(stream);
    return true;
  }

  synchronized void detach(AttemptStream stream) {
    openStreams.remove(stream);
  }

  /** A new, empty state for one attempt, on this query's allocator. */
  MergeState newAttemptState() {
    return merge.newState(allocator);
  }

  /**
   * Queues folding one batch into an attempt's state. {@code decode} turns the message into a batch
   * on the merge thread. The future fails when the fold failed (the query fails too).
   */
  io.vertx.core.Future<Void> fold(AttemptStream stream, java.util.function.Supplier<Batch> decode) {
    return serial.submit(
        () -> {
          MergeState state = stream.state();
          if (!isRunning() || state == null) {
            return null;
          }
          long start = System.nanoTime();
          try {
            Batch batch = decode.get();
            rowsReceived.addAndGet(batch.rowCount());
            bytesReceived.addAndGet(batch.sizeInBytes());
            batchesReceived.incrementAndGet();
            stream.received(batch.rowCount(), batch.sizeInBytes());
            state.add(batch);
            long stateBytes = state.memoryBytes();
            long held =
                attemptBytes.addAndGet(stateBytes - stream.swapStateBytes(stateBytes))
                    + queryState.memoryBytes();
            checkMemory(held);
          } catch (RuntimeException e) {
            fail(ExecErrors.toBuzz(e));
            throw e;
          } finally {
            mergeNanos.addAndGet(System.nanoTime() - start);
          }
          return null;
        });
  }

  private void checkMemory(long held) {
    peakStateBytes.accumulateAndGet(held, Math::max);
    if (held > memoryLimit) {
      throw new BuzzException(
          ErrorCode.LIMIT_EXCEEDED,
          "query "
              + id
              + " holds "
              + held
              + " bytes of merge state on the HComb, over its limit of "
              + memoryLimit
              + " bytes; aggregate more in the HBee step or raise the HComb memory limit");
    }
  }

  /**
   * Queues the commit of an attempt whose stream ended cleanly, after its pending folds. Completes
   * with true when this attempt's rows joined the query, false when another attempt of the task
   * committed first (its rows are dropped: exactly once).
   */
  io.vertx.core.Future<Boolean> commit(AttemptStream stream, TaskMetrics metrics) {
    return serial.submit(
        () -> {
          MergeState state = stream.takeState();
          attemptBytes.addAndGet(-stream.swapStateBytes(0));
          try (state) {
            synchronized (this) {
              if (phase != Phase.RUNNING || committed.get(stream.task())) {
                return false;
              }
            }
            long start = System.nanoTime();
            if (state != null) {
              try {
                queryState.absorb(state);
              } catch (RuntimeException e) {
                fail(ExecErrors.toBuzz(e));
                throw e;
              } finally {
                mergeNanos.addAndGet(System.nanoTime() - start);
              }
            }
            boolean complete;
            synchronized (this) {
              committed.set(stream.task());
              committedCount++;
              complete = committedCount == taskCount;
            }
            listener.onEvent(
                RunQueryEvent.newBuilder()
                    .setTaskCommitted(
                        TaskCommitted.newBuilder()
                            .setTaskId(stream.task())
                            .setAttempt(stream.attempt())
                            .setRows(stream.rows())
                            .setBytes(stream.bytes())
                            .setMetrics(metrics))
                    .build());
            checkMemory(queryState.memoryBytes() + attemptBytes.get());
            if (complete) {
              finish();
            }
            return true;
          }
        });
  }

  /** Drops an attempt that did not end cleanly; its rows never count. */
  void discard(AttemptStream stream) {
    serial.submit(
        () -> {
          MergeState state = stream.takeState();
          attemptBytes.addAndGet(-stream.swapStateBytes(0));
          if (state != null) {
            state.close();
          }
          return null;
        });
  }

  /** Finishes a query that expects no task at all. */
  void finishIfEmpty() {
    if (taskCount == 0) {
      serial.submit(
          () -> {
            finish();
            return null;
          });
    }
  }

  /** Runs on the merge thread once every task committed. */
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
      result = merge.finish(queryState, allocator);
    } catch (RuntimeException e) {
      failNow(ExecErrors.toBuzz(e));
      return;
    }
    long finishMicros = (System.nanoTime() - start) / 1000;
    long resultRows = 0;
    for (Batch batch : result) {
      resultRows += batch.rowCount();
    }
    Finished finished =
        Finished.newBuilder()
            .setRowsReceived(rowsReceived.get())
            .setBytesReceived(bytesReceived.get())
            .setBatchesReceived(batchesReceived.get())
            .setMergeMicros(mergeNanos.get() / 1000)
            .setFinishMicros(finishMicros)
            .setResultRows(resultRows)
            .setPeakStateBytes(peakStateBytes.get())
            .build();
    synchronized (this) {
      phase = Phase.DONE;
    }
    try {
      listener.onResult(merge.outputSchema(), result, finished);
    } finally {
      release();
    }
  }

  /** Fails the query: the Fuse is told, open streams are cancelled, buffers are released. */
  void fail(BuzzException error) {
    synchronized (this) {
      if (phase == Phase.DONE) {
        return;
      }
      phase = Phase.DONE;
    }
    notifyFailure(error);
    serial.submit(
        () -> {
          release();
          return null;
        });
  }

  /** Like {@link #fail} when already on the merge thread. */
  private void failNow(BuzzException error) {
    synchronized (this) {
      phase = Phase.DONE;
    }
    notifyFailure(error);
    release();
  }

  private void notifyFailure(BuzzException error) {
    List<AttemptStream> streams;
    synchronized (this) {
      streams = new ArrayList<>(openStreams);
      openStreams.clear();
    }
    for (AttemptStream stream : streams) {
      stream.cancel(error);
    }
    listener.onFailure(error);
  }

  /** On the merge thread: closes every state and the allocator. */
  private void release() {
    List<AttemptStream> streams;
    Runnable done;
    synchronized (this) {
      streams = new ArrayList<>(openStreams);
      done = onDone;
    }
    for (AttemptStream stream : streams) {
      MergeState state = stream.takeState();
      if (state != null) {
        state.close();
      }
    }
    queryState.close();
    try {
      allocator.close();
    } catch (IllegalStateException leak) {
      // A bug, not the user's problem: the result was already delivered.
      System.getLogger(ReduceQuery.class.getName())
          .log(
              System.Logger.Level.ERROR,
              "query " + id + " leaked Arrow memory: " + leak.getMessage());
    }
    done.run();
  }

  /** Tasks that have not committed yet, for timeout messages. */
  synchronized String missingTasks() {
    StringBuilder missing = new StringBuilder();
    int shown = 0;
    for (int task = committed.nextClearBit(0);
        task < taskCount && shown < 10;
        task = committed.nextClearBit(task + 1)) {
      missing.append(shown == 0 ? "" : ", ").append(task);
      shown++;
    }
    int total = taskCount - committedCount;
    if (total > shown) {
      missing.append(", … (").append(total).append(" in all)");
    }
    return missing.toString();
  }

  synchronized int committedCount() {
    return committedCount;
  }
}
