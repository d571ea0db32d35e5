package io.buzz.fuse.aws;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/** The request and response bodies {@link VertxSdkHttpClient} exchanges with the SDK. */
final class SdkBodies {
  private SdkBodies() {}

  /** Collects the SDK's request body (in memory already) into one buffer. */
  static final class RequestBody implements Subscriber<ByteBuffer> {
    private final Promise<Buffer> promise = Promise.promise();
    final Future<Buffer> bytes = promise.future();
    private final Buffer collected = Buffer.buffer();

    @Override
    public void onSubscribe(Subscription subscription) {
      subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(ByteBuffer part) {
      byte[] copy = new byte[part.remaining()];
      part.get(copy);
      collected.appendBytes(copy);
    }

    @Override
    public void onError(Throwable failure) {
      promise.tryFail(failure);
    }

    @Override
    public void onComplete() {
      promise.tryComplete(collected);
    }
  }

  /** The whole response body as one element; completes {@code done} once it is handed over. */
  static final class OneBuffer implements Publisher<ByteBuffer> {
    private final ByteBuffer body;
    private final CompletableFuture<Void> done;
    private final AtomicBoolean subscribed = new AtomicBoolean();

    OneBuffer(ByteBuffer body, CompletableFuture<Void> done) {
      this.body = body;
      this.done = done;
    }

    @Override
    public void subscribe(Subscriber<? super ByteBuffer> subscriber) {
      if (!subscribed.compareAndSet(false, true)) {
        subscriber.onSubscribe(new Empty());
        subscriber.onError(new IllegalStateException("a response body is read once"));
        return;
      }
      subscriber.onSubscribe(
          new Subscription() {
            private boolean sent;

            @Override
            public void request(long n) {
              if (sent) {
                return;
              }
              if (n <= 0) {
                sent = true;
                IllegalArgumentException e =
                    new IllegalArgumentException("request(" + n + "): demand must be positive");
                subscriber.onError(e);
                done.completeExceptionally(e);
                return;
              }
              sent = true;
              if (body.hasRemaining()) {
                subscriber.onNext(body);
              }
              subscriber.onComplete();
              done.complete(null);
            }

            @Override
            public void cancel() {
              sent = true;
              done.complete(null);
            }
          });
    }
  }

  private static final class Empty implements Subscription {
    @Override
    public void request(long n) {}

    @Override
    public void cancel() {}
  }
}
