package io.buzz.local.ecs;

import static java.util.Objects.requireNonNull;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The ECS twin: an HTTP endpoint speaking the subset of the ECS JSON 1.1 API that the Fuse's {@code
 * FargateHCombManager} uses, so the AWS SDK's {@code EcsAsyncClient} talks to it unchanged
 * (endpoint override). Tasks are processes on this machine — the Fargate twin — each with a
 * loopback address of its own ({@code 127.a.b.n}), as awsvpc gives each Fargate task its own
 * private IP, so every HComb listens on the same port as in AWS.
 *
 * <pre>
 *   POST /  X-Amz-Target: AmazonEC2ContainerServiceV20141113.RunTask     → PROVISIONING, then the
 *                                                                           process starts: RUNNING
 *                                                 .DescribeTasks          → status, address, exit
 *                                                 .ListTasks              → by startedBy / status
 *                                                 .StopTask               → SIGTERM, STOPPED
 *   process exits (idle shutdown, crash)                                  → STOPPED with its code
 * </pre>
 *
 * <p>Requests whose SigV4 access key is not {@link EcsTwinConfig#accessKeyId()} are refused with
 * {@code UnrecognizedClientException}, as ECS refuses unknown credentials. State is confined to the
 * verticle's context.
 */
public final class EcsTwin extends VerticleBase {
  private static final String TARGET_PREFIX = "AmazonEC2ContainerServiceV20141113.";

  private final EcsTwinConfig config;
  private final Map<String, EcsTask> tasks = new LinkedHashMap<>();
  private final Map<String, TaskDefinitionSpec> definitions =
      new java.util.concurrent.ConcurrentHashMap<>();
  private final String addressPrefix;
  private int nextAddress = 1;
  private volatile boolean stopped;
  private HttpServer server;

  public EcsTwin(EcsTwinConfig config) {
    this.config = requireNonNull(config, "config is null");
    definitions.putAll(config.taskDefinitions());
    ThreadLocalRandom random = ThreadLocalRandom.current();
    this.addressPrefix = "127." + random.nextInt(16, 250) + ".";
  }

  @Override
  public Future<?> start() throws IOException {
    Files.createDirectories(config.logDirectory());
    return vertx
        .createHttpServer()
        .requestHandler(this::handle)
        .listen(0, "127.0.0.1")
        .onSuccess(s -> server = s);
  }

  /** Stops every task's process (SIGKILL): nothing outlives the twin. */
  @Override
  public Future<?> stop() {
    stopped = true;
    for (EcsTask task : tasks.values()) {
      if (task.process != null) {
        task.process.destroyForcibly();
      }
    }
    return Future.succeededFuture();
  }

  /** The endpoint to point an {@code EcsAsyncClient} at. */
  public String endpoint() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  /** Adds a task definition, as RegisterTaskDefinition would; may be called while serving. */
  public void register(TaskDefinitionSpec definition) {
    definitions.put(definition.family(), definition);
  }

  /** Kills a task's process as a crash would (SIGKILL); for fault drills. */
  public Future<Void> crash(String taskArn) {
    return runHere(
        () -> {
          EcsTask task = tasks.get(taskArn);
          if (task != null && task.process != null) {
            task.process.destroyForcibly();
          }
        });
  }

  /** The ARNs of the tasks whose process runs now. */
  public Future<List<String>> runningTasks() {
    io.vertx.core.Promise<List<String>> result = io.vertx.core.Promise.promise();
    context.runOnContext(
        v -> {
          List<String> running = new ArrayList<>();
          tasks
              .values()
              .forEach(
                  t -> {
                    if ("RUNNING".equals(t.lastStatus)) {
                      running.add(t.arn);
                    }
                  });
          result.complete(running);
        });
    return result.future();
  }

  private Future<Void> runHere(Runnable action) {
    io.vertx.core.Promise<Void> done = io.vertx.core.Promise.promise();
    context.runOnContext(
        v -> {
          action.run();
          done.complete();
        });
    return done.future();
  }

  private void handle(HttpServerRequest request) {
    String target = request.getHeader("X-Amz-Target");
    if (request.method() != HttpMethod.POST
        || target == null
        || !target.startsWith(TARGET_PREFIX)) {
      error(request, 400, "UnknownOperationException", "expected an ECS JSON 1.1 request");
      return;
    }
    String authorization = request.getHeader("Authorization");
    if (authorization == null
        || !authorization.contains("Credential=" + config.accessKeyId() + "/")) {
      error(
          request,
          400,
          "UnrecognizedClientException",
          "The security token included in the request is invalid.");
      return;
    }
    request
        .body()
        .onSuccess(
            body -> {
              JsonObject input;
              try {
                input = body.length() == 0 ? new JsonObject() : new JsonObject(body);
              } catch (DecodeException e) {
                error(request, 400, "SerializationException", "the request is not JSON");
                return;
              }
              String operation = target.substring(TARGET_PREFIX.length());
              try {
                JsonObject output =
                    switch (operation) {
                      case "RunTask" -> runTask(input);
                      case "DescribeTasks" -> describeTasks(input);
                      case "ListTasks" -> listTasks(input);
                      case "StopTask" -> stopTask(input);
                      default ->
                          throw new EcsError(
                              "UnknownOperationException",
                              operation + " is not supported by the twin");
                    };
                request
                    .response()
                    .putHeader("Content-Type", "application/x-amz-json-1.1")
                    .end(output.toBuffer());
              } catch (EcsError e) {
                error(request, 400, e.type, e.getMessage());
              }
            });
  }

  /** An ECS client error ({@code __type} and message). */
  private static final class EcsError extends RuntimeException {
    final String type;

    EcsError(String type, String message) {
      super(message);
      this.type = type;
    }
  }

  private String cluster(JsonObject input) {
    String cluster = input.getString("cluster", "default");
    String name = cluster.substring(cluster.lastIndexOf('/') + 1);
    if (!config.clusters().contains(name)) {
      throw new EcsError("ClusterNotFoundException", "Cluster not found.");
    }
    return "arn:aws:ecs:" + config.region() + ":" + config.accountId() + ":cluster/" + name;
  }

  private JsonObject runTask(JsonObject input) {
    String clusterArn = cluster(input);
    String definition = input.getString("taskDefinition", "");
    String family = definition.substring(definition.lastIndexOf('/') + 1);
    int colon = family.indexOf(':');
    if (colon >= 0) {
      family = family.substring(0, colon);
    }
    TaskDefinitionSpec spec = definitions.get(family);
    if (spec == null) {
      throw new EcsError("InvalidParameterException", "TaskDefinition not found.");
    }
    if (!"FARGATE".equals(input.getString("launchType", "FARGATE"))) {
      throw new EcsError("InvalidParameterException", "the twin runs FARGATE tasks only");
    }
    JsonObject vpc =
        input
            .getJsonObject("networkConfiguration", new JsonObject())
            .getJsonObject("awsvpcConfiguration");
    if (vpc == null || vpc.getJsonArray("subnets", new JsonArray()).isEmpty()) {
      throw new EcsError(
          "InvalidParameterException",
          "Network Configuration must be provided when networkMode 'awsvpc' is specified.");
    }
    Map<String, String> tags = new HashMap<>();
    for (Object tag : input.getJsonArray("tags", new JsonArray())) {
      JsonObject t = (JsonObject) tag;
      tags.put(t.getString("key"), t.getString("value"));
    }
    int count = input.getInteger("count", 1);
    JsonArray started = new JsonArray();
    for (int i = 0; i < count; i++) {
      String arn =
          "arn:aws:ecs:"
              + config.region()
              + ":"
              + config.accountId()
              + ":task/"
              + clusterArn.substring(clusterArn.lastIndexOf('/') + 1)
              + "/"
              + UUID.randomUUID().toString().replace("-", "");
      EcsTask task =
          new EcsTask(
              arn,
              clusterArn,
              "arn:aws:ecs:"
                  + config.region()
                  + ":"
                  + config.accountId()
                  + ":task-definition/"
                  + family
                  + ":1",
              spec,
              input.getString("startedBy"),
              tags,
              nextAddress());
      tasks.put(arn, task);
      long delay = Math.max(1, spec.provisioningDelay().toMillis());
      task.provisioningTimer = vertx.setTimer(delay, id -> launch(task));
      started.add(task.toJson());
    }
    return new JsonObject().put("tasks", started).put("failures", new JsonArray());
  }

  /** A loopback address no task of this twin has had: 127.a.(1..254).(1..254). */
  private String nextAddress() {
    int n = nextAddress++;
    if (n > 254 * 254) {
      throw new EcsError("LimitExceededException", "the twin has handed out all its addresses");
    }
    return addressPrefix + ((n - 1) / 254 + 1) + "." + ((n - 1) % 254 + 1);
  }

  /** Starts the task's process (Fargate pulled the image, started the container): RUNNING. */
  private void launch(EcsTask task) {
    task.provisioningTimer = -1;
    if (!"RUNNING".equals(task.desiredStatus)) {
      return;
    }
    task.lastStatus = "PENDING";
    vertx
        .executeBlocking(() -> spawn(task), false)
        .onComplete(
            spawned -> {
              if (spawned.failed()) {
                task.lastStatus = "STOPPED";
                task.desiredStatus = "STOPPED";
                task.stoppedReason = "CannotStartContainerError: " + spawned.cause().getMessage();
                return;
              }
              task.process = spawned.result();
              if (stopped || "STOPPED".equals(task.desiredStatus)) {
                // StopTask (or the twin's stop) came while the container was starting.
                task.process.destroy();
              }
              task.lastStatus = "STOPPED".equals(task.desiredStatus) ? "STOPPED" : "RUNNING";
              task.process
                  .onExit()
                  .thenAccept(p -> context.runOnContext(v -> exited(task, p.exitValue())));
            });
  }

  private Process spawn(EcsTask task) throws IOException {
    TaskDefinitionSpec spec = task.spec;
    ProcessBuilder builder =
        new ProcessBuilder(spec.command()).directory(spec.workingDirectory().toFile());
    Map<String, String> env = builder.environment();
    String path = env.getOrDefault("PATH", "/usr/bin:/bin");
    env.clear();
    env.put("PATH", path);
    env.putAll(spec.environment());
    env.put("BUZZ_HCOMB_HOST", task.privateIp);
    env.put("ECS_CONTAINER_METADATA_URI_V4", "http://169.254.170.2/v4/" + task.arn);
    Path log =
        config
            .logDirectory()
            .resolve(
                spec.family() + "-" + task.arn.substring(task.arn.lastIndexOf('/') + 1) + ".log");
    builder
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    return builder.start();
  }

  private void exited(EcsTask task, int status) {
    task.exitCode = status;
    task.lastStatus = "STOPPED";
    if (task.stoppedReason == null) {
      task.stoppedReason = "Essential container in task exited";
    }
    task.desiredStatus = "STOPPED";
  }

  private JsonObject describeTasks(JsonObject input) {
    cluster(input);
    JsonArray found = new JsonArray();
    JsonArray failures = new JsonArray();
    for (Object arn : input.getJsonArray("tasks", new JsonArray())) {
      EcsTask task = tasks.get((String) arn);
      if (task == null) {
        failures.add(new JsonObject().put("arn", arn).put("reason", "MISSING"));
      } else {
        found.add(task.toJson());
      }
    }
    return new JsonObject().put("tasks", found).put("failures", failures);
  }

  private JsonObject listTasks(JsonObject input) {
    String clusterArn = cluster(input);
    String startedBy = input.getString("startedBy");
    String desired = input.getString("desiredStatus", "RUNNING");
    JsonArray arns = new JsonArray();
    for (EcsTask task : tasks.values()) {
      if (task.clusterArn.equals(clusterArn)
          && desired.equals(task.desiredStatus)
          && (startedBy == null || startedBy.equals(task.startedBy))) {
        arns.add(task.arn);
      }
    }
    return new JsonObject().put("taskArns", arns);
  }

  private JsonObject stopTask(JsonObject input) {
    cluster(input);
    EcsTask task = tasks.get(input.getString("task", ""));
    if (task == null) {
      throw new EcsError("InvalidParameterException", "The referenced task was not found.");
    }
    task.desiredStatus = "STOPPED";
    if (task.stoppedReason == null) {
      task.stoppedReason = input.getString("reason", "Task stopped by user");
    }
    if (task.provisioningTimer >= 0) {
      vertx.cancelTimer(task.provisioningTimer);
      task.lastStatus = "STOPPED";
    }
    if (task.process != null) {
      task.process.destroy(); // SIGTERM, as ECS sends before SIGKILL
    }
    return new JsonObject().put("task", task.toJson());
  }

  private static void error(HttpServerRequest request, int status, String type, String message) {
    request
        .response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/x-amz-json-1.1")
        .putHeader("x-amzn-ErrorType", type)
        .end(new JsonObject().put("__type", type).put("message", message).toBuffer());
  }
}
