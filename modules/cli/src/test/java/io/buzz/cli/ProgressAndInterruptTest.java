package io.buzz.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.buzz.datagen.TaxiDataGenerator;
import io.buzz.datagen.TaxiDataSpec;
import io.buzz.local.LocalStack;
import io.buzz.local.LocalStackConfig;
import io.buzz.protocol.query.Progress;
import io.micrometer.core.instrument.Gauge;
import io.vertx.core.Promise;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live progress line on a terminal's stderr (and its absence elsewhere), and Ctrl-C: a real
 * {@code bin/buzz}-like process interrupted with SIGINT cancels its query on the server.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProgressAndInterruptTest {
  static final TaxiDataSpec DATA = new TaxiDataSpec(2_000, 3, LocalDate.of(2009, 1, 1), 500);

  @TempDir static Path temp;

  private Path queryFile;
  private LocalStack stuck;

  @BeforeAll
  void setUp() throws Exception {
    Path table = temp.resolve("nyc-taxi");
    TaxiDataGenerator.generate(table, DATA);
    queryFile = temp.resolve("q.json");
    Files.writeString(
        queryFile,
        QueryCommandTest.queryJson(
            QueryCommandTest.HBEE, QueryCommandTest.HCOMB, table.toUri().toString()));
    // A server whose HBees never answer: its queries run until cancelled.
    stuck =
        LocalStack.start(
            LocalStackConfig.defaults()
                .withHBeeInterceptor(
                    real -> task -> Promise.<io.buzz.protocol.task.TaskReport>promise().future()));
  }

  @AfterAll
  void tearDown() {
    stuck.close();
  }

  private CliRun run(Map<String, String> environment, String... args) {
    List<String> all = new ArrayList<>(List.of("query", queryFile.toString(), "--format", "csv"));
    all.addAll(List.of(args));
    return CliRun.with(environment, all);
  }

  @Test
  void onATerminalAQueryShowsOneLiveLineErasedBeforeTheStatistics() {
    CliRun run = run(Map.of(ProgressLine.TERMINAL_VARIABLE, "1", "TERM", "xterm"));
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err())
        .containsPattern("^\r\033\\[Kfiles \\d/3 \\| tasks \\d/\\d \\| [\\d,]+ rows \\| ");
    // erased, then the statistics: the line never mixes with them
    int erased = run.err().lastIndexOf("\r\033[K");
    assertThat(run.err().substring(erased + 4)).startsWith("-- ");
    assertThat(run.out()).doesNotContain("\033");
  }

  @Test
  void noLineWhenStderrIsNotATerminalOrTheRunIsQuiet() {
    assertThat(run(Map.of()).err()).doesNotContain("\r").contains("-- ");
    assertThat(run(Map.of(ProgressLine.TERMINAL_VARIABLE, "1"), "--quiet").err()).isEmpty();
    assertThat(run(Map.of(ProgressLine.TERMINAL_VARIABLE, "1", "TERM", "dumb")).err())
        .doesNotContain("\r");
  }

  @Test
  void theLineSaysWhereTheQueryIs() {
    Progress progress =
        Progress.newBuilder()
            .setFilesDone(12)
            .setFilesTotal(31)
            .setTasksDone(1)
            .setTasksTotal(4)
            .setRowsScanned(1_234_567)
            .setBytesRead(3 << 20)
            .setHbeesRunning(3)
            .setElapsedMillis(4_250)
            .build();
    assertThat(ProgressLine.format(progress))
        .isEqualTo("files 12/31 | tasks 1/4 | 1,234,567 rows | 3.0 MiB | 3 HBees running | 4.3 s");
  }

  @Test
  void ctrlCCancelsTheQueryOnTheServerAndExitsWith130() throws Exception {
    Gauge active = stuck.fuseMetrics().registry().find("buzz.fuse.queries.active").gauge();
    assertThat(active.value()).isZero();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process =
        new ProcessBuilder(
                java,
                "--add-opens=java.base/java.nio=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                BuzzCli.class.getName(),
                "query",
                queryFile.toString(),
                "--server",
                "127.0.0.1:" + stuck.port())
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (active.value() < 1) {
        assertThat(process.isAlive()).as("the CLI is still running").isTrue();
        assertThat(System.nanoTime()).as("the query reached the server").isLessThan(deadline);
        Thread.sleep(50);
      }
      new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(process.exitValue()).isEqualTo(130);
      String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(err).contains("buzz: query cancelled").doesNotContain("Exception");
      deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (active.value() > 0) {
        assertThat(System.nanoTime()).as("the server ended the query").isLessThan(deadline);
        Thread.sleep(50);
      }
    } finally {
      process.destroyForcibly();
    }
  }
}
