package io.buzz.fuse.query;

import static java.util.Objects.requireNonNull;

import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import io.buzz.fuse.invoke.HBeeInvoker;
import io.buzz.protocol.task.HBeeTask;
import io.buzz.protocol.task.TaskReport;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * Launches a query's HBee tasks with at most {@link DispatchConfig#maxInFlight()} invocations in
 * flight, retries retryable failures as new attempts (the HComb keeps one attempt per task), and
 * fails fast on the first task that cannot succeed.
 *
 * <pre>
 *   dispatch(tasks) ─▶ fill the window ─▶ invoke ─┬─ report ok ─────────▶ accept, fill again
 *                                                ├─ THROTTLED, the task's deadline left, or
 *                                                │  UNAVAILABLE / DEADLINE_EXCEEDED, attempts
 *                                                │  and the deadline left ─▶ backoff (the slot
 *                                                │  stays taken) ─▶ attempt + 1
 *                                                └─ anything else ───────▶ fail the dispatch
 * </pre>
 *
 * <p>A retry counts as in flight while it waits for its backoff, so the window bounds the work the
 * query has started at any time. Every attempt of a task (retry or hedge) gets the next attempt
 * number. At most {@link #LAUNCHES_PER_TURN} invocations start per turn of the event loop.
 *
 * <p>Stragglers are hedged ({@link DispatchConfig.Hedging}): near the end of a query a task running
 * far beyond the median gets a second attempt, with a spare permit of the budget only. Whichever
 * attempt succeeds first counts; while one attempt of a task is still running, the failure of
 * another is ignored.
 *
 * <p>Confined to the Vert.x context that calls {@link #dispatch}: every callback runs there, so the
 * counters need no locks. Use one dispatcher per query and call {@link #dispatch} once.
 */
public final class TaskDispatcher {
  /**
   * Invocations started in one turn of the event loop. Starting one costs the AWS SDK's marshalling
   * and signing on the calling thread, so a window of thousands is opened in slices and the event
   * loop keeps serving other queries in between.
   */
  static final int LAUNCHES_PER_TURN = 32;

  private final Vertx vertx;
  private final HBeeInvoker invoker;
  private final DispatchConfig config;
  private final Promise<List<TaskReport>> done = Promise.promise();
  private final Set<Long> backoffTimers = new HashSet<>();
  private final BitSet committed = new BitSet();
  private final InvocationBudget budget;

  /**
   * Retries whose backoff is over, waiting for a permit of the budget; launched before new tasks.
   */
  private final Deque<Ready> ready = new ArrayDeque<>();

  private InvocationBudget.Waiter waiter;
  private List<HBeeTask> tasks;
  private TaskReport[] reports;
  private int[] failures;

  /** The attempt number the task's next launch gets. */
  private int[] nextAttempt;

  /** Attempts of the task running now. */
  private int[] running;

  /** When the task's current first attempt started (nanoTime), 0 when none runs. */
  private long[] startedNanos;

  private final BitSet recorded = new BitSet();
  private StragglerHedging hedging;
  private final InvocationClock clock = new InvocationClock();
  private long hedgeTimer = -1;
  private Consumer<TaskReport> onReport;
  private Context context;
  private int next;
  private int inFlight;
  private int completed;
  private int retries;
  private boolean fillScheduled;

  public TaskDispatcher(Vertx vertx, HBeeInvoker invoker, DispatchConfig config) {
    this(vertx, invoker, config, InvocationBudget.unlimited());
  }

  /**
   * @param budget the invocations the whole Fuse may have in flight, shared with other queries
   */
  public TaskDispatcher(
      Vertx vertx, HBeeInvoker invoker, DispatchConfig config, InvocationBudget budget) {
    this.vertx = requireNonNull(vertx, "vertx is null");
    this.invoker = requireNonNull(invoker, "invoker is null");
    this.config = requireNonNull(config, "config is null");
    this.budget = requireNonNull(budget, "budget is null");
  }

  /**
   * Runs every task. The future completes with one report per task, in the order of {@code tasks},
   * or fails with the first unrecoverable failure (or the reason given to {@link #cancel}). {@code
   * onReport} sees each successful report as it arrives, on the dispatching context.
   */
  public Future<List<TaskReport>> dispatch(List<HBeeTask> tasks, Consumer<TaskReport> onReport) {
    if (this.tasks != null) {
      throw new IllegalStateException("dispatch() may be called once");
    }
    this.tasks = List.copyOf(tasks);
    this.reports = new TaskReport[tasks.size()];
    this.failures = new int[tasks.size()];
    this.nextAttempt = new int[tasks.size()];
    this.running = new int[tasks.size()];
    this.startedNanos = new long[tasks.size()];
    this.hedging = new StragglerHedging(config.hedging(), tasks.size());
    for (int i = 0; i < tasks.size(); i++) {
      nextAttempt[i] = this.tasks.get(i).getAttempt() + 1;
    }
    this.onReport = requireNonNull(onReport, "onReport is null");
    this.context = vertx.getOrCreateContext();
    this.waiter = new InvocationBudget.Waiter(context, this::fill);
    // Done or cancelled: out of the budget's queue, handing on any permit given meanwhile.
    done.future().onComplete(v -> budget.leave(waiter));
    context.runOnContext(
        v -> {
          if (hedging.enabled() && !ended()) {
            hedgeTimer = vertx.setPeriodic(HEDGE_CHECK_MILLIS, id -> hedgeStragglers());
            done.future().onComplete(ignored -> vertx.cancelTimer(hedgeTimer));
          }
          fill();
        });
    return done.future();
  }

  /**
   * Stops launching, now and for waiting retries; invocations already running are left to finish
   * and their outcome is ignored. The dispatch fails with {@code reason} unless it already ended.
   * May be called from any thread, also before {@link #dispatch}.
   */
  public void cancel(BuzzException reason) {
    if (context == null) {
      done.tryFail(reason);
      return;
    }
    context.runOnContext(
        v -> {
          done.tryFail(reason);
          for (long timer : backoffTimers) {
            vertx.cancelTimer(timer);
          }
          backoffTimers.clear();
        });
  }

  /**
   * Records that the HComb committed an attempt of task {@code taskId}. From then on a failure of
   * another attempt of that task (a late retry, a redelivery that finds the query finished) no
   * longer matters, and waiting retries of it are not launched. Call on the dispatching context.
   */
  public void markCommitted(int taskId) {
    committed.set(taskId);
  }

  /**
   * Records that the HComb committed attempt {@code attempt} of task {@code taskId} (whose index in
   * the dispatched list is its id, as the Fuse numbers them): {@link #markCommitted(int)}, and a
   * hedge win when that attempt was the task's hedge.
   */
  public void markCommitted(int taskId, int attempt) {
    markCommitted(taskId);
    if (hedging != null) {
      hedging.committed(taskId, attempt);
    }
  }

  /** Hedged (speculative) attempts launched so far. Read on the dispatching context. */
  public int hedges() {
    return hedging == null ? 0 : hedging.hedges();
  }

  /** Tasks whose hedged attempt finished first. Read on the dispatching context. */
  public int hedgeWins() {
    return hedging == null ? 0 : hedging.wins();
  }

  /** Invocations started so far: first attempts, retries and hedges. */
  public int invocations() {
    return clock.invocations();
  }

  /**
   * Wall time of the invocations so far, summed — those answered, and those still running up to now
   * (a hedge's loser, the last tasks whose answers follow their commit): what Lambda bills,
   * roughly.
   */
  public long invocationMillis() {
    return clock.millis();
  }

  /** Retries so far, for statistics. Read on the dispatching context. */
  public int retries() {
    return retries;
  }

  /** Invocations started and not yet answered, retries waiting for their backoff included. */
  int inFlight() {
    return inFlight;
  }

  private boolean ended() {
    return done.future().isComplete();
  }

  private record Ready(int index, HBeeTask task) {}

  private void fill() {
    fillScheduled = false;
    if (tasks.isEmpty()) {
      done.tryComplete(List.of());
      return;
    }
    int launched = 0;
    dropCommittedRetries();
    while (!ended()
        && (!ready.isEmpty() || (inFlight < config.maxInFlight() && next < tasks.size()))) {
      if (launched == LAUNCHES_PER_TURN) {
        // The rest in later turns: each launch marshals and signs a request on this thread.
        if (!fillScheduled) {
          fillScheduled = true;
          context.runOnContext(v -> fill());
        }
        return;
      }
      if (!budget.acquireOrWait(waiter)) {
        return; // woken on this context when another invocation of the Fuse ends
      }
      Ready retry = ready.pollFirst();
      if (retry != null) {
        launch(retry.index(), retry.task()); // its slot in the window was kept while it waited
      } else {
        int index = next++;
        inFlight++;
        launch(index, tasks.get(index));
      }
      launched++;
    }
    // Woken with a permit it cannot use (ended, window full): hand it on.
    budget.returnUnused(waiter);
  }

  /**
   * Retries waiting for a permit whose task committed meanwhile need no invocation any more: they
   * count as done, without a permit taken for them.
   */
  private void dropCommittedRetries() {
    for (Iterator<Ready> it = ready.iterator(); it.hasNext(); ) {
      Ready retry = it.next();
      if (committed.get(retry.task().getTaskId())) {
        it.remove();
        inFlight--;
        record(retry.index(), TaskReport.getDefaultInstance());
      }
    }
  }

  /** Starts an invocation that holds a permit of the budget and a slot of the window. */
  private void launch(int index, HBeeTask task) {
    running[index]++;
    long launchedNanos = clock.started();
    if (running[index] == 1) {
      startedNanos[index] = launchedNanos;
    }
    Future<TaskReport> invocation;
    try {
      invocation = invoker.invoke(task);
    } catch (Throwable e) { // even an Error: the permit must come back
      invocation = Future.failedFuture(e);
    }
    invocation.onComplete(
        result -> {
          budget.release();
          context.runOnContext(
              v -> {
                clock.answered(launchedNanos);
                onOutcome(index, task, result);
              });
        });
  }

  private void onOutcome(int index, HBeeTask task, AsyncResult<TaskReport> result) {
    inFlight--;
    running[index]--;
    if (ended() || recorded.get(index)) {
      return; // the other attempt of a hedged task already counted
    }
    if (result.succeeded() && !result.result().hasError()) {
      hedging.succeeded(System.nanoTime() - startedNanos[index]);
      accept(index, result.result());
    } else if (running[index] > 0) {
      // Another attempt of this task (its hedge, or the attempt it hedged) still runs: it decides.
      return;
    } else if (committed.get(task.getTaskId())) {
      // Another attempt of this task already counted: this one's failure changes nothing.
      accept(index, result.succeeded() ? result.result() : TaskReport.getDefaultInstance());
    } else {
      BuzzException error =
          result.succeeded()
              ? BuzzException.fromWire(result.result().getError())
              : BuzzException.wrap(result.cause());
      retryOrFail(index, task, error);
    }
  }

  private void accept(int index, TaskReport report) {
    if (!record(index, report)) {
      fill();
    }
  }

  /** Counts task {@code index} as done; true when that was the last one (the dispatch is done). */
  private boolean record(int index, TaskReport report) {
    if (recorded.get(index)) {
      return false;
    }
    recorded.set(index);
    reports[index] = report;
    completed++;
    onReport.accept(report);
    if (completed == tasks.size()) {
      done.tryComplete(new ArrayList<>(Arrays.asList(reports)));
      return true;
    }
    return false;
  }

  private void retryOrFail(int index, HBeeTask task, BuzzException error) {
    boolean throttled = error.code() == ErrorCode.THROTTLED;
    boolean retryable =
        throttled
            || error.code() == ErrorCode.UNAVAILABLE
            || error.code() == ErrorCode.DEADLINE_EXCEEDED;
    int attemptsMade = nextAttempt[index]; // attempts launched so far, hedges included
    // Throttling says "not now", not "broken": it does not use up the task's attempts.
    if (!throttled) {
      failures[index]++;
    }
    boolean pastDeadline =
        task.getDeadlineEpochMillis() > 0
            && System.currentTimeMillis() >= task.getDeadlineEpochMillis();
    if (!retryable || failures[index] >= config.maxAttempts() || pastDeadline) {
      String suffix =
          !retryable
              ? ""
              : pastDeadline
                  ? " (attempt " + attemptsMade + "; the task's deadline has passed)"
                  : " (after " + attemptsMade + " attempts)";
      done.tryFail(new BuzzException(error.code(), error.getMessage() + suffix, error));
      return;
    }
    retries++;
    long first = Math.max(1, config.retryBackoff().toMillis());
    long base = Math.min(config.maxBackoff().toMillis(), first << Math.min(20, task.getAttempt()));
    long delay = Math.max(1, base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1));
    if (task.getDeadlineEpochMillis() > 0) {
      // Never sleep past the deadline: the last try happens while it can still count.
      delay =
          Math.max(1, Math.min(delay, task.getDeadlineEpochMillis() - System.currentTimeMillis()));
    }
    HBeeTask again = task.toBuilder().setAttempt(nextAttempt[index]++).build();
    inFlight++; // the slot stays taken while the retry waits
    long[] timer = new long[1];
    timer[0] =
        vertx.setTimer(
            delay,
            id ->
                context.runOnContext(
                    v -> {
                      backoffTimers.remove(timer[0]);
                      if (ended()) {
                        inFlight--;
                        return;
                      }
                      if (committed.get(task.getTaskId())) {
                        inFlight--;
                        accept(index, TaskReport.getDefaultInstance());
                      } else {
                        ready.addLast(new Ready(index, again)); // keeps its slot
                        fill();
                      }
                    }));
    backoffTimers.add(timer[0]);
  }

  /** How often stragglers are looked for once hedging may start. */
  static final long HEDGE_CHECK_MILLIS = 100;

  /**
   * Launches a second attempt of each task that runs far beyond the median, once most tasks are
   * done; only with spare permits, at most {@link DispatchConfig.Hedging#maxFraction()} of the
   * tasks. Runs on the dispatching context.
   */
  private void hedgeStragglers() {
    long threshold = hedging.thresholdNanos(next, completed);
    if (ended() || threshold < 0) {
      return;
    }
    long now = System.nanoTime();
    for (int index = 0; index < next && hedging.mayHedgeMore(); index++) {
      if (recorded.get(index)
          || hedging.hedged(index)
          || running[index] != 1
          || now - startedNanos[index] < threshold
          || committed.get(tasks.get(index).getTaskId())) {
        continue;
      }
      if (!budget.tryAcquire()) {
        return; // no spare invocation: the query's own work goes first
      }
      inFlight++;
      int attempt = nextAttempt[index]++;
      hedging.hedge(index, attempt);
      launch(index, tasks.get(index).toBuilder().setAttempt(attempt).build());
    }
  }
}
