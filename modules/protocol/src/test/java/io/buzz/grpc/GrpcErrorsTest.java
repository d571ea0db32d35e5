package io.buzz.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import io.vertx.grpc.common.GrpcStatus;
import org.junit.jupiter.api.Test;

class GrpcErrorsTest {
  @Test
  void decodesPercentEncodedStatusMessagesAsUtf8() {
    assertThat(GrpcErrors.percentDecode("the%20HComb%20call%20%E2%80%94%20failed"))
        .isEqualTo("the HComb call — failed");
    assertThat(GrpcErrors.percentDecode("plain")).isEqualTo("plain");
    assertThat(GrpcErrors.percentDecode("50%")).isEqualTo("50%");
  }

  @Test
  void everyErrorCodeSurvivesTheTripThroughItsGrpcStatus() {
    for (ErrorCode code : ErrorCode.values()) {
      BuzzException back = GrpcErrors.fromStatus(code.grpcStatus(), "why", "call");
      // Throttling travels as UNAVAILABLE, the status gRPC clients retry.
      ErrorCode expected = code == ErrorCode.THROTTLED ? ErrorCode.UNAVAILABLE : code;
      assertThat(back.code()).as(code.name()).isEqualTo(expected);
      assertThat(back.getMessage()).isEqualTo("why");
    }
  }

  @Test
  void aStatusWithoutMessageStillSaysWhatFailed() {
    BuzzException error = GrpcErrors.fromStatus(GrpcStatus.UNAVAILABLE, null, "the HComb call");
    assertThat(error.code()).isEqualTo(ErrorCode.UNAVAILABLE);
    assertThat(error.getMessage()).contains("the HComb call");
  }

  @Test
  void connectionFailuresAreUnavailable() {
    BuzzException error =
        GrpcErrors.fromClientFailure(new java.net.ConnectException("refused"), "connecting");
    assertThat(error.code()).isEqualTo(ErrorCode.UNAVAILABLE);
    assertThat(error.getMessage()).contains("connecting").contains("refused");
  }
}
