package io.buzz.bench;

import io.buzz.exec.PlanTypes;
import io.buzz.grpc.GrpcErrors;
import io.buzz.grpc.GrpcLimits;
import io.buzz.hbee.HBeeFunction;
import io.buzz.kernels.ipc.IpcCodec;
import io.buzz.protocol.flight.FlightData;
import io.buzz.protocol.flight.FlightDescriptor;
import io.buzz.protocol.flight.FlightServiceGrpcClient;
import io.buzz.protocol.flight.PutResult;
import io.buzz.protocol.task.Endpoint;
import io.buzz.protocol.task.HBeeTask;
import io.buzz.protocol.task.StreamAck;
import io.buzz.protocol.task.StreamHeader;
import io.buzz.protocol.task.StreamTrailer;
import io.buzz.protocol.task.TaskMetrics;
import io.buzz.protocol.task.TaskReport;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.GrpcClientResponse;
import io.vertx.grpc.common.GrpcStatus;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An HBee that scans nothing: it opens its stream to the HComb, sends the header and the plan's
 * output schema, ends the stream at once with an empty-metrics trailer, waits for the HComb's
 * acknowledgement (so the task is really committed) and returns its report. What remains is the
 * cost of the Fuse dispatching and tracking the task, the Lambda HTTP round trip and the HComb's
 * per-stream bookkeeping.
 */
final class NoOpHBeeFunction implements HBeeFunction, AutoCloseable {
  private final GrpcClient grpc;
  private final AtomicLong invocations = new AtomicLong();

  NoOpHBeeFunction(Vertx vertx) {
    this.grpc = GrpcClient.client(vertx, GrpcLimits.clientOptions());
  }

  /** Invocations handled so far. */
  long invocations() {
    return invocations.get();
  }

  @Override
  public Future<TaskReport> handle(HBeeTask task) {
    invocations.incrementAndGet();
    long start = System.nanoTime();
    Endpoint hcomb = task.getHcomb();
    long timeoutMillis =
        task.getDeadlineEpochMillis() == 0
            ? 60_000
            : Math.max(1, task.getDeadlineEpochMillis() - System.currentTimeMillis());
    FlightData first =
        FlightData.newBuilder()
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
            .setDataHeader(
                com.google.protobuf.ByteString.copyFrom(
                    IpcCodec.flightSchema(PlanTypes.arrowSchema(task.getPlan().getOutputSchema()))
                        .dataHeader()))
            .build();
    FlightData trailer =
        FlightData.newBuilder()
            .setAppMetadata(
                StreamTrailer.newBuilder()
                    .setMetrics(TaskMetrics.getDefaultInstance())
                    .build()
                    .toByteString())
            .build();
    return grpc.request(
            SocketAddress.inetSocketAddress(hcomb.getPort(), hcomb.getHost()),
            FlightServiceGrpcClient.DoPut)
        .compose(
            request -> {
              request.timeout(timeoutMillis, TimeUnit.MILLISECONDS);
              request.write(first);
              request.end(trailer);
              return request.response();
            })
        .compose(NoOpHBeeFunction::acknowledgement)
        .recover(
            failure ->
                Future.failedFuture(
                    GrpcErrors.fromClientFailure(failure, "the no-op HBee's stream")))
        .map(
            ack ->
                TaskReport.newBuilder()
                    .setQueryId(task.getQueryId())
                    .setTaskId(task.getTaskId())
                    .setAttempt(task.getAttempt())
                    .setMetrics(
                        TaskMetrics.newBuilder()
                            .setDurationMicros((System.nanoTime() - start) / 1000)
                            .build())
                    .build());
  }

  private static Future<StreamAck> acknowledgement(
      GrpcClientResponse<FlightData, PutResult> response) {
    Promise<StreamAck> ack = Promise.promise();
    StreamAck[] received = {StreamAck.getDefaultInstance()};
    response.handler(
        result -> {
          try {
            received[0] = StreamAck.parseFrom(result.getAppMetadata());
          } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            ack.tryFail(e);
          }
        });
    response.exceptionHandler(ack::tryFail);
    response.endHandler(
        v -> {
          if (response.status() == GrpcStatus.OK) {
            ack.tryComplete(received[0]);
          } else {
            ack.tryFail(GrpcErrors.fromResponse(response, "the HComb"));
          }
        });
    return ack.future();
  }

  @Override
  public void close() {
    grpc.close();
  }
}
