package io.buzz.grpc;

import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
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
