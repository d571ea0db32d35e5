package io.buzz.exec;

import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import io.buzz.kernels.KernelException;
import org.apache.arrow.memory.OutOfMemoryException;

/**
 * Maps failures of the kernels and of Arrow to {@link BuzzException}, keeping their messages:
 *
 * <pre>
 *   KernelException ARITHMETIC, INVALID_CAST  -> BAD_QUERY   (the query computes something invalid)
 *   KernelException LIMIT_EXCEEDED            -> LIMIT_EXCEEDED
 *   Arrow OutOfMemoryException                -> LIMIT_EXCEEDED (an allocator's limit)
 *   KernelException UNSUPPORTED               -> UNSUPPORTED
 *   KernelException INTERNAL, anything else   -> INTERNAL
 *   BuzzException                             -> itself
 * </pre>
 *
 * The cause chain is searched, so a kernel failure wrapped by an executor or a future still maps to
 * its own code. Stateless.
 */
public final class ExecErrors {
  /** Causes deeper than this are not inspected (cycles, pathological chains). */
  private static final int MAX_DEPTH = 16;

  private ExecErrors() {}

  public static BuzzException toBuzz(Throwable t) {
    Throwable cause = t;
    for (int depth = 0; cause != null && depth < MAX_DEPTH; depth++, cause = cause.getCause()) {
      if (cause instanceof BuzzException buzz) {
        return buzz;
      }
      if (cause instanceof KernelException kernel) {
        return new BuzzException(code(kernel.kind()), kernel.getMessage(), t);
      }
      if (cause instanceof OutOfMemoryException oom) {
        String message = oom.getMessage() == null ? "allocator limit reached" : oom.getMessage();
        return new BuzzException(ErrorCode.LIMIT_EXCEEDED, "memory limit exceeded: " + message, t);
      }
    }
    return BuzzException.wrap(t);
  }

  static ErrorCode code(KernelException.Kind kind) {
    return switch (kind) {
      case ARITHMETIC, INVALID_CAST -> ErrorCode.BAD_QUERY;
      case LIMIT_EXCEEDED -> ErrorCode.LIMIT_EXCEEDED;
      case UNSUPPORTED -> ErrorCode.UNSUPPORTED;
      case INTERNAL -> ErrorCode.INTERNAL;
    };
  }
}
