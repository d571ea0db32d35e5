package io.buzz.fuse.query;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.ByteString;
import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import io.buzz.fuse.FuseServices;
import io.buzz.fuse.catalog.Table;
import io.buzz.fuse.catalog.TableFile;
import io.buzz.fuse.hcomb.HCombCall;
import io.buzz.plan.sql.PlannedQuery;
import io.buzz.protocol.hcomb.Finished;
import io.buzz.protocol.hcomb.RunQueryRequest;
import io.buzz.protocol.hcomb.TaskCommitted;
import io.buzz.protocol.query.Started;
import io.buzz.protocol.query.Statistics;
import io.buzz.protocol.task.Endpoint;
import io.buzz.protocol.task.HBeeTask;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * One query through the Fuse, from JSON to the last statistic.
 *
 * <pre>
 *   parse + validate ─▶ catalog: list files, read schema ─▶ plan (Calcite, worker thread)
 *     ─▶ prune files with partition_filter ─▶ acquire HComb ─▶ register query on it
 *        (EXPLAIN: the files, tasks and plan are the result; nothing runs)
 *     ─▶ invoke one HBee per task of packed files (bounded, retried) ─┐
 *                      HComb streams the result back ◀┘ ─▶ client; then statistics
 * </pre>
 *
 * <p>Runs on the event loop of the client's call: results of other components (the HComb manager
 * may answer on another event loop) are brought back to it before they are used, so the fields need
 * no locks. Parsing, planning and file selection run on a worker. Any failure, the deadline or the
 * client going away ends the query once: the sink is told, running work (the HComb's query, HBee
 * dispatch) is cancelled, and stages not yet started never start.
 */
public final class QueryExecution {
  private static final SecureRandom TOKENS = new SecureRandom();

  private final FuseServices services;
  private final QueryEventSink sink;
  private final Duration timeout;
  private final String queryId = UUID.randomUUID().toString();
  private final StatisticsCollector statistics;
  private String stage = "parsing";
  private long timer = -1;
  private long startNanos;

  /** How often a query with running HBees tells its client where it is. */
  static final long PROGRESS_TICK_MILLIS = 500;

  private volatile Context context;
  private boolean ended;
  private final Promise<Void> endedPromise = Promise.promise();
  private BuzzException endError;
  private HCombCall hcombCall;
  private ResultRelay relay;
  private TaskDispatcher dispatcher;

  /**
   * @param timeout the query's deadline: the Fuse's limit or the client's, whichever is shorter
   */
  public QueryExecution(FuseServices services, QueryEventSink sink, Duration timeout) {
    this(services, sink, timeout, Duration.ZERO);
  }

  /**
   * @param timeout what is left of the query's deadline
   * @param queued how long the query waited for a slot before this execution (for statistics)
   */
  public QueryExecution(
      FuseServices services, QueryEventSink sink, Duration timeout, Duration queued) {
    this.services = requireNonNull(services, "services is null");
    this.sink = requireNonNull(sink, "sink is null");
    this.timeout = requireNonNull(timeout, "timeout is null");
    this.statistics = new StatisticsCollector(queryId);
    statistics.queueWait(requireNonNull(queued, "queued is null"));
  }

  public String queryId() {
    return queryId;
  }

  /**
   * Ends the query with {@code reason} unless it already ended (e.g. the server is shutting down).
   * May be called from any thread; does nothing before {@link #run}.
   */
  public void abort(BuzzException reason) {
    Context own = context;
    if (own != null) {
      own.runOnContext(v -> fail(reason));
    }
  }

  /**
   * Runs the query; the returned future completes as soon as it ended, either way (answered,
   * failed, timed out, cancelled) — a stage still finishing on a worker does not hold it up.
   */
  public Future<Void> run(String json) {
    startNanos = System.nanoTime();
    services.metrics().queryStarted();
    Vertx vertx = services.vertx();
    context = vertx.getOrCreateContext();
    timer =
        vertx.setTimer(
            Math.max(1, timeout.toMillis()),
            id ->
                fail(
                    new BuzzException(
                        ErrorCode.DEADLINE_EXCEEDED,
                        "query "
                            + queryId
                            + " did not finish within "
                            + timeout.toMillis()
                            + " ms (it was "
                            + stage
                            + ")")));
    sink.cancelHandler(
        v -> fail(new BuzzException(ErrorCode.CANCELLED, "the client cancelled query " + queryId)));
    vertx
        .executeBlocking(() -> parse(json), false)
        .compose(this::unlessEnded)
        .compose(this::loadAndPlan)
        .compose(this::unlessEnded)
        .compose(this::launch)
        .onComplete(
            outcome -> {
              if (outcome.failed()) {
                fail(BuzzException.wrap(outcome.cause()));
              } else {
                succeed();
              }
            });
    return endedPromise.future();
  }

  private record Planned(
      ParsedQuery parsed, Table table, PlannedQuery plan, FileSelection selected) {}

  private ParsedQuery parse(String json) {
    long start = System.nanoTime();
    ParsedQuery parsed = ParsedQuery.of(json, services.planner());
    statistics.planningNanos(System.nanoTime() - start);
    return parsed;
  }

  private Future<Planned> loadAndPlan(ParsedQuery parsed) {
    stage = "listing catalog '" + parsed.catalog().name() + "'";
    long start = System.nanoTime();
    return onOwnContext(services.catalogs().open(parsed.catalog(), parsed.field()).load())
        .compose(this::unlessEnded)
        .compose(
            table -> {
              long listingNanos = System.nanoTime() - start;
              statistics.catalogNanos(listingNanos);
              services.metrics().catalogListed(listingNanos);
              stage = "planning";
              long planStart = System.nanoTime();
              return services
                  .vertx()
                  .executeBlocking(
                      () -> {
                        PlannedQuery plan = services.planner().plan(parsed.query(), table.schema());
                        FileSelection selected =
                            FileSelection.of(table, plan, services.allocator());
                        return new Planned(parsed, table, plan, selected);
                      },
                      false)
                  .map(
                      planned -> {
                        statistics.planningNanos(System.nanoTime() - planStart);
                        services.metrics().planned(statistics.planningNanos());
                        return planned;
                      });
            });
  }

  private Future<Void> launch(Planned planned) {
    List<TableFile> selected = planned.selected().files();
    Table table = planned.table();
    double readFraction = ReadFraction.of(planned.plan().plan().getHbee(), table.schema());
    List<List<TableFile>> packed = services.config().packing().pack(selected, readFraction);
    if (planned.plan().explainOnly()) {
      return explain(planned, packed.size());
    }
    if (packed.size() > services.config().maxTasks()) {
      return Future.failedFuture(
          TaskPacking.overLimit(
              table.name(), selected.size(), packed.size(), services.config().maxTasks()));
    }
    announce(planned, packed.size());
    services.metrics().filesChosen(table.files().size(), selected.size(), statistics.bytesListed());
    String token = HexFormat.of().formatHex(randomBytes());
    return acquireAndRegister(planned, token, packed.size(), true)
        .compose(this::unlessEnded)
        .compose(endpoint -> runTasks(endpoint, planned, token, packed));
  }

  /** Answers {@code EXPLAIN}: the files and tasks the query would make, and its plan. */
  private Future<Void> explain(Planned planned, int tasks) {
    announce(planned, tasks);
    List<String> lines =
        ExplainResult.lines(
            planned.table().files().size(),
            planned.selected().files().size(),
            planned.selected().skippedByStatistics(),
            tasks,
            services.config().maxTasks(),
            planned.plan().explain());
    ExplainResult.send(sink, lines, services.allocator());
    return Future.succeededFuture();
  }

  /** Records the files chosen and tells the client the query started. */
  private void announce(Planned planned, int tasks) {
    Table table = planned.table();
    List<TableFile> selected = planned.selected().files();
    statistics.files(table.files().size(), selected, tasks);
    table.version().ifPresent(statistics::tableVersion);
    statistics.skippedByStatistics(planned.selected().skippedByStatistics());
    sink.started(
        Started.newBuilder()
            .setQueryId(queryId)
            .setFilesListed(table.files().size())
            .setFilesSelected(selected.size())
            .setHbeeTasks(tasks)
            .build());
  }

  /**
   * Acquires an HComb and registers the query on it. An HComb that refuses with UNAVAILABLE was
   * shutting down (idle, or replaced) between the manager handing it out and the registration: the
   * manager has forgotten it by then, so one more acquisition gets a live one.
   */
  private Future<Endpoint> acquireAndRegister(
      Planned planned, String token, int tasks, boolean mayRetry) {
    stage = "acquiring an HComb";
    long acquireStart = System.nanoTime();
    return onOwnContext(services.hcombs().acquire(planned.parsed().query().capacity().zones()))
        .compose(this::unlessEnded)
        .compose(
            endpoints -> {
              long acquireNanos = System.nanoTime() - acquireStart;
              statistics.hcombAcquireNanos(acquireNanos);
              services.metrics().hcombAcquired(acquireNanos);
              stage = "registering the query on the HComb";
              return register(endpoints.get(0), planned, token, tasks);
            })
        .recover(
            failure -> {
              boolean refused =
                  failure instanceof BuzzException error
                      && error.code() == ErrorCode.UNAVAILABLE
                      && hcombCall != null;
              if (!mayRetry || !refused || ended) {
                return Future.failedFuture(failure);
              }
              hcombCall = null;
              return acquireAndRegister(planned, token, tasks, false);
            });
  }

  private Future<Endpoint> register(Endpoint endpoint, Planned planned, String token, int tasks) {
    RunQueryRequest request =
        RunQueryRequest.newBuilder()
            .setQueryId(queryId)
            .setToken(token)
            .setPlan(planned.plan().plan().getHcomb())
            .setTaskCount(tasks)
            .setTimeoutMillis(remainingMillis())
            .build();
    relay = new ResultRelay();
    hcombCall = HCombCall.open(services.hcombClient(), endpoint, request, relay);
    return hcombCall.registered().map(endpoint);
  }

  private Future<Void> runTasks(
      Endpoint endpoint, Planned planned, String token, List<List<TableFile>> packed) {
    stage = "running " + packed.size() + " HBee tasks";
    long deadline = System.currentTimeMillis() + remainingMillis();
    List<HBeeTask> tasks =
        HBeeTasks.forFiles(
            queryId,
            planned.plan().plan().getHbee(),
            packed,
            planned.table().partitionKeys(),
            token,
            endpoint,
            deadline);
    dispatcher =
        new TaskDispatcher(
            services.vertx(),
            services.invoker(),
            services.config().dispatch(),
            services.invocations());
    statistics.hbeePhaseStarted();
    // While HBees run, the client hears where the query is even when no task commits for a while.
    long ticker = services.vertx().setPeriodic(PROGRESS_TICK_MILLIS, id -> relay.progress());
    Promise<Finished> outcome = Promise.promise();
    // A task that cannot succeed fails the query; retries and redeliveries are the HComb's concern
    // (it keeps one attempt per task), so reports carry nothing else the query needs.
    dispatcher
        .dispatch(tasks, report -> {})
        .onFailure(failure -> outcome.tryFail(BuzzException.wrap(failure)));
    hcombCall
        .done()
        .onComplete(
            done -> {
              services.vertx().cancelTimer(ticker);
              statistics.hbeePhaseEnded(dispatcher);
              // Once every task has committed and the result is out, invocations still running
              // (a retry, a redelivery) cannot change the answer: stop waiting for them.
              dispatcher.cancel(
                  done.succeeded()
                      ? new BuzzException(ErrorCode.CANCELLED, "query " + queryId + " is complete")
                      : BuzzException.wrap(done.cause()));
              if (done.succeeded()) {
                outcome.tryComplete(done.result());
              } else {
                outcome.tryFail(done.cause());
              }
            });
    return outcome
        .future()
        .map(
            finished -> {
              statistics.hcombFinished(finished);
              return null;
            });
  }

  /** Relays the HComb's result to the client, pausing the HComb when the client is slow. */
  private final class ResultRelay implements HCombCall.Listener {
    private long lastProgressNanos;
    private boolean resultStarted;

    @Override
    public void onTaskCommitted(TaskCommitted committed) {
      if (dispatcher != null) {
        dispatcher.markCommitted(committed.getTaskId(), committed.getAttempt());
      }
      int done = statistics.taskCommitted(committed.getMetrics());
      long now = System.nanoTime();
      if (done == statistics.tasks() || now - lastProgressNanos > 100_000_000L) {
        lastProgressNanos = now;
        progress();
      }
    }

    /** Tells the client where the query is, until the result starts. */
    void progress() {
      if (!ended && !resultStarted) {
        sink.progress(statistics.progress(dispatcher == null ? 0 : dispatcher.inFlight()));
      }
    }

    @Override
    public void onSchema(ByteString message) {
      resultStarted = true;
      if (!ended) {
        sink.schema(message);
      }
    }

    @Override
    public void onBatch(ByteString message) {
      if (ended) {
        return;
      }
      sink.batch(message);
      if (sink.writeQueueFull()) {
        hcombCall.pause();
        sink.drainHandler(v -> hcombCall.resume());
      }
    }
  }

  /** {@code value}, unless the query ended meanwhile (deadline, client gone, failure). */
  private <T> Future<T> unlessEnded(T value) {
    return ended ? Future.failedFuture(endError) : Future.succeededFuture(value);
  }

  /**
   * {@code future}'s outcome, delivered on this query's context: a shared future (e.g. the HComb
   * manager's start) would otherwise run this query's next stage on another event loop.
   */
  private <T> Future<T> onOwnContext(Future<T> future) {
    Promise<T> promise = Promise.promise();
    future.onComplete(outcome -> context.runOnContext(v -> promise.handle(outcome)));
    return promise.future();
  }

  private long remainingMillis() {
    return Math.max(1, timeout.toMillis() - statistics.elapsedMillis());
  }

  private static byte[] randomBytes() {
    byte[] bytes = new byte[16];
    TOKENS.nextBytes(bytes);
    return bytes;
  }

  private void succeed() {
    if (ended) {
      return;
    }
    ended = true;
    try {
      services.vertx().cancelTimer(timer);
      long nanos = System.nanoTime() - startNanos;
      services.metrics().queryEnded(nanos, null);
      Statistics figures = statistics.build(nanos, services.config().cost());
      services.metrics().costed(figures);
      sink.statistics(figures);
    } finally {
      endedPromise.tryComplete(); // whatever happened above, the query's slot comes back
    }
  }

  private void fail(BuzzException error) {
    if (ended) {
      return;
    }
    ended = true;
    endError = error;
    try {
      services.vertx().cancelTimer(timer);
      services.metrics().queryEnded(System.nanoTime() - startNanos, error);
      if (dispatcher != null) {
        dispatcher.cancel(error);
      }
      if (hcombCall != null) {
        hcombCall.cancel();
      }
      sink.fail(error);
    } finally {
      endedPromise.tryComplete(); // whatever happened above, the query's slot comes back
    }
  }
}
