package io.buzz.fuse.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import io.buzz.error.FunctionError;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FuseHandlerTest {
  @Test
  void aWrongSettingAtSnapshotTimeIsReportedByTheFirstInvocation() {
    AtomicInteger builds = new AtomicInteger();
    FuseHandler handler =
        new FuseHandler(
            () -> {
              builds.incrementAndGet();
              throw new BuzzException(
                  ErrorCode.INVALID_CONFIG,
                  "buzz.aws.hcomb.cluster (BUZZ_AWS_HCOMB_CLUSTER) is not set");
            });

    handler.beforeCheckpoint(null); // SnapStart's priming must not fail the snapshot

    assertThatThrownBy(
            () ->
                handler.handleRequest(
                    new ByteArrayInputStream("{}".getBytes(StandardCharsets.UTF_8)),
                    new ByteArrayOutputStream(),
                    null))
        .isInstanceOf(FunctionError.class)
        .hasMessageStartingWith("[INVALID_CONFIG]")
        .hasMessageContaining("buzz.aws.hcomb.cluster");
    assertThat(builds).hasValue(2);
  }
}
