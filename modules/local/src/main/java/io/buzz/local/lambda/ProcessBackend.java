package io.buzz.local.lambda;

import static java.util.Objects.requireNonNull;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
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
 * timeout ends with a {@code Sandbox.Timedout} error and its environment is killed (the timeout
 * counts from when the runtime takes the invocation: a cold start's JVM and init count only past
 * Lambda's 10 s init limit); an environment whose process exits mid-invocation answers {@code
 * Runtime.ExitError}. The concurrency limit (429) is the Invoke API's ({@link LocalLambdaService}),
 * which never lets more invocations in than environments may exist.
 *
 * <p>All state is confined to one Vert.x context; {@link #invoke} may be called from any.
 */
public final class ProcessBackend implements FunctionBackend {
  private static final Pattern RESPONSE =
      Pattern.compile("/2018-06-01/runtime/invocation/([^/]+)/(response|error)");
  private static final System.Logger LOG = System.getLogger(ProcessBackend.class.getName());

  /** Lambda's limit on an execution environment's init phase. */
  static final java.time.Duration INIT_LIMIT = java.time.Duration.ofSeconds(10);

  private final Vertx vertx;
  private final Context context;
  private final ProcessFunctionConfig config;
  private final FunctionCode code;
  private final java.time.Duration initLimit;
  private final Deque<ExecutionEnvironment> idle = new ArrayDeque<>();
  private final List<ExecutionEnvironment> all = new ArrayList<>();
  private final List<ColdStart> coldStarts = new CopyOnWriteArrayList<>();
  private int nextId = 1;
  private int killNext;
  private long killAfterMillis;
  private int stallNext;
  private boolean closed;

  /**
   * Unpacks the function's package (once) below {@code java.io.tmpdir}; environments start on
   * demand. Build it outside a Vert.x event loop: unpacking blocks.
   */
  public ProcessBackend(Vertx vertx, ProcessFunctionConfig config) {
    this(vertx, config, INIT_LIMIT);
  }

  /** A backend whose environments' init has {@code initLimit} instead of Lambda's; for tests. */
  ProcessBackend(Vertx vertx, ProcessFunctionConfig config, java.time.Duration initLimit) {
    this.initLimit = requireNonNull(initLimit, "initLimit is null");
    this.vertx = requireNonNull(vertx, "vertx is null");
    this.config = requireNonNull(config, "config is null");
    this.context = vertx.getOrCreateContext();
    this.code = FunctionCode.prepare(config);
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
    Invocation invocation = new Invocation(payload, cold);
    env.current = invocation;
    env.delivered = false;
    ExecutionEnvironment running = env;
    if (cold) {
      // Lambda gives an environment's init its own limit; an init that runs past it is retried
      // within the invocation, so from then on it counts against the function's timeout.
      invocation.timer =
          vertx.setTimer(initLimit.toMillis(), id -> startClock(running, invocation));
    } else {
      // A warm runtime is at /next or on its way there; a runtime that never comes back (hung,
      // stopped) still runs into the timeout.
      startClock(env, invocation);
    }
    if (stallNext > 0) {
      stallNext--;
      env.delivered = true; // never handed to the runtime: it runs into the function's timeout
      startClock(env, invocation);
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
    return code.processBuilder(config, env.id, port).start();
  }

  private void route(ExecutionEnvironment env, HttpServerRequest request) {
    String path = request.path();
    if (request.method() == HttpMethod.GET && RuntimeApi.NEXT.equals(path)) {
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
    if (request.method() == HttpMethod.POST && RuntimeApi.INIT_ERROR.equals(path)) {
      request
          .body()
          .onSuccess(
              body -> {
                RuntimeApi.accepted(request);
                fail(env, RuntimeApi.errorDocument(request, body, "Runtime.InitError"));
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
                RuntimeApi.accepted(request);
                FunctionResult result =
                    error
                        ? RuntimeApi.errorDocument(request, body, "Runtime.UnknownError")
                        : new FunctionResult(body.getBytes(), false);
                finished(env, requestId, result);
              });
      return;
    }
    request.response().setStatusCode(404).end();
  }

  private void deliverIfWaiting(ExecutionEnvironment env) {
    if (env.current == null || env.delivered || env.waitingNext == null) {
      return;
    }
    Invocation invocation = env.current;
    HttpServerRequest next = env.waitingNext;
    env.waitingNext = null;
    env.delivered = true;
    startClock(env, invocation);
    RuntimeApi.deliver(next, invocation, config.functionName());
  }

  /**
   * Starts the function's timeout for {@code invocation}: as on Lambda, when the runtime takes it,
   * not when its environment started (a cold start's JVM and init do not count against it).
   */
  private void startClock(ExecutionEnvironment env, Invocation invocation) {
    if (invocation.clockStarted() || env.current != invocation) {
      return;
    }
    if (invocation.timer >= 0) {
      vertx.cancelTimer(invocation.timer);
    }
    long timeoutMillis = config.timeout().toMillis();
    invocation.deadlineEpochMillis = System.currentTimeMillis() + timeoutMillis;
    invocation.timer = vertx.setTimer(timeoutMillis, id -> timedOut(env, invocation));
  }

  private void finished(ExecutionEnvironment env, String requestId, FunctionResult result) {
    Invocation invocation = env.current;
    if (invocation == null || !invocation.requestId.equals(requestId)) {
      return; // late: the invocation timed out already
    }
    vertx.cancelTimer(invocation.timer);
    env.current = null;
    if (invocation.coldStart) {
      coldStarts.add(ColdStart.of(env, invocation, result));
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
      if (env.current != null) {
        CrashReport.log(vertx, env.describe(), status, logFile(env.id));
      }
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
    return FunctionCode.logFile(config, id);
  }
}
