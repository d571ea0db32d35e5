package io.buzz.hcomb;

import static java.util.Objects.requireNonNull;

import io.buzz.concurrent.SerialExecutor;
import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import io.buzz.exec.ExecErrors;
import io.buzz.exec.HCombMerge;
import io.buzz.grpc.GrpcLimits;
import io.buzz.kernels.batch.ColumnType;
import io.buzz.kernels.ipc.IpcCodec;
import io.buzz.protocol.flight.FlightData;
import io.buzz.protocol.flight.FlightServiceGrpcService;
import io.buzz.protocol.flight.PutResult;
import io.buzz.protocol.hcomb.HCombServiceGrpcService;
import io.buzz.protocol.hcomb.HealthRequest;
import io.buzz.protocol.hcomb.HealthResponse;
import io.buzz.protocol.hcomb.Registered;
import io.buzz.protocol.hcomb.RunQueryEvent;
import io.buzz.protocol.hcomb.RunQueryRequest;
import io.buzz.protocol.plan.HCombPlan;
import io.buzz.protocol.task.Endpoint;
import io.buzz.protocol.task.StreamAck;
import io.buzz.protocol.task.StreamHeader;
import io.buzz.protocol.task.StreamTrailer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.grpc.server.GrpcServer;
import io.vertx.grpc.server.GrpcServerRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The HComb: a Vert.x gRPC server with two services on one port, served by one event loop per core
 * ({@link Listeners}).
 *
 * <ul>
 *   <li>{@code buzz.hcomb.v1.HCombService/RunQuery} — the Fuse registers a query and keeps the call
 *       open until the result has been streamed back (see {@link RunQueryCall}).
 *   <li>{@code arrow.flight.protocol.FlightService/DoPut} — each HBee task attempt pushes its Arrow
 *       batches (see {@link AttemptStream}).
 * </ul>
 *
 * <p>Decoding and merging run on a pool of merge threads, one {@link SerialExecutor} per query; the
 * event loops only move bytes.
 */
public final class HCombVerticle extends VerticleBase {
  private final HCombConfig config;
  private final BufferAllocator root;
  private final QueryRegistry registry = new QueryRegistry();
  private final HCombStats stats;
  private final ContextFaults faults = new ContextFaults();
  private final ReceiveWindows windows = ReceiveWindows.forHeap();
  private final String hcombId = "hcomb-" + UUID.randomUUID().toString().substring(0, 8);
  private final TestHooks hooks;
  private final MeterRegistry meters;
  private HCombMetrics metrics;
  private ExecutorService mergePool;
  private Executor merges;
  private Listeners listeners;
  private volatile boolean stopping;
  private volatile Runnable idleShutdown;
  private final AtomicInteger registering = new AtomicInteger();
  private long idleTimer = -1;

  /**
   * @param root the process's root allocator; each query gets a child with the configured limit
   */
  public HCombVerticle(HCombConfig config, BufferAllocator root) {
    this(config, root, new SimpleMeterRegistry());
  }

  /**
   * @param root the process's root allocator; each query gets a child with the configured limit
   * @param meters where the HComb's {@code buzz_hcomb_*} meters go while it is deployed
   */
  public HCombVerticle(HCombConfig config, BufferAllocator root, MeterRegistry meters) {
    this(config, root, meters, TestHooks.NONE);
  }

  HCombVerticle(HCombConfig config, BufferAllocator root, TestHooks hooks) {
    this(config, root, new SimpleMeterRegistry(), hooks);
  }

  HCombVerticle(HCombConfig config, BufferAllocator root, MeterRegistry meters, TestHooks hooks) {
    this.config = requireNonNull(config, "config is null");
    this.root = requireNonNull(root, "root is null");
    this.meters = requireNonNull(meters, "meters is null");
    this.hooks = requireNonNull(hooks, "hooks is null");
    this.stats = new HCombStats(hooks.nanoClock());
  }

  /**
   * Loads what the first calls would otherwise initialize on the event loop (protobuf descriptors,
   * Arrow IPC classes: hundreds of milliseconds in a cold JVM) on a worker thread, then listens.
   */
  @Override
  public Future<?> start() {
    context.exceptionHandler(faults);
    return vertx.executeBlocking(HCombVerticle::warmUp).compose(v -> listen());
  }

  private static Void warmUp() {
    FlightServiceGrpcService.DoPut.methodName();
    HCombServiceGrpcService.RunQuery.methodName();
    RunQueryRequest.getDescriptor();
    RunQueryEvent.getDescriptor();
    FlightData.getDescriptor();
    StreamHeader.getDescriptor();
    StreamTrailer.getDescriptor();
    StreamAck.getDescriptor();
    Schema schema = new Schema(List.of(ColumnType.INT64.field("warm", true)));
    IpcCodec.decodeFlightSchema(IpcCodec.flightSchema(schema).dataHeader());
    return null;
  }

  private Future<Listeners> listen() {
    AtomicInteger threadNumber = new AtomicInteger();
    mergePool =
        Executors.newFixedThreadPool(
            config.mergeThreads(),
            runnable -> {
              Thread thread =
                  new Thread(runnable, "buzz-hcomb-merge-" + threadNumber.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    merges = requireNonNull(hooks.mergeExecutor().apply(mergePool), "merge executor is null");
    GrpcServer grpc =
        GrpcServer.server(
            vertx, GrpcLimits.serverOptions().setMaxMessageSize(hooks.maxMessageBytes()));
    grpc.callHandler(AttemptStream.DO_PUT, this::onDoPut);
    grpc.callHandler(HCombServiceGrpcService.RunQuery, this::onRunQuery);
    grpc.callHandler(HCombServiceGrpcService.Health, this::onHealth);
    return Listeners.listen(
            vertx, config, HttpHold.wrapping(grpc, hooks.maxMessageBytes(), windows), faults)
        .onSuccess(
            started -> {
              listeners = started;
              stats.idleFromNow(); // the idle clock starts when it can serve
              bindMetrics();
              if (!config.idleShutdown().isZero()) {
                long every = Math.max(10, Math.min(1_000, config.idleShutdown().toMillis() / 4));
                idleTimer = vertx.setPeriodic(every, id -> checkIdle());
              }
            });
  }

  /**
   * What to do when the HComb has been idle for {@link HCombConfig#idleShutdown()}: by default it
   * undeploys itself; an owner that hands out its endpoint (an HComb manager) sets this to forget
   * it first and then undeploy it. Runs once, on an event loop, after new queries are refused.
   */
  public void onIdleShutdown(Runnable action) {
    this.idleShutdown = requireNonNull(action, "action is null");
  }

  /**
   * Idle long enough: refuse new queries from now on (a Fuse that was handed this HComb just before
   * gets UNAVAILABLE and acquires another), then shut down.
   */
  private void checkIdle() {
    if (stopping
        || registering.get() > 0
        || registry.size() > 0
        || stats.openStreams() > 0
        || stats.idleSeconds() * 1_000 < config.idleShutdown().toMillis()) {
      return;
    }
    stopping = true;
    vertx.cancelTimer(idleTimer);
    closeMetrics(); // now: a replacement HComb registers fresh meters under the same names
    System.getLogger(HCombVerticle.class.getName())
        .log(
            System.Logger.Level.INFO,
            hcombId
                + " had no query for "
                + config.idleShutdown().toSeconds()
                + " s; shutting down");
    Runnable action = idleShutdown;
    if (action != null) {
      action.run();
    } else if (deploymentID() != null) {
      vertx.undeploy(deploymentID());
    }
  }

  /** Arrow memory held by the queries registered now: their states and undecided attempts. */
  private long stateBytes() {
    long held = 0;
    for (ReduceQuery query : registry.running()) {
      held += query.allocator().getAllocatedMemory();
    }
    return held;
  }

  /**
   * Fails every running query with UNAVAILABLE, waits until their buffers are released (so the root
   * allocator can be closed right after undeploying), then closes the servers and the merge pool.
   */
  @Override
  public Future<?> stop() {
    stopping = true;
    closeMetrics();
    if (idleTimer >= 0) {
      vertx.cancelTimer(idleTimer);
    }
    List<Future<Void>> releases = new ArrayList<>();
    for (ReduceQuery query : registry.close()) {
      query.fail(new BuzzException(ErrorCode.UNAVAILABLE, "the HComb is shutting down"));
      releases.add(query.released());
    }
    return Future.join(releases)
        .eventually(() -> listeners == null ? Future.succeededFuture() : listeners.close())
        .eventually(
            () -> {
              if (mergePool != null) {
                mergePool.shutdown();
              }

              return Future.succeededFuture();
            });
  }

  /**
   * Removes this HComb's meters from the registry, once, as soon as it stops serving: a replacement
   * may already be binding meters of the same names to the same registry.
   */
  private synchronized void bindMetrics() {
    metrics =
        HCombMetrics.bind(
            meters, stats, this::stateBytes, windows::grantedBytes, config.idleShutdown());
  }

  private synchronized void closeMetrics() {
    if (metrics != null) {
      metrics.close();
      metrics = null;
    }
  }

  /** Where HBees and the Fuse reach this HComb; valid once deployed. */
  public Endpoint endpoint() {
    if (listeners == null) {
      throw new IllegalStateException("the HComb is not started");
    }
    return Endpoint.newBuilder().setHost(config.host()).setPort(listeners.port()).build();
  }

  /** Exceptions that escaped a handler on this HComb's context and were absorbed as harmless. */
  ContextFaults faults() {
    return faults;
  }

  /** The HTTP/2 windows its streams were granted. */
  ReceiveWindows receiveWindows() {
    return windows;
  }

  public HCombStats stats() {
    return stats;
  }

  /** Queries currently registered. */
  public int activeQueries() {
    return registry.size();
  }

  private void onHealth(GrpcServerRequest<HealthRequest, HealthResponse> request) {
    request.handler(
        ignored ->
            request
                .response()
                .end(
                    HealthResponse.newBuilder()
                        .setHcombId(hcombId)
                        .setServing(!stopping)
                        .setQueries(registry.size())
                        .build()));
  }

  /** This HComb's id, as in its health answers and registrations. */
  public String hcombId() {
    return hcombId;
  }

  private void onDoPut(GrpcServerRequest<FlightData, PutResult> request) {
    new AttemptStream(
            request,
            registry,
            stats,
            vertx.getOrCreateContext(),
            config.streamHighWaterBatches(),
            hooks.maxMessageBytes(),
            config.streamHeaderTimeout())
        .start();
  }

  private void onRunQuery(GrpcServerRequest<RunQueryRequest, RunQueryEvent> request) {
    RunQueryCall call = new RunQueryCall(request, vertx.getOrCreateContext());
    request.invalidMessageHandler(
        invalid ->
            call.refuse(
                new BuzzException(
                    ErrorCode.LIMIT_EXCEEDED,
                    "the RunQueryRequest is larger than the HComb's limit of "
                        + hooks.maxMessageBytes()
                        + " bytes")));
    boolean[] received = {false};
    request.endHandler(
        v -> {
          if (!received[0]) {
            call.refuse(BuzzException.badQuery("the RunQuery call ended without a request"));
          }
        });
    request.handler(
        message -> {
          if (received[0] || call.isClosed()) {
            return; // unary: a second message cannot come from a conforming client
          }
          received[0] = true;
          // A registration in progress is activity: idle shutdown must not refuse it half-way.
          registering.incrementAndGet();
          try {
            checkAdmissible(message);
            compile(message.getPlan())
                .onComplete(
                    compiled -> {
                      try {
                        if (call.isClosed()) {
                          return; // the Fuse went away meanwhile
                        }
                        if (compiled.failed()) {
                          throw ExecErrors.toBuzz(compiled.cause());
                        }
                        register(message, compiled.result(), call);
                      } catch (RuntimeException e) {
                        call.refuse(ExecErrors.toBuzz(e));
                      } finally {
                        registering.decrementAndGet();
                      }
                    });
          } catch (RuntimeException e) {
            registering.decrementAndGet();
            call.refuse(ExecErrors.toBuzz(e));
          }
        });
  }

  /**
   * Compiles a plan on a worker thread (it loads and builds the merge operators: not event-loop
   * work; and not merge-pool work either, where a busy query could hold it back); the future
   * completes on the calling event loop.
   */
  private Future<HCombMerge> compile(HCombPlan plan) {
    return vertx.executeBlocking(() -> HCombMerge.compile(plan), false);
  }

  /** Refuses requests that cannot be registered, before their plan is compiled. */
  private void checkAdmissible(RunQueryRequest request) {
    if (stopping) {
      throw new BuzzException(ErrorCode.UNAVAILABLE, "the HComb " + hcombId + " is shutting down");
    }
    registry.checkAdmissible(request, config.maxQueries());
  }

  /**
   * Registers the query of {@code request} and starts it: Registered goes out first, the deadline
   * timer runs, and the query leaves the registry once its buffers are released, whatever ended it.
   * Event loop of the call.
   */
  private void register(RunQueryRequest request, HCombMerge merge, RunQueryCall call) {
    checkAdmissible(request); // again: things may have changed while the plan compiled
    QuerySpec spec =
        new QuerySpec(
            request.getQueryId(),
            request.getToken(),
            request.getTaskCount(),
            merge,
            config.queryMemoryLimitBytes());
    BufferAllocator allocator =
        root.newChildAllocator("query-" + spec.id(), 0, config.queryMemoryLimitBytes());
    ReduceQuery query = new ReduceQuery(spec, allocator, new SerialExecutor(merges), call, stats);
    call.attach(query);
    try {
      registry.register(query, config.maxQueries());
    } catch (BuzzException e) {
      query.abandon();
      throw e;
    }
    stats.queryStarted();
    Duration timeout =
        request.getTimeoutMillis() > 0
            ? Duration.ofMillis(request.getTimeoutMillis())
            : config.defaultQueryTimeout();
    long timer = vertx.setTimer(Math.max(1, timeout.toMillis()), id -> timedOut(query, timeout));
    query
        .released()
        .onComplete(
            released -> {
              vertx.cancelTimer(timer);
              registry.remove(query);
              stats.queryEnded(call.succeeded());
              if (released.failed()) {
                stats.queryLeaked();
                System.getLogger(HCombVerticle.class.getName())
                    .log(
                        System.Logger.Level.ERROR, released.cause().getMessage(), released.cause());
              }
            });
    call.send(
        RunQueryEvent.newBuilder()
            .setRegistered(Registered.newBuilder().setHcombId(hcombId))
            .build());
    query.start();
    if (stopping) { // stop() began meanwhile; its snapshot holds this query, which fails once
      query.fail(new BuzzException(ErrorCode.UNAVAILABLE, "the HComb is shutting down"));
    }
  }

  private static void timedOut(ReduceQuery query, Duration timeout) {
    query.fail(
        new BuzzException(
            ErrorCode.DEADLINE_EXCEEDED,
            "query "
                + query.id()
                + " timed out on the HComb after "
                + timeout.toMillis()
                + " ms with "
                + query.progress()));
  }
}
