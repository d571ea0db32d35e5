package io.buzz.error;

import static java.util.Objects.requireNonNull;

import io.buzz.protocol.task.TaskError;

/**
 * The one exception type of Buzz. Its message is for the user: it says what was wrong and where
 * (the JSON field, the SQL line and column, the file and offset). The {@link ErrorCode} decides the
 * gRPC status and the CLI exit code, only at the edges.
 */
public final class BuzzException extends RuntimeException {
  private final ErrorCode code;

  public BuzzException(ErrorCode code, String message) {
    super(requireNonNull(message, "message is null"));
    this.code = requireNonNull(code, "code is null");
  }

  public BuzzException(ErrorCode code, String message, Throwable cause) {
    super(requireNonNull(message, "message is null"), cause);
    this.code = requireNonNull(code, "code is null");
  }

  public ErrorCode code() {
    return code;
  }

  public static BuzzException badQuery(String message) {
    return new BuzzException(ErrorCode.BAD_QUERY, message);
  }

  public static BuzzException notFound(String message) {
    return new BuzzException(ErrorCode.NOT_FOUND, message);
  }

  public static BuzzException unsupported(String message) {
    return new BuzzException(ErrorCode.UNSUPPORTED, message);
  }

  public static BuzzException internal(String message, Throwable cause) {
    return new BuzzException(ErrorCode.INTERNAL, message, cause);
  }

  /** The wire form, for reports between components. */
  public TaskError toWire() {
    return TaskError.newBuilder().setCode(code.toWire()).setMessage(getMessage()).build();
  }

  public static BuzzException fromWire(TaskError error) {
    return new BuzzException(ErrorCode.fromWire(error.getCode()), error.getMessage());
  }

  /**
   * Any throwable as a BuzzException: itself when it is one, otherwise {@link ErrorCode#INTERNAL}
   * with the throwable's class and message, so nothing is swallowed.
   */
  public static BuzzException wrap(Throwable t) {
    if (t instanceof BuzzException buzz) {
      return buzz;
    }
    String message = t.getMessage() == null ? t.getClass().getName() : t.getMessage();
    return new BuzzException(ErrorCode.INTERNAL, message, t);
  }
}
