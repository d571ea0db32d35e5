package io.buzz.storage.io;

import static java.util.Objects.requireNonNull;

import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * A {@link ByteSource} over one S3 object, read with ranged GETs through an {@link S3AsyncClient}.
 *
 * <p>{@link #read(List)} sorts the ranges, merges those closer than {@link
 * S3ReadOptions#coalesceGapBytes()} into one buffer per group, splits large groups into parts of at
 * most {@link S3ReadOptions#maxRequestBytes()} and issues every part at once; the parts write into
 * their group's buffer in place and each requested range is a slice of it. {@link #readTail(int)}
 * uses a suffix range ({@code bytes=-n}), which also reveals the object's size, so reading a
 * Parquet footer costs one request. Every request has the {@link S3ReadOptions#requestTimeout()}
 * deadline.
 *
 * <p>One version of the object: the ETag of the first response is sent as {@code If-Match} with
 * every later request, so an object replaced while it is being read fails with {@code NOT_FOUND}
 * ("changed while it was being read") instead of mixing bytes of two versions.
 *
 * <p>Errors: a missing object or bucket is {@code NOT_FOUND} naming {@code s3://bucket/key}; a
 * range past the end is {@code BAD_QUERY}; everything else (timeouts, throttling, connection
 * failures) is {@code UNAVAILABLE}, which callers may retry; S3 asking to slow down (SlowDown, 429)
 * once the SDK's retries are spent is {@code THROTTLED}.
 *
 * <p>Threads: the client is shared and owned by the caller (closing this source does not close it).
 * Futures complete on the Vert.x context of the thread that called the read method, or on an SDK
 * thread when the caller was not on a Vert.x context.
 */
public final class S3ByteSource implements ByteSource {
  private final S3AsyncClient client;
  private final S3Location location;
  private final S3ReadOptions options;
  private final String uri;
  private final AwsRequestOverrideConfiguration timeout;
  private final IoStatsRecorder stats = new IoStatsRecorder();
  private final AtomicLong size = new AtomicLong(-1);

  /** The version being read: the first response's ETag, then required of every response. */
  private final java.util.concurrent.atomic.AtomicReference<String> etag =
      new java.util.concurrent.atomic.AtomicReference<>();

  private volatile boolean closed;

  public S3ByteSource(S3AsyncClient client, S3Location location, S3ReadOptions options) {
    this(client, location, options, null);
  }

  /**
   * A source that reads only version {@code etag} of the object (when not null): every request, the
   * first included, carries it as {@code If-Match}.
   */
  public S3ByteSource(
      S3AsyncClient client, S3Location location, S3ReadOptions options, String etag) {
    this.etag.set(etag);
    this.client = requireNonNull(client, "client is null");
    this.location = requireNonNull(location, "location is null");
    this.options = requireNonNull(options, "options is null");
    this.uri = location.toString();
    this.timeout =
        AwsRequestOverrideConfiguration.builder().apiCallTimeout(options.requestTimeout()).build();
  }

  @Override
  public String uri() {
    return uri;
  }

  @Override
  public Future<Long> length() {
    long known = size.get();
    if (known >= 0) {
      return Future.succeededFuture(known);
    }
    if (closed) {
      return Future.failedFuture(ByteSourceErrors.closed(uri));
    }
    Context context = Vertx.currentContext();
    HeadObjectRequest request =
        HeadObjectRequest.builder()
            .bucket(location.bucket())
            .key(location.key())
            .ifMatch(etag.get())
            .overrideConfiguration(timeout)
            .build();
    long start = stats.requestStarted();
    CompletableFuture<Long> head =
        client
            .headObject(request)
            .handle(
                (response, error) -> {
                  stats.requestEnded(start, 0);
                  if (error != null) {
                    throw mapError(error, "HEAD");
                  }
                  stats.firstByte(start);
                  pin(response.eTag());
                  long length = response.contentLength();
                  size.set(length);
                  return length;
                });
    return toVertx(head, context);
  }

  @Override
  public Future<ByteBuffer> read(long offset, int length) {
    return read(List.of(new ByteRange(offset, length))).map(buffers -> buffers.get(0));
  }

  @Override
  public Future<List<ByteBuffer>> read(List<ByteRange> ranges) {
    if (closed) {
      return Future.failedFuture(ByteSourceErrors.closed(uri));
    }
    Context context = Vertx.currentContext();
    List<RangeCoalescer.Group> groups =
        RangeCoalescer.plan(ranges, options.coalesceGapBytes(), options.maxRequestBytes());
    List<CompletableFuture<ByteBuffer>> pending = new ArrayList<>();
    List<ByteBuffer> groupBuffers = new ArrayList<>(groups.size());
    for (RangeCoalescer.Group group : groups) {
      ByteBuffer buffer = ByteBuffer.allocate(group.length());
      groupBuffers.add(buffer);
      for (ByteRange part : group.parts()) {
        int at = (int) (part.offset() - group.offset());
        ByteBuffer slice = buffer.duplicate().position(at).limit(at + part.length()).slice();
        pending.add(get(part, slice));
      }
    }
    CompletableFuture<List<ByteBuffer>> all =
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new))
            .thenApply(
                ignored -> {
                  ByteBuffer[] results = new ByteBuffer[ranges.size()];
                  for (int g = 0; g < groups.size(); g++) {
                    RangeCoalescer.Group group = groups.get(g);
                    for (int member : group.members()) {
                      ByteRange range = ranges.get(member);
                      int at = (int) (range.offset() - group.offset());
                      results[member] =
                          groupBuffers
                              .get(g)
                              .duplicate()
                              .position(at)
                              .limit(at + range.length())
                              .slice();
                    }
                  }
                  return List.of(results);
                });
    return toVertx(all, context);
  }

  @Override
  public Future<ByteBuffer> readTail(int n) {
    if (n < 0) {
      return Future.failedFuture(new IllegalArgumentException("n is negative: " + n));
    }
    long known = size.get();
    if (known >= 0 || n == 0) {
      return length()
          .compose(
              length -> {
                int tail = (int) Math.min(n, length);
                return read(length - tail, tail);
              });
    }
    if (closed) {
      return Future.failedFuture(ByteSourceErrors.closed(uri));
    }
    Context context = Vertx.currentContext();
    CompletableFuture<ByteBuffer> tail =
        hedged(
            "bytes=-" + n,
            null,
            n,
            "GET of the last " + n + " bytes",
            (response, buffer) -> learnSize(response, buffer.remaining(), n));
    Future<ByteBuffer> result = toVertx(tail, context);
    // An empty object has no suffix to return: S3 answers 416, which reads as "past the end".
    return result.recover(
        error ->
            error instanceof BuzzException buzz && buzz.code() == ErrorCode.BAD_QUERY
                ? length()
                    .compose(
                        length ->
                            length == 0
                                ? Future.succeededFuture(ByteBuffer.allocate(0))
                                : Future.failedFuture(error))
                : Future.failedFuture(error));
  }

  @Override
  public IoStats stats() {
    return stats.snapshot();
  }

  @Override
  public void close() {
    closed = true;
  }

  /** Fills {@code target} with {@code part}. */
  private CompletableFuture<ByteBuffer> get(ByteRange part, ByteBuffer target) {
    String range = "bytes=" + part.offset() + "-" + (part.end() - 1);
    return hedged(range, target, part.length(), "GET of bytes " + part, (response, buffer) -> {});
  }

  /**
   * One GET of {@code range}, hedged after {@link S3ReadOptions#hedgeDelayMillis} ({@link
   * HedgedGet}): into {@code target} in place, or (null) into a buffer of the response's length of
   * at most {@code length} bytes. {@code onAnswer} sees the winning answer.
   */
  private CompletableFuture<ByteBuffer> hedged(
      String range,
      ByteBuffer target,
      int length,
      String what,
      BiConsumer<GetObjectResponse, ByteBuffer> onAnswer) {
    long start = stats.requestStarted();
    HedgedGet.Attempt primary =
        attempt(
            range,
            target == null
                ? RangeResponseTransformer.allocating(length, stats, start)
                : RangeResponseTransformer.into(target, stats, start),
            start,
            what,
            onAnswer);
    return HedgedGet.race(
        primary,
        target,
        options.hedgeDelayMillis(length),
        () -> {
          stats.hedged();
          long hedgeStart = stats.requestStarted();
          return attempt(
              range,
              RangeResponseTransformer.allocating(length, stats, hedgeStart),
              hedgeStart,
              what + " (hedged)",
              onAnswer);
        },
        stats::hedgeWon,
        () -> closed);
  }

  /** One GET: the SDK's call, and its outcome with statistics recorded and errors mapped. */
  private HedgedGet.Attempt attempt(
      String range,
      RangeResponseTransformer transformer,
      long start,
      String what,
      BiConsumer<GetObjectResponse, ByteBuffer> onAnswer) {
    CompletableFuture<ByteBuffer> call = client.getObject(getRequest(range), transformer);
    CompletableFuture<ByteBuffer> outcome =
        call.handle(
            (buffer, error) -> {
              stats.requestEnded(start, transformer.received());
              if (error != null) {
                throw mapError(error, what);
              }
              onAnswer.accept(transformer.response(), buffer);
              pin(transformer.response());
              return buffer;
            });
    return new HedgedGet.Attempt(call, outcome, transformer);
  }

  private GetObjectRequest getRequest(String range) {
    return GetObjectRequest.builder()
        .bucket(location.bucket())
        .key(location.key())
        .range(range)
        .ifMatch(etag.get())
        .overrideConfiguration(timeout)
        .build();
  }

  /** Remembers the version the first response came from; later requests require it. */
  private void pin(GetObjectResponse response) {
    if (response != null) {
      pin(response.eTag());
    }
  }

  private void pin(String responseEtag) {
    if (responseEtag != null && !responseEtag.isEmpty()) {
      etag.compareAndSet(null, responseEtag);
    }
  }

  /** Remembers the object's size from a suffix read: Content-Range "bytes a-b/size". */
  private void learnSize(GetObjectResponse response, int received, int asked) {
    String contentRange = response == null ? null : response.contentRange();
    if (contentRange != null) {
      int slash = contentRange.lastIndexOf('/');
      if (slash >= 0) {
        try {
          size.compareAndSet(-1, Long.parseLong(contentRange.substring(slash + 1).trim()));
          return;
        } catch (NumberFormatException ignored) {
          // "*" or garbage: fall through to the inference below
        }
      }
    }
    if (received < asked) {
      size.compareAndSet(-1, received);
    }
  }

  private CompletionException mapError(Throwable error, String what) {
    Throwable cause = unwrap(error);
    // The SDK may wrap what the response transformer failed with; look down the chain for it.
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof BuzzException
          || t instanceof RangeResponseTransformer.LengthMismatchException) {
        cause = t;
        break;
      }
    }
    BuzzException mapped;
    if (cause instanceof BuzzException buzz) {
      mapped = buzz;
    } else if (cause instanceof NoSuchKeyException) {
      mapped = ByteSourceErrors.notFound(uri);
    } else if (cause instanceof RangeResponseTransformer.LengthMismatchException) {
      mapped =
          new BuzzException(
              ErrorCode.BAD_QUERY,
              uri + ": " + what + " lies past the end of the object (" + cause.getMessage() + ")",
              cause);
    } else if (cause instanceof S3Exception s3 && s3.statusCode() == 404) {
      mapped = ByteSourceErrors.notFound(uri);
    } else if (cause instanceof S3Exception s3 && s3.statusCode() == 412) {
      mapped =
          new BuzzException(
              ErrorCode.NOT_FOUND,
              uri
                  + " changed while it was being read (it is no longer version "
                  + etag.get()
                  + "); run the query again",
              cause);
    } else if (cause instanceof S3Exception s3 && s3.statusCode() == 416) {
      mapped =
          new BuzzException(
              ErrorCode.BAD_QUERY, uri + ": " + what + " lies past the end of the object", cause);
    } else if (cause instanceof S3Exception s3 && isThrottling(s3)) {
      // The SDK's own retries are spent: tell the Fuse, which retries the task until its deadline.
      mapped =
          new BuzzException(
              ErrorCode.THROTTLED,
              uri
                  + ": "
                  + what
                  + " throttled by S3 ("
                  + s3.statusCode()
                  + " "
                  + errorCode(s3)
                  + ")",
              cause);
    } else if (cause instanceof ApiCallTimeoutException
        || cause instanceof ApiCallAttemptTimeoutException) {
      mapped =
          new BuzzException(
              ErrorCode.UNAVAILABLE,
              uri + ": " + what + " timed out after " + options.requestTimeout().toMillis() + " ms",
              cause);
    } else {
      Throwable unmapped = cause;
      mapped =
          S3Failures.common(uri, cause)
              .orElseGet(() -> ByteSourceErrors.unavailable(uri, what, unmapped));
    }
    return new CompletionException(mapped);
  }

  /** S3's "slow down": 503 SlowDown, or 429/503 with a throttling error code. */
  private static boolean isThrottling(S3Exception s3) {
    String code = errorCode(s3);
    return s3.statusCode() == 429
        || "SlowDown".equals(code)
        || "Throttling".equals(code)
        || "RequestLimitExceeded".equals(code)
        || (s3.statusCode() == 503 && code.isEmpty());
  }

  private static String errorCode(S3Exception s3) {
    return s3.awsErrorDetails() == null || s3.awsErrorDetails().errorCode() == null
        ? ""
        : s3.awsErrorDetails().errorCode();
  }

  private static <T> Future<T> toVertx(CompletableFuture<T> future, Context context) {
    Future<T> result =
        context == null
            ? Future.fromCompletionStage(future)
            : Future.fromCompletionStage(future, context);
    return result.recover(error -> Future.failedFuture(unwrap(error)));
  }

  private static Throwable unwrap(Throwable error) {
    return S3Failures.unwrap(error);
  }
}
