package io.buzz.hcomb;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.buzz.grpc.GrpcErrors;
import io.buzz.kernels.batch.Batch;
import io.buzz.kernels.ipc.FlightMessage;
import io.buzz.kernels.ipc.IpcCodec;
import io.buzz.protocol.flight.FlightData;
import io.buzz.protocol.flight.FlightDescriptor;
import io.buzz.protocol.flight.FlightServiceGrpcClient;
import io.buzz.protocol.flight.PutResult;
import io.buzz.protocol.task.ErrorCode;
import io.buzz.protocol.task.StreamAck;
import io.buzz.protocol.task.StreamHeader;
import io.buzz.protocol.task.StreamTrailer;
import io.buzz.protocol.task.TaskError;
import io.buzz.protocol.task.TaskMetrics;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.GrpcClientRequest;
import io.vertx.grpc.common.GrpcStatus;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A test HBee: one DoPut call to the HComb driven message by message, on {@code context}'s event
 * loop. Writes honour the stream's back-pressure ({@code writeQueueFull()} / {@code drainHandler}),
 * and count how often they had to wait.
 */
final class TestHBee {
  /**
   * How the HComb answered.
   *
   * @param status null when the call failed without a status (reset, connection lost)
   * @param ack null unless the HComb sent a StreamAck
   */
  record Outcome(GrpcStatus status, String message, StreamAck ack) {
    boolean committed() {
      return status == GrpcStatus.OK && ack != null && ack.getCommitted();
    }
  }

  private final Context context;
  private final GrpcClientRequest<FlightData, PutResult> request;
  private final Promise<Outcome> outcome = Promise.promise();
  private final AtomicInteger queueFullWaits = new AtomicInteger();
  private final AtomicInteger written = new AtomicInteger();
  private final AtomicInteger writtenBeforeFirstWait = new AtomicInteger(-1);

  private TestHBee(Context context, GrpcClientRequest<FlightData, PutResult> request) {
    this.context = context;
    this.request = request;
  }

  /** Opens a DoPut call; nothing is sent yet. */
  static Future<TestHBee> open(GrpcClient client, SocketAddress server, Context context) {
    Promise<TestHBee> opened = Promise.promise();
    context.runOnContext(
        v ->
            client
                .request(server, FlightServiceGrpcClient.DoPut)
                .map(
                    request -> {
                      TestHBee hbee = new TestHBee(context, request);
                      hbee.listen();
                      return hbee;
                    })
                .onComplete(opened));
    return opened.future();
  }

  private void listen() {
    request
        .response()
        .onFailure(failure -> outcome.tryComplete(new Outcome(null, failure.toString(), null)))
        .onSuccess(
            response -> {
              StreamAck[] ack = {null};
              response.handler(
                  result -> {
                    try {
                      ack[0] = StreamAck.parseFrom(result.getAppMetadata());
                    } catch (InvalidProtocolBufferException e) {
                      outcome.tryFail(e);
                    }
                  });
              response.exceptionHandler(
                  failure -> outcome.tryComplete(new Outcome(null, failure.toString(), null)));
              response.errorHandler(
                  error -> outcome.tryComplete(new Outcome(null, "reset: " + error, null)));
              response.endHandler(
                  end ->
                      outcome.tryComplete(
                          new Outcome(
                              response.status(), GrpcErrors.statusMessage(response), ack[0])));
            });
  }

  /** Writes {@code messages} in order, waiting for drain whenever the write queue is full. */
  Future<Void> send(List<FlightData> messages) {
    Promise<Void> sent = Promise.promise();
    Iterator<FlightData> next = messages.iterator();
    context.runOnContext(v -> pump(next, sent));
    return sent.future();
  }

  private void pump(Iterator<FlightData> next, Promise<Void> sent) {
    try {
      while (next.hasNext()) {
        if (request.writeQueueFull()) {
          queueFullWaits.incrementAndGet();
          writtenBeforeFirstWait.compareAndSet(-1, written.get());
          request.drainHandler(v -> context.runOnContext(w -> pump(next, sent)));
          return;
        }
        request.write(next.next());
        written.incrementAndGet();
      }
      sent.tryComplete();
    } catch (RuntimeException e) {
      sent.tryFail(e);
    }
  }

  /** Half-closes the call: the stream ended cleanly. */
  Future<Void> end() {
    Promise<Void> ended = Promise.promise();
    context.runOnContext(
        v -> {
          try {
            request.end().onComplete(ended);
          } catch (IllegalStateException e) {
            ended.fail(e); // answered and reset already
          }
        });
    return ended.future();
  }

  /** Resets the call, as an HBee that crashed or timed out. */
  void reset() {
    context.runOnContext(v -> request.cancel());
  }

  Future<Outcome> outcome() {
    return outcome.future();
  }

  /** Messages written before a write first found the queue full; -1 while none has. */
  int writtenBeforeFirstWait() {
    return writtenBeforeFirstWait.get();
  }

  /** Messages written so far. */
  int written() {
    return written.get();
  }

  /** Times a write found the queue full and waited for drain. */
  int queueFullWaits() {
    return queueFullWaits.get();
  }

  // --- messages -----------------------------------------------------------------------------

  static StreamHeader header(String queryId, String token, int task, int attempt) {
    return StreamHeader.newBuilder()
        .setQueryId(queryId)
        .setToken(token)
        .setTaskId(task)
        .setAttempt(attempt)
        .build();
  }

  /** The first message: the header as CMD descriptor, with {@code schema} unless null. */
  static FlightData first(StreamHeader header, Schema schema) {
    FlightData.Builder message =
        FlightData.newBuilder()
            .setFlightDescriptor(
                FlightDescriptor.newBuilder()
                    .setType(FlightDescriptor.DescriptorType.CMD)
                    .setCmd(header.toByteString()));
    if (schema != null) {
      message.setDataHeader(ByteString.copyFrom(IpcCodec.flightSchema(schema).dataHeader()));
    }
    return message.build();
  }

  static FlightData schema(Schema schema) {
    return FlightData.newBuilder()
        .setDataHeader(ByteString.copyFrom(IpcCodec.flightSchema(schema).dataHeader()))
        .build();
  }

  /** A record batch message; {@code batch} is only read (the caller closes it). */
  static FlightData batch(Batch batch) {
    requireNonNull(batch, "batch is null");
    FlightMessage message = IpcCodec.flightBatch(batch);
    return FlightData.newBuilder()
        .setDataHeader(ByteString.copyFrom(message.dataHeader()))
        .setDataBody(ByteString.copyFrom(message.dataBody()))
        .build();
  }

  static FlightData metrics(long rowsOut) {
    return trailer(
        StreamTrailer.newBuilder()
            .setMetrics(TaskMetrics.newBuilder().setRowsOut(rowsOut))
            .build());
  }

  static FlightData error(ErrorCode code, String message) {
    return trailer(
        StreamTrailer.newBuilder()
            .setError(TaskError.newBuilder().setCode(code).setMessage(message))
            .build());
  }

  private static FlightData trailer(StreamTrailer trailer) {
    return FlightData.newBuilder().setAppMetadata(trailer.toByteString()).build();
  }
}
