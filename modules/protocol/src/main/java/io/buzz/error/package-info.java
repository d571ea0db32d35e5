/**
 * Buzz's one exception type and its classes of failure. A {@link io.buzz.error.BuzzException}
 * carries a message for the user and an {@link io.buzz.error.ErrorCode}, which decides, only at the
 * edges, the gRPC status, the CLI's exit code and the wire form between components ({@code
 * io.buzz.protocol.task.ErrorCode} in a {@code TaskError}). {@link io.buzz.error.FunctionError} is
 * what a Buzz Lambda function throws when it fails as a whole, with its code in brackets at the
 * start of the message so that callers can read it back. gRPC statuses are mapped in {@code
 * io.buzz.grpc.GrpcErrors}, kernel failures in {@code io.buzz.exec.ExecErrors}.
 */
package io.buzz.error;
