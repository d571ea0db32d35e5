package io.buzz.grpc;

import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import io.vertx.grpc.client.GrpcClientResponse;
import io.vertx.grpc.client.InvalidStatusException;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.server.GrpcServerResponse;

/** The edge between BuzzException and gRPC statuses, in both directions. */
public final class GrpcErrors {
  private GrpcErrors() {}

  /** Ends a server call with the status and message of {@code failure}. */
  public static void fail(GrpcServerResponse<?, ?> response, Throwable failure) {
    BuzzException error = BuzzException.wrap(failure);
    response.status(error.code().grpcStatus()).statusMessage(error.getMessage()).end();
  }

  /** The BuzzException a client sees for a call that ended with {@code status}. */
  public static BuzzException fromStatus(GrpcStatus status, String message, String call) {
    ErrorCode code = ErrorCode.fromGrpcStatus(status);
    String text = message == null || message.isEmpty() ? call + " failed with " + status : message;
    return new BuzzException(code, text);
  }

  /**
   * The status message of an ended call. Vert.x does not always expose it through {@code
   * statusMessage()}, so the {@code grpc-message} trailer is decoded as a fallback.
   */
  public static String statusMessage(GrpcClientResponse<?, ?> response) {
    String message = response.statusMessage();
    if (message != null && !message.isEmpty()) {
      return message;
    }
    String encoded = response.trailers() == null ? null : response.trailers().get("grpc-message");
    if (encoded == null) {
      encoded = response.headers() == null ? null : response.headers().get("grpc-message");
    }
    return encoded == null ? null : percentDecode(encoded);
  }

  /** gRPC's percent-encoding of status messages (UTF-8 bytes as %XX). */
  public static String percentDecode(String text) {
    if (text.indexOf('%') < 0) {
      return text;
    }
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '%' && i + 2 < text.length()) {
        int value =
            Character.digit(text.charAt(i + 1), 16) * 16 + Character.digit(text.charAt(i + 2), 16);
        if (value >= 0) {
          bytes.write(value);
          i += 2;
          continue;
        }
      }
      bytes.write(c);
    }
    return bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
  }

  /** The BuzzException for a client call that ended with a non-OK status. */
  public static BuzzException fromResponse(GrpcClientResponse<?, ?> response, String call) {
    return fromStatus(response.status(), statusMessage(response), call);
  }

  /** Any client-side failure as a BuzzException; connection problems are UNAVAILABLE. */
  public static BuzzException fromClientFailure(Throwable failure, String call) {
    if (failure instanceof BuzzException buzz) {
      return buzz;
    }
    if (failure instanceof InvalidStatusException invalid) {
      return fromStatus(invalid.actualStatus(), invalid.getMessage(), call);
    }
    String message =
        failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
    return new BuzzException(ErrorCode.UNAVAILABLE, call + ": " + message, failure);
  }
}
