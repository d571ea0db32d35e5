package io.buzz.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.streams.WriteStream;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class StreamWritesTest {
  /** A write stream that reports full after {@code capacity} unacknowledged writes. */
  static final class SlowStream implements WriteStream<Integer> {
    final List<Integer> written = new ArrayList<>();
    final int capacity;
    int pending;
    int fullObserved;
    Handler<Void> drain;

    SlowStream(int capacity) {
      this.capacity = capacity;
    }

    @Override
    public WriteStream<Integer> exceptionHandler(Handler<Throwable> handler) {
      return this;
    }

    @Override
    public Future<Void> write(Integer data) {
      if (pending >= capacity) {
        throw new AssertionError("wrote while the queue was full");
      }
      written.add(data);
      pending++;
      return Future.succeededFuture();
    }

    @Override
    public Future<Void> end() {
      return Future.succeededFuture();
    }

    @Override
    public WriteStream<Integer> setWriteQueueMaxSize(int maxSize) {
      return this;
    }

    @Override
    public boolean writeQueueFull() {
      boolean full = pending >= capacity;
      if (full) {
        fullObserved++;
      }
      return full;
    }

    @Override
    public WriteStream<Integer> drainHandler(Handler<Void> handler) {
      this.drain = handler;
      return this;
    }

    void flush() {
      pending = 0;
      Handler<Void> handler = drain;
      drain = null;
      if (handler != null) {
        handler.handle(null);
      }
    }
  }

  @Test
  void waitsForDrainWhenTheQueueIsFullAndWritesEverythingInOrder(Vertx vertx) throws Exception {
    SlowStream stream = new SlowStream(3);
    long timer = vertx.setPeriodic(1, id -> stream.flush());
    List<Integer> items = IntStream.range(0, 10_000).boxed().toList();
    Future<Void> done = StreamWrites.writeAll(vertx.getOrCreateContext(), stream, items.iterator());
    done.await(30, TimeUnit.SECONDS);
    vertx.cancelTimer(timer);
    assertThat(stream.written).isEqualTo(items);
    assertThat(stream.fullObserved).isPositive();
  }

  @Test
  void aFailingSourceFailsTheWrite(Vertx vertx) {
    SlowStream stream = new SlowStream(100);
    Future<Void> done =
        StreamWrites.writeAll(
            vertx.getOrCreateContext(),
            stream,
            () -> {
              throw new IllegalStateException("source broke");
            });
    assertThat(done.toCompletionStage().toCompletableFuture())
        .failsWithin(java.time.Duration.ofSeconds(10))
        .withThrowableThat()
        .withMessageContaining("source broke");
  }
}
