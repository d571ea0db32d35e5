package io.buzz.bench;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.ByteString;
import io.buzz.exec.PlanTypes;
import io.buzz.grpc.GrpcErrors;
import io.buzz.grpc.GrpcLimits;
import io.buzz.hbee.HBeeFunction;
import io.buzz.kernels.ipc.IpcCodec;
import io.buzz.protocol.flight.FlightData;
import io.buzz.protocol.flight.FlightDescriptor;
import io.buzz.protocol.task.HBeeTask;
import io.buzz.protocol.task.StreamHeader;
import io.buzz.protocol.task.StreamTrailer;
import io.buzz.protocol.task.TaskMetrics;
import io.buzz.protocol.task.TaskReport;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.PoolOptions;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * An HBee that scans nothing: it opens its stream to the HComb, sends the header and the plan's
 * output schema, then the batches its {@link Payload} gives it (none for the no-op HBee), ends the
 * stream with a trailer counting them, waits for the HComb's acknowledgement (so the task is really
 * committed) and returns its report. What remains is the cost of the Fuse dispatching and tracking
 * the task, the Lambda HTTP round trip, and the HComb's per-stream bookkeeping and merge.
 *
 * <p>With a {@link StartGate}, every HBee waits after its schema until the gate's number of streams
 * are open, so that many streams really send into the HComb at once.
 */
final class SyntheticHBeeFunction implements HBeeFunction, AutoCloseable {
  /**
   * The batches one task sends after its schema: Flight messages framed for gRPC ({@link
   * FramedDoPut#frame}), the Arrow body bytes they carry, and their rows.
   */
  record Batches(List<Buffer> messages, long bodyBytes, long rows) {
    Batches {
      messages = List.copyOf(messages);
    }
  }

  /** What each task sends. */
  interface Payload {
    /** Nothing: the no-op HBee. */
    Payload NONE = (task, schema) -> Future.succeededFuture(new Batches(List.of(), 0, 0));

    /**
     * The batches of {@code task} for the plan's output {@code schema}; may be computed on a
     * worker, and may be shared between tasks (messages are only read).
     */
    Future<Batches> batches(int task, Schema schema);
  }

  /** Holds every stream until {@code streams} of them sent their schema. */
  static final class StartGate {
    private final int streams;
    private final AtomicInteger arrived = new AtomicInteger();
    private final Promise<Void> open = Promise.promise();
    private volatile long openNanos;

    StartGate(int streams) {
      if (streams < 1) {
        throw new IllegalArgumentException("a gate needs at least one stream");
      }
      this.streams = streams;
    }

    Future<Void> arrive() {
      if (arrived.incrementAndGet() == streams) {
        openNanos = System.nanoTime();
        open.tryComplete();
      }
      return open.future();
    }

    /** When the last stream arrived ({@link System#nanoTime}), 0 before. */
    long openNanos() {
      return openNanos;
    }
  }

  /** Connections to the HComb at most, one per stream. */
  static final int MAX_CONNECTIONS = 10_000;

  private final Vertx vertx;
  private final HttpClient http;
  private final Payload payload;
  private final Supplier<StartGate> gates;
  private final AtomicLong invocations = new AtomicLong();
  private final AtomicLong lastEndNanos = new AtomicLong();
  private final AtomicInteger running = new AtomicInteger();

  /** The no-op HBee. */
  SyntheticHBeeFunction(Vertx vertx) {
    this(vertx, Payload.NONE, (StartGate) null);
  }

  /**
   * @param gate null to send at once
   */
  SyntheticHBeeFunction(Vertx vertx, Payload payload, StartGate gate) {
    this(vertx, payload, () -> gate);
  }

  /**
   * @param gates the gate of the query running now (null for none): one function serving queries
   *     one after another
   */
  SyntheticHBeeFunction(Vertx vertx, Payload payload, Supplier<StartGate> gates) {
    this.vertx = requireNonNull(vertx, "vertx is null");
    this.payload = requireNonNull(payload, "payload is null");
    this.gates = requireNonNull(gates, "gates is null");
    // As on Lambda, where each HBee is a process of its own: one HTTP/2 connection per stream,
    // spread over the event loops on both sides (one shared connection would put every stream's
    // bytes through one event loop of the HComb's).
    this.http =
        vertx
            .httpClientBuilder()
            .with(GrpcLimits.httpClientOptions().setHttp2MultiplexingLimit(1))
            .with(new PoolOptions().setHttp2MaxSize(MAX_CONNECTIONS))
            .build();
  }

  /** Invocations handled so far. */
  long invocations() {
    return invocations.get();
  }

  /** When the last stream so far was ended ({@link System#nanoTime}), 0 before. */
  long lastEndNanos() {
    return lastEndNanos.get();
  }

  /**
   * Waits until no invocation runs any more, up to {@code timeoutMillis}: a query that failed
   * leaves HBees still writing, which must end before their HComb goes away.
   */
  boolean awaitIdle(long timeoutMillis) {
    long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
    while (running.get() > 0 && System.nanoTime() < deadline) {
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return running.get() == 0;
  }

  @Override
  public Future<TaskReport> handle(HBeeTask task) {
    invocations.incrementAndGet();
    running.incrementAndGet();
    return invoke(task).onComplete(done -> running.decrementAndGet());
  }

  private Future<TaskReport> invoke(HBeeTask task) {
    long start = System.nanoTime();
    long timeoutMillis =
        task.getDeadlineEpochMillis() == 0
            ? 60_000
            : Math.max(1, task.getDeadlineEpochMillis() - System.currentTimeMillis());
    Schema schema = PlanTypes.arrowSchema(task.getPlan().getOutputSchema());
    return payload
        .batches(task.getTaskId(), schema)
        .compose(batches -> send(task, schema, batches, timeoutMillis))
        .map(metrics -> report(task, metrics, start))
        .recover(
            failure ->
                Future.failedFuture(
                    GrpcErrors.fromClientFailure(failure, "the synthetic HBee's stream")));
  }

  private Future<TaskMetrics> send(
      HBeeTask task, Schema schema, Batches batches, long timeoutMillis) {
    TaskMetrics metrics =
        TaskMetrics.newBuilder()
            .setBatchesOut(batches.messages().size())
            .setBytesOut(batches.bodyBytes())
            .setRowsOut(batches.rows())
            .build();
    StartGate gate = gates.get();
    return FramedDoPut.call(
            vertx,
            http,
            task.getHcomb(),
            timeoutMillis,
            FramedDoPut.frameOnce(header(task, schema)),
            gate == null ? Future.succeededFuture() : gate.arrive(),
            batches.messages(),
            FramedDoPut.frameOnce(trailer(metrics)),
            () -> lastEndNanos.accumulateAndGet(System.nanoTime(), Math::max))
        .map(committed -> metrics);
  }

  private static FlightData header(HBeeTask task, Schema schema) {
    return FlightData.newBuilder()
        .setFlightDescriptor(
            FlightDescriptor.newBuilder()
                .setType(FlightDescriptor.DescriptorType.CMD)
                .setCmd(
                    StreamHeader.newBuilder()
                        .setQueryId(task.getQueryId())
                        .setTaskId(task.getTaskId())
                        .setAttempt(task.getAttempt())
                        .setToken(task.getToken())
                        .build()
                        .toByteString()))
        .setDataHeader(ByteString.copyFrom(IpcCodec.flightSchema(schema).dataHeader()))
        .build();
  }

  private static FlightData trailer(TaskMetrics metrics) {
    return FlightData.newBuilder()
        .setAppMetadata(StreamTrailer.newBuilder().setMetrics(metrics).build().toByteString())
        .build();
  }

  private static TaskReport report(HBeeTask task, TaskMetrics metrics, long start) {
    return TaskReport.newBuilder()
        .setQueryId(task.getQueryId())
        .setTaskId(task.getTaskId())
        .setAttempt(task.getAttempt())
        .setMetrics(metrics.toBuilder().setDurationMicros((System.nanoTime() - start) / 1000))
        .build();
  }

  @Override
  public void close() {
    http.close();
  }
}
