package io.buzz.fuse.aws;

import static java.util.Objects.requireNonNull;

import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import io.buzz.fuse.query.QueryExecution;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.core.async.AsyncRequestBody;

/**
 * One query as the Fuse's Lambda function runs it: the whole result collected, then answered inline
 * or, beyond what a Lambda response holds, written to the results location on S3 and named ({@link
 * FuseResponse}).
 */
public final class FuseFunction {
  /**
   * The most result one invocation keeps in memory (an Arrow IPC stream): 512 MB, or a sixth of the
   * heap when that is less (a growing buffer may hold twice the result, and finishing it copies it
   * once more).
   */
  public static final long MAX_RESULT_BYTES =
      Math.min(512L * 1024 * 1024, Runtime.getRuntime().maxMemory() / 6);

  /** Kept for writing a large result to S3 when the query's deadline is derived from Lambda's. */
  static final long UPLOAD_RESERVE_MILLIS = 2_000;

  private final AwsFuse fuse;
  private final int maxInlineBytes;

  /**
   * @param maxInlineBytes results up to this size are answered inline ({@link
   *     FuseResponse#MAX_INLINE_BYTES} on Lambda)
   */
  public FuseFunction(AwsFuse fuse, int maxInlineBytes) {
    this.fuse = requireNonNull(fuse, "fuse is null");
    this.maxInlineBytes = maxInlineBytes;
  }

  /**
   * Runs {@code json} (the query in Buzz's JSON format) so that the answer, upload included, is
   * ready by {@code deadlineEpochMillis}: the query gets the time up to it less {@link
   * #UPLOAD_RESERVE_MILLIS} (and never more than the Fuse's query timeout); writing a large result
   * gets what is left.
   */
  /** Plans a sample query, so a SnapStart snapshot holds a warm planner; no AWS call is made. */
  public void warmUp() {
    fuse.warmUp();
  }

  public Future<FuseResponse> run(String json, long deadlineEpochMillis) {
    ResultCollector collector = new ResultCollector(MAX_RESULT_BYTES);
    Context context = fuse.vertx().getOrCreateContext();
    long forQuery =
        Math.max(1, deadlineEpochMillis - System.currentTimeMillis() - UPLOAD_RESERVE_MILLIS);
    Duration limit =
        Duration.ofMillis(Math.min(forQuery, fuse.services().config().queryTimeout().toMillis()));
    context.runOnContext(v -> new QueryExecution(fuse.services(), collector, limit).run(json));
    return collector.done().compose(collected -> answer(collected, deadlineEpochMillis));
  }

  private Future<FuseResponse> answer(ResultCollector.Collected collected, long deadline) {
    byte[] stream = collected.arrowStream();
    if (stream.length <= maxInlineBytes) {
      return Future.succeededFuture(
          new FuseResponse(
              collected.queryId(),
              Optional.of(stream),
              Optional.empty(),
              stream.length,
              collected.statistics()));
    }
    Optional<URI> results = fuse.settings().results();
    if (results.isEmpty()) {
      return Future.failedFuture(
          new BuzzException(
              ErrorCode.LIMIT_EXCEEDED,
              "the result of query "
                  + collected.queryId()
                  + " ("
                  + stream.length
                  + " bytes) is larger than a Lambda response and no results location is"
                  + " configured (set "
                  + AwsSettings.RESULTS
                  + ")"));
    }
    String bucket = results.get().getHost();
    String prefix = results.get().getPath().replaceFirst("^/", "");
    String key = prefix + collected.queryId() + ".arrows";
    URI location = URI.create("s3://" + bucket + "/" + key);
    Promise<FuseResponse> written = Promise.promise();
    fuse.s3()
        .putObject(
            b -> b.bucket(bucket).key(key).contentType("application/vnd.apache.arrow.stream"),
            AsyncRequestBody.fromBytesUnsafe(stream))
        .whenComplete(
            (ok, failure) -> {
              if (failure != null) {
                written.fail(
                    AwsErrors.common(failure, "writing the result to " + location)
                        .orElseGet(
                            () ->
                                new BuzzException(
                                    ErrorCode.UNAVAILABLE,
                                    "writing the result to "
                                        + location
                                        + ": "
                                        + AwsErrors.unwrap(failure).getMessage(),
                                    failure)));
              } else {
                written.complete(
                    new FuseResponse(
                        collected.queryId(),
                        Optional.empty(),
                        Optional.of(location),
                        stream.length,
                        collected.statistics()));
              }
            });
    long left = Math.max(1, deadline - System.currentTimeMillis());
    return written
        .future()
        .timeout(left, java.util.concurrent.TimeUnit.MILLISECONDS)
        .recover(
            failure ->
                Future.failedFuture(
                    failure instanceof java.util.concurrent.TimeoutException
                        ? new BuzzException(
                            ErrorCode.DEADLINE_EXCEEDED,
                            "writing the result to "
                                + location
                                + " took longer than "
                                + left
                                + " ms")
                        : failure));
  }
}
