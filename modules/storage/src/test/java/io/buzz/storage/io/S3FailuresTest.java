package io.buzz.storage.io;

import static org.assertj.core.api.Assertions.assertThat;

import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import java.net.ConnectException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The causes the embedded S3-compatible server cannot produce (it has no regions and no redirects):
 * each exception here has the shape the AWS SDK gives it. The others (access denied, a missing
 * bucket, an unreachable endpoint, missing credentials) are tested through the CLI against the
 * embedded server.
 */
class S3FailuresTest {
  private static S3Exception s3(int status, String code, String message, String regionHeader) {
    SdkHttpResponse.Builder response = SdkHttpResponse.builder().statusCode(status);
    if (regionHeader != null) {
      response.putHeader("x-amz-bucket-region", regionHeader);
    }
    return (S3Exception)
        S3Exception.builder()
            .statusCode(status)
            .message(message)
            .awsErrorDetails(
                AwsErrorDetails.builder()
                    .errorCode(code)
                    .errorMessage(message)
                    .sdkHttpResponse(response.build())
                    .build())
            .build();
  }

  private static BuzzException mapped(Throwable failure) {
    return S3Failures.common("s3://lake/taxi/", new CompletionException(failure)).orElseThrow();
  }

  @Test
  void aBucketInAnotherRegionNamesTheRegion() {
    BuzzException redirect =
        mapped(
            s3(301, "PermanentRedirect", "The bucket you are attempting to access", "eu-west-1"));
    assertThat(redirect.code()).isEqualTo(ErrorCode.INVALID_CONFIG);
    assertThat(redirect.getMessage())
        .contains("bucket 'lake' is in region eu-west-1")
        .contains("--region eu-west-1");

    BuzzException malformed =
        mapped(
            s3(
                400,
                "AuthorizationHeaderMalformed",
                "The authorization header is malformed; the region 'us-east-1' is wrong;"
                    + " expecting 'ap-southeast-2'",
                null));
    assertThat(malformed.getMessage()).contains("is in region ap-southeast-2");
  }

  @Test
  void missingCredentialsAndUnreachableEndpointsAreNamed() {
    BuzzException none =
        mapped(
            SdkClientException.create(
                "Unable to load credentials from any of the providers in the chain"));
    assertThat(none.code()).isEqualTo(ErrorCode.INVALID_CONFIG);
    assertThat(none.getMessage()).contains("no AWS credentials found to read s3://lake/taxi/");

    BuzzException refused =
        mapped(
            SdkClientException.create(
                "Unable to execute HTTP request", new ConnectException("Connection refused")));
    assertThat(refused.code()).isEqualTo(ErrorCode.UNAVAILABLE);
    assertThat(refused.getMessage()).contains("cannot reach S3").contains("Connection refused");

    // a retry after the refusal that found no connection in time: the refusal is suppressed
    SdkClientException retried =
        SdkClientException.create(
            "Unable to execute HTTP request: Acquire operation took longer than the configured"
                + " maximum time.");
    assertThat(mapped(retried).getMessage()).contains("cannot reach S3").contains("acquire");
    retried.addSuppressed(new ConnectException("Connection refused: /127.0.0.1:1"));
    assertThat(mapped(retried).getMessage()).contains("Connection refused: /127.0.0.1:1");
  }

  @Test
  void otherFailuresAreLeftToTheCaller() {
    assertThat(S3Failures.common("s3://lake/k", s3(500, "InternalError", "boom", null))).isEmpty();
    assertThat(S3Failures.common("s3://lake/k", new IllegalStateException("x"))).isEmpty();
  }
}
