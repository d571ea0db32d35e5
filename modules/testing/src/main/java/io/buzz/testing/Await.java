package io.buzz.testing;

import io.vertx.core.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Blocks a test thread on a Vert.x future, with a generous bound so a hang fails the test. */
public final class Await {
  private Await() {}

  public static <T> T result(Future<T> future) {
    try {
      return future.await(60, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("the future did not complete within 60 s", e);
    }
  }

  /** The failure of a future that must fail. */
  public static Throwable failure(Future<?> future) {
    try {
      future.await(60, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("the future did not complete within 60 s", e);
    } catch (RuntimeException e) {
      return future.cause() != null ? future.cause() : e;
    }
    throw new AssertionError("expected a failure, got " + future.result());
  }
}
