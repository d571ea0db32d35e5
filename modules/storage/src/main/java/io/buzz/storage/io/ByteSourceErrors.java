package io.buzz.storage.io;

import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;

/** The errors every {@link ByteSource} reports, worded the same way. */
final class ByteSourceErrors {
  private ByteSourceErrors() {}

  static BuzzException notFound(String uri) {
    return new BuzzException(ErrorCode.NOT_FOUND, uri + " does not exist");
  }

  static BuzzException pastEnd(String uri, long offset, long length, long size) {
    return new BuzzException(
        ErrorCode.BAD_QUERY,
        uri
            + ": bytes ["
            + offset
            + ", "
            + (offset + length)
            + ") lie past the end of the object ("
            + size
            + " bytes)");
  }

  static BuzzException closed(String uri) {
    return new BuzzException(ErrorCode.INTERNAL, uri + ": byte source is closed");
  }

  static BuzzException unavailable(String uri, String what, Throwable cause) {
    String detail = cause.getMessage() == null ? cause.getClass().getName() : cause.getMessage();
    return new BuzzException(
        ErrorCode.UNAVAILABLE, uri + ": " + what + " failed: " + detail, cause);
  }
}
