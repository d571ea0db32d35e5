package io.buzz.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.buzz.storage.io.S3ClientConfig;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which setting wins, as the AWS CLI decides: options, then variables, then profile files. */
class S3OptionsTest {
  @TempDir Path temp;

  private static S3Options options(String profile, String region, String endpoint, boolean open) {
    S3Options options = new S3Options();
    options.profile = profile;
    options.region = region;
    options.endpoint = endpoint;
    options.noSignRequest = open;
    return options;
  }

  @Test
  void withNothingSetTheDefaultChainInUsEast1OnAws() {
    S3ClientConfig config = options(null, null, null, false).resolve(Map.of());
    assertThat(config.credentials()).isEqualTo(new S3ClientConfig.DefaultChain());
    assertThat(config.region()).isEqualTo("us-east-1");
    assertThat(config.endpointOverride()).isEmpty();
    assertThat(config.pathStyle()).isFalse();
  }

  @Test
  void theRegionComesFromTheOptionThenTheVariablesThenTheProfile() throws Exception {
    Path configFile = temp.resolve("config");
    Files.writeString(
        configFile, "[default]\nregion = ap-south-1\n[profile dev]\nregion = eu-north-1\n");
    Map<String, String> files = Map.of("AWS_CONFIG_FILE", configFile.toString());
    assertThat(options(null, null, null, false).resolve(files).region()).isEqualTo("ap-south-1");
    assertThat(options("dev", null, null, false).resolve(files).region()).isEqualTo("eu-north-1");
    Map<String, String> withDefault = new java.util.HashMap<>(files);
    withDefault.put("AWS_DEFAULT_REGION", "sa-east-1");
    assertThat(options("dev", null, null, false).resolve(withDefault).region())
        .isEqualTo("sa-east-1");
    withDefault.put("AWS_REGION", "us-west-2");
    assertThat(options("dev", null, null, false).resolve(withDefault).region())
        .isEqualTo("us-west-2");
    assertThat(options("dev", "eu-west-3", null, false).resolve(withDefault).region())
        .isEqualTo("eu-west-3");
  }

  @Test
  void keysInTheEnvironmentWinOverAwsProfileButNotOverTheOption() {
    Map<String, String> environment =
        Map.of(
            "AWS_ACCESS_KEY_ID", "AKIA1",
            "AWS_SECRET_ACCESS_KEY", "s3cr3t",
            "AWS_SESSION_TOKEN", "token",
            "AWS_PROFILE", "dev");
    assertThat(options(null, null, null, false).resolve(environment).credentials())
        .isEqualTo(new S3ClientConfig.StaticCredentials("AKIA1", "s3cr3t", Optional.of("token")));
    assertThat(options("ops", null, null, false).resolve(environment).credentials())
        .isEqualTo(new S3ClientConfig.Profile("ops", Optional.empty(), Optional.empty()));
    assertThat(options(null, null, null, true).resolve(environment).credentials())
        .isEqualTo(new S3ClientConfig.Anonymous());
    assertThat(
            options(null, null, null, false)
                .resolve(Map.of("AWS_PROFILE", "dev"))
                .credentials()
                .describe())
        .isEqualTo("profile 'dev'");
  }

  @Test
  void theS3EndpointVariableWinsOverTheGenericOneAndTheOptionOverBoth() {
    Map<String, String> environment =
        Map.of("AWS_ENDPOINT_URL", "http://generic:9000", "AWS_ENDPOINT_URL_S3", "http://s3:9000");
    S3ClientConfig config = options(null, null, null, false).resolve(environment);
    assertThat(config.endpointOverride()).contains(URI.create("http://s3:9000"));
    assertThat(config.pathStyle()).isTrue();
    assertThat(
            options(null, null, "https://minio.local:9000", false)
                .resolve(environment)
                .endpointOverride())
        .contains(URI.create("https://minio.local:9000"));
  }

  @Test
  void secretsNeverShowInTheSettingsText() {
    S3ClientConfig config =
        options(null, null, null, false)
            .resolve(Map.of("AWS_ACCESS_KEY_ID", "AKIA1", "AWS_SECRET_ACCESS_KEY", "s3cr3t"));
    assertThat(config.toString()).doesNotContain("s3cr3t");
    assertThat(config.credentials().describe()).isEqualTo("access key AKIA1");
  }
}
