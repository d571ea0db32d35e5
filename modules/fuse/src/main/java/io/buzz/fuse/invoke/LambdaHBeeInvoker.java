package io.buzz.fuse.invoke;

import static java.util.Objects.requireNonNull;

import io.buzz.concurrent.Timers;
import io.buzz.error.BuzzException;
import io.buzz.error.Causes;
import io.buzz.error.ErrorCode;
import io.buzz.fuse.aws.AwsSettings;
import io.buzz.fuse.aws.VertxSdkHttpClient;
import io.buzz.protocol.lambda.HBeePayloads;
import io.buzz.protocol.task.HBeeTask;
import io.buzz.protocol.task.TaskFiles;
import io.buzz.protocol.task.TaskReport;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.function.Predicate;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.client.config.ClientAsyncConfiguration;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.client.config.SdkAdvancedAsyncClientOption;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaAsyncClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeRequest;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.TooManyRequestsException;

/**
 * Invokes HBees through the AWS SDK's {@link LambdaAsyncClient}, against AWS or the local
 * Lambda-compatible service, its requests sent by Vert.x ({@link VertxSdkHttpClient}) from each of
 * the event loops in turn; outcomes come back on the dispatching context. SDK retries are off: the
 * Fuse decides what to retry, with a new attempt number, so the HComb can keep each task exactly
 * once.
 */
public final class LambdaHBeeInvoker implements HBeeInvoker {
  /** Lambda answers a synchronous invocation with at most 6 MB; the rest is headroom. */
  static final long MAX_RESPONSE_BYTES = 16L << 20;

  private final Vertx vertx;
  private final LambdaInvokerConfig config;
  private final LambdaAsyncClient client;
  private final VertxSdkHttpClient http;

  /**
   * The timer of the SDK's call timeouts, one per invocation. The SDK's own executor leaves each
   * cancelled timer queued until it would have fired: for the whole invocation timeout (5 minutes
   * by default), ~100 bytes an invocation — 3 million timers and ~300 MB at 10,000 invocations/s.
   * Here a cancelled timer leaves the queue at once.
   */
  private final ScheduledThreadPoolExecutor timeouts;

  public LambdaHBeeInvoker(Vertx vertx, LambdaInvokerConfig config) {
    this.vertx = requireNonNull(vertx, "vertx is null");
    this.config = requireNonNull(config, "config is null");
    this.timeouts = Timers.daemonScheduler("buzz-lambda-call-timeouts");
    this.http =
        new VertxSdkHttpClient(
            vertx, config.maxConcurrency(), config.invocationTimeout(), MAX_RESPONSE_BYTES);
    var builder =
        LambdaAsyncClient.builder()
            .region(Region.of(config.region()))
            .httpClient(http)
            // The SDK completes its futures on a thread pool of its own by default: one more
            // thread hop per invocation. invoke() never blocks in the completion, so the event
            // loop that read the answer completes it directly.
            .asyncConfiguration(
                ClientAsyncConfiguration.builder()
                    .advancedOption(
                        SdkAdvancedAsyncClientOption.FUTURE_COMPLETION_EXECUTOR, Runnable::run)
                    .build())
            .overrideConfiguration(
                ClientOverrideConfiguration.builder()
                    .retryPolicy(RetryPolicy.none())
                    .apiCallTimeout(config.invocationTimeout())
                    .scheduledExecutorService(timeouts)
                    .build());
    config.endpoint().ifPresent(builder::endpointOverride);
    builder.credentialsProvider(config.credentials());
    this.client = builder.build();
  }

  @Override
  public Future<TaskReport> invoke(HBeeTask task) {
    Context context = vertx.getOrCreateContext();
    InvokeRequest request =
        InvokeRequest.builder()
            .functionName(config.functionName())
            .invocationType(InvocationType.REQUEST_RESPONSE)
            .payload(SdkBytes.fromByteArrayUnsafe(HBeePayloads.taskPayload(task)))
            .build();
    // The SDK's work for the invocation runs on the next of the transport's event loops, so one
    // query's invocations use every core; its outcome comes back to the caller's context.
    Promise<InvokeResponse> response = ((ContextInternal) context).promise();
    http.runOnNextLoop(() -> client.invoke(request)).onComplete(response);
    return response
        .future()
        .recover(failure -> Future.failedFuture(translate(task, failure)))
        .map(answer -> report(task, answer));
  }

  private static TaskReport report(HBeeTask task, InvokeResponse response) {
    byte[] payload = response.payload() == null ? new byte[0] : response.payload().asByteArray();
    if (response.functionError() != null) {
      throw LambdaFunctionErrors.classify("HBee " + describe(task), payload);
    }
    return HBeePayloads.parseReport(payload);
  }

  private BuzzException translate(HBeeTask task, Throwable failure) {
    Throwable cause = io.buzz.fuse.aws.AwsErrors.unwrap(failure);
    String what = "invoking HBee " + describe(task) + " (function " + config.functionName() + ")";
    if (cause instanceof BuzzException buzz) {
      return buzz;
    }
    java.util.Optional<BuzzException> common = io.buzz.fuse.aws.AwsErrors.common(cause, what);
    if (common.isPresent() && common.get().code() == ErrorCode.INVALID_CONFIG) {
      return common.get();
    }
    if (cause instanceof TooManyRequestsException) {
      return new BuzzException(ErrorCode.THROTTLED, what + ": throttled by Lambda", cause);
    }
    if (cause instanceof ResourceNotFoundException) {
      // A wrong name or region: no retry can help.
      return new BuzzException(
          ErrorCode.INVALID_CONFIG,
          what
              + ": the function does not exist (setting buzz.aws.hbee.function, region "
              + config.region()
              + ")",
          cause);
    }
    if (hasCause(cause, LambdaHBeeInvoker::isCertificateProblem)) {
      // An untrusted certificate, or one for another name: every retry would meet it again.
      return new BuzzException(
          ErrorCode.INVALID_CONFIG,
          what
              + ": "
              + cause.getMessage()
              + " (the endpoint's certificate is refused: check the setting "
              + AwsSettings.LAMBDA_ENDPOINT
              + " and the JVM's trust store)",
          cause);
    }
    if (cause instanceof ApiCallTimeoutException
        || cause instanceof ApiCallAttemptTimeoutException) {
      return new BuzzException(
          ErrorCode.DEADLINE_EXCEEDED,
          what + ": no answer within " + config.invocationTimeout().toMillis() + " ms",
          cause);
    }
    if (hasCause(cause, LambdaHBeeInvoker::isTimeout)) { // a connect or TLS handshake timeout
      return new BuzzException(
          ErrorCode.DEADLINE_EXCEEDED, what + ": " + cause.getMessage(), cause);
    }
    if (cause instanceof LambdaException lambda && lambda.statusCode() >= 500) {
      return new BuzzException(ErrorCode.UNAVAILABLE, what + ": " + lambda.getMessage(), cause);
    }
    if (cause instanceof LambdaException lambda) {
      return new BuzzException(ErrorCode.INTERNAL, what + ": " + lambda.getMessage(), cause);
    }
    if (cause instanceof SdkClientException) {
      return new BuzzException(ErrorCode.UNAVAILABLE, what + ": " + cause.getMessage(), cause);
    }
    return new BuzzException(ErrorCode.INTERNAL, what + ": " + cause, cause);
  }

  /** Whether {@code t} or one of its causes is {@code what}. */
  private static boolean hasCause(Throwable t, Predicate<Throwable> what) {
    return Causes.chain(t).stream().anyMatch(what);
  }

  private static boolean isTimeout(Throwable t) {
    return t instanceof java.util.concurrent.TimeoutException
        || t.getClass().getSimpleName().contains("Timeout");
  }

  private static boolean isCertificateProblem(Throwable t) {
    return t instanceof CertificateException
        || t instanceof CertPathBuilderException
        || t instanceof CertPathValidatorException;
  }

  private static String describe(HBeeTask task) {
    return "task "
        + task.getTaskId()
        + " attempt "
        + task.getAttempt()
        + " ("
        + TaskFiles.describe(task)
        + ")";
  }

  /** Call timeouts scheduled and not yet ended: one per invocation in flight. */
  public int pendingTimeouts() {
    return timeouts.getQueue().size();
  }

  @Override
  public void close() {
    client.close();
    http.close(); // the SDK closes only the HTTP clients and executors it built itself
    timeouts.shutdownNow();
  }
}
