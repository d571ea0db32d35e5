package io.buzz.error;

import io.vertx.grpc.common.GrpcStatus;

/**
 * The classes of failure every Buzz component reports. Each carries what the edges need: the gRPC
 * status the query API answers with, the exit code of the CLI, and the wire form used between
 * components ({@link io.buzz.protocol.task.ErrorCode}).
 */
public enum ErrorCode {
  /** The query is wrong: malformed JSON, invalid field, SQL error, bad partition filter. */
  BAD_QUERY(GrpcStatus.INVALID_ARGUMENT, 2, io.buzz.protocol.task.ErrorCode.BAD_QUERY),
  /** A catalog, file, table or column that the query names does not exist. */
  NOT_FOUND(GrpcStatus.NOT_FOUND, 2, io.buzz.protocol.task.ErrorCode.NOT_FOUND),
  /** Valid SQL or data that Buzz cannot process yet. */
  UNSUPPORTED(GrpcStatus.UNIMPLEMENTED, 2, io.buzz.protocol.task.ErrorCode.UNSUPPORTED),
  /** A configured limit (memory, rows, tasks, request size) was exceeded. */
  LIMIT_EXCEEDED(GrpcStatus.RESOURCE_EXHAUSTED, 1, io.buzz.protocol.task.ErrorCode.LIMIT_EXCEEDED),
  /** A bug or broken invariant in Buzz. */
  INTERNAL(GrpcStatus.INTERNAL, 1, io.buzz.protocol.task.ErrorCode.INTERNAL),
  /** A component or remote service could not be reached or failed transiently. */
  UNAVAILABLE(GrpcStatus.UNAVAILABLE, 1, io.buzz.protocol.task.ErrorCode.UNAVAILABLE),
  /** A deadline passed before the work finished. */
  DEADLINE_EXCEEDED(
      GrpcStatus.DEADLINE_EXCEEDED, 1, io.buzz.protocol.task.ErrorCode.DEADLINE_EXCEEDED),
  /** The client or an operator cancelled the work. */
  CANCELLED(GrpcStatus.CANCELLED, 1, io.buzz.protocol.task.ErrorCode.CANCELLED),
  /**
   * A service refused the request for now because of its rate or concurrency limits (Lambda's 429):
   * retried with backoff for as long as the deadline allows, without using up a task's attempts.
   * Declared after {@link #UNAVAILABLE}, which a gRPC UNAVAILABLE reads as.
   */
  THROTTLED(GrpcStatus.UNAVAILABLE, 1, io.buzz.protocol.task.ErrorCode.THROTTLED),
  /**
   * A setting (configuration file, environment variable, command-line option) is missing or wrong,
   * or the environment it describes does not hold (no credentials, an unknown region): the message
   * names the setting. Nothing is retried.
   */
  INVALID_CONFIG(GrpcStatus.FAILED_PRECONDITION, 2, io.buzz.protocol.task.ErrorCode.INVALID_CONFIG);

  private final GrpcStatus grpcStatus;
  private final int exitCode;
  private final io.buzz.protocol.task.ErrorCode wire;

  ErrorCode(GrpcStatus grpcStatus, int exitCode, io.buzz.protocol.task.ErrorCode wire) {
    this.grpcStatus = grpcStatus;
    this.exitCode = exitCode;
    this.wire = wire;
  }

  /** The status the gRPC query API ends a failed call with. */
  public GrpcStatus grpcStatus() {
    return grpcStatus;
  }

  /** The CLI's exit code: 2 when the query itself is at fault, 1 otherwise. */
  public int exitCode() {
    return exitCode;
  }

  public io.buzz.protocol.task.ErrorCode toWire() {
    return wire;
  }

  /** The code a wire value stands for; unknown or unset values read as {@link #INTERNAL}. */
  public static ErrorCode fromWire(io.buzz.protocol.task.ErrorCode wire) {
    for (ErrorCode code : values()) {
      if (code.wire == wire) {
        return code;
      }
    }
    return INTERNAL;
  }

  /** The code a gRPC status stands for, so a client can tell a bad query from a fault. */
  public static ErrorCode fromGrpcStatus(GrpcStatus status) {
    for (ErrorCode code : values()) {
      if (code.grpcStatus == status) {
        return code;
      }
    }
    return switch (status) {
      case OK, UNKNOWN, ABORTED, DATA_LOSS, INTERNAL -> INTERNAL;
      case FAILED_PRECONDITION, OUT_OF_RANGE, ALREADY_EXISTS -> BAD_QUERY;
      case PERMISSION_DENIED, UNAUTHENTICATED -> UNAVAILABLE;
      default -> INTERNAL;
    };
  }
}
