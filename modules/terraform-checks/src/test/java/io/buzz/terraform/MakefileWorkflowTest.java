package io.buzz.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deployment targets of the Makefile, dry-run ({@code make -n}) in a scratch directory so a
 * developer's own default.env is never read: the commands {@code make deploy} would run, settings
 * from default.env, an unknown key refused, a missing setting named.
 */
class MakefileWorkflowTest {
  private static final Path MAKEFILE =
      Path.of(System.getProperty("buzz.terraform.dir", "../../ops/terraform"))
          .resolve("../../Makefile")
          .toAbsolutePath()
          .normalize();

  @TempDir Path dir;

  @Test
  void deployPlansShowsAsksAppliesAndWritesTheCliSettings() throws Exception {
    Result result =
        make(
            "deploy",
            "STAGE=dev",
            "REGION=eu-west-1",
            "DEPLOY_PROFILE=deployer",
            "BACKEND_PROFILE=state",
            "IMAGE_TAG=abc123");
    assertThat(result.status()).as(result.output()).isZero();
    assertThat(result.output())
        .contains("git status --porcelain")
        .contains("workspace select dev")
        .contains("AWS_PROFILE=deployer terraform -chdir=ops/terraform plan")
        .contains("-var-file=stages/dev.tfvars -var stage=dev -var region=eu-west-1")
        .contains("-var image_tag=abc123")
        .contains("Apply this plan")
        .contains("apply -input=false")
        .contains("output -raw buzz_aws_properties > .buzz/aws-dev.properties");
    assertThat(result.output().indexOf(" plan "))
        .isLessThan(result.output().indexOf("Apply this plan"));
    assertThat(result.output().indexOf("Apply this plan"))
        .isLessThan(result.output().indexOf("apply -input=false"));
  }

  @Test
  void settingsComeFromDefaultEnv() throws Exception {
    Files.writeString(
        dir.resolve("default.env"),
        "# a comment\nSTAGE=prod\nREGION=us-west-2\nDEPLOY_PROFILE=p\n\nBACKEND_PROFILE=b\n");
    Result result = make("deploy");
    assertThat(result.status()).as(result.output()).isZero();
    assertThat(result.output()).contains("-var stage=prod -var region=us-west-2");
  }

  @Test
  void theEnvironmentAndTheCommandLineBeatDefaultEnvAndCommentsAreNotValues() throws Exception {
    Files.writeString(
        dir.resolve("default.env"),
        "STAGE=dev   # the usual stage\nDEPLOY_PROFILE=p\nREGION=eu-west-1\n");

    assertThat(make(Map.of(), "run-aws", "QUERY=q.json").output())
        .contains("--aws-config .buzz/aws-dev.properties q.json");
    assertThat(make(Map.of("STAGE", "prod"), "run-aws", "QUERY=q.json").output())
        .contains("--aws-config .buzz/aws-prod.properties q.json");
    assertThat(make(Map.of("STAGE", "prod"), "run-aws", "QUERY=q.json", "STAGE=test").output())
        .contains("--aws-config .buzz/aws-test.properties q.json");
  }

  @Test
  void pushSendsToTheStagesRepositoriesFromTerraform() throws Exception {
    Result result = make("push", "STAGE=prod", "REGION=us-east-1", "DEPLOY_PROFILE=p");
    assertThat(result.output())
        .contains(
            "TF_WORKSPACE=prod terraform -chdir=ops/terraform output -raw hcomb_repository_url")
        .contains("--fuse-repository")
        .contains("aws ecr get-login-password --region us-east-1 --profile p");
  }

  @Test
  void unknownKeyInDefaultEnvIsRefused() throws Exception {
    Files.writeString(dir.resolve("default.env"), "STAGE=dev\nREGOIN=us-east-1\n");
    Result result = make("deploy");
    assertThat(result.status()).isNotZero();
    assertThat(result.output()).contains("default.env: unknown key").contains("REGOIN");
  }

  @Test
  void missingSettingIsNamedWhenNobodyCanBeAsked() throws Exception {
    Result result = make("run-aws", "QUERY=q.json", "DEPLOY_PROFILE=p");
    assertThat(result.status()).isNotZero();
    assertThat(result.output()).contains("STAGE is not set");
  }

  private record Result(int status, String output) {}

  private Result make(String... arguments) throws IOException, InterruptedException {
    return make(Map.of(), arguments);
  }

  private Result make(Map<String, String> environment, String... arguments)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("make", "-n", "-f", MAKEFILE.toString()));
    command.addAll(List.of(arguments));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    for (String key :
        List.of("STAGE", "REGION", "DEPLOY_PROFILE", "BACKEND_PROFILE", "IMAGE_TAG")) {
      builder.environment().remove(key);
    }
    builder.environment().putAll(environment);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Result(process.exitValue(), output);
  }
}
