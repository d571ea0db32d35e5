package io.buzz.hbee.runtime;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import io.buzz.grpc.GrpcErrors;
import io.buzz.grpc.StreamWrites;
import io.buzz.protocol.flight.FlightData;
import io.buzz.protocol.flight.FlightDescriptor;
import io.buzz.protocol.flight.FlightServiceGrpcClient;
import io.buzz.protocol.flight.PutResult;
import io.buzz.protocol.task.Endpoint;
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
import io.vertx.grpc.client.GrpcClientResponse;
import io.vertx.grpc.common.GrpcStatus;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;

/**
 * The HBee's side of one DoPut call to the HComb: header (with the schema), batches with
 * back-pressure, then a trailer and a clean end — or an error trailer, or a reset.
 *
 * <p>The HComb may answer before the stream ends (e.g. another attempt of the task already
 * committed); {@link #closedByHComb()} then says the task can stop early.
 */
final class HCombStream {
  private final Context context;
  private final GrpcClientRequest<FlightData, PutResult> request;
  private final Promise<StreamAck> ack = Promise.promise();

  private HCombStream(Context context, GrpcClientRequest<FlightData, PutResult> request) {
    this.context = context;
    this.request = request;
  }

  /**
   * Opens the stream and sends its first message: the header identifying the attempt, with the
   * Arrow schema of what follows.
   */
  static Future<HCombStream> open(
      GrpcClient client,
      Context context,
      Endpoint endpoint,
      StreamHeader header,
      byte[] schemaHeader,
      long timeoutMillis) {
    return client
        .request(
            SocketAddress.inetSocketAddress(endpoint.getPort(), endpoint.getHost()),
            FlightServiceGrpcClient.DoPut)
        .recover(
            failure ->
                Future.failedFuture(
                    GrpcErrors.fromClientFailure(
                        failure,
                        "connecting to the HComb at "
                            + endpoint.getHost()
                            + ":"
                            + endpoint.getPort())))
        .map(
            request -> {
              request.timeout(Math.max(1, timeoutMillis), TimeUnit.MILLISECONDS);
              HCombStream stream = new HCombStream(context, request);
              stream.listen();
              request.write(
                  FlightData.newBuilder()
                      .setFlightDescriptor(
                          FlightDescriptor.newBuilder()
                              .setType(FlightDescriptor.DescriptorType.CMD)
                              .setCmd(header.toByteString()))
                      .setDataHeader(ByteString.copyFrom(schemaHeader))
                      .build());
              return stream;
            });
  }

  private void listen() {
    request
        .response()
        .onFailure(
            failure -> ack.tryFail(GrpcErrors.fromClientFailure(failure, "streaming to the HComb")))
        .onSuccess(this::onResponse);
  }

  private void onResponse(GrpcClientResponse<FlightData, PutResult> response) {
    StreamAck[] received = {StreamAck.getDefaultInstance()};
    response.handler(
        result -> {
          try {
            received[0] = StreamAck.parseFrom(result.getAppMetadata());
          } catch (InvalidProtocolBufferException e) {
            ack.tryFail(BuzzException.internal("unreadable acknowledgement from the HComb", e));
          }
        });
    response.exceptionHandler(
        failure -> ack.tryFail(GrpcErrors.fromClientFailure(failure, "streaming to the HComb")));
    response.endHandler(
        v -> {
          if (response.status() == GrpcStatus.OK) {
            ack.tryComplete(received[0]);
          } else {
            ack.tryFail(GrpcErrors.fromResponse(response, "the HComb"));
          }
        });
  }

  /** True once the HComb has answered; nothing more needs to be sent. */
  boolean closedByHComb() {
    return ack.future().isComplete();
  }

  /** Writes messages in order, honouring the stream's back-pressure. */
  Future<Void> writeAll(Iterator<FlightData> messages) {
    if (closedByHComb()) {
      return Future.succeededFuture();
    }
    // The HComb may answer while we write (another attempt of this task committed, or the query
    // ended): the call is then over, pending writes fail or never drain, and that is not an error
    // of this task. Whatever the answer says is reported by finish().
    Promise<Void> written = Promise.promise();
    StreamWrites.writeAll(context, request, messages)
        .onComplete(
            result -> {
              if (result.succeeded() || closedByHComb()) {
                written.tryComplete();
              } else {
                written.tryFail(result.cause());
              }
            });
    ack.future().onComplete(answered -> written.tryComplete());
    return written.future();
  }

  /**
   * Ends the stream cleanly with the task's metrics; completes with the HComb's acknowledgement.
   */
  Future<StreamAck> finish(TaskMetrics metrics) {
    if (!closedByHComb()) {
      request.end(trailer(StreamTrailer.newBuilder().setMetrics(metrics).build()));
    }
    return ack.future();
  }

  /**
   * Gives up. A final error (bad data, unsupported file) is told to the HComb, which fails the
   * query with it; a transient one only resets the stream so the Fuse can retry the task.
   */
  void abort(BuzzException error) {
    if (closedByHComb()) {
      return;
    }
    boolean retryable =
        error.code() == ErrorCode.UNAVAILABLE
            || error.code() == ErrorCode.THROTTLED
            || error.code() == ErrorCode.DEADLINE_EXCEEDED;
    if (retryable) {
      request.cancel();
    } else {
      TaskError wire = error.toWire();
      request.end(trailer(StreamTrailer.newBuilder().setError(wire).build()));
    }
  }

  private static FlightData trailer(StreamTrailer trailer) {
    return FlightData.newBuilder().setAppMetadata(trailer.toByteString()).build();
  }
}
