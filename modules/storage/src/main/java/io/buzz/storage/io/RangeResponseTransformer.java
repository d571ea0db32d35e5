package io.buzz.storage.io;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.core.async.SdkPublisher;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * Receives one ranged GET straight into a buffer: either a slice of a larger buffer that the caller
 * allocated for a coalesced group (so parts fetched in parallel land in place, no copy), or a
 * buffer sized from the response's Content-Length (suffix reads). The SDK may call {@link
 * #prepare()} again on a retry; each attempt starts writing from the beginning.
 */
final class RangeResponseTransformer
    implements AsyncResponseTransformer<GetObjectResponse, ByteBuffer> {

  /** The response did not carry the number of bytes asked for: the range passed the end. */
  static final class LengthMismatchException extends RuntimeException {
    LengthMismatchException(long expected, long received) {
      super("expected " + expected + " bytes, the response has " + received);
    }
  }

  private final ByteBuffer target;
  private final int maxLength;
  private final IoStatsRecorder stats;
  private final long startNanos;
  private volatile CompletableFuture<ByteBuffer> future;
  private volatile ByteBuffer out;
  private volatile GetObjectResponse response;
  private volatile boolean firstByteSeen;
  private volatile int received;

  /** Set once a hedge won: no byte is written into {@link #target} after {@link #abandon}. */
  private boolean abandoned;

  private RangeResponseTransformer(
      ByteBuffer target, int maxLength, IoStatsRecorder stats, long startNanos) {
    this.target = target;
    this.maxLength = maxLength;
    this.stats = stats;
    this.startNanos = startNanos;
  }

  /** Fills {@code target} (position 0 to its limit) exactly. */
  static RangeResponseTransformer into(ByteBuffer target, IoStatsRecorder stats, long startNanos) {
    return new RangeResponseTransformer(target, target.limit(), stats, startNanos);
  }

  /** Allocates a buffer of the response's length, which must not exceed {@code maxLength}. */
  static RangeResponseTransformer allocating(
      int maxLength, IoStatsRecorder stats, long startNanos) {
    return new RangeResponseTransformer(null, maxLength, stats, startNanos);
  }

  /** The response of the last attempt, once {@link #onResponse} ran. */
  GetObjectResponse response() {
    return response;
  }

  /** Bytes received by the last attempt so far. */
  int received() {
    return received;
  }

  /**
   * Stops writing into the target for good (a hedge answered first and fills it); a write in
   * progress finishes before this returns.
   */
  synchronized void abandon() {
    abandoned = true;
  }

  /** Writes a chunk unless abandoned; false when abandoned. */
  private synchronized boolean write(ByteBuffer buffer, ByteBuffer chunk) {
    if (abandoned) {
      return false;
    }
    received += chunk.remaining();
    buffer.put(chunk);
    return true;
  }

  @Override
  public CompletableFuture<ByteBuffer> prepare() {
    CompletableFuture<ByteBuffer> next = new CompletableFuture<>();
    future = next;
    out = target == null ? null : target.duplicate().clear();
    received = 0;
    return next;
  }

  @Override
  public void onResponse(GetObjectResponse getObjectResponse) {
    response = getObjectResponse;
    if (!firstByteSeen) {
      firstByteSeen = true;
      stats.firstByte(startNanos);
    }
    Long contentLength = getObjectResponse.contentLength();
    long length = contentLength == null ? -1 : contentLength;
    if (target == null) {
      if (length < 0 || length > maxLength) {
        future.completeExceptionally(new LengthMismatchException(maxLength, length));
      } else {
        out = ByteBuffer.allocate((int) length);
      }
    } else if (length != maxLength) {
      future.completeExceptionally(new LengthMismatchException(maxLength, length));
    }
  }

  @Override
  public void onStream(SdkPublisher<ByteBuffer> publisher) {
    CompletableFuture<ByteBuffer> attempt = future;
    publisher.subscribe(
        new Subscriber<ByteBuffer>() {
          private Subscription subscription;

          @Override
          public void onSubscribe(Subscription s) {
            subscription = s;
            if (attempt.isDone()) {
              s.cancel();
            } else {
              s.request(Long.MAX_VALUE);
            }
          }

          @Override
          public void onNext(ByteBuffer chunk) {
            ByteBuffer buffer = out;
            if (buffer == null || chunk.remaining() > buffer.remaining()) {
              subscription.cancel();
              attempt.completeExceptionally(
                  new LengthMismatchException(
                      maxLength, (buffer == null ? 0 : buffer.position()) + chunk.remaining()));
              return;
            }
            if (!write(buffer, chunk)) {
              subscription.cancel();
              attempt.cancel(false);
            }
          }

          @Override
          public void onError(Throwable t) {
            attempt.completeExceptionally(t);
          }

          @Override
          public void onComplete() {
            ByteBuffer buffer = out;
            if (buffer == null || buffer.hasRemaining()) {
              attempt.completeExceptionally(
                  new LengthMismatchException(
                      buffer == null ? maxLength : buffer.limit(),
                      buffer == null ? 0 : buffer.position()));
            } else {
              attempt.complete(buffer.flip());
            }
          }
        });
  }

  @Override
  public void exceptionOccurred(Throwable error) {
    CompletableFuture<ByteBuffer> attempt = future;
    if (attempt != null) {
      attempt.completeExceptionally(error);
    }
  }
}
