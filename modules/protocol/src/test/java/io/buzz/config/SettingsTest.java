package io.buzz.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import io.buzz.error.FunctionError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {
  @Test
  void theEnvironmentWinsOverTheFileAndErrorsNameTheSettingAndItsSource(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("aws.properties");
    Files.writeString(file, "buzz.aws.region = eu-west-1\nbuzz.timeout = 30s\nbuzz.port = x\n");
    Settings settings =
        Settings.empty()
            .withFile(file)
            .withEnvironment(Map.of("BUZZ_AWS_REGION", "us-east-2"), List.of("buzz.aws.region"));
    assertThat(settings.required("buzz.aws.region")).isEqualTo("us-east-2");
    assertThat(settings.duration("buzz.timeout", Duration.ZERO)).isEqualTo(Duration.ofSeconds(30));
    assertThatThrownBy(() -> settings.integer("buzz.port", 1, 1, 10))
        .isInstanceOfSatisfying(
            BuzzException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CONFIG))
        .hasMessageContaining("buzz.port 'x'")
        .hasMessageContaining(file.toString());
    assertThatThrownBy(() -> settings.required("buzz.aws.cluster"))
        .hasMessageContaining("buzz.aws.cluster")
        .hasMessageContaining("BUZZ_AWS_CLUSTER");
    assertThat(settings.unknown(List.of("buzz.aws.region", "buzz.timeout")))
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .startsWith("buzz.port");
  }

  @Test
  void aMissingFileAndABadDurationAreClearErrors(@TempDir Path dir) {
    assertThatThrownBy(() -> Settings.empty().withFile(dir.resolve("none.properties")))
        .hasMessageContaining("does not exist");
    Settings settings = Settings.empty().with("buzz.t", "10", "a flag");
    assertThatThrownBy(() -> settings.duration("buzz.t", Duration.ZERO))
        .hasMessageContaining("needs a unit");
    assertThat(settings.with("buzz.t", "250ms", "x").duration("buzz.t", Duration.ZERO))
        .isEqualTo(Duration.ofMillis(250));
  }

  @Test
  void functionErrorsCarryTheirCodeInTheMessage() {
    FunctionError error =
        new FunctionError(new BuzzException(ErrorCode.NOT_FOUND, "s3://b/k does not exist"));
    assertThat(error.getMessage()).isEqualTo("[NOT_FOUND] s3://b/k does not exist");
    BuzzException back = FunctionError.codeOf(error.getMessage()).orElseThrow();
    assertThat(back.code()).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(back.getMessage()).isEqualTo("s3://b/k does not exist");
    assertThat(FunctionError.codeOf("[NOPE] x")).isEmpty();
    assertThat(FunctionError.codeOf("Task timed out")).isEmpty();
  }
}
