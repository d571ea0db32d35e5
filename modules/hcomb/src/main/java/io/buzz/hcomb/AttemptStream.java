package io.buzz.hcomb;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import io.buzz.exec.ExecErrors;
import io.buzz.exec.PlanTypes;
import io.buzz.grpc.AliasingDecoder;
import io.buzz.grpc.GrpcErrors;
import io.buzz.kernels.ipc.IpcCodec;
import io.buzz.protocol.flight.FlightData;
import io.buzz.protocol.flight.FlightDescriptor;
import io.buzz.protocol.flight.FlightServiceGrpcService;
import io.buzz.protocol.flight.PutResult;
import io.buzz.protocol.task.StreamAck;
import io.buzz.protocol.task.StreamHeader;
import io.buzz.protocol.task.StreamTrailer;
import io.buzz.protocol.task.TaskMetrics;
import io.vertx.core.Context;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.common.ServiceMethod;
import io.vertx.grpc.server.GrpcServerRequest;
import java.time.Duration;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * One HBee task attempt pushing its output to the HComb (a Flight {@code DoPut} call).
 *
 * <pre>
 *   FlightData 1: descriptor CMD = StreamHeader (query, task, attempt, token) [+ schema]
 *   FlightData 2: data_header = Arrow schema            (unless sent with the descriptor)
 *   FlightData n: data_header + data_body = record batch   → folded into this attempt's state
 *   FlightData z: app_metadata = StreamTrailer (metrics, or the HBee's error)
 *   half-close (after the trailer only, else refused)      → commit; PutResult(StreamAck); OK
 *
 *   OPENING ──header ok──▶ STREAMING ──half-close──▶ ENDING ──commit done──▶ CLOSED
 *      └──────────── refused, reset, cancelled, superseded, failed ───────────▶ CLOSED
 * </pre>
 *
 * <p>Every stream is answered exactly once (a StreamAck, or an error status) unless the client
 * reset it first; once CLOSED its attempt state is discarded unless it was committed, and any
 * further message from the client is read and dropped, so a client still writing never stalls on
 * flow control. Threads: runs on the event loop of its connection ({@code context}); {@link
 * #cancel}, {@link #supersede} and the holds hop onto it.
 *
 * <p>Back-pressure: the stream is paused while too many of its batches wait for the merge thread
 * (resumed when half of them are done), and while its query holds it back ({@link
 * ReduceQuery#queued}). Its commit is queued once its last batch was merged, and runs ahead.
 */
final class AttemptStream {
  /** Flight's DoPut, decoding batches without copying them out of the received bytes. */
  static final ServiceMethod<FlightData, PutResult> DO_PUT =
      ServiceMethod.server(
          FlightServiceGrpcService.DoPut.serviceName(),
          FlightServiceGrpcService.DoPut.methodName(),
          FlightServiceGrpcService.DoPut.encoder(),
          new AliasingDecoder<>(FlightData.parser()));

  private enum State {
    OPENING,
    STREAMING,
    ENDING,
    CLOSED
  }

  private final GrpcServerRequest<FlightData, PutResult> request;
  private final QueryRegistry registry;
  private final HCombStats stats;
  private final Context context;
  private final int maxMessageBytes;
  private final Duration headerTimeout;
  private long headerTimer = -1;
  private State state = State.OPENING;
  private ReduceQuery query;
  private int task = -1;
  private int attempt;
  private Schema schema;
  private TaskMetrics metrics; // null until the trailer arrived
  private final StreamPause pause;
  private boolean commitWhenMerged;

  /**
   * @param highWater batches queued for the merge thread at which the stream is paused
   * @param context the event loop context of the call
   * @param maxMessageBytes the server's message size limit, for messages
   * @param headerTimeout how long the stream may stay open without its header
   */
  AttemptStream(
      GrpcServerRequest<FlightData, PutResult> request,
      QueryRegistry registry,
      HCombStats stats,
      Context context,
      int highWater,
      int maxMessageBytes,
      Duration headerTimeout) {
    this.request = requireNonNull(request, "request is null");
    this.registry = requireNonNull(registry, "registry is null");
    this.stats = requireNonNull(stats, "stats is null");
    this.context = requireNonNull(context, "context is null");
    this.pause = new StreamPause(request, HttpHold.handed(), stats, highWater);
    this.maxMessageBytes = maxMessageBytes;
    this.headerTimeout = requireNonNull(headerTimeout, "headerTimeout is null");
  }

  /** Installs the handlers; call once, on the call's event loop, from the call handler. */
  void start() {
    stats.streamOpened();
    // A client that connects and never says who it is must not hold a stream forever.
    headerTimer =
        context
            .owner()
            .setTimer(
                Math.max(1, headerTimeout.toMillis()),
                id -> {
                  headerTimer = -1;
                  if (state == State.OPENING) {
                    reject(
                        new BuzzException(
                            ErrorCode.DEADLINE_EXCEEDED,
                            "the HBee stream sent no header within "
                                + headerTimeout.toMillis()
                                + " ms"));
                  }
                });
    request.handler(this::onMessage);
    request.endHandler(v -> onEnd());
    // A client reset arrives as a GrpcError, a lost connection as an exception.
    request.errorHandler(error -> onBroken());
    request.exceptionHandler(failure -> onBroken());
    request.invalidMessageHandler(
        invalid ->
            onDataError(
                new BuzzException(
                    ErrorCode.LIMIT_EXCEEDED,
                    describe()
                        + " sent a message larger than the HComb's limit of "
                        + maxMessageBytes
                        + " bytes; send smaller batches")));
  }

  int task() {
    return task;
  }

  int attempt() {
    return attempt;
  }

  /** The query failed elsewhere: end this stream with its error so the HBee stops sending. */
  void cancel(BuzzException error) {
    context.runOnContext(v -> reject(error));
  }

  /** Another attempt of this task committed: acknowledge now with committed=false. */
  void supersede() {
    context.runOnContext(v -> acknowledge(false));
  }

  private void onMessage(FlightData message) {
    if (state != State.OPENING && state != State.STREAMING) {
      return; // answered already: drop whatever the client still sends
    }
    if (state == State.OPENING) {
      try {
        if (!open(message)) {
          return;
        }
      } catch (RuntimeException e) {
        reject(ExecErrors.toBuzz(e));
        return;
      }
    }
    try {
      if (!message.getDataHeader().isEmpty()) {
        if (schema == null) {
          acceptSchema(message.getDataHeader());
        } else {
          acceptBatch(message);
        }
      } else if (!message.getAppMetadata().isEmpty()) {
        acceptTrailer(message.getAppMetadata());
      }
    } catch (RuntimeException e) {
      onDataError(ExecErrors.toBuzz(e));
    }
  }

  /** Identifies the attempt; false when the stream was answered instead. */
  private boolean open(FlightData first) {
    FlightDescriptor descriptor = first.getFlightDescriptor();
    if (descriptor.getType() != FlightDescriptor.DescriptorType.CMD
        || descriptor.getCmd().isEmpty()) {
      throw BuzzException.badQuery(
          "the first FlightData of a stream must carry a CMD descriptor holding a Buzz StreamHeader");
    }
    StreamHeader header;
    try {
      header = StreamHeader.parseFrom(descriptor.getCmd());
    } catch (InvalidProtocolBufferException e) {
      throw BuzzException.badQuery(
          "the stream's descriptor is not a Buzz StreamHeader: " + e.getMessage());
    }
    ReduceQuery found = registry.find(header.getQueryId());
    if (found == null) {
      throw BuzzException.notFound(
          "query "
              + header.getQueryId()
              + " is not registered on this HComb (finished, failed or unknown)");
    }
    if (!found.tokenMatches(header.getToken())) {
      end(GrpcStatus.UNAUTHENTICATED, "wrong token for query " + header.getQueryId());
      return false;
    }
    if (header.getTaskId() < 0 || header.getTaskId() >= found.taskCount()) {
      throw BuzzException.badQuery(
          "task "
              + header.getTaskId()
              + " is out of range for query "
              + header.getQueryId()
              + " (tasks 0 to "
              + (found.taskCount() - 1)
              + ")");
    }
    task = header.getTaskId();
    attempt = header.getAttempt();
    switch (found.admit(this)) {
      case ADMITTED -> {
        query = found;
        state = State.STREAMING;
        cancelHeaderTimer();
        return true;
      }
      case ALREADY_COMMITTED -> {
        // Another attempt already counted: tell this one right away so it can stop early.
        acknowledge(false);
        return false;
      }
      case NOT_RUNNING -> throw found.notRunning();
    }
    throw new IllegalStateException("unreachable");
  }

  private void acceptSchema(ByteString header) {
    Schema received = IpcCodec.decodeFlightSchema(header.asReadOnlyByteBuffer());
    Schema expected = query.inputSchema();
    if (!PlanTypes.sameColumns(received, expected)) {
      throw new BuzzException(
          ErrorCode.INTERNAL,
          describe() + " sent schema " + received + " but the plan expects " + expected);
    }
    schema = received;
  }

  private void acceptBatch(FlightData message) {
    BufferAllocator allocator = query.allocator();
    Schema batchSchema = schema;
    ByteString header = message.getDataHeader();
    ByteString body = message.getDataBody();
    long size = (long) header.size() + body.size();
    stats.batchQueued();
    pause.queued(1, query.queued(this, size), query.memoryHold().holds(this));
    query
        .fold(
            this,
            size,
            () ->
                IpcCodec.decodeFlightBatch(
                    header.asReadOnlyByteBuffer(),
                    body.asReadOnlyByteBuffer(),
                    batchSchema,
                    allocator))
        .onComplete(done -> context.runOnContext(v -> afterFold()));
  }

  private void afterFold() {
    stats.batchMerged();
    pause.merged();
    if (commitWhenMerged && pause.pending() == 0 && state == State.ENDING) {
      commitWhenMerged = false;
      startCommit();
    }
  }

  /** The query merged enough of what it had queued: this stream may send again. Any thread. */
  void releaseHold() {
    whileStreaming(pause::releasedByQueue);
  }

  /** The query's memory hold of this stream changed: it waits, or may send. Any thread. */
  void memoryHoldChanged() {
    whileStreaming(() -> pause.holdForMemory(query.memoryHold().isHeld(this)));
  }

  private void whileStreaming(Runnable action) {
    context.runOnContext(
        v -> {
          if (state == State.STREAMING) {
            action.run();
          }
        });
  }

  private void acceptTrailer(ByteString metadata) {
    StreamTrailer trailer;
    try {
      trailer = StreamTrailer.parseFrom(metadata);
    } catch (InvalidProtocolBufferException e) {
      throw BuzzException.badQuery(
          describe() + " sent an unreadable stream trailer: " + e.getMessage());
    }
    if (trailer.hasError()) {
      BuzzException hbeeError = BuzzException.fromWire(trailer.getError());
      onDataError(
          new BuzzException(
              hbeeError.code(),
              "HBee task "
                  + task
                  + " (attempt "
                  + attempt
                  + ") of query "
                  + query.id()
                  + " failed: "
                  + hbeeError.getMessage()));
    } else {
      metrics = trailer.getMetrics();
    }
  }

  /**
   * The attempt's data is unusable (HBee error, wrong schema, malformed message): that would recur
   * on any retry, so the query fails, and this stream ends with the error.
   */
  private void onDataError(BuzzException error) {
    if (state == State.STREAMING) {
      query.fail(error);
    }
    reject(error);
  }

  private void onEnd() {
    if (state == State.OPENING) {
      reject(BuzzException.badQuery("the stream ended before it identified its query"));
      return;
    }
    if (state != State.STREAMING) {
      return;
    }
    state = State.ENDING;
    if (pause.pending() > 0) {
      commitWhenMerged = true; // afterFold starts it
      return;
    }
    startCommit();
  }

  private void startCommit() {
    if (metrics == null) { // a sender that stopped short, or a message the end cut off
      reject(BuzzException.badQuery(describe() + " ended without its trailer: nothing committed"));
      return;
    }
    query
        .commit(this, metrics)
        .onComplete(
            outcome ->
                context.runOnContext(
                    v -> {
                      if (outcome.succeeded()) {
                        acknowledge(outcome.result());
                      } else {
                        reject(ExecErrors.toBuzz(outcome.cause()));
                      }
                    }));
  }

  /** The client reset the stream or the connection broke: no answer is possible any more. */
  private void onBroken() {
    close();
  }

  private void acknowledge(boolean committed) {
    if (close()) {
      request
          .response()
          .end(
              PutResult.newBuilder()
                  .setAppMetadata(
                      StreamAck.newBuilder().setCommitted(committed).build().toByteString())
                  .build());
    }
  }

  private void cancelHeaderTimer() {
    if (headerTimer >= 0) {
      context.owner().cancelTimer(headerTimer);
      headerTimer = -1;
    }
  }

  private void reject(BuzzException error) {
    if (close()) {
      GrpcErrors.fail(request.response(), error);
    }
  }

  private void end(GrpcStatus status, String message) {
    if (close()) {
      request.response().status(status).statusMessage(message).end();
    }
  }

  /**
   * Moves to CLOSED, once: the attempt is dropped unless its commit already took its state, and the
   * rest of the client's messages are drained. False when already closed.
   */
  private boolean close() {
    if (state == State.CLOSED) {
      return false;
    }
    state = State.CLOSED;
    cancelHeaderTimer();
    stats.streamClosed();
    if (query != null) {
      query.discard(this);
    }
    pause.stop();
    return true;
  }

  private String describe() {
    return query == null
        ? "a stream"
        : "task " + task + " (attempt " + attempt + ") of query " + query.id();
  }
}
