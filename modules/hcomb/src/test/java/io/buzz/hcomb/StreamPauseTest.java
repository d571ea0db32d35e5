package io.buzz.hcomb;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Handler;
import io.vertx.core.streams.ReadStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each of a stream's holds is lifted only by its own release. */
class StreamPauseTest {
  /** A stream that only records whether it is paused. */
  private static final class Recorded implements ReadStream<Object> {
    boolean paused;

    @Override
    public ReadStream<Object> exceptionHandler(Handler<Throwable> handler) {
      return this;
    }

    @Override
    public ReadStream<Object> handler(Handler<Object> handler) {
      return this;
    }

    @Override
    public ReadStream<Object> pause() {
      paused = true;
      return this;
    }

    @Override
    public ReadStream<Object> resume() {
      paused = false;
      return this;
    }

    @Override
    public ReadStream<Object> fetch(long amount) {
      return this;
    }

    @Override
    public ReadStream<Object> endHandler(Handler<Void> endHandler) {
      return this;
    }
  }

  private final Recorded stream = new Recorded();
  private final List<Boolean> transport = new ArrayList<>();
  private final StreamPause pause =
      new StreamPause(stream, transport::add, new HCombStats(System::nanoTime), 4);

  @Test
  void theTransportIsHeldAndLetGoWithTheStream() {
    pause.queued(1, true, false);
    pause.holdForMemory(true);
    pause.releasedByQueue();
    pause.holdForMemory(false);
    assertThat(transport).containsExactly(true, false);
    pause.queued(1, true, false);
    pause.stop();
    assertThat(transport).containsExactly(true, false, true, false);
  }

  @Test
  void theQueuesReleaseDoesNotLiftTheMemoryHold() {
    pause.queued(1, true, true);
    assertThat(stream.paused).isTrue();
    pause.releasedByQueue();
    assertThat(stream.paused).as("still held for memory").isTrue();
    pause.holdForMemory(false);
    assertThat(stream.paused).isFalse();
  }

  @Test
  void theMemoryReleaseDoesNotLiftTheQueueHold() {
    pause.queued(1, true, false);
    pause.holdForMemory(true);
    pause.holdForMemory(false);
    assertThat(stream.paused).as("still held by the queue").isTrue();
    pause.releasedByQueue();
    assertThat(stream.paused).isFalse();
  }

  @Test
  void tooManyPendingBatchesPauseUntilHalfAreMerged() {
    for (int i = 0; i < 4; i++) {
      pause.queued(1, false, false);
    }
    assertThat(stream.paused).isTrue();
    pause.merged();
    assertThat(stream.paused).isTrue();
    pause.merged();
    assertThat(stream.paused).isFalse();
  }

  @Test
  void stopLetsEverythingFlow() {
    pause.queued(1, true, true);
    pause.stop();
    assertThat(stream.paused).isFalse();
  }
}
