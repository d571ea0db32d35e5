package io.buzz.exec;

import static org.assertj.core.api.Assertions.assertThat;

import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import io.buzz.kernels.KernelException;
import java.util.concurrent.CompletionException;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.OutOfMemoryException;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;

class ExecErrorsTest {
  @Test
  void kernelKindsMapToErrorCodesKeepingMessages() {
    assertMapped(
        new KernelException(KernelException.Kind.ARITHMETIC, "division by zero"),
        ErrorCode.BAD_QUERY,
        "division by zero");
    assertMapped(
        new KernelException(KernelException.Kind.INVALID_CAST, "bad 'x'"),
        ErrorCode.BAD_QUERY,
        "bad 'x'");
    assertMapped(
        new KernelException(KernelException.Kind.LIMIT_EXCEEDED, "too big"),
        ErrorCode.LIMIT_EXCEEDED,
        "too big");
    assertMapped(
        new KernelException(KernelException.Kind.UNSUPPORTED, "no"), ErrorCode.UNSUPPORTED, "no");
    assertMapped(
        new KernelException(KernelException.Kind.INTERNAL, "bug"), ErrorCode.INTERNAL, "bug");
    assertMapped(new IllegalStateException("broken"), ErrorCode.INTERNAL, "broken");
    assertMapped(new NullPointerException(), ErrorCode.INTERNAL, "NullPointerException");
  }

  @Test
  void wrappedFailuresAndBuzzExceptionsKeepTheirCode() {
    BuzzException notFound = BuzzException.notFound("no such table");
    assertThat(ExecErrors.toBuzz(notFound)).isSameAs(notFound);
    assertMapped(
        new CompletionException(new KernelException(KernelException.Kind.ARITHMETIC, "overflow")),
        ErrorCode.BAD_QUERY,
        "overflow");
  }

  @Test
  void allocatorLimitIsLimitExceeded() {
    try (BufferAllocator root = new RootAllocator();
        BufferAllocator small = root.newChildAllocator("small", 0, 1024)) {
      OutOfMemoryException oom = null;
      try {
        small.buffer(1 << 20).close();
      } catch (OutOfMemoryException e) {
        oom = e;
      }
      assertThat(oom).isNotNull();
      assertMapped(oom, ErrorCode.LIMIT_EXCEEDED, "memory limit exceeded");
    }
  }

  private static void assertMapped(Throwable t, ErrorCode code, String message) {
    BuzzException mapped = ExecErrors.toBuzz(t);
    assertThat(mapped.code()).isEqualTo(code);
    assertThat(mapped.getMessage()).contains(message);
  }
}
