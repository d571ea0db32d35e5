package io.buzz.fuse.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AwsSettingsTest {
  @Test
  void aFileThenTheEnvironment(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("aws.properties");
    Files.writeString(
        file,
        String.join(
            "\n",
            "buzz.aws.region = eu-west-1",
            "buzz.aws.hcomb.cluster = analytics",
            "buzz.aws.hcomb.task.definition = buzz-hcomb:7",
            "buzz.aws.hcomb.subnets = subnet-a, subnet-b",
            "buzz.aws.hcomb.security.groups = sg-1",
            "buzz.aws.results.location = s3://results/buzz",
            "buzz.aws.hcomb.start.timeout = 90s"));
    AwsSettings settings =
        AwsSettings.load(
            Optional.of(file),
            Map.of("BUZZ_AWS_HBEE_FUNCTION", "arn:aws:lambda:x:1:function:h:live"),
            true);
    assertThat(settings.region()).isEqualTo("eu-west-1");
    assertThat(settings.hbeeFunction()).endsWith(":live");
    assertThat(settings.fargate().subnets()).containsExactly("subnet-a", "subnet-b");
    assertThat(settings.fargate().securityGroups()).containsExactly("sg-1");
    assertThat(settings.fargate().startTimeout()).isEqualTo(Duration.ofSeconds(90));
    assertThat(settings.results()).contains(URI.create("s3://results/buzz/"));
    assertThat(settings.cost().hbeeMemoryMb()).isEqualTo(1769);
  }

  @Test
  void aTypoInTheFileIsRefusedNamingIt(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("aws.properties");
    Files.writeString(file, "buzz.aws.region = us-east-1\nbuzz.aws.hcomb.subnet = subnet-a\n");
    assertThatThrownBy(() -> AwsSettings.load(Optional.of(file), Map.of(), false))
        .isInstanceOfSatisfying(
            BuzzException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CONFIG))
        .hasMessageContaining("buzz.aws.hcomb.subnet (" + file + ")");
  }

  @Test
  void theFuseNeedsItsClusterButTheCliDoesNot() {
    Map<String, String> env = Map.of("AWS_REGION", "us-west-2");
    assertThat(AwsSettings.load(Optional.empty(), env, false).region()).isEqualTo("us-west-2");
    assertThatThrownBy(() -> AwsSettings.load(Optional.empty(), env, true))
        .hasMessageContaining("buzz.aws.hcomb.cluster");
    assertThatThrownBy(
            () ->
                AwsSettings.load(
                    Optional.empty(),
                    Map.of("AWS_REGION", "us-west-2", "BUZZ_AWS_RESULTS_LOCATION", "results/"),
                    false))
        .hasMessageContaining("buzz.aws.results.location 'results/'")
        .hasMessageContaining("s3://");
    assertThat(AwsSettings.NAMES).doesNotHaveDuplicates();
    assertThat(List.copyOf(AwsSettings.NAMES)).allMatch(name -> name.startsWith("buzz.aws."));
  }
}
