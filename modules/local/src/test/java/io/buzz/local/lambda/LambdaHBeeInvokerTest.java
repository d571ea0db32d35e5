package io.buzz.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import io.buzz.fuse.invoke.LambdaFunctionErrors;
import io.buzz.fuse.invoke.LambdaHBeeInvoker;
import io.buzz.fuse.invoke.LambdaInvokerConfig;
import io.buzz.hbee.HBeeFunction;
import io.buzz.local.twin.LoopbackTls;
import io.buzz.protocol.task.FileRef;
import io.buzz.protocol.task.HBeeTask;
import io.buzz.protocol.task.TaskMetrics;
import io.buzz.protocol.task.TaskReport;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

/** The Fuse's real LambdaAsyncClient path against the local Lambda-compatible service. */
@ExtendWith(VertxExtension.class)
class LambdaHBeeInvokerTest {
  private static HBeeTask task(int id) {
    return HBeeTask.newBuilder()
        .setQueryId("q1")
        .setTaskId(id)
        .addFiles(FileRef.newBuilder().setUri("file:///data/part-" + id + ".parquet"))
        .build();
  }

  /** Answers each task with its ids and 42 rows scanned. */
  private static final HBeeFunction ECHO =
      task ->
          Future.succeededFuture(
              TaskReport.newBuilder()
                  .setQueryId(task.getQueryId())
                  .setTaskId(task.getTaskId())
                  .setMetrics(TaskMetrics.newBuilder().setRowsScanned(42))
                  .build());

  private static LocalLambdaService service(Vertx vertx, HBeeFunction function, int concurrency) {
    LocalLambdaService service =
        new LocalLambdaService(
            new LocalLambdaConfig("127.0.0.1", 0, "buzz-hbee", concurrency), function);
    await(vertx.deployVerticle(service));
    return service;
  }

  private static LambdaHBeeInvoker invoker(
      Vertx vertx, LocalLambdaService service, Duration timeout) {
    return new LambdaHBeeInvoker(
        vertx,
        new LambdaInvokerConfig(
            "buzz-hbee",
            "us-east-1",
            Optional.of(URI.create(service.endpoint())),
            64,
            timeout,
            LambdaInvokerConfig.LOCAL_CREDENTIALS));
  }

  private static LambdaHBeeInvoker invoker(
      Vertx vertx, HBeeFunction function, int concurrency, Duration timeout) {
    return invoker(vertx, service(vertx, function, concurrency), timeout);
  }

  @Test
  void returnsTheReportOfTheFunction(Vertx vertx) throws InterruptedException {
    try (LambdaHBeeInvoker invoker = invoker(vertx, ECHO, 128, Duration.ofSeconds(10))) {
      List<Future<TaskReport>> reports = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        reports.add(invoker.invoke(task(i)));
      }
      for (int i = 0; i < 100; i++) {
        TaskReport report = await(reports.get(i));
        assertThat(report.getTaskId()).isEqualTo(i);
        assertThat(report.getMetrics().getRowsScanned()).isEqualTo(42);
      }
      // Every call's timeout timer is gone with its call, not queued until it would have fired
      // (the SDK cancels it on the thread that completed the call: waited for).
      long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      while (invoker.pendingTimeouts() > 0 && System.nanoTime() < deadline) {
        Thread.sleep(1);
      }
      assertThat(invoker.pendingTimeouts()).isZero();
    }
  }

  @Test
  void aThrowingFunctionFailsWithItsCodeAndMessage(Vertx vertx) {
    HBeeFunction failing =
        task -> Future.failedFuture(BuzzException.notFound("s3://b/k.parquet does not exist"));
    try (LambdaHBeeInvoker invoker = invoker(vertx, failing, 8, Duration.ofSeconds(10))) {
      assertThatThrownBy(() -> await(invoker.invoke(task(3))))
          .isInstanceOfSatisfying(
              BuzzException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND))
          .hasMessageContaining("task 3")
          .hasMessageContaining("s3://b/k.parquet does not exist");
    }
  }

  @Test
  void invocationsBeyondTheConcurrencyLimitAreThrottled(Vertx vertx) {
    Promise<TaskReport> never = Promise.promise();
    LocalLambdaService service = service(vertx, task -> never.future(), 1);
    try (LambdaHBeeInvoker invoker = invoker(vertx, service, Duration.ofSeconds(10))) {
      Future<TaskReport> first = invoker.invoke(task(0));
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (service.invocations() == 0 && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      assertThat(service.invocations()).as("the first invocation holds the only slot").isEqualTo(1);
      assertThatThrownBy(() -> await(invoker.invoke(task(1))))
          .isInstanceOfSatisfying(
              BuzzException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.THROTTLED))
          .hasMessageContaining("throttled");
      never.complete(TaskReport.getDefaultInstance());
      assertThat(await(first)).isNotNull();
    }
  }

  /**
   * Over HTTPS, as on AWS: the client's code is unchanged, and it trusts what the JVM trusts — here
   * the twin's certificate, named by the JDK's trust-store properties, as a deployment names a
   * private CA. Before that, the same certificate is refused: the peer is verified, and no retry
   * would help. The JDK reads the properties when a client makes its TLS context: the second
   * invoker has new clients.
   */
  @Test
  @ResourceLock(Resources.SYSTEM_PROPERTIES)
  void invokesOverHttpsTrustingOnlyWhatTheJvmTrusts(Vertx vertx, @TempDir Path dir)
      throws IOException {
    LoopbackTls tls = LoopbackTls.create(dir);
    LocalLambdaService service =
        new LocalLambdaService(
            new LocalLambdaConfig("127.0.0.1", 0, "buzz-hbee", 8).withTls(tls.keyCertOptions()),
            ECHO);
    await(vertx.deployVerticle(service));
    assertThat(service.endpoint()).startsWith("https://127.0.0.1:");
    try (LambdaHBeeInvoker invoker = invoker(vertx, service, Duration.ofSeconds(10))) {
      assertThatThrownBy(() -> await(invoker.invoke(task(1))))
          .isInstanceOfSatisfying(
              BuzzException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CONFIG))
          .hasMessageContaining("task 1")
          .hasMessageContaining("TLS with 127.0.0.1:" + service.port() + " failed")
          .hasMessageContaining("buzz.aws.endpoint.lambda")
          .hasMessageContaining("certification path");
    }
    Map<String, String> saved = new HashMap<>();
    for (String option : tls.trustingJvmOptions()) {
      String[] property = option.substring("-D".length()).split("=", 2);
      saved.put(property[0], System.getProperty(property[0]));
      System.setProperty(property[0], property[1]);
    }
    try (LambdaHBeeInvoker invoker = invoker(vertx, service, Duration.ofSeconds(10))) {
      for (int i = 0; i < 20; i++) {
        assertThat(await(invoker.invoke(task(i))).getTaskId()).isEqualTo(i);
      }
    } finally {
      saved.forEach(
          (name, value) -> {
            if (value == null) {
              System.clearProperty(name);
            } else {
              System.setProperty(name, value);
            }
          });
    }
  }

  /**
   * An endpoint that takes the TCP connection but never answers the TLS handshake: the handshake
   * times out after the transport's 5 s (not Vert.x's 10 s, not the invocation's timeout), and the
   * error says so.
   */
  @Test
  void aTlsHandshakeThatNeverEndsTimesOutSayingSo(Vertx vertx) throws IOException {
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      LambdaInvokerConfig config =
          new LambdaInvokerConfig(
              "buzz-hbee",
              "us-east-1",
              Optional.of(URI.create("https://127.0.0.1:" + silent.getLocalPort())),
              4,
              Duration.ofSeconds(60),
              LambdaInvokerConfig.LOCAL_CREDENTIALS);
      try (LambdaHBeeInvoker invoker = new LambdaHBeeInvoker(vertx, config)) {
        assertThatThrownBy(() -> await(invoker.invoke(task(4))))
            .isInstanceOfSatisfying(
                BuzzException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.DEADLINE_EXCEEDED))
            .hasMessageContaining("task 4")
            .hasMessageContaining("5000")
            .hasMessageNotContaining("no answer within");
      }
    }
  }

  @Test
  void anInvocationThatNeverAnswersTimesOut(Vertx vertx) {
    Promise<TaskReport> never = Promise.promise();
    try (LambdaHBeeInvoker invoker =
        invoker(vertx, task -> never.future(), 8, Duration.ofMillis(500))) {
      assertThatThrownBy(() -> await(invoker.invoke(task(7))))
          .isInstanceOfSatisfying(
              BuzzException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.DEADLINE_EXCEEDED))
          .hasMessageContaining("task 7")
          .hasMessageContaining("500 ms");
    }
  }

  @Test
  void anUnreachableEndpointIsUnavailable(Vertx vertx) {
    LambdaInvokerConfig config =
        new LambdaInvokerConfig(
            "buzz-hbee",
            "us-east-1",
            Optional.of(URI.create("http://127.0.0.1:1")),
            4,
            // A refused connection answers at once; the timeout only guards against a hang, and
            // is long enough that a loaded machine's slow refusal is still seen as one.
            Duration.ofSeconds(15),
            LambdaInvokerConfig.LOCAL_CREDENTIALS);
    try (LambdaHBeeInvoker invoker = new LambdaHBeeInvoker(vertx, config)) {
      assertThatThrownBy(() -> await(invoker.invoke(task(1))))
          .isInstanceOfSatisfying(
              BuzzException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE));
    }
  }

  @Test
  void aFunctionThatDoesNotExistIsAConfigurationErrorNamingTheSetting(Vertx vertx) {
    LocalLambdaService service = service(vertx, task -> Promise.<TaskReport>promise().future(), 4);
    LambdaInvokerConfig config =
        new LambdaInvokerConfig(
            "buzz-hbee-typo",
            "eu-west-1",
            Optional.of(URI.create(service.endpoint())),
            4,
            Duration.ofSeconds(10),
            LambdaInvokerConfig.LOCAL_CREDENTIALS);
    try (LambdaHBeeInvoker invoker = new LambdaHBeeInvoker(vertx, config)) {
      assertThatThrownBy(() -> await(invoker.invoke(task(2))))
          .isInstanceOfSatisfying(
              BuzzException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CONFIG))
          .hasMessageContaining("buzz-hbee-typo")
          .hasMessageContaining("buzz.aws.hbee.function")
          .hasMessageContaining("eu-west-1");
    }
  }

  @Test
  void lambdaSandboxErrorsAreClassifiedForRetries() {
    byte[] timeout =
        "{\"errorType\":\"Sandbox.Timedout\",\"errorMessage\":\"Task timed out after 3.00 seconds\"}"
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] exit =
        "{\"errorType\":\"Runtime.ExitError\",\"errorMessage\":\"Runtime exited with error: signal: killed\"}"
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] ours =
        "{\"errorType\":\"io.buzz.error.FunctionError\",\"errorMessage\":\"[INVALID_CONFIG] the setting aws.region is required\"}"
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    assertThat(LambdaFunctionErrors.classify("HBee", timeout).code())
        .isEqualTo(ErrorCode.DEADLINE_EXCEEDED);
    assertThat(LambdaFunctionErrors.classify("HBee", exit).code()).isEqualTo(ErrorCode.UNAVAILABLE);
    BuzzException config = LambdaFunctionErrors.classify("HBee", ours);
    assertThat(config.code()).isEqualTo(ErrorCode.INVALID_CONFIG);
    assertThat(config.getMessage()).endsWith("the setting aws.region is required");
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.await(30, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("future did not complete", e);
    }
  }
}
