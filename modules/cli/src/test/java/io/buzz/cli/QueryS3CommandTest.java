package io.buzz.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.buzz.datagen.TaxiDataGenerator;
import io.buzz.datagen.TaxiDataSpec;
import io.buzz.testing.EmbeddedS3;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code buzz query} over {@code s3://} catalogs on the embedded engine, configured as a user
 * configures the AWS CLI: options, environment variables and shared profile files, against the
 * embedded S3-compatible server. Every answer is compared with the same query over the same files
 * on local disk; every misconfiguration is one line naming its cause.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueryS3CommandTest {
  static final TaxiDataSpec DATA = new TaxiDataSpec(2_000, 3, LocalDate.of(2009, 1, 1), 500);

  @TempDir static Path temp;

  private EmbeddedS3 s3;
  private EmbeddedS3 open;
  private Path lakeQuery;
  private Path missingBucketQuery;
  private Path credentialsFile;
  private Path configFile;
  private String expected;

  @BeforeAll
  void setUp() throws Exception {
    Path local = temp.resolve("nyc-taxi");
    TaxiDataGenerator.generate(local, DATA);
    s3 = new EmbeddedS3();
    s3.createBucket("lake");
    s3.upload(local, "lake", "nyc-taxi/");
    open = EmbeddedS3.publicAccess();
    open.createBucket("public-lake");
    open.upload(local, "public-lake", "nyc-taxi/");
    lakeQuery = query("lake.json", "s3://lake/nyc-taxi");
    missingBucketQuery = query("missing.json", "s3://no-such-bucket/nyc-taxi");
    credentialsFile = temp.resolve("credentials");
    Files.writeString(
        credentialsFile,
        "[default]\naws_access_key_id = wrong\naws_secret_access_key = wrong\n\n[analyst]\n"
            + "aws_access_key_id = "
            + s3.accessKeyId()
            + "\naws_secret_access_key = "
            + s3.secretAccessKey()
            + "\n");
    configFile = temp.resolve("config");
    Files.writeString(configFile, "[profile analyst]\nregion = eu-central-1\n");
    CliRun local2 =
        CliRun.of(
            "query",
            query("local.json", local.toUri().toString()).toString(),
            "--format",
            "csv",
            "--quiet");
    assertThat(local2.exitCode()).as(local2.err()).isZero();
    expected = local2.out();
  }

  @AfterAll
  void tearDown() {
    s3.close();
    open.close();
  }

  /** Exact aggregates only: a floating-point sum's last digits depend on the merge order. */
  private static Path query(String name, String uri) throws Exception {
    Path file = temp.resolve(name);
    Files.writeString(
        file,
        QueryCommandTest.queryJson(
            "SELECT payment_type, COUNT(*) AS n, MAX(fare_amount) AS top FROM nyc_taxi"
                + " GROUP BY payment_type",
            "SELECT payment_type, SUM(n) AS trips, MAX(top) AS top FROM nyc_taxi_map"
                + " GROUP BY payment_type ORDER BY payment_type",
            uri));
    return file;
  }

  /** {@code buzz query FILE --format csv ARGS} with only {@code environment} as variables. */
  private static CliRun run(Map<String, String> environment, Path file, String... args) {
    List<String> all = new ArrayList<>(List.of("query", file.toString(), "--format", "csv"));
    all.addAll(List.of(args));
    return CliRun.with(environment, all);
  }

  private Map<String, String> withKeys() {
    Map<String, String> environment = new HashMap<>();
    environment.put("AWS_ENDPOINT_URL_S3", s3.endpoint().toString());
    environment.put("AWS_ACCESS_KEY_ID", s3.accessKeyId());
    environment.put("AWS_SECRET_ACCESS_KEY", s3.secretAccessKey());
    environment.put("AWS_REGION", "eu-west-1");
    return environment;
  }

  private Map<String, String> withProfileFiles() {
    return new HashMap<>(
        Map.of(
            "AWS_SHARED_CREDENTIALS_FILE", credentialsFile.toString(),
            "AWS_CONFIG_FILE", configFile.toString()));
  }

  private void assertAnswers(CliRun run) {
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).isEqualTo(expected);
    assertThat(run.err()).doesNotContain("WARN").doesNotContain("Exception");
  }

  private static void assertOneLineError(CliRun run, int exitCode, String... parts) {
    assertThat(run.exitCode()).as(run.err()).isEqualTo(exitCode);
    assertThat(run.errLine()).startsWith("buzz: ").contains(parts).doesNotContain("\n");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void keysAndEndpointFromTheEnvironment() {
    assertAnswers(run(withKeys(), lakeQuery));
  }

  @Test
  void aProfileFromTheSharedFilesWithTheEndpointOption() {
    assertAnswers(
        run(
            withProfileFiles(),
            lakeQuery,
            "--profile",
            "analyst",
            "--s3-endpoint",
            s3.endpoint().toString()));
  }

  @Test
  void aProfileNamedByAwsProfileAndTheGenericEndpointVariable() {
    Map<String, String> environment = withProfileFiles();
    environment.put("AWS_PROFILE", "analyst");
    environment.put("AWS_ENDPOINT_URL", s3.endpoint().toString());
    assertAnswers(run(environment, lakeQuery));
  }

  @Test
  void theProfileOptionWinsOverKeysInTheEnvironment() {
    Map<String, String> environment = withKeys();
    environment.put("AWS_SECRET_ACCESS_KEY", "not-the-secret");
    environment.putAll(withProfileFiles());
    assertAnswers(run(environment, lakeQuery, "--profile", "analyst"));
  }

  @Test
  void aProfileThatDoesNotExistSaysSo() {
    CliRun run =
        run(
            withProfileFiles(),
            lakeQuery,
            "--profile",
            "nobody",
            "--s3-endpoint",
            s3.endpoint().toString());
    assertOneLineError(run, 2, "no AWS credentials found", "s3://lake/nyc-taxi", "nobody");
  }

  @Test
  void wrongKeysAreAccessDeniedNamingTheLocation() {
    Map<String, String> environment = withKeys();
    environment.put("AWS_SECRET_ACCESS_KEY", "not-the-secret");
    assertOneLineError(run(environment, lakeQuery), 2, "access denied to s3://lake/nyc-taxi");
  }

  @Test
  void aBucketThatDoesNotExistSaysSo() {
    assertOneLineError(
        run(withKeys(), missingBucketQuery), 2, "bucket 'no-such-bucket' does not exist");
  }

  @Test
  void unsignedRequestsReadAPublicBucketAndAreDeniedAPrivateOne() throws Exception {
    Path publicQuery = query("public.json", "s3://public-lake/nyc-taxi");
    assertAnswers(
        run(
            Map.of(),
            publicQuery,
            "--no-sign-request",
            "--s3-endpoint",
            open.endpoint().toString()));
    assertOneLineError(
        run(Map.of(), lakeQuery, "--no-sign-request", "--s3-endpoint", s3.endpoint().toString()),
        2,
        "access denied to s3://lake/nyc-taxi");
  }

  @Test
  void anEndpointNobodyListensOnIsUnreachable() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Map<String, String> environment = withKeys();
    environment.put("AWS_ENDPOINT_URL_S3", "http://127.0.0.1:" + port);
    assertOneLineError(run(environment, lakeQuery), 1, "cannot reach S3", "s3://lake/nyc-taxi");
  }

  @Test
  void settingsThatCannotBeRightNameTheOptionOrVariable() {
    assertOneLineError(run(withKeys(), lakeQuery, "--region", "Mars 1"), 2, "--region", "Mars 1");
    Map<String, String> ftp = withKeys();
    ftp.put("AWS_ENDPOINT_URL_S3", "ftp://example");
    assertOneLineError(run(ftp, lakeQuery), 2, "AWS_ENDPOINT_URL_S3", "ftp://example");
    Map<String, String> halfKeys = withKeys();
    halfKeys.remove("AWS_SECRET_ACCESS_KEY");
    assertOneLineError(run(halfKeys, lakeQuery), 2, "AWS_SECRET_ACCESS_KEY");
    assertOneLineError(
        run(Map.of(), lakeQuery, "--no-sign-request", "--profile", "analyst"),
        2,
        "--no-sign-request",
        "--profile");
    assertOneLineError(
        run(Map.of(), lakeQuery, "--server", "127.0.0.1:1", "--profile", "analyst"),
        2,
        "--profile",
        "--server");
  }

  @Test
  void serveRefusesSettingsThatCannotBeRight() {
    StringWriter err = new StringWriter();
    int code =
        BuzzCli.run(
            Map.of("AWS_REGION", "nowhere at all"),
            new PrintWriter(new StringWriter()),
            new PrintWriter(err),
            "serve",
            "--port",
            "0");
    assertThat(code).as(err.toString()).isEqualTo(2);
    assertThat(err.toString().strip()).contains("AWS_REGION").contains("nowhere at all");
  }
}
