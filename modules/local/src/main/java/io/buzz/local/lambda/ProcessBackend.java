package io.buzz.local.lambda;

import static java.util.Objects.requireNonNull;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Lambda twin's execution environments: each a JVM process of its own that runs the function's
 * deployment package through the real runtime interface client ({@code
 * com.amazonaws.services.lambda.runtime.api.client.AWSLambda}), polling a Runtime API that this
 * backend serves for it on loopback.
 *
 * <pre>
 *   invoke ─▶ idle environment? ──yes──▶ hand it the invocation
 *                  │ no
 *                  ▼
 *             start one: Runtime API server (port 0) + java -cp runtime-jars AWSLambda handler
 *                        (LAMBDA_TASK_ROOT = the unpacked zip, AWS_LAMBDA_RUNTIME_API = host:port)
 *   runtime:  GET  /2018-06-01/runtime/invocation/next        ◀── parked until an invocation
 *             POST /2018-06-01/runtime/invocation/{id}/response ─▶ the Invoke answer
 *             POST /2018-06-01/runtime/invocation/{id}/error    ─▶ a function error
 *             POST /2018-06-01/runtime/init/error               ─▶ a function error; killed
 * </pre>
 *
 * <p>As on Lambda: an environment runs one invocation at a time and is reused while warm (and
 * stopped after {@link ProcessFunctionConfig#idleTimeout()}); an invocation past the function's
 * timeout ends with a {@code Sandbox.Timedout} error and its environment is killed; an environment
 * whose process exits mid-invocation answers {@code Runtime.ExitError}. The concurrency limit (429)
 * is the Invoke API's ({@link LocalLambdaService}), which never lets more invocations in than
 * environments may exist.
 *
 * <p>All state is confined to one Vert.x context; {@link #invoke} may be called from any.
 */
public final class ProcessBackend implements FunctionBackend {
  private static final Pattern RESPONSE =
      Pattern.compile("/2018-06-01/runtime/invocation/([^/]+)/(response|error)");
  private static final String NEXT = "/2018-06-01/runtime/invocation/next";
  private static final String INIT_ERROR = "/2018-06-01/runtime/init/error";
  private static final System.Logger LOG = System.getLogger(ProcessBackend.class.getName());

  private final Vertx vertx;
  private final Context context;
  private final ProcessFunctionConfig config;
  private final Path taskRoot;
  private final String runtimeClassPath;
  private final Deque<ExecutionEnvironment> idle = new ArrayDeque<>();
  private final List<ExecutionEnvironment> all = new ArrayList<>();
  private final List<ColdStart> coldStarts = new CopyOnWriteArrayList<>();
  private int nextId = 1;
  private int killNext;
  private long killAfterMillis;
  private int stallNext;
  private boolean closed;

  /**
   * What one environment's start cost.
   *
   * @param processToReadyMillis process spawned until its runtime asked for the first invocation
   *     (JVM start, runtime interface client, handler class loaded and constructed)
   * @param firstInvocationMillis that first invocation, from the runtime receiving it to its
   *     response (lazy initialization included)
   * @param taskMillis of which the HBee task itself took (its report's duration), so the rest is
   *     the function's lazy initialization; 0 when the response is not an HBee report
   * @param firstRequestMillis from the task's start to its first storage request (the footer's)
   */
  public record ColdStart(
      int environment,
      double processToReadyMillis,
      double firstInvocationMillis,
      double taskMillis,
      double firstRequestMillis) {
    /** The first invocation's time outside the task: lazy initialization of the function. */
    public double initMillis() {
      return Math.max(0, firstInvocationMillis - taskMillis);
    }

    /**
     * Process start until the HBee requested its first byte: ready, lazy init, the task up to its
     * first request (the response's few bytes after the task are counted in the init).
     */
    public double processToFirstRequestMillis() {
      return processToReadyMillis + initMillis() + firstRequestMillis;
    }
  }

  /**
   * Unpacks the function's package (once) below {@code java.io.tmpdir}; environments start on
   * demand. Build it outside a Vert.x event loop: unpacking blocks.
   */
  public ProcessBackend(Vertx vertx, ProcessFunctionConfig config) {
    this.vertx = requireNonNull(vertx, "vertx is null");
    this.config = requireNonNull(config, "config is null");
    this.context = vertx.getOrCreateContext();
    try {
      Path root = Path.of(System.getProperty("java.io.tmpdir"), "buzz-lambda-twin");
      Files.createDirectories(root);
      Files.createDirectories(config.logDirectory());
      this.taskRoot = FunctionCode.unpack(config.code(), root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.runtimeClassPath = FunctionCode.runtimeClassPath();
  }

  @Override
  public Future<FunctionResult> invoke(byte[] payload) {
    Promise<FunctionResult> result = Promise.promise();
    context.runOnContext(v -> start(payload).onComplete(result));
    return result.future();
  }

  /** Environments started so far and what their starts cost. */
  public List<ColdStart> coldStarts() {
    return List.copyOf(coldStarts);
  }

  /** Environments alive now (busy or idle); read on any thread, approximate. */
  public synchronized int environments() {
    return all.size();
  }

  private Future<FunctionResult> start(byte[] payload) {
    if (closed) {
      return Future.failedFuture("the Lambda twin is closed");
    }
    ExecutionEnvironment env = idle.pollFirst();
    boolean cold = env == null;
    if (env == null) {
      env = launch();
    } else if (env.idleTimer >= 0) {
      vertx.cancelTimer(env.idleTimer);
      env.idleTimer = -1;
    }
    long timeoutMillis = config.timeout().toMillis();
    Invocation invocation =
        new Invocation(payload, System.currentTimeMillis() + timeoutMillis, cold);
    env.current = invocation;
    env.delivered = false;
    ExecutionEnvironment running = env;
    invocation.timer = vertx.setTimer(timeoutMillis, id -> timedOut(running, invocation));
    if (stallNext > 0) {
      stallNext--;
      env.delivered = true; // never handed to the runtime: it runs into the function's timeout
      return invocation.result.future();
    }
    if (killNext > 0) {
      killNext--;
      vertx.setTimer(
          Math.max(1, killAfterMillis),
          id -> {
            if (running.current != invocation) {
              return;
            }
            if (running.process != null) {
              running.process.destroyForcibly(); // the runtime dies mid-invocation
            } else {
              running.killWhenSpawned = true; // still starting: it dies as soon as it exists
            }
          });
    }
    deliverIfWaiting(env);
    return invocation.result.future();
  }

  /** Starts an environment: its Runtime API server, then its process. */
  private ExecutionEnvironment launch() {
    ExecutionEnvironment env = new ExecutionEnvironment(nextId++);
    synchronized (this) {
      all.add(env);
    }
    vertx
        .createHttpServer()
        .requestHandler(request -> route(env, request))
        .listen(0, "127.0.0.1")
        .compose(
            server -> {
              env.runtimeApi = server;
              if (env.dead || closed) {
                server.close(); // killed (timed out, twin closed) while its server was starting
                return Future.failedFuture("the environment was stopped while starting");
              }
              return vertx.executeBlocking(() -> spawn(env, server.actualPort()), false);
            })
        .onComplete(
            started -> {
              if (started.failed()) {
                fail(
                    env,
                    FunctionResult.error(
                        "Runtime.StartError",
                        "the Lambda twin could not start "
                            + env.describe()
                            + ": "
                            + started.cause().getMessage()));
                return;
              }
              env.process = started.result();
              if (closed || env.dead || env.killWhenSpawned) {
                // Stopped (timed out, twin closed) or meant to die (a drill) while it was spawning.
                env.process.destroyForcibly();
                if (env.runtimeApi != null && env.dead) {
                  env.runtimeApi.close();
                }
              }
              env.process
                  .onExit()
                  .thenAccept(p -> context.runOnContext(v -> exited(env, p.exitValue())));
            });
    return env;
  }

  private Process spawn(ExecutionEnvironment env, int port) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(config.jvmFlags());
    // The managed runtime's own flags: heap from the memory size, IPv4, CRaC hooks routed to the
    // runtime interface client, fatal errors to stderr.
    command.add("-XX:MaxHeapSize=" + (config.memoryMb() * 85L / 100) + "m");
    command.add("-Djava.net.preferIPv4Stack=true");
    command.add("-XX:+ErrorFileToStderr");
    command.add("-Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac");
    command.add("-classpath");
    command.add(runtimeClassPath);
    command.add("com.amazonaws.services.lambda.runtime.api.client.AWSLambda");
    command.add(config.handler());
    ProcessBuilder builder = new ProcessBuilder(command).directory(taskRoot.toFile());
    Map<String, String> env0 = builder.environment();
    String path = env0.getOrDefault("PATH", "/usr/bin:/bin");
    env0.clear(); // nothing of the caller's environment leaks in (credentials, profiles)
    env0.put("PATH", path);
    env0.put("TZ", ":UTC");
    env0.put("LANG", "en_US.UTF-8");
    env0.put("HOME", System.getProperty("java.io.tmpdir"));
    env0.put("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:" + port);
    env0.put("LAMBDA_TASK_ROOT", taskRoot.toString());
    env0.put("LAMBDA_RUNTIME_DIR", taskRoot.toString());
    env0.put("_HANDLER", config.handler());
    env0.put("AWS_EXECUTION_ENV", "AWS_Lambda_java21");
    env0.put("AWS_LAMBDA_FUNCTION_NAME", config.functionName());
    env0.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
    env0.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(config.memoryMb()));
    env0.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + config.functionName());
    env0.put("AWS_LAMBDA_LOG_STREAM_NAME", "twin/" + env.id);
    env0.putAll(config.environment());
    Path log = config.logDirectory().resolve(config.functionName() + "-env-" + env.id + ".log");
    builder
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    return builder.start();
  }

  private void route(ExecutionEnvironment env, HttpServerRequest request) {
    String path = request.path();
    if (request.method() == HttpMethod.GET && NEXT.equals(path)) {
      if (env.readyNanos == 0) {
        env.readyNanos = System.nanoTime();
      }
      if (env.waitingNext != null) {
        env.waitingNext.response().setStatusCode(409).end();
      }
      env.waitingNext = request;
      deliverIfWaiting(env);
      return;
    }
    if (request.method() == HttpMethod.POST && INIT_ERROR.equals(path)) {
      request
          .body()
          .onSuccess(
              body -> {
                accepted(request);
                fail(env, errorDocument(request, body, "Runtime.InitError"));
              });
      return;
    }
    Matcher matcher = RESPONSE.matcher(path);
    if (request.method() == HttpMethod.POST && matcher.matches()) {
      String requestId = matcher.group(1);
      boolean error = matcher.group(2).equals("error");
      request
          .body()
          .onSuccess(
              body -> {
                accepted(request);
                FunctionResult result =
                    error
                        ? errorDocument(request, body, "Runtime.UnknownError")
                        : new FunctionResult(body.getBytes(), false);
                finished(env, requestId, result);
              });
      return;
    }
    request.response().setStatusCode(404).end();
  }

  private static void accepted(HttpServerRequest request) {
    request
        .response()
        .setStatusCode(202)
        .putHeader("Content-Type", "application/json")
        .end("{\"status\":\"OK\"}");
  }

  /** The runtime's error body as the Invoke API returns it: a JSON error document. */
  private static FunctionResult errorDocument(
      HttpServerRequest request, Buffer body, String defaultType) {
    try {
      JsonObject document = new JsonObject(body);
      if (!document.containsKey("errorType")) {
        String type = request.getHeader("Lambda-Runtime-Function-Error-Type");
        document.put("errorType", type == null ? defaultType : type);
      }
      return new FunctionResult(document.toBuffer().getBytes(), true);
    } catch (RuntimeException e) {
      return FunctionResult.error(defaultType, body.toString());
    }
  }

  private void deliverIfWaiting(ExecutionEnvironment env) {
    if (env.current == null || env.delivered || env.waitingNext == null) {
      return;
    }
    Invocation invocation = env.current;
    HttpServerRequest next = env.waitingNext;
    env.waitingNext = null;
    env.delivered = true;
    next.response()
        .putHeader("Content-Type", "application/json")
        .putHeader("Lambda-Runtime-Aws-Request-Id", invocation.requestId)
        .putHeader("Lambda-Runtime-Deadline-Ms", Long.toString(invocation.deadlineEpochMillis))
        .putHeader(
            "Lambda-Runtime-Invoked-Function-Arn",
            "arn:aws:lambda:us-east-1:000000000000:function:" + config.functionName())
        .putHeader("Lambda-Runtime-Trace-Id", "Root=1-00000000-" + invocation.requestId)
        .end(Buffer.buffer(invocation.payload));
  }

  private void finished(ExecutionEnvironment env, String requestId, FunctionResult result) {
    Invocation invocation = env.current;
    if (invocation == null || !invocation.requestId.equals(requestId)) {
      return; // late: the invocation timed out already
    }
    vertx.cancelTimer(invocation.timer);
    env.current = null;
    if (invocation.coldStart) {
      double ready = (env.readyNanos - env.spawnNanos) / 1e6;
      double first = (System.nanoTime() - Math.max(env.readyNanos, invocation.startNanos)) / 1e6;
      io.buzz.protocol.task.TaskMetrics metrics = taskMetrics(result);
      coldStarts.add(
          new ColdStart(
              env.id,
              ready,
              first,
              metrics.getDurationMicros() / 1000.0,
              metrics.getFirstRequestMicros() / 1000.0));
    }
    invocation.result.tryComplete(result);
    if (closed || env.dead) {
      return;
    }
    idle.addFirst(env); // the most recently used first, as Lambda prefers warm environments
    env.idleTimer =
        vertx.setTimer(
            config.idleTimeout().toMillis(),
            id -> {
              env.idleTimer = -1;
              if (env.current == null) {
                kill(env);
              }
            });
  }

  /** The task's figures when {@code result} is an HBee report, else empty ones. */
  private static io.buzz.protocol.task.TaskMetrics taskMetrics(FunctionResult result) {
    if (result.functionError()) {
      return io.buzz.protocol.task.TaskMetrics.getDefaultInstance();
    }
    try {
      return io.buzz.protocol.lambda.HBeePayloads.parseReport(result.payload()).getMetrics();
    } catch (RuntimeException notAReport) {
      return io.buzz.protocol.task.TaskMetrics.getDefaultInstance();
    }
  }

  private void timedOut(ExecutionEnvironment env, Invocation invocation) {
    if (env.current != invocation) {
      return;
    }
    double seconds = config.timeout().toMillis() / 1000.0;
    fail(
        env,
        FunctionResult.error(
            "Sandbox.Timedout",
            "RequestId: "
                + invocation.requestId
                + " Error: Task timed out after "
                + String.format(Locale.ROOT, "%.2f", seconds)
                + " seconds"));
  }

  /** Ends the environment's invocation with {@code error} and kills the environment. */
  private void fail(ExecutionEnvironment env, FunctionResult error) {
    Invocation invocation = env.current;
    env.current = null;
    if (invocation != null) {
      vertx.cancelTimer(invocation.timer);
      invocation.result.tryComplete(error);
    }
    kill(env);
  }

  private void exited(ExecutionEnvironment env, int status) {
    if (!env.dead && !closed) {
      LOG.log(System.Logger.Level.DEBUG, env.describe() + " exited with status " + status);
    }
    Invocation invocation = env.current;
    if (invocation != null) {
      env.current = null;
      vertx.cancelTimer(invocation.timer);
      invocation.result.tryComplete(
          FunctionResult.error(
              "Runtime.ExitError",
              "RequestId: "
                  + invocation.requestId
                  + " Error: Runtime exited with error: exit status "
                  + status));
    }
    kill(env);
  }

  private void kill(ExecutionEnvironment env) {
    if (env.dead) {
      return;
    }
    env.dead = true;
    idle.remove(env);
    synchronized (this) {
      all.remove(env);
    }
    if (env.idleTimer >= 0) {
      vertx.cancelTimer(env.idleTimer);
    }
    if (env.process != null) {
      env.process.destroyForcibly();
    }
    if (env.runtimeApi != null) {
      env.runtimeApi.close();
    }
  }

  /**
   * Fault drill: the next {@code count} invocations' environments are killed {@code after} their
   * start, while they run (an out-of-memory kill, a crashed runtime).
   */
  public void killNext(int count, java.time.Duration after) {
    context.runOnContext(
        v -> {
          killNext = count;
          killAfterMillis = after.toMillis();
        });
  }

  /**
   * Fault drill: the next {@code count} invocations never reach the runtime, so they run into the
   * function's timeout.
   */
  public void stallNext(int count) {
    context.runOnContext(v -> stallNext = count);
  }

  /** Kills the process of a busy or idle environment, as a fault drill (not as a timeout). */
  public Future<Integer> killOneProcess() {
    Promise<Integer> killed = Promise.promise();
    context.runOnContext(
        v -> {
          for (ExecutionEnvironment env : snapshot()) {
            if (env.process != null && env.process.isAlive()) {
              env.process.destroyForcibly();
              killed.complete(env.id);
              return;
            }
          }
          killed.fail("no execution environment is running");
        });
    return killed.future();
  }

  private synchronized List<ExecutionEnvironment> snapshot() {
    return new ArrayList<>(all);
  }

  /**
   * Stops every environment with SIGTERM and waits for each to exit (a JVM writes its class-data
   * archive then, for {@code -XX:ArchiveClassesAtExit}). Blocks; call off the event loop. The
   * backend takes no invocation after it.
   */
  public void drain(java.time.Duration wait) throws InterruptedException {
    closed = true;
    List<ExecutionEnvironment> envs = snapshot();
    for (ExecutionEnvironment env : envs) {
      if (env.process != null) {
        env.process.destroy();
      }
    }
    long deadline = System.nanoTime() + wait.toNanos();
    for (ExecutionEnvironment env : envs) {
      if (env.process != null) {
        env.process.waitFor(
            Math.max(0, deadline - System.nanoTime()), java.util.concurrent.TimeUnit.NANOSECONDS);
      }
    }
  }

  /** Kills every environment; invocations still running end with {@code Runtime.ExitError}. */
  @Override
  public void close() {
    closed = true;
    for (ExecutionEnvironment env : snapshot()) {
      if (env.process != null) {
        env.process.destroyForcibly();
      }
    }
    context.runOnContext(
        v -> {
          for (ExecutionEnvironment env : snapshot()) {
            Invocation invocation = env.current;
            if (invocation != null) {
              invocation.result.tryComplete(
                  FunctionResult.error("Runtime.ExitError", "the Lambda twin stopped"));
            }
            kill(env);
          }
        });
  }

  /** Where environment {@code id}'s output goes; for tests and the cold-start report. */
  public Path logFile(int id) {
    return config.logDirectory().resolve(config.functionName() + "-env-" + id + ".log");
  }
}
