package io.buzz.bench;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import io.buzz.grpc.GrpcErrors;
import io.buzz.grpc.StreamWrites;
import io.buzz.protocol.flight.PutResult;
import io.buzz.protocol.task.Endpoint;
import io.buzz.protocol.task.StreamAck;
import io.netty.buffer.Unpooled;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.common.GrpcStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A Flight DoPut call whose messages were framed for gRPC ahead of time: the synthetic HBees of the
 * bench send the same batches on every stream, so each batch is serialised and framed once per
 * shape, in direct memory, and every stream writes the same bytes (Netty hands them to the socket
 * without a copy). An HBee on another machine costs the HComb nothing; framing once keeps the
 * senders' CPU small on this machine, where they share the HComb's cores. On the wire the streams
 * are what any gRPC client sends: HTTP/2 requests of {@code application/grpc} messages, ended by
 * the trailer message, answered by one {@code PutResult} and a {@code grpc-status}.
 */
final class FramedDoPut {
  private static final String PATH = "/arrow.flight.protocol.FlightService/DoPut";

  /** The largest value of a {@code grpc-timeout} header in milliseconds (eight digits). */
  private static final long MAX_TIMEOUT_MILLIS = 99_999_999;

  /** HTTP/2 error code CANCEL, for a call that ran out of time. */
  private static final long CANCEL = 0x8;

  private FramedDoPut() {}

  /**
   * {@code message} as one uncompressed gRPC message (flag byte, length, protobuf) in direct memory
   * that Netty never releases (the GC frees it): the buffer may be written by many streams, on any
   * event loop, each time without a copy.
   */
  static Buffer frame(MessageLite message) {
    int size = message.getSerializedSize();
    ByteBuffer bytes = ByteBuffer.allocateDirect(5 + size);
    bytes.put((byte) 0).putInt(size);
    try {
      CodedOutputStream out = CodedOutputStream.newInstance(bytes);
      message.writeTo(out);
      out.flush(); // moves the buffer's position past the message
      out.checkNoSpaceLeft();
    } catch (IOException e) {
      throw new UncheckedIOException("framing a gRPC message", e);
    }
    bytes.flip();
    return BufferInternal.buffer(Unpooled.wrappedBuffer(bytes));
  }

  /** {@code message} as one gRPC message on the heap: for what one stream sends once. */
  static Buffer frameOnce(MessageLite message) {
    byte[] body = message.toByteArray();
    return Buffer.buffer(5 + body.length)
        .appendByte((byte) 0)
        .appendInt(body.length)
        .appendBytes(body);
  }

  /**
   * Opens a DoPut stream to {@code hcomb}, writes {@code header}, waits for {@code opened}, writes
   * {@code batches} as the stream's back-pressure allows, ends with {@code trailer}; completes with
   * the HComb's acknowledgement, or fails with its status, a transport failure, or once {@code
   * timeoutMillis} passed (counted from the call, connecting included; the stream is reset).
   *
   * @param ended called just before the trailer is written
   */
  static Future<StreamAck> call(
      Vertx vertx,
      HttpClient http,
      Endpoint hcomb,
      long timeoutMillis,
      Buffer header,
      Future<Void> opened,
      List<Buffer> batches,
      Buffer trailer,
      Runnable ended) {
    requireNonNull(vertx, "vertx is null");
    requireNonNull(http, "http is null");
    requireNonNull(hcomb, "hcomb is null");
    requireNonNull(header, "header is null");
    requireNonNull(opened, "opened is null");
    requireNonNull(batches, "batches is null");
    requireNonNull(trailer, "trailer is null");
    requireNonNull(ended, "ended is null");
    long timeout = Math.min(MAX_TIMEOUT_MILLIS, Math.max(1, timeoutMillis));
    RequestOptions options =
        new RequestOptions()
            .setMethod(HttpMethod.POST)
            .setServer(SocketAddress.inetSocketAddress(hcomb.getPort(), hcomb.getHost()))
            .setHost(hcomb.getHost())
            .setPort(hcomb.getPort())
            .setURI(PATH)
            .putHeader("content-type", "application/grpc")
            .putHeader("te", "trailers")
            .putHeader("grpc-timeout", timeout + "m");
    Context context = vertx.getOrCreateContext();
    Promise<StreamAck> result = Promise.promise();
    AtomicReference<HttpClientRequest> opening = new AtomicReference<>();
    long timer =
        vertx.setTimer(
            timeout,
            id -> {
              BuzzException late =
                  new BuzzException(
                      ErrorCode.DEADLINE_EXCEEDED,
                      "the HComb did not acknowledge the stream within " + timeout + " ms");
              if (result.tryFail(late) && opening.get() != null) {
                opening.get().reset(CANCEL);
              }
            });
    http.request(options)
        .onComplete(
            requested -> {
              if (requested.failed()) {
                result.tryFail(requested.cause());
                return;
              }
              HttpClientRequest request = requested.result();
              opening.set(request);
              if (result.future().isComplete()) {
                request.reset(CANCEL); // too late
                return;
              }
              // Failures reach the result through the response and the writes.
              request.exceptionHandler(failure -> {});
              Future<StreamAck> ack = request.response().compose(FramedDoPut::acknowledgement);
              ack.onComplete(result::tryComplete, result::tryFail);
              // A write that fails (the stream reset) fails the call with the HComb's status if
              // it answered one.
              write(context, request, header, opened, batches, trailer, ended)
                  .onFailure(
                      failure ->
                          ack.onComplete(
                              answered ->
                                  result.tryFail(answered.failed() ? answered.cause() : failure)));
            });
    return result.future().onComplete(done -> vertx.cancelTimer(timer));
  }

  private static Future<Void> write(
      Context context,
      HttpClientRequest request,
      Buffer header,
      Future<Void> opened,
      List<Buffer> batches,
      Buffer trailer,
      Runnable ended) {
    // Over HTTP/2 the body is DATA frames; Vert.x wants "chunked" for a body of unknown length.
    request.setChunked(true);
    return request
        .write(header)
        .compose(v -> opened)
        .compose(v -> StreamWrites.writeAll(context, request, batches.iterator()))
        .compose(
            v -> {
              ended.run();
              return request.end(trailer);
            });
  }

  /** The acknowledgement in the response's last {@code PutResult}, once its status is OK. */
  private static Future<StreamAck> acknowledgement(HttpClientResponse response) {
    Promise<StreamAck> ack = Promise.promise();
    Buffer body = Buffer.buffer();
    response.handler(body::appendBuffer);
    response.exceptionHandler(ack::tryFail);
    response.endHandler(
        v -> {
          try {
            ack.tryComplete(acknowledgement(response, body));
          } catch (RuntimeException e) {
            ack.tryFail(e);
          }
        });
    return ack.future();
  }

  private static StreamAck acknowledgement(HttpClientResponse response, Buffer body) {
    if (response.statusCode() != 200) {
      throw new BuzzException(
          ErrorCode.UNAVAILABLE, "the HComb answered DoPut with HTTP " + response.statusCode());
    }
    // A call refused at once answers with its status in the headers (trailers-only).
    String status = response.getHeader("grpc-status");
    String message = response.getHeader("grpc-message");
    if (status == null) {
      status = response.trailers().get("grpc-status");
      message = response.trailers().get("grpc-message");
    }
    if (status == null) {
      throw new BuzzException(ErrorCode.UNAVAILABLE, "the HComb's DoPut ended without a status");
    }
    GrpcStatus code =
        status.matches("[0-9]{1,2}") ? GrpcStatus.valueOf(Integer.parseInt(status)) : null;
    if (code == null) {
      throw new BuzzException(
          ErrorCode.INTERNAL,
          "the HComb answered DoPut with an unknown grpc-status \"" + status + "\"");
    }
    if (code != GrpcStatus.OK) {
      throw GrpcErrors.fromStatus(
          code, message == null ? null : GrpcErrors.percentDecode(message), "the HComb");
    }
    StreamAck ack = StreamAck.getDefaultInstance();
    int at = 0;
    while (at < body.length()) {
      if (body.length() - at < 5 || body.getByte(at) != 0) {
        throw new BuzzException(ErrorCode.INTERNAL, "the HComb's DoPut answer is not gRPC");
      }
      int length = body.getInt(at + 1);
      if (length < 0 || length > body.length() - at - 5) {
        throw new BuzzException(ErrorCode.INTERNAL, "the HComb's DoPut answer is cut off");
      }
      try {
        PutResult result = PutResult.parseFrom(body.getBytes(at + 5, at + 5 + length));
        ack = StreamAck.parseFrom(result.getAppMetadata());
      } catch (InvalidProtocolBufferException e) {
        throw new BuzzException(
            ErrorCode.INTERNAL, "the HComb's acknowledgement: " + e.getMessage(), e);
      }
      at += 5 + length;
    }
    return ack;
  }
}
