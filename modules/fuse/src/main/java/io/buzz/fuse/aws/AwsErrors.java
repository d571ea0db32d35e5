package io.buzz.fuse.aws;

import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * The failures every AWS client of the Fuse shares, in one line a user can act on: no credentials,
 * credentials the service refuses, access denied, an endpoint that cannot be reached. Service
 * specific errors (a missing function, a missing task definition) are the caller's.
 */
public final class AwsErrors {
  private AwsErrors() {}

  /** The exception an SDK future failed with, without its CompletionException wrapper. */
  public static Throwable unwrap(Throwable failure) {
    Throwable cause = failure;
    while (cause instanceof CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  /**
   * The shared failure classes: INVALID_CONFIG for missing or refused credentials and denied access
   * (retrying cannot help), UNAVAILABLE for an endpoint that cannot be reached or a 5xx; empty for
   * anything else.
   *
   * @param what what was being done, e.g. {@code "starting an HComb task (ECS RunTask)"}
   */
  public static Optional<BuzzException> common(Throwable failure, String what) {
    Throwable cause = unwrap(failure);
    String message = cause.getMessage() == null ? cause.toString() : cause.getMessage();
    if (cause instanceof SdkClientException && message.contains("Unable to load credentials")) {
      return Optional.of(
          new BuzzException(
              ErrorCode.INVALID_CONFIG,
              what
                  + ": no AWS credentials found (environment variables, ~/.aws/credentials and"
                  + " config with AWS_PROFILE, SSO, or an instance or task role)",
              cause));
    }
    if (cause instanceof SdkClientException && message.contains("Unable to load region")) {
      return Optional.of(
          new BuzzException(
              ErrorCode.INVALID_CONFIG,
              what + ": no AWS region configured (set buzz.aws.region or AWS_REGION)",
              cause));
    }
    if (cause instanceof AwsServiceException service) {
      String code = service.awsErrorDetails() == null ? "" : service.awsErrorDetails().errorCode();
      String detail =
          service.awsErrorDetails() == null ? message : service.awsErrorDetails().errorMessage();
      if (code == null) {
        code = "";
      }
      switch (code) {
        case "UnrecognizedClientException",
            "InvalidSignatureException",
            "InvalidClientTokenId",
            "ExpiredTokenException",
            "SignatureDoesNotMatch" -> {
          return Optional.of(
              new BuzzException(
                  ErrorCode.INVALID_CONFIG,
                  what + ": the AWS credentials were refused (" + code + "): " + detail,
                  cause));
        }
        case "AccessDeniedException", "AccessDenied", "UnauthorizedOperation" -> {
          return Optional.of(
              new BuzzException(
                  ErrorCode.INVALID_CONFIG, what + ": access denied: " + detail, cause));
        }
        default -> {}
      }
      if (service.statusCode() >= 500) {
        return Optional.of(new BuzzException(ErrorCode.UNAVAILABLE, what + ": " + detail, cause));
      }
      return Optional.empty();
    }
    if (cause instanceof SdkClientException) {
      return Optional.of(new BuzzException(ErrorCode.UNAVAILABLE, what + ": " + message, cause));
    }
    return Optional.empty();
  }
}
