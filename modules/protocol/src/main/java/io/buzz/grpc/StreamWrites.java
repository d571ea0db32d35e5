package io.buzz.grpc;

import static java.util.Objects.requireNonNull;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.streams.WriteStream;
import java.util.Iterator;
import java.util.function.Supplier;

/**
 * Writes a sequence of messages to a stream while honouring its back-pressure: write while {@code
 * writeQueueFull()} is false, then wait for the drain handler. The loop continues with {@code
 * runOnContext}, never by recursion, so a long sequence cannot overflow the stack.
 */
public final class StreamWrites {
  private StreamWrites() {}

  /**
   * Writes every item of {@code items} to {@code stream} on {@code context}. The returned future
   * completes once the last item was handed to the stream, or fails with the first write error or
   * the first exception thrown by the iterator.
   */
  public static <T> Future<Void> writeAll(
      Context context, WriteStream<T> stream, Iterator<T> items) {
    requireNonNull(stream, "stream is null");
    requireNonNull(items, "items is null");
    Promise<Void> done = Promise.promise();
    context.runOnContext(v -> pump(context, stream, items, done));
    return done.future();
  }

  /**
   * Like {@link #writeAll} for items produced lazily by {@code next}, which returns null at the
   * end.
   */
  public static <T> Future<Void> writeAll(
      Context context, WriteStream<T> stream, Supplier<T> next) {
    return writeAll(
        context,
        stream,
        new Iterator<T>() {
          private T pending;

          @Override
          public boolean hasNext() {
            if (pending == null) {
              pending = next.get();
            }
            return pending != null;
          }

          @Override
          public T next() {
            T item = pending;
            pending = null;
            return item;
          }
        });
  }

  private static <T> void pump(
      Context context, WriteStream<T> stream, Iterator<T> items, Promise<Void> done) {
    try {
      while (items.hasNext()) {
        if (stream.writeQueueFull()) {
          stream.drainHandler(v -> context.runOnContext(w -> pump(context, stream, items, done)));
          return;
        }
        stream.write(items.next()).onFailure(done::tryFail);
        if (done.future().failed()) {
          return;
        }
      }
      done.tryComplete();
    } catch (RuntimeException e) {
      done.tryFail(e);
    }
  }
}
