package io.buzz.hbee.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import io.buzz.error.FunctionError;
import io.buzz.hbee.runtime.HBeeRuntime;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;

/** The HBee function's own parts: its settings, SnapStart hooks and priming. */
class HBeeLambdaTest {
  @Test
  void settingsComeFromTheEnvironmentAndErrorsNameTheVariable() {
    HBeeEnvironment env =
        HBeeEnvironment.from(
            Map.of(
                "AWS_REGION", "eu-west-1",
                "BUZZ_S3_ENDPOINT", "http://127.0.0.1:9000",
                "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024"));
    assertThat(env.s3().region()).isEqualTo("eu-west-1");
    assertThat(env.s3().pathStyle()).isTrue();
    assertThat(env.hbee().taskMemoryLimitBytes()).isEqualTo(614L * 1024 * 1024);
    assertThat(env.hbee().pageIndex()).isTrue();
    assertThat(
            HBeeEnvironment.from(Map.of("AWS_REGION", "x", "BUZZ_HBEE_PAGE_INDEX", "false"))
                .hbee()
                .pageIndex())
        .isFalse();
    assertThatThrownBy(() -> HBeeEnvironment.from(Map.of()))
        .isInstanceOfSatisfying(
            BuzzException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CONFIG))
        .hasMessageContaining("AWS_REGION");
    assertThatThrownBy(
            () -> HBeeEnvironment.from(Map.of("AWS_REGION", "x", "BUZZ_S3_ENDPOINT", "s3:/nope")))
        .hasMessageContaining("BUZZ_S3_ENDPOINT");
  }

  @Test
  void primingRunsAPartialAggregateAndLeavesNoMemory() {
    try (RootAllocator root = new RootAllocator()) {
      assertThat(Priming.run(root, 3)).as("7 groups out").isEqualTo(7);
      assertThat(root.getAllocatedMemory()).isZero();
    }
  }

  @Test
  void aCheckpointClosesTheConnectionsAndTheNextInvocationOpensNewOnes() {
    HBeeProcess process = new HBeeProcess(HBeeEnvironment.from(Map.of("AWS_REGION", "us-east-1")));
    try {
      HBeeRuntime before = process.runtime();
      process.disconnect(); // what beforeCheckpoint does after priming
      HBeeRuntime after = process.runtime();
      assertThat(after).isNotSameAs(before);
      assertThat(process.runtime()).isSameAs(after);
    } finally {
      process.close();
    }
  }

  @Test
  void anUnreadablePayloadIsAFunctionErrorWithItsCode() {
    HBeeHandler handler = new HBeeHandler();
    assertThatThrownBy(
            () ->
                handler.handleRequest(
                    new ByteArrayInputStream("{\"nope\":1}".getBytes(StandardCharsets.UTF_8)),
                    new ByteArrayOutputStream(),
                    null))
        .isInstanceOf(FunctionError.class)
        .hasMessageStartingWith("[BAD_QUERY]")
        .hasMessageContaining("\"task\"");
  }
}
