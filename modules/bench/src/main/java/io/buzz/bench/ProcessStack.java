package io.buzz.bench;

import static java.util.Objects.requireNonNull;

import io.buzz.config.Settings;
import io.buzz.fuse.aws.AwsSettings;
import io.buzz.fuse.aws.FuseServer;
import io.buzz.hbee.HBeeFunction;
import io.buzz.local.twin.AwsTwins;
import io.buzz.local.twin.LoopbackTls;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Buzz as three processes, so that each one's CPU time is measured apart: the Fuse ({@link
 * FuseProcessMain}) in a JVM of its own, wired to the twins through its AWS settings as on AWS; the
 * HComb an ECS-twin task process; the Lambda twin in this process, running {@code hbees} (the
 * bench's synthetic HBees, which cost little to host).
 *
 * <pre>
 *   bench ─gRPC─▶ Fuse process ─LambdaAsyncClient─▶ Lambda twin + HBees (this process)
 *                              ─EcsAsyncClient────▶ ECS twin ─▶ HComb process ◀─DoPut─ HBees
 * </pre>
 *
 * <p>The HComb starts with the first query. On {@link #close} both processes stop; their logs are
 * removed unless {@link #keepLogs} was called.
 */
final class ProcessStack implements AutoCloseable {
  /** The HComb task's memory: the deployment's default Fargate size (its heap 40%, committed). */
  static final int HCOMB_TASK_MEMORY_MB = 8192;

  private final Path work;
  private final AwsTwins twins;
  private final Process fuse;
  private final int port;
  private final AtomicLong fuseJitMillis;
  private final ProcStat.CompilerTime hcombJit = new ProcStat.CompilerTime();
  private boolean keepLogs;

  private ProcessStack(
      Path work, AwsTwins twins, Process fuse, int port, AtomicLong fuseJitMillis) {
    this.work = work;
    this.twins = twins;
    this.fuse = fuse;
    this.port = port;
    this.fuseJitMillis = fuseJitMillis;
  }

  /**
   * The option of {@link #start}'s {@code fuseOptions} that puts its value first on the class path.
   */
  static final String CLASSPATH_PREFIX = "--classpath-prefix=";

  /**
   * The option of {@link #start}'s {@code fuseOptions} that has the Lambda twin serve HTTPS, as
   * Lambda does, with a certificate the Fuse process trusts ({@link LoopbackTls}).
   */
  static final String LAMBDA_TLS = "--lambda-tls";

  /**
   * A JVM option choosing a collector: the Fuse's own (in {@link FuseServer#JVM_FLAGS}) then
   * yields.
   */
  private static final Pattern COLLECTOR = Pattern.compile("-XX:[+-]Use\\w+GC");

  /** The Fuse processes of every stack of this JVM: not HCombs, though descendants too. */
  private static final Set<Long> FUSES = ConcurrentHashMap.newKeySet();

  /**
   * Starts the twins and the Fuse process, whose queries may have {@code maxTasks} tasks and {@code
   * inFlight} invocations at once (the Lambda twin's concurrency too).
   *
   * @param fuseOptions more JVM options of the Fuse process; {@value #CLASSPATH_PREFIX}PATH puts
   *     PATH first on its class path, {@value #LAMBDA_TLS} has it invoke over HTTPS
   */
  static ProcessStack start(
      HBeeFunction hbees,
      int maxTasks,
      int inFlight,
      Duration queryTimeout,
      List<String> fuseOptions)
      throws IOException {
    requireNonNull(hbees, "hbees is null");
    Path work = Files.createTempDirectory("buzz-bench-processes");
    // Data are file://: no S3 request is made, the S3 endpoint only has to be well-formed.
    AwsTwins.Config config =
        AwsTwins.Config.of(URI.create("http://127.0.0.1:9"), "bench", "bench", work)
            .withLambdaConcurrency(inFlight)
            .withHCombTaskMemoryMb(HCOMB_TASK_MEMORY_MB);
    List<String> jvmOptions = new ArrayList<>(fuseOptions);
    AwsTwins twins;
    try {
      if (jvmOptions.removeIf(LAMBDA_TLS::equals)) {
        LoopbackTls tls = LoopbackTls.create(work);
        config = config.withLambdaTls(tls);
        jvmOptions.addAll(tls.trustingJvmOptions());
      }
      twins = AwsTwins.startWithFunction(config, hbees);
    } catch (IOException | RuntimeException e) {
      try {
        BenchData.deleteRecursively(work);
      } catch (IOException left) {
        e.addSuppressed(left);
      }
      throw e;
    }
    Process fuse = null;
    try {
      fuse = startFuse(twins.settings(), maxTasks, inFlight, queryTimeout, work, jvmOptions);
      FUSES.add(fuse.pid());
      AtomicLong jit = new AtomicLong(-1);
      return new ProcessStack(work, twins, fuse, awaitPort(fuse, work, jit), jit);
    } catch (IOException | RuntimeException e) {
      if (fuse != null) {
        FUSES.remove(fuse.pid());
        fuse.destroy();
      }
      twins.close();
      throw e;
    }
  }

  /** The Fuse's query API on 127.0.0.1. */
  int port() {
    return port;
  }

  /** The Fuse process's CPU time so far, in nanoseconds. */
  long fuseCpuNanos() {
    return cpuNanos(fuse.toHandle());
  }

  /**
   * The part of the Fuse process's CPU time spent in the kernel so far (system time: its sockets'
   * reads and writes, with loopback delivery to the twins), in nanoseconds; -1 where {@code
   * /proc/<pid>/stat} cannot be read.
   */
  long fuseKernelCpuNanos() {
    return ProcStat.kernelNanos(fuse.pid());
  }

  /**
   * The milliseconds the Fuse process's JIT has compiled so far, as it last said (every {@value
   * FuseProcessMain#JIT_EVERY_MS} ms), or -1 when it does not say.
   */
  long fuseJitMillis() {
    return fuseJitMillis.get();
  }

  /** The CPU time so far of this process's other descendants: the ECS twin's HComb. */
  long hcombCpuNanos() {
    return hcombs().mapToLong(ProcessStack::cpuNanos).sum();
  }

  /**
   * The milliseconds the HComb's JIT compiler threads have run so far (read from {@code /proc}; 0
   * where it cannot be read).
   */
  long hcombJitMillis() {
    return hcombJit.millis(hcombs().map(ProcessHandle::pid));
  }

  /**
   * This JVM's other descendants: the HCombs of its stacks. With two stacks, both HCombs: the one
   * not serving a query adds next to nothing to its CPU time.
   */
  private Stream<ProcessHandle> hcombs() {
    return ProcessHandle.current()
        .descendants()
        .filter(
            p ->
                !FUSES.contains(p.pid())
                    && !FUSES.contains(p.parent().map(ProcessHandle::pid).orElse(0L)));
  }

  /** Keeps the processes' logs (a run failed); says where. */
  Path keepLogs() {
    keepLogs = true;
    return work;
  }

  @Override
  public void close() throws IOException {
    fuse.destroy();
    try {
      fuse.waitFor(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    FUSES.remove(fuse.pid());
    twins.close(); // stops the HComb process too
    if (!keepLogs) {
      BenchData.deleteRecursively(work);
    }
  }

  private static Process startFuse(
      Settings aws,
      int maxTasks,
      int inFlight,
      Duration queryTimeout,
      Path work,
      List<String> options)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.add("--add-opens=java.base/java.nio=ALL-UNNAMED");
    List<String> jvmOptions = new ArrayList<>();
    String extra = System.getenv("BUZZ_BENCH_FUSE_JAVA_OPTS"); // e.g. a profiler agent
    if (extra != null && !extra.isBlank()) {
      jvmOptions.addAll(List.of(extra.trim().split("\\s+")));
    }
    String classPath = System.getProperty("java.class.path");
    for (String option : options) {
      if (option.startsWith(CLASSPATH_PREFIX)) {
        classPath = option.substring(CLASSPATH_PREFIX.length()) + File.pathSeparator + classPath;
      } else {
        jvmOptions.add(option);
      }
    }
    // The image's flags first (the options after them win), but not its collector when the
    // options name one: a second collector stops the JVM.
    boolean ownCollector = jvmOptions.stream().anyMatch(o -> COLLECTOR.matcher(o).matches());
    for (String flag : FuseServer.JVM_FLAGS) {
      if (!(ownCollector && COLLECTOR.matcher(flag).matches())) {
        command.add(flag);
      }
    }
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(classPath);
    command.add(FuseProcessMain.class.getName());
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectError(work.resolve("fuse.log").toFile())
            .redirectOutput(ProcessBuilder.Redirect.PIPE);
    Map<String, String> env = builder.environment();
    for (String name : AwsSettings.NAMES) {
      aws.optional(name).ifPresent(value -> env.put(Settings.environmentName(name), value));
    }
    env.put("AWS_ACCESS_KEY_ID", "bench");
    env.put("AWS_SECRET_ACCESS_KEY", "bench");
    env.put("BUZZ_BENCH_FUSE_MAX_TASKS", Integer.toString(maxTasks));
    env.put("BUZZ_BENCH_FUSE_IN_FLIGHT", Integer.toString(inFlight));
    env.put("BUZZ_BENCH_FUSE_TIMEOUT_MS", Long.toString(queryTimeout.toMillis()));
    return builder.start();
  }

  /**
   * Reads the Fuse's port from its output, then drains the output on a daemon thread, keeping the
   * JIT time it reports in {@code jit}.
   */
  private static int awaitPort(Process fuse, Path work, AtomicLong jit) throws IOException {
    CompletableFuture<Integer> port = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader lines =
                  new BufferedReader(
                      new InputStreamReader(fuse.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                  if (line.startsWith(FuseProcessMain.JIT)) {
                    jit.set(Long.parseLong(line.substring(FuseProcessMain.JIT.length()).trim()));
                  } else if (line.startsWith(FuseProcessMain.READY)) {
                    port.complete(
                        Integer.parseInt(line.substring(FuseProcessMain.READY.length()).trim()));
                  }
                }
              } catch (IOException | NumberFormatException e) {
                port.completeExceptionally(e);
              }
              port.complete(-1);
            },
            "bench-fuse-process-output");
    reader.setDaemon(true);
    reader.start();
    int answer;
    try {
      answer = port.get(120, TimeUnit.SECONDS);
    } catch (Exception e) {
      answer = -1;
    }
    if (answer < 0) {
      List<String> log = Files.readAllLines(work.resolve("fuse.log"));
      throw new IllegalStateException(
          "the Fuse process did not start"
              + (log.isEmpty() ? "" : ": " + log.get(log.size() - 1))
              + " (log: "
              + work.resolve("fuse.log")
              + ")");
    }
    return answer;
  }

  private static long cpuNanos(ProcessHandle process) {
    return process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
  }
}
