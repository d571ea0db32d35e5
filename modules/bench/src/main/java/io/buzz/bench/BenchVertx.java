package io.buzz.bench;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The Vert.x instances the bench runs its stacks and clients on. */
final class BenchVertx {
  private BenchVertx() {}

  /**
   * Default options, except that a blocked event loop is reported in one line instead of a stack
   * trace every second: under fan-out and load the Fuse's loop does block (that is worth seeing),
   * but the traces would bury the progress lines.
   */
  static Vertx create() {
    return Vertx.vertx(
        new VertxOptions().setWarningExceptionTime(1).setWarningExceptionTimeUnit(TimeUnit.HOURS));
  }

  static void close(Vertx vertx, Progress progress) {
    try {
      vertx.close().await(30, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      progress.say("Vert.x did not close within 30 s");
    }
  }
}
