package io.buzz.bench;

import io.buzz.fuse.FuseConfig;
import io.buzz.fuse.aws.AwsFuse;
import io.buzz.fuse.aws.AwsSettings;
import io.buzz.fuse.aws.FuseServer;
import io.buzz.fuse.query.DispatchConfig;
import io.buzz.fuse.query.TaskPacking;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The Fuse of the fan-out bench in a process of its own ({@link FuseProcessFanOut}): the AWS wiring
 * ({@link AwsFuse}, its settings from the {@code BUZZ_AWS_*} variables the bench sets to the
 * twins), one HBee task per file, the query API on a free loopback port. It prints {@value #READY}
 * and the port, then serves until its standard input closes — so it never outlives the bench that
 * started it. Meanwhile it prints {@value #JIT} and its JIT's compile time so far every {@value
 * #JIT_EVERY_MS} ms: the bench warms it up until its JIT is quiet, and reports the JIT's share.
 *
 * <table>
 *   <caption>Environment besides the AWS settings</caption>
 *   <tr><td>{@code BUZZ_BENCH_FUSE_MAX_TASKS}</td><td>tasks a query may fan out to</td></tr>
 *   <tr><td>{@code BUZZ_BENCH_FUSE_IN_FLIGHT}</td><td>invocations in flight per query</td></tr>
 *   <tr><td>{@code BUZZ_BENCH_FUSE_TIMEOUT_MS}</td><td>the query timeout</td></tr>
 * </table>
 */
public final class FuseProcessMain {
  /** The line's prefix that gives the query API's port. */
  static final String READY = "buzz-bench-fuse: port ";

  /** The line's prefix that gives the milliseconds this process's JIT has compiled so far. */
  static final String JIT = "buzz-bench-fuse: jit-ms ";

  static final long JIT_EVERY_MS = 200;

  private FuseProcessMain() {}

  public static void main(String[] args) throws IOException {
    Map<String, String> env = System.getenv();
    DispatchConfig dispatch = DispatchConfig.defaults();
    FuseConfig config =
        FuseConfig.defaults()
            .withQueryTimeout(
                Duration.ofMillis(Long.parseLong(env.get("BUZZ_BENCH_FUSE_TIMEOUT_MS"))))
            .withMaxTasks(Integer.parseInt(env.get("BUZZ_BENCH_FUSE_MAX_TASKS")))
            .withPacking(TaskPacking.ONE_FILE_PER_TASK)
            .withDispatch(
                new DispatchConfig(
                    Integer.parseInt(env.get("BUZZ_BENCH_FUSE_IN_FLIGHT")),
                    dispatch.maxAttempts(),
                    dispatch.retryBackoff(),
                    dispatch.maxBackoff(),
                    dispatch.hedging()));
    AwsSettings settings = AwsSettings.load(Optional.empty(), env, true);
    try (FuseServer server =
        FuseServer.start(
            AwsFuse.start(settings, AwsFuse.credentials(settings), config), "127.0.0.1", 0, -1)) {
      // The JIT's time first: the bench reads it before the first query once it has the port.
      System.out.println(JIT + WarmUp.compiledMillis());
      System.out.println(READY + server.port());
      System.out.flush();
      reportJit();
      while (System.in.read() >= 0) {
        // the bench keeps the pipe open while it needs this Fuse
      }
    }
  }

  private static void reportJit() {
    Thread reporter =
        new Thread(
            () -> {
              try {
                while (true) {
                  System.out.println(JIT + WarmUp.compiledMillis());
                  System.out.flush();
                  Thread.sleep(JIT_EVERY_MS);
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "buzz-bench-fuse-jit");
    reporter.setDaemon(true);
    reporter.start();
  }
}
