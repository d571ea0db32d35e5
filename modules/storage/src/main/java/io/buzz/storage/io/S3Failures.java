package io.buzz.storage.io;

import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * One-line errors for what commonly goes wrong between a user and their bucket: no credentials,
 * access denied, a bucket that does not exist or lives in another region, an endpoint that cannot
 * be reached. Shared by the catalogs' listings and the HBees' reads, so both say it the same way.
 */
public final class S3Failures {
  /** How S3 names the bucket's region in an AuthorizationHeaderMalformed message. */
  private static final Pattern EXPECTED_REGION = Pattern.compile("expecting '([a-z0-9-]+)'");

  private static final Pattern PROFILE = Pattern.compile("profile '?([^':\\s]+)'?");

  private S3Failures() {}

  /**
   * The error for one of the common causes of a failed request on {@code uri}, empty when {@code
   * failure} is none of them.
   *
   * @param uri {@code s3://bucket/key} or {@code s3://bucket/prefix/}
   */
  public static Optional<BuzzException> common(String uri, Throwable failure) {
    Throwable cause = unwrap(failure);
    String bucket = bucket(uri);
    if (cause instanceof NoSuchBucketException || "NoSuchBucket".equals(errorCode(cause))) {
      return Optional.of(
          new BuzzException(
              ErrorCode.NOT_FOUND, "bucket '" + bucket + "' does not exist (" + uri + ")", cause));
    }
    if (cause instanceof S3Exception s3) {
      Optional<String> region = bucketRegion(s3);
      if (s3.statusCode() == 301
          || "PermanentRedirect".equals(errorCode(s3))
          || "AuthorizationHeaderMalformed".equals(errorCode(s3)) && region.isPresent()) {
        return Optional.of(
            new BuzzException(
                ErrorCode.INVALID_CONFIG,
                "bucket '"
                    + bucket
                    + "' is in region "
                    + region.orElse("(not named by S3)")
                    + ", not in the region requests were sent to: pass --region "
                    + region.orElse("REGION")
                    + " or set AWS_REGION",
                cause));
      }
      if (s3.statusCode() == 403) {
        return Optional.of(
            new BuzzException(
                ErrorCode.INVALID_CONFIG,
                "access denied to "
                    + uri
                    + " (S3 said "
                    + (errorCode(s3).isEmpty() ? "403" : errorCode(s3))
                    + "): the credentials in use may not read it",
                cause));
      }
    }
    if (cause instanceof SdkClientException && isMissingCredentials(cause)) {
      String message = String.valueOf(cause.getMessage());
      Matcher profile = PROFILE.matcher(message);
      String which =
          message.contains("Profile file contained no credentials") && profile.find()
              ? " (profile '" + profile.group(1) + "' is not in the shared AWS files)"
              : "";
      return Optional.of(
          new BuzzException(
              ErrorCode.INVALID_CONFIG,
              "no AWS credentials found to read "
                  + uri
                  + which
                  + ": set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, AWS_PROFILE or --profile,"
                  + " or pass --no-sign-request for a public bucket",
              cause));
    }
    Throwable unreachable = unreachable(cause);
    if (unreachable != null) {
      return Optional.of(
          new BuzzException(
              ErrorCode.UNAVAILABLE,
              "cannot reach S3 to read "
                  + uri
                  + ": "
                  + (unreachable.getMessage() == null
                      ? unreachable.getClass().getSimpleName()
                      : unreachable.getMessage()),
              cause));
    }
    if (cause instanceof SdkClientException
        && String.valueOf(cause.getMessage()).contains("Acquire operation took longer")) {
      // No connection was made before the pool's deadline: the retry of a refused connection
      // reports this instead of the refusal.
      return Optional.of(
          new BuzzException(
              ErrorCode.UNAVAILABLE,
              "cannot reach S3 to read "
                  + uri
                  + ": no connection to the endpoint within the client's acquire timeout",
              cause));
    }
    return Optional.empty();
  }

  private static boolean isMissingCredentials(Throwable cause) {
    String message = String.valueOf(cause.getMessage());
    return message.startsWith("Unable to load credentials")
        || message.contains("Profile file contained no credentials")
        || message.contains("Unable to load credentials from any of the providers");
  }

  /** The connection failure below {@code cause}, when it is one. */
  private static Throwable unreachable(Throwable cause) {
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (isConnectionFailure(t)) {
        return t;
      }
      for (Throwable earlier : t.getSuppressed()) {
        if (isConnectionFailure(earlier)) {
          return earlier; // an earlier attempt's failure, kept by the SDK's retries
        }
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }

  private static boolean isConnectionFailure(Throwable t) {
    return t instanceof ConnectException
        || t instanceof UnknownHostException
        || t instanceof UnresolvedAddressException
        || t instanceof java.net.NoRouteToHostException;
  }

  private static Optional<String> bucketRegion(S3Exception s3) {
    if (s3.awsErrorDetails() != null && s3.awsErrorDetails().sdkHttpResponse() != null) {
      Optional<String> header =
          s3.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("x-amz-bucket-region");
      if (header.isPresent()) {
        return header;
      }
    }
    Matcher expected = EXPECTED_REGION.matcher(String.valueOf(s3.getMessage()));
    if (expected.find()) {
      return Optional.of(expected.group(1));
    }
    return Optional.empty();
  }

  private static String errorCode(Throwable cause) {
    return cause instanceof S3Exception s3
            && s3.awsErrorDetails() != null
            && s3.awsErrorDetails().errorCode() != null
        ? s3.awsErrorDetails().errorCode()
        : "";
  }

  private static String bucket(String uri) {
    String rest = uri.startsWith("s3://") ? uri.substring(5) : uri;
    int slash = rest.indexOf('/');
    return slash < 0 ? rest : rest.substring(0, slash);
  }

  /** What a future failed with, below the CompletionException or ExecutionException around it. */
  static Throwable unwrap(Throwable failure) {
    Throwable cause = failure;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }
}
