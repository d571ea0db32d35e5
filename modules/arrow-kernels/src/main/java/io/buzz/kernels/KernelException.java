package io.buzz.kernels;

import static java.util.Objects.requireNonNull;

/**
 * A failure inside a kernel. Kernels know nothing of Buzz's error codes; the exec module maps each
 * {@link Kind} to one at the boundary. Messages name the operation and the offending value.
 */
public final class KernelException extends RuntimeException {
  /** What went wrong, in terms a caller can map to its own error classes. */
  public enum Kind {
    /** Integer overflow, integer division or modulo by zero. */
    ARITHMETIC,
    /** A value that cannot be converted to the requested type, e.g. 'abc' to INT64. */
    INVALID_CAST,
    /** An allocator limit or a row limit was reached. */
    LIMIT_EXCEEDED,
    /** A type or operation the kernels do not implement. */
    UNSUPPORTED,
    /** A broken invariant: a bug. */
    INTERNAL
  }

  private final Kind kind;

  public KernelException(Kind kind, String message) {
    super(requireNonNull(message, "message is null"));
    this.kind = requireNonNull(kind, "kind is null");
  }

  public KernelException(Kind kind, String message, Throwable cause) {
    super(requireNonNull(message, "message is null"), cause);
    this.kind = requireNonNull(kind, "kind is null");
  }

  public Kind kind() {
    return kind;
  }
}
