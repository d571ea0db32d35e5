package io.buzz.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import io.buzz.grpc.GrpcLimits;
import io.buzz.protocol.flight.FlightData;
import io.buzz.protocol.flight.FlightServiceGrpcService;
import io.buzz.protocol.flight.PutResult;
import io.buzz.protocol.task.Endpoint;
import io.buzz.protocol.task.StreamAck;
import io.buzz.testing.Await;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpServer;
import io.vertx.grpc.common.GrpcError;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.server.GrpcServer;
import io.vertx.grpc.server.GrpcServerRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The pre-framed DoPut against a real Vert.x gRPC server on loopback. */
class FramedDoPutTest {
  private Vertx vertx;
  private HttpClient http;
  private HttpServer server;
  private final List<FlightData> received = new CopyOnWriteArrayList<>();

  /** How the server saw its (only) call end. */
  private final Promise<GrpcError> reset = Promise.promise();

  @BeforeEach
  void startClient() {
    vertx = Vertx.vertx();
    http = vertx.httpClientBuilder().with(GrpcLimits.httpClientOptions()).build();
  }

  @AfterEach
  void stop() {
    Await.result(vertx.close());
  }

  /** A DoPut server whose calls {@code handler} answers; every message is kept in received. */
  private Endpoint serve(Handler<GrpcServerRequest<FlightData, PutResult>> handler) {
    GrpcServer grpc = GrpcServer.server(vertx, GrpcLimits.serverOptions());
    grpc.callHandler(FlightServiceGrpcService.DoPut, handler);
    server = Await.result(vertx.createHttpServer().requestHandler(grpc).listen(0, "127.0.0.1"));
    return Endpoint.newBuilder().setHost("127.0.0.1").setPort(server.actualPort()).build();
  }

  /** Keeps each message and acknowledges the stream once it ended. */
  private void acknowledging(GrpcServerRequest<FlightData, PutResult> call) {
    call.handler(received::add);
    call.endHandler(
        v ->
            call.response()
                .end(
                    PutResult.newBuilder()
                        .setAppMetadata(
                            StreamAck.newBuilder().setCommitted(true).build().toByteString())
                        .build()));
  }

  /**
   * A server that never answers; it reads the messages into received, or nothing at all (the
   * client's writes then wait for a drain that never comes). How its call ended goes to reset.
   */
  private Endpoint serveSilently(boolean reads) {
    return serve(
        call -> {
          if (reads) {
            call.handler(received::add);
          } else {
            call.pause();
          }
          call.errorHandler(reset::tryComplete);
        });
  }

  /** The call failed at its deadline of 2 s, and the server saw it cancelled. */
  private void assertTimedOut(Future<StreamAck> call) {
    Throwable failure = Await.failure(call);
    assertThat(failure)
        .isInstanceOf(BuzzException.class)
        .hasMessage("the HComb did not acknowledge the stream within 2000 ms");
    assertThat(((BuzzException) failure).code()).isEqualTo(ErrorCode.DEADLINE_EXCEEDED);
    // The call is cancelled on the server too, not only given up by the client.
    assertThat(Await.result(reset.future())).isEqualTo(GrpcError.CANCELLED);
  }

  @Test
  void aStreamHeldBackByItsServerStillTimesOut() {
    Endpoint endpoint = serveSilently(false);
    List<Buffer> batches = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      batches.add(FramedDoPut.frame(message("x".repeat(100_000))));
    }
    assertTimedOut(call(endpoint, 2_000, batches));
  }

  @Test
  void aStreamWaitingAtItsGateStillTimesOut() {
    Endpoint endpoint = serveSilently(true);
    Future<Void> never = Promise.<Void>promise().future();
    Throwable failure = Await.failure(call(endpoint, 2_000, never, List.of()));
    assertThat(failure).hasMessage("the HComb did not acknowledge the stream within 2000 ms");
    assertThat(Await.result(reset.future())).isEqualTo(GrpcError.CANCELLED);
    assertThat(received).extracting(m -> m.getDataBody().toStringUtf8()).containsExactly("header");
  }

  private static FlightData message(String body) {
    return FlightData.newBuilder().setDataBody(ByteString.copyFromUtf8(body)).build();
  }

  private Future<StreamAck> call(Endpoint endpoint, long timeoutMillis, List<Buffer> batches) {
    return call(endpoint, timeoutMillis, Future.succeededFuture(), batches);
  }

  private Future<StreamAck> call(
      Endpoint endpoint, long timeoutMillis, Future<Void> opened, List<Buffer> batches) {
    AtomicBoolean ended = new AtomicBoolean();
    return FramedDoPut.call(
        vertx,
        http,
        endpoint,
        timeoutMillis,
        FramedDoPut.frame(message("header")),
        opened,
        batches,
        FramedDoPut.frame(message("trailer")),
        () -> ended.set(true));
  }

  @Test
  void everyStreamSendsTheSameFramedBytesAndGetsItsAcknowledgement() {
    Endpoint endpoint = serve(this::acknowledging);
    // Messages larger than an HTTP/2 frame, shared by three concurrent streams.
    List<Buffer> batches = new ArrayList<>();
    List<String> bodies = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      String body = String.valueOf((char) ('a' + i)).repeat(100_000 + i);
      bodies.add(body);
      batches.add(FramedDoPut.frame(message(body)));
    }
    List<Future<StreamAck>> calls = new ArrayList<>();
    for (int s = 0; s < 3; s++) {
      calls.add(call(endpoint, 10_000, batches));
    }
    for (Future<StreamAck> call : calls) {
      assertThat(Await.result(call).getCommitted()).isTrue();
    }
    assertThat(received).hasSize(3 * 6);
    List<String> texts = received.stream().map(m -> m.getDataBody().toStringUtf8()).toList();
    for (String body : bodies) {
      assertThat(texts).filteredOn(body::equals).hasSize(3);
    }
    assertThat(texts).filteredOn("header"::equals).hasSize(3);
    assertThat(texts).filteredOn("trailer"::equals).hasSize(3);
    // A framed buffer is only read: the next stream sends it whole again.
    assertThat(Await.result(call(endpoint, 10_000, batches)).getCommitted()).isTrue();
    assertThat(received).hasSize(4 * 6);
  }

  @Test
  void aRefusedStreamFailsWithTheServersStatusAndMessage() {
    Endpoint endpoint =
        serve(
            call ->
                call.handler(
                    m -> {
                      if (m.getDataBody().toStringUtf8().equals("bad")) {
                        call.response()
                            .status(GrpcStatus.INVALID_ARGUMENT)
                            .statusMessage("batch 1: 50% of it is wrong")
                            .end();
                      }
                    }));
    Future<StreamAck> refused = call(endpoint, 10_000, List.of(FramedDoPut.frame(message("bad"))));
    assertThat(Await.failure(refused))
        .isInstanceOf(BuzzException.class)
        .hasMessage("batch 1: 50% of it is wrong")
        .satisfies(e -> assertThat(((BuzzException) e).code()).isEqualTo(ErrorCode.BAD_QUERY));
  }

  @Test
  void aCallRefusedBeforeItsFirstMessageReadsTheStatusFromTheHeaders() {
    Endpoint endpoint =
        serve(call -> call.response().status(GrpcStatus.UNAVAILABLE).statusMessage("full").end());
    assertThat(Await.failure(call(endpoint, 10_000, List.of())))
        .isInstanceOf(BuzzException.class)
        .hasMessage("full");
  }

  @Test
  void aServerThatNeverAnswersTimesTheCallOut() {
    assertTimedOut(call(serveSilently(true), 2_000, List.of()));
  }
}
