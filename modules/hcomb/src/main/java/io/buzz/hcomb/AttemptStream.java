package io.buzz.hcomb;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import io.buzz.exec.MergeState;
import io.buzz.grpc.GrpcErrors;
import io.buzz.kernels.ipc.IpcCodec;
import io.buzz.protocol.flight.FlightData;
import io.buzz.protocol.flight.FlightDescriptor;
import io.buzz.protocol.flight.PutResult;
import io.buzz.protocol.task.StreamAck;
import io.buzz.protocol.task.StreamHeader;
import io.buzz.protocol.task.StreamTrailer;
import io.buzz.protocol.task.TaskMetrics;
import io.vertx.core.Context;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.server.GrpcServerRequest;
import io.vertx.grpc.server.GrpcServerResponse;
import java.nio.ByteBuffer;
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
 *   half-close                                             → commit; PutResult(StreamAck); OK
 * </pre>
 *
 * <p>Runs on the event loop of its connection. The stream is paused while too many of its batches
 * wait for the merge thread, and resumed when half of them are done.
 */
final class AttemptStream {
  private final GrpcServerRequest<FlightData, PutResult> request;
  private final QueryRegistry registry;
  private final BufferAllocatorSource allocators;
  private final int highWater;
  private final Context context;
  private ReduceQuery query;
  private int task = -1;
  private int attempt;
  private Schema schema;
  private MergeState state;
  private TaskMetrics metrics = TaskMetrics.getDefaultInstance();
  private long rows;
  private long bytes;
  private long stateBytes;
  private int pending;
  private boolean paused;
  private boolean finished;
  private final HCombStats stats;

  /** Supplies the allocator of a query, so batches are decoded straight into its accounting. */
  interface BufferAllocatorSource {
    BufferAllocator allocatorOf(ReduceQuery query);
  }

  AttemptStream(
      GrpcServerRequest<FlightData, PutResult> request,
      QueryRegistry registry,
      BufferAllocatorSource allocators,
      int highWater,
      HCombStats stats,
      Context context) {
    this.request = requireNonNull(request, "request is null");
    this.registry = requireNonNull(registry, "registry is null");
    this.allocators = requireNonNull(allocators, "allocators is null");
    this.highWater = highWater;
    this.stats = requireNonNull(stats, "stats is null");
    this.context = requireNonNull(context, "context is null");
  }

  void start() {
    request.handler(this::onMessage);
    request.endHandler(v -> onEnd());
    request.exceptionHandler(this::onBroken);
    stats.streamOpened();
  }

  int task() {
    return task;
  }

  int attempt() {
    return attempt;
  }

  synchronized MergeState state() {
    return state;
  }

  /** Hands the state over (to a commit or a discard); the stream holds none afterwards. */
  synchronized MergeState takeState() {
    MergeState taken = state;
    state = null;
    return taken;
  }

  /** Records the state's new size, returning the previous one (merge thread only). */
  long swapStateBytes(long bytes) {
    long previous = stateBytes;
    stateBytes = bytes;
    return previous;
  }

  synchronized void received(int batchRows, long batchBytes) {
    rows += batchRows;
    bytes += batchBytes;
  }

  synchronized long rows() {
    return rows;
  }

  synchronized long bytes() {
    return bytes;
  }

  private void onMessage(FlightData message) {
    if (finished) {
      return;
    }
    try {
      if (query == null) {
        open(message);
        if (query == null) {
          return;
        }
      }
      if (!message.getDataHeader().isEmpty()) {
        if (schema == null) {
          acceptSchema(message.getDataHeader());
        } else {
          acceptBatch(message);
        }
      } else if (!message.getAppMetadata().isEmpty()) {
        acceptTrailer(message.getAppMetadata());
      }
    } catch (BuzzException e) {
      reject(e);
    }
  }

  private void open(FlightData first) {
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
      finish(GrpcStatus.UNAUTHENTICATED, "wrong token for query " + header.getQueryId());
      return;
    }
    if (header.getTaskId() < 0 || header.getTaskId() >= found.taskCount()) {
      throw BuzzException.badQuery(
          "task "
              + header.getTaskId()
              + " is out of range for query "
              + header.getQueryId()
              + " ("
              + found.taskCount()
              + " tasks)");
    }
    task = header.getTaskId();
    attempt = header.getAttempt();
    if (found.isCommitted(task)) {
      // Another attempt already counted: tell this one right away so it can stop early.
      acknowledge(false);
      return;
    }
    if (!found.attach(this)) {
      throw BuzzException.notFound("query " + header.getQueryId() + " is no longer running");
    }
    query = found;
  }

  private void acceptSchema(ByteString header) {
    Schema received = IpcCodec.decodeFlightSchema(header.toByteArray());
    Schema expected = query.inputSchema();
    if (!sameColumns(received, expected)) {
      BuzzException error =
          new BuzzException(
              ErrorCode.INTERNAL,
              "task "
                  + task
                  + " of query "
                  + query.id()
                  + " sent schema "
                  + received
                  + " but the plan expects "
                  + expected);
      query.fail(error);
      throw error;
    }
    schema = received;
    MergeState fresh = query.newAttemptState();
    synchronized (this) {
      state = fresh;
    }
  }

  /** Same column names and types; nullability may differ between plan and data. */
  private static boolean sameColumns(Schema a, Schema b) {
    if (a.getFields().size() != b.getFields().size()) {
      return false;
    }
    for (int i = 0; i < a.getFields().size(); i++) {
      if (!a.getFields().get(i).getName().equals(b.getFields().get(i).getName())
          || !a.getFields().get(i).getType().equals(b.getFields().get(i).getType())) {
        return false;
      }
    }
    return true;
  }

  private void acceptBatch(FlightData message) {
    BufferAllocator allocator = allocators.allocatorOf(query);
    byte[] header = message.getDataHeader().toByteArray();
    ByteString body = message.getDataBody();
    pending++;
    if (pending >= highWater && !paused) {
      paused = true;
      request.pause();
      stats.streamPaused();
    }
    query
        .fold(
            this,
            () ->
                IpcCodec.decodeFlightBatch(
                    ByteBuffer.wrap(header), body.asReadOnlyByteBuffer(), schema, allocator))
        .onComplete(done -> context.runOnContext(v -> afterFold()));
  }

  private void afterFold() {
    pending--;
    if (paused && pending <= highWater / 2) {
      paused = false;
      request.resume();
    }
  }

  private void acceptTrailer(ByteString metadata) {
    StreamTrailer trailer;
    try {
      trailer = StreamTrailer.parseFrom(metadata);
    } catch (InvalidProtocolBufferException e) {
      throw BuzzException.badQuery("unreadable stream trailer: " + e.getMessage());
    }
    if (trailer.hasError()) {
      BuzzException hbeeError = BuzzException.fromWire(trailer.getError());
      query.fail(
          new BuzzException(
              hbeeError.code(),
              "HBee task "
                  + task
                  + " (attempt "
                  + attempt
                  + ") failed: "
                  + hbeeError.getMessage()));
    } else if (trailer.hasMetrics()) {
      metrics = trailer.getMetrics();
    }
  }

  private void onEnd() {
    if (finished) {
      return;
    }
    if (query == null) {
      reject(BuzzException.badQuery("the stream ended before it identified its query"));
      return;
    }
    if (schema == null) {
      // A stream with no schema carried no rows: commit an empty state.
      MergeState fresh = query.newAttemptState();
      synchronized (this) {
        state = fresh;
      }
    }
    ReduceQuery owner = query;
    owner
        .commit(this, metrics)
        .onComplete(
            outcome ->
                context.runOnContext(
                    v -> {
                      owner.detach(this);
                      if (outcome.succeeded()) {
                        acknowledge(outcome.result());
                      } else {
                        reject(BuzzException.wrap(outcome.cause()));
                      }
                    }));
  }

  private void onBroken(Throwable failure) {
    if (query != null) {
      query.detach(this);
      query.discard(this);
    }
    finished = true;
    stats.streamClosed();
  }

  /** The query failed elsewhere: end this stream so the HBee stops sending. */
  void cancel(BuzzException error) {
    context.runOnContext(v -> reject(error));
  }

  private void acknowledge(boolean committed) {
    if (finished) {
      return;
    }
    finished = true;
    stats.streamClosed();
    GrpcServerResponse<FlightData, PutResult> response = request.response();
    response.end(
        PutResult.newBuilder()
            .setAppMetadata(StreamAck.newBuilder().setCommitted(committed).build().toByteString())
            .build());
  }

  private void reject(BuzzException error) {
    if (finished) {
      return;
    }
    if (query != null) {
      query.detach(this);
      query.discard(this);
    }
    finished = true;
    stats.streamClosed();
    GrpcErrors.fail(request.response(), error);
  }

  private void finish(GrpcStatus status, String message) {
    finished = true;
    stats.streamClosed();
    request.response().status(status).statusMessage(message).end();
  }
}
