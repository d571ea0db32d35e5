package io.buzz.local.lambda;

import static io.buzz.testing.Await.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import io.buzz.fuse.invoke.LambdaHBeeInvoker;
import io.buzz.fuse.invoke.LambdaInvokerConfig;
import io.buzz.local.Packages;
import io.buzz.protocol.task.Endpoint;
import io.buzz.protocol.task.FileRef;
import io.buzz.protocol.task.HBeeTask;
import io.buzz.protocol.task.TaskReport;
import io.buzz.testing.ParquetFiles;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Lambda twin with process environments: the HBee's deployment zip runs in JVMs of its own
 * through the real runtime interface client, invoked with the Fuse's {@code LambdaAsyncClient}. One
 * twin for the class: environments stay warm across tests, as on Lambda.
 */
class ProcessBackendTest {
  private static final Map<String, String> FUNCTION_ENV =
      Map.of(
          "AWS_REGION", "us-east-1",
          "JAVA_TOOL_OPTIONS", "--add-opens=java.base/java.nio=ALL-UNNAMED");

  @TempDir static Path logs;
  private static Vertx vertx;
  private static ProcessBackend backend;
  private static LocalLambdaService service;
  private static LambdaHBeeInvoker invoker;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    backend =
        new ProcessBackend(
            vertx,
            ProcessFunctionConfig.hbee("buzz-hbee", Packages.hbeeZip(), FUNCTION_ENV, logs)
                .withMemoryMb(512)
                .withTimeout(Duration.ofSeconds(20)));
    service =
        new LocalLambdaService(new LocalLambdaConfig("127.0.0.1", 0, "buzz-hbee", 2), backend);
    result(vertx.deployVerticle(service));
    invoker =
        new LambdaHBeeInvoker(
            vertx,
            new LambdaInvokerConfig(
                "buzz-hbee",
                "us-east-1",
                Optional.of(URI.create(service.endpoint())),
                16,
                Duration.ofSeconds(60),
                LambdaInvokerConfig.LOCAL_CREDENTIALS));
  }

  @AfterAll
  static void stop() {
    invoker.close();
    result(vertx.close());
  }

  /** The file's size as a catalog would list it; 0 (unknown) for files that do not exist. */
  private static long listedSize(String uri) {
    try {
      java.nio.file.Path path = java.nio.file.Path.of(URI.create(uri));
      return java.nio.file.Files.exists(path) ? java.nio.file.Files.size(path) : 0;
    } catch (IOException | IllegalArgumentException e) {
      return 0;
    }
  }

  private static HBeeTask task(int id, String uri, int hcombPort) {
    return HBeeTask.newBuilder()
        .setQueryId("q-process")
        .setTaskId(id)
        .setToken("t")
        .addFiles(FileRef.newBuilder().setUri(uri).setSize(listedSize(uri)))
        .setHcomb(Endpoint.newBuilder().setHost("127.0.0.1").setPort(hcombPort))
        .setDeadlineEpochMillis(System.currentTimeMillis() + 60_000)
        .build();
  }

  @Test
  void aTaskThatFailsIsAReportNamingTheFile(@TempDir Path dir) throws IOException {
    Path missing = dir.resolve("missing.parquet");
    TaskReport report = result(invoker.invoke(task(1, missing.toUri().toString(), 1)));
    assertThat(report.hasError()).isTrue();
    assertThat(report.getError().getMessage()).contains("missing.parquet");
    assertThat(backend.coldStarts()).isNotEmpty();
    // a second invocation reuses the warm environment
    int before = backend.coldStarts().size();
    result(invoker.invoke(task(2, missing.toUri().toString(), 1)));
    assertThat(backend.coldStarts()).hasSize(before);
    assertThat(Files.readString(backend.logFile(1))).doesNotContain("Exception in thread");
  }

  @Test
  void anUnreadablePayloadIsAFunctionErrorWithItsCode() {
    HBeeTask noFile = HBeeTask.newBuilder().setQueryId("q").setTaskId(9).build();
    // a task whose file URI has no scheme fails inside the task: still a report, not a crash
    TaskReport report = result(invoker.invoke(noFile));
    assertThat(report.hasError()).isTrue();
  }

  @Test
  void aTaskPastTheFunctionTimeoutEndsWithDeadlineExceeded(@TempDir Path dir) throws IOException {
    ProcessBackend slow =
        new ProcessBackend(
            vertx,
            ProcessFunctionConfig.hbee("buzz-hbee-slow", Packages.hbeeZip(), FUNCTION_ENV, logs)
                .withMemoryMb(512)
                .withTimeout(Duration.ofSeconds(3)));
    LocalLambdaService slowService =
        new LocalLambdaService(new LocalLambdaConfig("127.0.0.1", 0, "buzz-hbee-slow", 1), slow);
    result(vertx.deployVerticle(slowService));
    // An "HComb" that accepts connections and never answers: the HBee's stream waits on it.
    try (ServerSocket silent = new ServerSocket(0);
        LambdaHBeeInvoker slowInvoker =
            new LambdaHBeeInvoker(
                vertx,
                new LambdaInvokerConfig(
                    "buzz-hbee-slow",
                    "us-east-1",
                    Optional.of(URI.create(slowService.endpoint())),
                    4,
                    Duration.ofSeconds(60),
                    LambdaInvokerConfig.LOCAL_CREDENTIALS))) {
      Thread acceptor = new Thread(() -> acceptForever(silent));
      acceptor.setDaemon(true);
      acceptor.start();
      String file =
          ParquetFiles.write(dir.resolve("t.parquet"), "SELECT range AS x FROM range(1000)")
              .toUri()
              .toString();
      Future<TaskReport> running = slowInvoker.invoke(task(3, file, silent.getLocalPort()));
      assertThatThrownBy(() -> result(running))
          .isInstanceOfSatisfying(
              BuzzException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.DEADLINE_EXCEEDED))
          .hasMessageContaining("Task timed out after 3.00 seconds");
    }
  }

  @Test
  void aColdStartDoesNotCountAgainstTheFunctionsTimeout(@TempDir Path dir) throws Exception {
    try (PausedFunction paused =
        new PausedFunction(
            "buzz-hbee-paused", dir, Duration.ofSeconds(60), Duration.ofSeconds(5))) {
      Future<TaskReport> running = paused.invokeWhilePaused();
      Thread.sleep(7_000); // past the function's 5 s timeout, still starting
      paused.resume();
      // The task ran once its runtime took it: its own report, not Sandbox.Timedout.
      TaskReport report = result(running);
      assertThat(report.getError().getMessage()).contains("missing.parquet");
    }
  }

  @Test
  void anInitPastTheInitLimitCountsAgainstTheFunctionsTimeout(@TempDir Path dir) throws Exception {
    try (PausedFunction paused =
        new PausedFunction(
            "buzz-hbee-slow-init", dir, Duration.ofSeconds(1), Duration.ofSeconds(2))) {
      Future<TaskReport> running = paused.invokeWhilePaused();
      // Never resumed: the timeout starts at the init limit and ends the invocation.
      assertThatThrownBy(() -> result(running))
          .isInstanceOfSatisfying(
              BuzzException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.DEADLINE_EXCEEDED))
          .hasMessageContaining("Task timed out after 2.00 seconds");
    }
  }

  /**
   * The HBee function whose environments' JVMs wait at their start while {@code pause} exists
   * (HotSpot's diagnostic PauseAtStartup): a cold start as long as a test wants.
   */
  private static final class PausedFunction implements AutoCloseable {
    private final ProcessBackend backend;
    private final LambdaHBeeInvoker invoker;
    private final Path dir;
    private final Path pause;

    PausedFunction(String name, Path dir, Duration initLimit, Duration timeout) {
      this.dir = dir;
      this.pause = dir.resolve("paused");
      List<String> flags = new ArrayList<>(ProcessFunctionConfig.MANAGED_RUNTIME_FLAGS);
      flags.addAll(
          List.of(
              "-XX:+UnlockDiagnosticVMOptions",
              "-XX:+PauseAtStartup",
              "-XX:PauseAtStartupFile=" + pause));
      backend =
          new ProcessBackend(
              vertx,
              ProcessFunctionConfig.hbee(name, Packages.hbeeZip(), FUNCTION_ENV, logs)
                  .withMemoryMb(512)
                  .withTimeout(timeout)
                  .withJvmFlags(flags),
              initLimit);
      LocalLambdaService service =
          new LocalLambdaService(new LocalLambdaConfig("127.0.0.1", 0, name, 1), backend);
      result(vertx.deployVerticle(service));
      invoker =
          new LambdaHBeeInvoker(
              vertx,
              new LambdaInvokerConfig(
                  name,
                  "us-east-1",
                  Optional.of(URI.create(service.endpoint())),
                  4,
                  Duration.ofSeconds(60),
                  LambdaInvokerConfig.LOCAL_CREDENTIALS));
    }

    /** Invokes a task (of a file that does not exist) and waits until its JVM is paused. */
    Future<TaskReport> invokeWhilePaused() throws InterruptedException {
      Future<TaskReport> running =
          invoker.invoke(task(4, dir.resolve("missing.parquet").toUri().toString(), 1));
      long waitUntil = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (!Files.exists(pause) && System.nanoTime() < waitUntil) {
        Thread.sleep(20);
      }
      assertThat(pause).as("the environment's JVM paused at its start").exists();
      return running;
    }

    void resume() throws IOException {
      Files.delete(pause);
    }

    @Override
    public void close() {
      invoker.close();
      backend.close();
    }
  }

  /**
   * Accepts connections and keeps them open, never reading: an accepted socket nobody references
   * may be closed by the garbage collector's cleaner, which the HBee would see as a reset (a quick
   * error report instead of the timeout this test waits for).
   */
  private static void acceptForever(ServerSocket server) {
    List<Socket> open = new ArrayList<>();
    try {
      while (true) {
        Socket socket = server.accept();
        socket.setSoTimeout(0);
        open.add(socket);
      }
    } catch (IOException closed) {
      // the test ended
    } finally {
      for (Socket socket : open) {
        try {
          socket.close();
        } catch (IOException ignored) {
          // closing a connection nobody reads
        }
      }
    }
  }
}
