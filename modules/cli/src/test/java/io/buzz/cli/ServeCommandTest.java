package io.buzz.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code buzz serve} refuses options it cannot honour before it starts anything. */
class ServeCommandTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "--metrics-port=70000 | fuse metrics port must be -1 (none), 0 (any) or 1..65535, got 70000",
        "--hcomb-metrics-port=-2 | hcomb metrics port must be -1 (none), 0 (any) or 1..65535",
        "--port=9470 --metrics-port=9470 | --port and --metrics-port are both 9470",
        "--metrics-port=9471 --hcomb-metrics-port=9471 | --metrics-port and --hcomb-metrics-port"
            + " are both 9471",
        "--hcomb-idle-shutdown=-5 | idleShutdown must not be negative",
        "--max-running-queries=0 | maxRunningQueries must be at least 1",
      })
  void badOptionsAreAUsageErrorNamingTheProblem(String options, String message) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] args = ("serve " + options).split(" ");
    int exit = BuzzCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains(message);
  }

  @org.junit.jupiter.api.Test
  void awsModeWithoutItsSettingsStopsAtStartUpNamingTheSetting(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    java.nio.file.Path file = dir.resolve("aws.properties");
    java.nio.file.Files.writeString(file, "buzz.aws.region = us-east-1\n");
    CliRun run = CliRun.of("serve", "--aws", "--aws-config", file.toString(), "--port=0");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.errLine())
        .startsWith("buzz: ")
        .contains("buzz.aws.hcomb.cluster")
        .contains("BUZZ_AWS_HCOMB_CLUSTER")
        .doesNotContain("\n");
  }
}
