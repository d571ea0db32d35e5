package io.buzz.hcomb;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Only Vert.x gRPC's pause-after-end race is absorbed; anything else stays an error. */
class ContextFaultsTest {
  @Test
  void recognizesTheRaceByItsMessageAndTheQueueThatPaused() {
    IllegalStateException race = new IllegalStateException("Request has already been read");
    race.setStackTrace(
        new StackTraceElement[] {
          new StackTraceElement(
              "io.vertx.core.http.impl.Http2ServerRequest", "checkEnded", "x.java", 203),
          new StackTraceElement(
              "io.vertx.grpc.common.impl.GrpcReadStreamBase$2", "handlePause", "y.java", 82)
        });
    assertThat(ContextFaults.isPauseAfterEnd(race)).isTrue();
  }

  @Test
  void theSameMessageFromElsewhereOrAnotherFailureIsNotAbsorbed() {
    assertThat(
            ContextFaults.isPauseAfterEnd(
                new IllegalStateException("Request has already been read")))
        .isFalse();
    IllegalStateException other = new IllegalStateException("something else");
    other.setStackTrace(
        new StackTraceElement[] {
          new StackTraceElement(
              "io.vertx.grpc.common.impl.GrpcReadStreamBase$2", "handlePause", "y.java", 82)
        });
    assertThat(ContextFaults.isPauseAfterEnd(other)).isFalse();
    assertThat(ContextFaults.isPauseAfterEnd(new NullPointerException())).isFalse();
  }
}
