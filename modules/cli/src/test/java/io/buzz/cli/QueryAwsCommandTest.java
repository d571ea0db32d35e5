package io.buzz.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.buzz.datagen.TaxiDataGenerator;
import io.buzz.datagen.TaxiDataSpec;
import io.buzz.fuse.FuseConfig;
import io.buzz.fuse.aws.AwsFuse;
import io.buzz.fuse.aws.AwsSettings;
import io.buzz.fuse.aws.FuseFunction;
import io.buzz.fuse.aws.FuseHandler;
import io.buzz.fuse.aws.FuseResponse;
import io.buzz.local.lambda.StreamHandlerBackend;
import io.buzz.local.twin.AwsTwins;
import io.buzz.testing.EmbeddedS3;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code buzz query --aws}: the CLI invokes the Fuse function (hosted by the Lambda twin) with the
 * settings file a user writes and the SDK's default credentials, and prints the result as for a
 * local query.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueryAwsCommandTest {
  static final TaxiDataSpec DATA = new TaxiDataSpec(2_000, 3, LocalDate.of(2009, 1, 1), 500);

  @TempDir static Path temp;

  private EmbeddedS3 s3;
  private AwsTwins twins;
  private AwsFuse fuse;
  private Path settingsFile;
  private Path queryFile;

  @BeforeAll
  void setUp() throws Exception {
    Path local = temp.resolve("nyc-taxi");
    TaxiDataGenerator.generate(local, DATA);
    s3 = new EmbeddedS3();
    s3.createBucket("lake");
    s3.upload(local, "lake", "nyc-taxi/");
    twins =
        AwsTwins.start(
            AwsTwins.Config.of(s3.endpoint(), s3.accessKeyId(), s3.secretAccessKey(), temp)
                .withLambdaConcurrency(3));
    fuse =
        AwsFuse.start(
            AwsSettings.from(twins.settings(), true), twins.credentials(), FuseConfig.defaults());
    twins
        .lambda()
        .host(
            "buzz-fuse",
            new StreamHandlerBackend(
                fuse.vertx(),
                new FuseHandler(() -> new FuseFunction(fuse, FuseResponse.MAX_INLINE_BYTES)),
                "buzz-fuse",
                Duration.ofMinutes(1)),
            2);
    // What a user's ~/.buzz/aws.properties holds; the keys come from the default chain.
    settingsFile = temp.resolve("aws.properties");
    Files.writeString(
        settingsFile,
        "buzz.aws.region = us-east-1\n"
            + "buzz.aws.fuse.function = buzz-fuse\n"
            + "buzz.aws.endpoint.lambda = "
            + twins.lambda().endpoint()
            + "\n"
            + "buzz.aws.endpoint.s3 = "
            + s3.endpoint()
            + "\n");
    System.setProperty("aws.accessKeyId", s3.accessKeyId());
    System.setProperty("aws.secretAccessKey", s3.secretAccessKey());
    queryFile = temp.resolve("q.json");
    Files.writeString(
        queryFile,
        QueryCommandTest.queryJson(
            QueryCommandTest.HBEE, QueryCommandTest.HCOMB, "s3://lake/nyc-taxi"));
  }

  @AfterAll
  void tearDown() {
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
    fuse.close();
    twins.close();
    s3.close();
  }

  @Test
  void printsTheResultOfTheFuseFunctionAsForALocalQuery() {
    CliRun run =
        CliRun.of(
            "query",
            queryFile.toString(),
            "--aws",
            "--aws-config",
            settingsFile.toString(),
            "--format",
            "csv");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).startsWith("payment_type,trips,fares\r\n");
    assertThat(run.out().split("\r\n")).hasSizeGreaterThan(2);
    assertThat(run.err())
        .contains("AWS cost ~$")
        .doesNotContain("WARN")
        .doesNotContain("Exception");
  }

  @Test
  void aMissingSettingIsOneLineNamingIt() throws Exception {
    Path empty = temp.resolve("empty.properties");
    Files.writeString(empty, "buzz.aws.fuse.function = buzz-fuse\n");
    CliRun run =
        CliRun.of("query", queryFile.toString(), "--aws", "--aws-config", empty.toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.errLine()).startsWith("buzz: ").contains("buzz.aws.region").doesNotContain("\n");
  }

  @Test
  void aFunctionThatDoesNotExistIsOneLineNamingTheSetting() throws Exception {
    Path wrong = temp.resolve("wrong.properties");
    Files.writeString(
        wrong,
        Files.readString(settingsFile)
            .replace("fuse.function = buzz-fuse", "fuse.function = nope"));
    CliRun run =
        CliRun.of("query", queryFile.toString(), "--aws", "--aws-config", wrong.toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.errLine())
        .contains("does not exist")
        .contains(AwsSettings.FUSE_FUNCTION)
        .doesNotContain("\n");
  }
}
