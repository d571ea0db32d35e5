package io.buzz.error;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ErrorCodeTest {
  @Test
  void theUserIsAtFaultOnlyForBadQueriesMissingThingsUnsupportedSqlAndWrongSettings() {
    for (ErrorCode code : ErrorCode.values()) {
      boolean queryAtFault =
          code == ErrorCode.BAD_QUERY
              || code == ErrorCode.NOT_FOUND
              || code == ErrorCode.UNSUPPORTED
              || code == ErrorCode.INVALID_CONFIG;
      assertThat(code.exitCode()).as(code.name()).isEqualTo(queryAtFault ? 2 : 1);
    }
  }

  @Test
  void wireFormRoundTrips() {
    for (ErrorCode code : ErrorCode.values()) {
      assertThat(ErrorCode.fromWire(code.toWire())).isEqualTo(code);
      BuzzException error = new BuzzException(code, "m");
      assertThat(BuzzException.fromWire(error.toWire()).code()).isEqualTo(code);
    }
    assertThat(ErrorCode.fromWire(io.buzz.protocol.task.ErrorCode.ERROR_CODE_UNSPECIFIED))
        .isEqualTo(ErrorCode.INTERNAL);
  }

  @Test
  void wrapKeepsBuzzExceptionsAndNamesOthers() {
    BuzzException original = BuzzException.notFound("x");
    assertThat(BuzzException.wrap(original)).isSameAs(original);
    BuzzException wrapped = BuzzException.wrap(new IllegalStateException());
    assertThat(wrapped.code()).isEqualTo(ErrorCode.INTERNAL);
    assertThat(wrapped.getMessage()).contains("IllegalStateException");
  }
}
