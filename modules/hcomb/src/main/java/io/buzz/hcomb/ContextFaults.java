package io.buzz.hcomb;

import io.vertx.core.Handler;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the HComb does with an exception that escaped a handler on its Vert.x context: without this,
 * Vert.x logs it as "Unhandled exception" with its stack.
 *
 * <p>One such exception is a known race inside Vert.x gRPC 5.0 and is harmless: a stream the HComb
 * has paused (back-pressure) ends while Vert.x's gRPC inbound queue is one message short of its
 * high-water mark. Adding the end marker fills the queue, and Vert.x then pauses the HTTP/2 request
 * that has already ended, which throws {@code IllegalStateException("Request has already been
 * read")}. The end marker is already queued when it throws, so the stream still ends normally once
 * the HComb resumes it; nothing is lost. That case is counted and logged at DEBUG only, so a normal
 * run stays quiet. Every other exception is logged at ERROR under the logger Vert.x itself uses for
 * unhandled exceptions, so its configuration and alerting keep applying.
 */
final class ContextFaults implements Handler<Throwable> {
  private static final System.Logger VERTX_CONTEXT_LOG =
      System.getLogger("io.vertx.core.impl.ContextImpl");
  private static final System.Logger LOG = System.getLogger(ContextFaults.class.getName());
  private final AtomicLong pauseAfterEnd = new AtomicLong();
  private final AtomicLong unexpected = new AtomicLong();

  @Override
  public void handle(Throwable failure) {
    if (isPauseAfterEnd(failure)) {
      pauseAfterEnd.incrementAndGet();
      LOG.log(System.Logger.Level.DEBUG, "Vert.x paused an ended gRPC stream (harmless)", failure);
      return;
    }
    unexpected.incrementAndGet();
    VERTX_CONTEXT_LOG.log(System.Logger.Level.ERROR, "Unhandled exception", failure);
  }

  /** How many other exceptions escaped (each logged at ERROR). */
  long unexpected() {
    return unexpected.get();
  }

  /** How many times the harmless Vert.x race described above was absorbed. */
  long pauseAfterEnd() {
    return pauseAfterEnd.get();
  }

  /** The race, recognized by its message and by Vert.x gRPC's inbound queue pausing its source. */
  static boolean isPauseAfterEnd(Throwable failure) {
    if (!(failure instanceof IllegalStateException)
        || !"Request has already been read".equals(failure.getMessage())) {
      return false;
    }
    for (StackTraceElement frame : failure.getStackTrace()) {
      if (frame.getClassName().startsWith("io.vertx.grpc.common.impl.GrpcReadStreamBase")
          && frame.getMethodName().equals("handlePause")) {
        return true;
      }
    }
    return false;
  }
}
