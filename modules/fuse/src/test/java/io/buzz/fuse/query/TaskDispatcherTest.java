package io.buzz.fuse.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import io.buzz.protocol.task.HBeeTask;
import io.buzz.protocol.task.TaskError;
import io.buzz.protocol.task.TaskReport;
import io.buzz.testing.Await;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The dispatcher's window, retries and failure rules, with a scripted invoker. */
class TaskDispatcherTest {
  private Vertx vertx;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void tearDown() {
    Await.result(vertx.close());
  }

  private static List<HBeeTask> tasks(int count) {
    List<HBeeTask> tasks = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      tasks.add(
          HBeeTask.newBuilder()
              .setQueryId("q")
              .setTaskId(i)
              .setDeadlineEpochMillis(System.currentTimeMillis() + 600_000)
              .build());
    }
    return tasks;
  }

  private static DispatchConfig config(int maxInFlight, int maxAttempts) {
    return new DispatchConfig(maxInFlight, maxAttempts, Duration.ofMillis(1));
  }

  private static Future<TaskReport> failed(ErrorCode code, String message) {
    return Future.failedFuture(new BuzzException(code, message));
  }

  private static BuzzException failure(Future<?> future) {
    Throwable failure = Await.failure(future);
    assertThat(failure).isInstanceOf(BuzzException.class);
    return (BuzzException) failure;
  }

  @Test
  void neverMoreThanMaxInFlightAndReportsInTaskOrder() {
    FakeHBeeInvoker invoker = FakeHBeeInvoker.succeeding(vertx);
    TaskDispatcher dispatcher = new TaskDispatcher(vertx, invoker, config(3, 3));
    List<TaskReport> seen = new CopyOnWriteArrayList<>();

    List<TaskReport> reports = Await.result(dispatcher.dispatch(tasks(40), seen::add));

    assertThat(invoker.maxPending()).isEqualTo(3);
    assertThat(invoker.invocations()).hasSize(40);
    assertThat(reports).extracting(TaskReport::getTaskId).containsExactlyElementsOf(range(40));
    assertThat(seen).hasSize(40);
    assertThat(dispatcher.retries()).isZero();
  }

  @Test
  void aLargeWindowOpensInSlicesSoTheEventLoopStaysResponsive() {
    int[] launchedInFirstTurn = {-1};
    List<HBeeTask> seen = new CopyOnWriteArrayList<>();
    FakeHBeeInvoker invoker =
        new FakeHBeeInvoker(
            task -> {
              if (seen.isEmpty()) {
                // Runs after the current turn of the dispatcher's event loop.
                vertx.getOrCreateContext().runOnContext(v -> launchedInFirstTurn[0] = seen.size());
              }
              seen.add(task);
              return Promise.<TaskReport>promise().future();
            });
    TaskDispatcher dispatcher = new TaskDispatcher(vertx, invoker, config(1000, 3));
    dispatcher.dispatch(tasks(200), r -> {});

    Await.result(vertx.executeBlocking(() -> awaitSize(seen, 200)));

    assertThat(launchedInFirstTurn[0]).isEqualTo(TaskDispatcher.LAUNCHES_PER_TURN);
    assertThat(invoker.maxPending()).isEqualTo(200);
  }

  @Test
  void theWindowHoldsWhileRetriesWait() {
    // Every first attempt is throttled: retries and new tasks together stay within the window.
    FakeHBeeInvoker succeeding = FakeHBeeInvoker.succeeding(vertx);
    FakeHBeeInvoker invoker =
        new FakeHBeeInvoker(
            task ->
                task.getAttempt() == 0
                    ? failed(ErrorCode.UNAVAILABLE, "throttled")
                    : succeeding.invoke(task));
    TaskDispatcher dispatcher = new TaskDispatcher(vertx, invoker, config(2, 2));

    Await.result(dispatcher.dispatch(tasks(10), r -> {}));

    assertThat(succeeding.maxPending()).isLessThanOrEqualTo(2);
    assertThat(invoker.maxPending()).isLessThanOrEqualTo(2);
    assertThat(dispatcher.retries()).isEqualTo(10);
  }

  @Test
  void retriesUnavailableWithIncreasingAttemptsUntilSuccess() {
    FakeHBeeInvoker invoker =
        new FakeHBeeInvoker(
            task ->
                task.getTaskId() == 1 && task.getAttempt() < 3
                    ? failed(ErrorCode.UNAVAILABLE, "throttled by Lambda")
                    : Future.succeededFuture(FakeHBeeInvoker.report(task)));
    TaskDispatcher dispatcher = new TaskDispatcher(vertx, invoker, config(4, 4));

    List<TaskReport> reports = Await.result(dispatcher.dispatch(tasks(3), r -> {}));

    assertThat(invoker.attempts(1)).containsExactly(0, 1, 2, 3);
    assertThat(invoker.attempts(0)).containsExactly(0);
    assertThat(reports.get(1).getAttempt()).isEqualTo(3);
    assertThat(dispatcher.retries()).isEqualTo(3);
  }

  @Test
  void throttlingIsRetriedBeyondMaxAttemptsWhileTheDeadlineAllows() {
    FakeHBeeInvoker invoker =
        new FakeHBeeInvoker(
            task ->
                task.getAttempt() < 6
                    ? failed(ErrorCode.THROTTLED, "throttled by Lambda")
                    : Future.succeededFuture(FakeHBeeInvoker.report(task)));
    TaskDispatcher dispatcher = new TaskDispatcher(vertx, invoker, config(4, 2));

    List<TaskReport> reports = Await.result(dispatcher.dispatch(tasks(2), r -> {}));

    assertThat(invoker.attempts(0)).containsExactly(0, 1, 2, 3, 4, 5, 6);
    assertThat(reports.get(0).getAttempt()).isEqualTo(6);
  }

  @Test
  void throttlingUntilTheDeadlineFailsWithIt() {
    FakeHBeeInvoker invoker =
        new FakeHBeeInvoker(task -> failed(ErrorCode.THROTTLED, "throttled by Lambda"));
    TaskDispatcher dispatcher = new TaskDispatcher(vertx, invoker, config(4, 2));
    List<HBeeTask> tasks =
        List.of(
            HBeeTask.newBuilder()
                .setQueryId("q")
                .setTaskId(0)
                .setDeadlineEpochMillis(System.currentTimeMillis() + 200)
                .build());

    BuzzException error = failure(dispatcher.dispatch(tasks, r -> {}));

    assertThat(error.code()).isEqualTo(ErrorCode.THROTTLED);
    assertThat(error.getMessage())
        .contains("throttled by Lambda")
        .contains("the task's deadline has passed");
    assertThat(invoker.attempts(0).size()).isGreaterThan(2);
  }

  @Test
  void throttlingDoesNotUseUpTheAttemptsOfOtherFailures() {
    // Throttled, then a connection reset, throttled again, reset again: two real failures of two.
    FakeHBeeInvoker invoker =
        new FakeHBeeInvoker(
            task ->
                task.getAttempt() % 2 == 0
                    ? failed(ErrorCode.THROTTLED, "throttled")
                    : failed(ErrorCode.UNAVAILABLE, "connection reset"));
    TaskDispatcher dispatcher = new TaskDispatcher(vertx, invoker, config(4, 2));

    BuzzException error = failure(dispatcher.dispatch(tasks(1), r -> {}));

    assertThat(error.getMessage()).contains("connection reset").contains("after 4 attempts");
    assertThat(invoker.attempts(0)).containsExactly(0, 1, 2, 3);
  }

  @Test
  void queriesShareTheFuseWideBudgetAndAllFinish() {
    InvocationBudget budget = new InvocationBudget(3);
    FakeHBeeInvoker invoker = FakeHBeeInvoker.succeeding(vertx);
    // Windows of 10 and 1: the small one must not leave permits idle while the other waits.
    TaskDispatcher wide = new TaskDispatcher(vertx, invoker, config(10, 3), budget);
    TaskDispatcher narrow = new TaskDispatcher(vertx, invoker, config(1, 3), budget);
    TaskDispatcher another = new TaskDispatcher(vertx, invoker, config(10, 3), budget);

    Future<List<TaskReport>> a = wide.dispatch(tasks(40), r -> {});
    Future<List<TaskReport>> b = narrow.dispatch(tasks(10), r -> {});
    Future<List<TaskReport>> c = another.dispatch(tasks(40), r -> {});

    assertThat(Await.result(a)).hasSize(40);
    assertThat(Await.result(b)).hasSize(10);
    assertThat(Await.result(c)).hasSize(40);
    assertThat(invoker.invocations()).hasSize(90);
    assertThat(invoker.maxPending()).isEqualTo(3);
    assertThat(budget.inUse()).isZero();
    assertThat(budget.waiting()).isZero();
  }

  @Test
  void aSmallQueryTakesItsTurnInsteadOfWaitingForABigOne() throws InterruptedException {
    InvocationBudget budget = new InvocationBudget(1);
    FakeHBeeInvoker invoker = FakeHBeeInvoker.succeeding(vertx);
    TaskDispatcher big = new TaskDispatcher(vertx, invoker, config(50, 3), budget);
    TaskDispatcher small = new TaskDispatcher(vertx, invoker, config(50, 3), budget);
    java.util.concurrent.atomic.AtomicInteger bigDone =
        new java.util.concurrent.atomic.AtomicInteger();

    Future<List<TaskReport>> a = big.dispatch(tasks(50), r -> bigDone.incrementAndGet());
    // Once the big query holds the only permit, the small one arrives.
    awaitTrue(() -> !invoker.invocations().isEmpty());
    Promise<Integer> bigDoneWhenSmallFinished = Promise.promise();
    small
        .dispatch(tasks(1), r -> {})
        .onComplete(done -> bigDoneWhenSmallFinished.complete(bigDone.get()));

    // Turns alternate: the small query's one task runs after a few of the big one's (those done
    // before it arrived, and one more), not after all fifty.
    assertThat(Await.result(bigDoneWhenSmallFinished.future())).isLessThan(15);
    assertThat(Await.result(a)).hasSize(50);
    assertThat(budget.inUse()).isZero();
  }

  @Test
  void aRetryWhoseTaskCommittedWhileItWaitedIsNotLaunched() throws InterruptedException {
    InvocationBudget budget = new InvocationBudget(1);
    Promise<TaskReport> holdTheOnlyPermit = Promise.promise();
    FakeHBeeInvoker invoker =
        new FakeHBeeInvoker(
            task -> {
              if (task.getTaskId() == 1) {
                return holdTheOnlyPermit.future();
              }
              return task.getAttempt() == 0
                  ? failed(ErrorCode.UNAVAILABLE, "connection reset")
                  : Future.succeededFuture(FakeHBeeInvoker.report(task));
            });
    TaskDispatcher dispatcher = new TaskDispatcher(vertx, invoker, config(4, 3), budget);
    List<HBeeTask> two = List.of(tasks(2).get(1), tasks(2).get(0)); // task 1 first: it holds
    // Dispatched from a context of the test's, so the test can act on the dispatching context.
    Context dispatching = vertx.getOrCreateContext();
    Promise<List<TaskReport>> outcome = Promise.promise();
    dispatching.runOnContext(v -> dispatcher.dispatch(two, r -> {}).onComplete(outcome));

    // Task 0's first attempt fails; its retry waits for the permit task 1 holds.
    awaitTrue(() -> budget.waiting() > 0);
    assertThat(budget.waiting()).isEqualTo(1);
    // Meanwhile the HComb reports task 0 committed (its first attempt delivered after all).
    Promise<Void> marked = Promise.promise();
    dispatching.runOnContext(
        v -> {
          dispatcher.markCommitted(0);
          marked.complete();
        });
    Await.result(marked.future());
    holdTheOnlyPermit.complete(FakeHBeeInvoker.report(two.get(0)));

    assertThat(Await.result(outcome.future())).hasSize(2);
    assertThat(invoker.attempts(0)).containsExactly(0);
    assertThat(budget.inUse()).isZero();
  }

  @Test
  void retriesWaitForTheBudgetLikeNewInvocations() {
    InvocationBudget budget = new InvocationBudget(2);
    FakeHBeeInvoker succeeding = FakeHBeeInvoker.succeeding(vertx);
    FakeHBeeInvoker invoker =
        new FakeHBeeInvoker(
            task ->
                task.getAttempt() < 2
                    ? failed(ErrorCode.THROTTLED, "throttled")
                    : succeeding.invoke(task));
    TaskDispatcher first = new TaskDispatcher(vertx, invoker, config(8, 3), budget);
    TaskDispatcher second = new TaskDispatcher(vertx, invoker, config(8, 3), budget);

    Future<List<TaskReport>> a = first.dispatch(tasks(6), r -> {});
    Future<List<TaskReport>> b = second.dispatch(tasks(6), r -> {});

    assertThat(Await.result(a)).extracting(TaskReport::getAttempt).containsOnly(2);
    assertThat(Await.result(b)).extracting(TaskReport::getAttempt).containsOnly(2);
    assertThat(invoker.maxPending()).isLessThanOrEqualTo(2);
    assertThat(budget.inUse()).isZero();
  }

  @Test
  void aCancelledQueryDoesNotKeepOthersWaiting() {
    InvocationBudget budget = new InvocationBudget(1);
    FakeHBeeInvoker invoker = FakeHBeeInvoker.succeeding(vertx);
    TaskDispatcher running = new TaskDispatcher(vertx, invoker, config(4, 3), budget);
    TaskDispatcher cancelled = new TaskDispatcher(vertx, invoker, config(4, 3), budget);
    TaskDispatcher later = new TaskDispatcher(vertx, invoker, config(4, 3), budget);

    Future<List<TaskReport>> a = running.dispatch(tasks(20), r -> {});
    Future<List<TaskReport>> b = cancelled.dispatch(tasks(20), r -> {});
    cancelled.cancel(new BuzzException(ErrorCode.CANCELLED, "the client cancelled"));
    Future<List<TaskReport>> c = later.dispatch(tasks(20), r -> {});

    assertThat(Await.result(a)).hasSize(20);
    assertThat(failure(b).code()).isEqualTo(ErrorCode.CANCELLED);
    assertThat(Await.result(c)).hasSize(20);
    assertThat(budget.inUse()).isZero();
  }

  @Test
  void retriesAnInvocationTimeout() {
    FakeHBeeInvoker invoker =
        new FakeHBeeInvoker(
            task ->
                task.getAttempt() == 0
                    ? failed(ErrorCode.DEADLINE_EXCEEDED, "no answer within 500 ms")
                    : Future.succeededFuture(FakeHBeeInvoker.report(task)));
    TaskDispatcher dispatcher = new TaskDispatcher(vertx, invoker, config(4, 2));

    Await.result(dispatcher.dispatch(tasks(2), r -> {}));

    assertThat(invoker.attempts(0)).containsExactly(0, 1);
  }

  @Test
  void givesUpAfterMaxAttemptsWithTheLastError() {
    FakeHBeeInvoker invoker =
        new FakeHBeeInvoker(
            task ->
                task.getTaskId() == 2
                    ? failed(
                        ErrorCode.UNAVAILABLE, "connection reset, attempt " + task.getAttempt())
                    : Promise.<TaskReport>promise().future());
    TaskDispatcher dispatcher = new TaskDispatcher(vertx, invoker, config(8, 3));

    BuzzException error = failure(dispatcher.dispatch(tasks(4), r -> {}));

    assertThat(error.code()).isEqualTo(ErrorCode.UNAVAILABLE);
    assertThat(error.getMessage())
        .contains("connection reset, attempt 2")
        .contains("after 3 attempts");
    assertThat(invoker.attempts(2)).containsExactly(0, 1, 2);
  }

  @ParameterizedTest
  @EnumSource(
      value = ErrorCode.class,
      names = {"BAD_QUERY", "NOT_FOUND", "UNSUPPORTED", "LIMIT_EXCEEDED", "INTERNAL"})
  void aNonRetryableFailureFailsAtOnce(ErrorCode code) {
    FakeHBeeInvoker invoker =
        new FakeHBeeInvoker(
            task ->
                task.getTaskId() == 0
                    ? failed(code, "file:///t/a.parquet: broken")
                    : Promise.<TaskReport>promise().future());
    TaskDispatcher dispatcher = new TaskDispatcher(vertx, invoker, config(2, 5));

    BuzzException error = failure(dispatcher.dispatch(tasks(10), r -> {}));

    assertThat(error.code()).isEqualTo(code);
    assertThat(error.getMessage()).isEqualTo("file:///t/a.parquet: broken");
    assertThat(invoker.attempts(0)).containsExactly(0);
    assertThat(invoker.invocations()).hasSize(2);
  }

  @Test
  void aLateFailureOfACommittedTaskIsIgnored() {
    // Task 0 committed on the HComb (through an attempt the Fuse no longer waits for), then the
    // invocation the Fuse does wait for fails, e.g. a redelivery finding the query finished.
    TaskDispatcher[] holder = new TaskDispatcher[1];
    FakeHBeeInvoker invoker =
        new FakeHBeeInvoker(
            task -> {
              if (task.getTaskId() == 0) {
                holder[0].markCommitted(0);
                return failed(ErrorCode.NOT_FOUND, "query q is not registered on this HComb");
              }
              return Future.succeededFuture(
                  TaskReport.newBuilder().setTaskId(task.getTaskId()).build());
            });
    holder[0] = new TaskDispatcher(vertx, invoker, config(4, 3));

    List<TaskReport> reports = Await.result(holder[0].dispatch(tasks(3), r -> {}));

    assertThat(reports).hasSize(3);
    assertThat(invoker.attempts(0)).containsExactly(0);
  }

  @Test
  void aRetryOfATaskThatCommittedMeanwhileIsNotLaunched() {
    TaskDispatcher[] holder = new TaskDispatcher[1];
    FakeHBeeInvoker invoker =
        new FakeHBeeInvoker(
            task -> {
              // The first attempt times out from the Fuse's view, but did commit on the HComb.
              holder[0].markCommitted(task.getTaskId());
              return failed(ErrorCode.DEADLINE_EXCEEDED, "no answer");
            });
    holder[0] = new TaskDispatcher(vertx, invoker, config(4, 3));

    assertThat(Await.result(holder[0].dispatch(tasks(2), r -> {}))).hasSize(2);
    assertThat(invoker.attempts(0)).containsExactly(0);
    assertThat(invoker.attempts(1)).containsExactly(0);
  }

  @Test
  void aReportWithAnErrorFailsWithItsCode() {
    FakeHBeeInvoker invoker =
        new FakeHBeeInvoker(
            task ->
                Future.succeededFuture(
                    task.getTaskId() == 1
                        ? FakeHBeeInvoker.report(task).toBuilder()
                            .setError(
                                TaskError.newBuilder()
                                    .setCode(io.buzz.protocol.task.ErrorCode.NOT_FOUND)
                                    .setMessage("file:///t/b.parquet does not exist"))
                            .build()
                        : FakeHBeeInvoker.report(task)));
    TaskDispatcher dispatcher = new TaskDispatcher(vertx, invoker, config(1, 3));
    List<TaskReport> seen = new CopyOnWriteArrayList<>();

    BuzzException error = failure(dispatcher.dispatch(tasks(3), seen::add));

    assertThat(error.code()).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(error.getMessage()).contains("b.parquet does not exist");
    assertThat(invoker.attempts(1)).containsExactly(0);
    assertThat(invoker.attempts(2)).isEmpty();
    assertThat(seen).extracting(TaskReport::getTaskId).containsExactly(0);
  }

  @Test
  void aReportWithARetryableErrorIsRetried() {
    FakeHBeeInvoker invoker =
        new FakeHBeeInvoker(
            task ->
                Future.succeededFuture(
                    task.getAttempt() == 0
                        ? FakeHBeeInvoker.report(task).toBuilder()
                            .setError(
                                TaskError.newBuilder()
                                    .setCode(io.buzz.protocol.task.ErrorCode.UNAVAILABLE)
                                    .setMessage("S3 said 503 Slow Down"))
                            .build()
                        : FakeHBeeInvoker.report(task)));
    TaskDispatcher dispatcher = new TaskDispatcher(vertx, invoker, config(4, 2));

    assertThat(Await.result(dispatcher.dispatch(tasks(3), r -> {})))
        .extracting(TaskReport::getAttempt)
        .containsExactly(1, 1, 1);
  }

  @Test
  void noRetryOnceTheTaskDeadlinePassed() {
    FakeHBeeInvoker invoker =
        new FakeHBeeInvoker(task -> failed(ErrorCode.DEADLINE_EXCEEDED, "passed its deadline"));
    TaskDispatcher dispatcher = new TaskDispatcher(vertx, invoker, config(4, 5));
    List<HBeeTask> late =
        List.of(
            HBeeTask.newBuilder()
                .setTaskId(0)
                .setDeadlineEpochMillis(System.currentTimeMillis() - 1)
                .build());

    BuzzException error = failure(dispatcher.dispatch(late, r -> {}));

    assertThat(error.code()).isEqualTo(ErrorCode.DEADLINE_EXCEEDED);
    assertThat(error.getMessage()).contains("deadline has passed");
    assertThat(invoker.attempts(0)).containsExactly(0);
  }

  @Test
  void cancelStopsLaunching() {
    List<Promise<TaskReport>> running = new CopyOnWriteArrayList<>();
    FakeHBeeInvoker invoker =
        new FakeHBeeInvoker(
            task -> {
              Promise<TaskReport> promise = Promise.promise();
              running.add(promise);
              return promise.future();
            });
    TaskDispatcher dispatcher = new TaskDispatcher(vertx, invoker, config(2, 3));
    Future<List<TaskReport>> outcome = dispatcher.dispatch(tasks(10), r -> {});
    Await.result(vertx.executeBlocking(() -> awaitSize(running, 2)));

    dispatcher.cancel(new BuzzException(ErrorCode.CANCELLED, "the client cancelled"));
    BuzzException error = failure(outcome);
    for (Promise<TaskReport> promise : running) {
      promise.complete(TaskReport.getDefaultInstance());
    }
    // A turn of the dispatcher's context after the completions: nothing new was launched.
    Await.result(vertx.executeBlocking(() -> null));

    assertThat(error.code()).isEqualTo(ErrorCode.CANCELLED);
    assertThat(invoker.invocations()).hasSize(2);
  }

  @Test
  void cancelStopsWaitingRetries() {
    FakeHBeeInvoker invoker =
        new FakeHBeeInvoker(task -> failed(ErrorCode.UNAVAILABLE, "throttled"));
    TaskDispatcher dispatcher =
        new TaskDispatcher(vertx, invoker, new DispatchConfig(4, 3, Duration.ofMinutes(10)));
    Future<List<TaskReport>> outcome = dispatcher.dispatch(tasks(4), r -> {});

    dispatcher.cancel(new BuzzException(ErrorCode.DEADLINE_EXCEEDED, "query timed out"));

    assertThat(failure(outcome).getMessage()).isEqualTo("query timed out");
    assertThat(invoker.invocations()).hasSizeLessThanOrEqualTo(4);
  }

  @Test
  void zeroTasksCompleteAtOnce() {
    FakeHBeeInvoker invoker = FakeHBeeInvoker.succeeding(vertx);
    TaskDispatcher dispatcher = new TaskDispatcher(vertx, invoker, config(2, 3));

    assertThat(Await.result(dispatcher.dispatch(List.of(), r -> {}))).isEmpty();
    assertThat(invoker.invocations()).isEmpty();
  }

  @Test
  void taskIdsNeedNotBePositions() {
    FakeHBeeInvoker invoker = FakeHBeeInvoker.succeeding(vertx);
    TaskDispatcher dispatcher = new TaskDispatcher(vertx, invoker, config(2, 3));
    List<HBeeTask> tasks = new ArrayList<>();
    for (int id : new int[] {7, 3, 42}) {
      tasks.add(HBeeTask.newBuilder().setTaskId(id).build());
    }

    assertThat(Await.result(dispatcher.dispatch(tasks, r -> {})))
        .extracting(TaskReport::getTaskId)
        .containsExactly(7, 3, 42);
  }

  @Test
  void anInvokerThatThrowsFailsTheDispatchInsteadOfHanging() {
    FakeHBeeInvoker invoker =
        new FakeHBeeInvoker(
            task -> {
              throw new IllegalStateException("the invoker is closed");
            });
    TaskDispatcher dispatcher = new TaskDispatcher(vertx, invoker, config(2, 3));

    BuzzException error = failure(dispatcher.dispatch(tasks(3), r -> {}));

    assertThat(error.code()).isEqualTo(ErrorCode.INTERNAL);
    assertThat(error.getMessage()).contains("the invoker is closed");
  }

  private static <T> Void awaitSize(List<T> list, int size) throws InterruptedException {
    awaitTrue(() -> list.size() >= size);
    return null;
  }

  /** Blocks the test thread until {@code condition} holds (30 s at most, a guard against hangs). */
  private static void awaitTrue(java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the condition did not hold within 30 s");
      }
      Thread.sleep(1);
    }
  }

  private static List<Integer> range(int n) {
    List<Integer> values = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      values.add(i);
    }
    return values;
  }

  private static final DispatchConfig.Hedging FAST_HEDGING =
      new DispatchConfig.Hedging(true, 0.8, 3, Duration.ofMillis(200), 0.5);

  @Test
  void aStragglerGetsOneHedgeAndItsFirstSuccessCountsOnce() {
    // Task 0's first attempt never answers; every other attempt answers at once.
    FakeHBeeInvoker invoker =
        new FakeHBeeInvoker(
            task ->
                task.getTaskId() == 0 && task.getAttempt() == 0
                    ? Promise.<TaskReport>promise().future()
                    : Future.succeededFuture(FakeHBeeInvoker.report(task)));
    TaskDispatcher dispatcher =
        new TaskDispatcher(vertx, invoker, config(10, 3).withHedging(FAST_HEDGING));
    List<TaskReport> seen = new CopyOnWriteArrayList<>();

    List<TaskReport> reports = Await.result(dispatcher.dispatch(tasks(10), seen::add));

    assertThat(invoker.attempts(0)).containsExactly(0, 1);
    assertThat(reports.get(0).getAttempt()).isEqualTo(1);
    assertThat(seen).hasSize(10);
    assertThat(dispatcher.invocations()).isEqualTo(11);
    assertThat(dispatcher.hedges()).isEqualTo(1);
  }

  @Test
  void hedgeWinsAreCountedFromTheHCombsCommits() {
    Promise<TaskReport> slow = Promise.promise();
    FakeHBeeInvoker invoker =
        new FakeHBeeInvoker(
            task ->
                task.getTaskId() == 0 && task.getAttempt() == 0
                    ? slow.future()
                    : Future.succeededFuture(FakeHBeeInvoker.report(task)));
    TaskDispatcher dispatcher =
        new TaskDispatcher(vertx, invoker, config(10, 3).withHedging(FAST_HEDGING));
    Future<List<TaskReport>> done = dispatcher.dispatch(tasks(5), r -> {});
    Await.result(done);
    dispatcher.markCommitted(0, 1); // the HComb committed the hedge's attempt
    dispatcher.markCommitted(1, 0);
    assertThat(dispatcher.hedgeWins()).isEqualTo(1);
    slow.complete(FakeHBeeInvoker.report(tasks(1).get(0)));
  }

  @Test
  void noHedgeWithoutASpareInvocation() {
    InvocationBudget budget = new InvocationBudget(10);
    FakeHBeeInvoker invoker =
        new FakeHBeeInvoker(
            task ->
                task.getTaskId() == 3
                    ? Promise.<TaskReport>promise().future()
                    : Future.succeededFuture(FakeHBeeInvoker.report(task)));
    TaskDispatcher dispatcher =
        new TaskDispatcher(vertx, invoker, config(10, 3).withHedging(FAST_HEDGING), budget);
    // Every other permit is held elsewhere: tasks run one by one, and the last one, straggling
    // with the only permit, gets no hedge.
    for (int i = 0; i < 9; i++) {
      assertThat(budget.tryAcquire()).isTrue();
    }
    Future<List<TaskReport>> done = dispatcher.dispatch(tasks(4), r -> {});
    Await.result(
        vertx.<Void>executeBlocking(
            () -> {
              Thread.sleep(800);
              return null;
            }));
    assertThat(invoker.attempts(3)).containsExactly(0);
    assertThat(invoker.invocations()).hasSize(4);
    dispatcher.cancel(new BuzzException(ErrorCode.CANCELLED, "done"));
    Await.failure(done);
  }
}
