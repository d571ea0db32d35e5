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
  /** The most result one invocation keeps in memory (an Arrow IPC stream). */
  public static final long MAX_RESULT_BYTES = 512L * 1024 * 1024;

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

  /** Runs {@code json} (the query in Buzz's JSON format) within {@code timeout}. */
  public Future<FuseResponse> run(String json, Duration timeout) {
    ResultCollector collector = new ResultCollector(MAX_RESULT_BYTES);
    Context context = fuse.vertx().getOrCreateContext();
    Duration limit =
        timeout.compareTo(fuse.services().config().queryTimeout()) < 0
            ? timeout
            : fuse.services().config().queryTimeout();
    context.runOnContext(v -> new QueryExecution(fuse.services(), collector, limit).run(json));
    return collector.done().compose(this::answer);
  }

  private Future<FuseResponse> answer(ResultCollector.Collected collected) {
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
            AsyncRequestBody.fromBytes(stream))
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
    return written.future();
  }
}
