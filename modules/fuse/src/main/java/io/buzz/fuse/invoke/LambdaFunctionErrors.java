package io.buzz.fuse.invoke;

import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import io.buzz.error.FunctionError;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Lambda function errors (an error document, {@code X-Amz-Function-Error}) as Buzz errors. */
public final class LambdaFunctionErrors {
  private LambdaFunctionErrors() {}

  /** An error document's two fields; "unreadable error document" when it is not one. */
  private record Document(String type, String message) {
    static Document parse(byte[] payload) {
      try {
        JsonObject document = new JsonObject(new String(payload, StandardCharsets.UTF_8));
        return new Document(
            document.getString("errorType", ""),
            document.getString("errorMessage", "no error message"));
      } catch (DecodeException | ClassCastException e) {
        return new Document("", "unreadable error document");
      }
    }
  }

  /**
   * The function failed as Lambda reports it: an error document with {@code errorType} and {@code
   * errorMessage}. Classified by who failed:
   *
   * <ul>
   *   <li>the sandbox: {@code Sandbox.Timedout} (the function's timeout) is DEADLINE_EXCEEDED, the
   *       runtime dying ({@code Runtime.ExitError}, out of memory, a killed process) UNAVAILABLE —
   *       both retried as new attempts;
   *   <li>the HBee: an {@code errorMessage} that starts with a Buzz error code in brackets ({@link
   *       io.buzz.error.FunctionError}), or an {@code errorType} that is one (the in-process
   *       endpoint), keeps it;
   *   <li>anything else (the runtime could not load the handler, a bug) is INTERNAL.
   * </ul>
   */
  public static BuzzException classify(String where, byte[] payload) {
    Document document = Document.parse(payload);
    return own(document)
        .map(e -> prefixed(where, e.code(), "", e.getMessage()))
        .orElseGet(() -> sandboxOrInternal(where, document));
  }

  /**
   * Like {@link #classify}, but an error of Buzz's own (a bracketed code) keeps its message as is:
   * what the Fuse function says about a query reads as the local engine would say it.
   */
  public static BuzzException classifyQueryError(String where, byte[] payload) {
    Document document = Document.parse(payload);
    return own(document).orElseGet(() -> sandboxOrInternal(where, document));
  }

  /** Buzz's own error: a bracketed code in the message, or a code as errorType (in-process). */
  private static Optional<BuzzException> own(Document document) {
    Optional<BuzzException> bracketed = FunctionError.codeOf(document.message());
    if (bracketed.isPresent()) {
      return bracketed;
    }
    return isErrorCode(document.type())
        ? Optional.of(new BuzzException(ErrorCode.valueOf(document.type()), document.message()))
        : Optional.empty();
  }

  private static BuzzException sandboxOrInternal(String where, Document document) {
    String type = document.type();
    ErrorCode code = ErrorCode.INTERNAL;
    if (type.equals("Sandbox.Timedout") || document.message().contains("Task timed out")) {
      code = ErrorCode.DEADLINE_EXCEEDED;
    } else if (type.startsWith("Runtime.ExitError") || type.equals("Runtime.OutOfMemory")) {
      code = ErrorCode.UNAVAILABLE;
    }
    return prefixed(where, code, type.isEmpty() ? "" : " (" + type + ")", document.message());
  }

  private static BuzzException prefixed(String where, ErrorCode code, String kind, String message) {
    return new BuzzException(code, where + " failed" + kind + ": " + message);
  }

  private static boolean isErrorCode(String name) {
    for (ErrorCode candidate : ErrorCode.values()) {
      if (candidate.name().equals(name)) {
        return true;
      }
    }
    return false;
  }
}
