package io.buzz.fuse.hcomb;

import static java.util.Objects.requireNonNull;

import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import io.buzz.fuse.aws.AwsErrors;
import io.buzz.protocol.task.Endpoint;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.grpc.client.GrpcClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.ecs.EcsAsyncClient;
import software.amazon.awssdk.services.ecs.model.AssignPublicIp;
import software.amazon.awssdk.services.ecs.model.Attachment;
import software.amazon.awssdk.services.ecs.model.ClusterNotFoundException;
import software.amazon.awssdk.services.ecs.model.Container;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.EcsException;
import software.amazon.awssdk.services.ecs.model.Failure;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkInterface;
import software.amazon.awssdk.services.ecs.model.RunTaskResponse;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * Runs HCombs as ECS Fargate tasks through the AWS SDK's {@link EcsAsyncClient} (against AWS, or
 * the ECS twin through an endpoint override).
 *
 * <pre>
 *   acquire(zones)
 *     1. HCombs handed out before: health check each; forget those that stopped or do not serve
 *     2. short of zones: ListTasks(startedBy, RUNNING) → DescribeTasks → healthy ones are reused
 *     3. still short: RunTask(FARGATE, awsvpc subnets + security groups, startedBy, tags)
 *          → DescribeTasks with backoff until RUNNING with a private IP (STOPPED: its reason)
 *          → health check until it serves
 *   all of it under FargateConfig.startTimeout; a task that misses it is stopped and named.
 * </pre>
 *
 * <p>HComb tasks stop themselves after their idle shutdown (the process exits), so this manager
 * never stops a healthy one; it only forgets what no longer answers. Concurrent acquisitions share
 * one discovery. State is confined to the Vert.x context the manager was built on.
 */
public final class FargateHCombManager implements HCombManager {
  private static final long FIRST_POLL_MILLIS = 250;
  private static final long MAX_POLL_MILLIS = 5_000;

  private final Vertx vertx;
  private final Context context;
  private final EcsAsyncClient ecs;
  private final GrpcClient grpc;
  private final FargateConfig config;
  private final List<HCombTask> known = new ArrayList<>();
  private Future<List<Endpoint>> pending;

  /** A task this manager hands out. */
  private record HCombTask(String arn, Endpoint endpoint) {}

  /**
   * @param ecs owned by the caller, who closes it after this manager
   * @param grpc the client health checks go through, owned by the caller
   */
  public FargateHCombManager(
      Vertx vertx, EcsAsyncClient ecs, GrpcClient grpc, FargateConfig config) {
    this.vertx = requireNonNull(vertx, "vertx is null");
    this.ecs = requireNonNull(ecs, "ecs is null");
    this.grpc = requireNonNull(grpc, "grpc is null");
    this.config = requireNonNull(config, "config is null");
    this.context = vertx.getOrCreateContext();
  }

  @Override
  public Future<List<Endpoint>> acquire(int zones) {
    if (zones < 1) {
      return Future.failedFuture(BuzzException.badQuery("capacity.zones must be at least 1"));
    }
    Promise<List<Endpoint>> result = Promise.promise();
    context.runOnContext(v -> acquireHere(zones).onComplete(result));
    return result.future();
  }

  private Future<List<Endpoint>> acquireHere(int zones) {
    if (pending != null && !pending.isComplete()) {
      // Share the acquisition in progress: its failure is this query's too (no second RunTask
      // with a fresh deadline per waiting query); ask again only if it found too few HCombs.
      return pending.transform(
          done ->
              done.failed()
                  ? Future.failedFuture(done.cause())
                  : done.result().size() >= zones
                      ? Future.succeededFuture(done.result().subList(0, zones))
                      : acquireHere(zones));
    }
    long deadline = System.nanoTime() + config.startTimeout().toNanos();
    pending =
        checkKnown()
            .compose(v -> known.size() >= zones ? Future.succeededFuture() : adoptRunning(zones))
            .compose(
                v ->
                    known.size() >= zones
                        ? Future.succeededFuture()
                        : start(zones - known.size(), deadline))
            .map(v -> endpoints(zones))
            // Every ECS call is bounded by the client's own timeouts; this bounds them together.
            .timeout(
                config.startTimeout().plus(config.healthTimeout()).toMillis(),
                java.util.concurrent.TimeUnit.MILLISECONDS)
            .recover(
                failure ->
                    Future.failedFuture(
                        failure instanceof java.util.concurrent.TimeoutException
                            ? new BuzzException(
                                ErrorCode.DEADLINE_EXCEEDED,
                                "no HComb was ready within "
                                    + config.startTimeout().toSeconds()
                                    + " s (cluster "
                                    + config.cluster()
                                    + ")")
                            : failure));
    return pending;
  }

  private List<Endpoint> endpoints(int zones) {
    List<Endpoint> endpoints = new ArrayList<>();
    for (int i = 0; i < zones && i < known.size(); i++) {
      endpoints.add(known.get(i).endpoint());
    }
    return endpoints;
  }

  /** Health-checks the HCombs handed out before; forgets those that do not serve. */
  private Future<Void> checkKnown() {
    List<Future<Boolean>> checks = new ArrayList<>();
    List<HCombTask> snapshot = List.copyOf(known);
    for (HCombTask task : snapshot) {
      checks.add(serving(task.endpoint()));
    }
    return Future.join(checks)
        .transform(
            all -> {
              for (int i = 0; i < snapshot.size(); i++) {
                Future<Boolean> check = checks.get(i);
                if (check.failed() || !check.result()) {
                  known.remove(snapshot.get(i)); // stopped (idle shutdown, crash) or retiring
                }
              }
              return Future.succeededFuture();
            });
  }

  private Future<Boolean> serving(Endpoint endpoint) {
    return HCombHealth.check(grpc, endpoint, config.healthTimeout())
        .map(health -> health.getServing());
  }

  /** Reuses RUNNING HComb tasks of this stack that this manager does not know yet. */
  private Future<Void> adoptRunning(int zones) {
    return ecsCall(
            "listing running HComb tasks (ECS ListTasks)",
            ecs.listTasks(
                b ->
                    b.cluster(config.cluster())
                        .startedBy(config.startedBy())
                        .desiredStatus(DesiredStatus.RUNNING)))
        .compose(
            listed -> {
              List<String> arns = new ArrayList<>(listed.taskArns());
              known.forEach(task -> arns.remove(task.arn()));
              if (arns.isEmpty()) {
                return Future.succeededFuture(List.<Task>of());
              }
              return ecsCall(
                      "describing HComb tasks (ECS DescribeTasks)",
                      ecs.describeTasks(
                          b ->
                              b.cluster(config.cluster())
                                  .tasks(arns.subList(0, Math.min(100, arns.size())))))
                  .map(described -> described.tasks());
            })
        .compose(
            tasks -> {
              List<Future<Boolean>> checks = new ArrayList<>();
              List<HCombTask> candidates = new ArrayList<>();
              for (Task task : tasks) {
                Optional<String> ip = privateIp(task);
                if ("RUNNING".equals(task.lastStatus()) && ip.isPresent()) {
                  HCombTask candidate = new HCombTask(task.taskArn(), endpoint(ip.get()));
                  candidates.add(candidate);
                  checks.add(serving(candidate.endpoint()));
                }
              }
              return Future.join(checks)
                  .transform(
                      all -> {
                        for (int i = 0; i < candidates.size() && known.size() < zones; i++) {
                          if (checks.get(i).succeeded() && checks.get(i).result()) {
                            known.add(candidates.get(i));
                          }
                        }
                        return Future.<Void>succeededFuture();
                      });
            });
  }

  /** Starts {@code count} HComb tasks and waits until each is RUNNING and serves. */
  private Future<Void> start(int count, long deadline) {
    List<Tag> tags = List.of(Tag.builder().key("buzz:role").value("hcomb").build());
    return ecsCall(
            "starting an HComb task (ECS RunTask, task definition " + config.taskDefinition() + ")",
            ecs.runTask(
                b ->
                    b.cluster(config.cluster())
                        .taskDefinition(config.taskDefinition())
                        .launchType(LaunchType.FARGATE)
                        .count(Math.min(10, count))
                        .startedBy(config.startedBy())
                        .tags(tags)
                        .networkConfiguration(
                            n ->
                                n.awsvpcConfiguration(
                                    a ->
                                        a.subnets(config.subnets())
                                            .securityGroups(config.securityGroups())
                                            .assignPublicIp(
                                                config.assignPublicIp()
                                                    ? AssignPublicIp.ENABLED
                                                    : AssignPublicIp.DISABLED)))))
        .compose(this::started)
        .compose(
            arns -> {
              List<Future<HCombTask>> ready = new ArrayList<>();
              for (String arn : arns) {
                ready.add(waitRunning(arn, deadline, FIRST_POLL_MILLIS));
              }
              return Future.all(ready)
                  .map(
                      all -> {
                        for (int i = 0; i < ready.size(); i++) {
                          known.add(ready.get(i).result());
                        }
                        return null;
                      });
            });
  }

  private Future<List<String>> started(RunTaskResponse response) {
    if (!response.failures().isEmpty() || response.tasks().isEmpty()) {
      Failure failure = response.failures().isEmpty() ? null : response.failures().get(0);
      String reason =
          failure == null
              ? "no task was started"
              : failure.reason() + (failure.detail() == null ? "" : " (" + failure.detail() + ")");
      return Future.failedFuture(
          new BuzzException(
              ErrorCode.UNAVAILABLE,
              "ECS did not start the HComb task (task definition "
                  + config.taskDefinition()
                  + ", cluster "
                  + config.cluster()
                  + "): "
                  + reason));
    }
    List<String> arns = new ArrayList<>();
    response.tasks().forEach(task -> arns.add(task.taskArn()));
    return Future.succeededFuture(arns);
  }

  /** Polls the task with backoff until it is RUNNING with an address and its HComb serves. */
  private Future<HCombTask> waitRunning(String arn, long deadline, long delay) {
    return ecsCall(
            "describing HComb task " + arn + " (ECS DescribeTasks)",
            ecs.describeTasks(b -> b.cluster(config.cluster()).tasks(arn)))
        .compose(
            described -> {
              Task task = described.tasks().isEmpty() ? null : described.tasks().get(0);
              String status = task == null ? "MISSING" : task.lastStatus();
              if (task == null || "STOPPED".equals(status) || "DEPROVISIONING".equals(status)) {
                return Future.failedFuture(stopped(arn, task));
              }
              Optional<String> ip = privateIp(task);
              if ("RUNNING".equals(status) && ip.isPresent()) {
                HCombTask ready = new HCombTask(arn, endpoint(ip.get()));
                return waitServing(ready, deadline, FIRST_POLL_MILLIS);
              }
              return later(arn, deadline, delay, "its last status is " + status)
                  .compose(v -> waitRunning(arn, deadline, next(delay)));
            });
  }

  private Future<HCombTask> waitServing(HCombTask task, long deadline, long delay) {
    return serving(task.endpoint())
        .recover(failure -> Future.succeededFuture(false))
        .compose(
            serving ->
                serving
                    ? Future.succeededFuture(task)
                    : later(
                            task.arn(),
                            deadline,
                            delay,
                            "it is RUNNING but its HComb does not serve")
                        .compose(v -> waitServing(task, deadline, next(delay))));
  }

  /**
   * Waits {@code delay} ms, or fails with DEADLINE_EXCEEDED naming the task (and stops it, so it
   * does not run on unused) when that would pass the deadline.
   */
  private Future<Void> later(String arn, long deadline, long delay, String state) {
    long left = (deadline - System.nanoTime()) / 1_000_000;
    if (left <= 0) {
      ecs.stopTask(
          b ->
              b.cluster(config.cluster())
                  .task(arn)
                  .reason("Buzz: the HComb did not start within " + config.startTimeout()));
      return Future.failedFuture(
          new BuzzException(
              ErrorCode.DEADLINE_EXCEEDED,
              "HComb task "
                  + arn
                  + " did not become ready within "
                  + config.startTimeout().toSeconds()
                  + " s ("
                  + state
                  + "); it was stopped"));
    }
    Promise<Void> waited = Promise.promise();
    vertx.setTimer(Math.max(1, Math.min(delay, left)), id -> waited.complete());
    return waited.future();
  }

  private static long next(long delay) {
    return Math.min(MAX_POLL_MILLIS, delay * 3 / 2);
  }

  private BuzzException stopped(String arn, Task task) {
    StringBuilder why = new StringBuilder();
    if (task == null) {
      why.append("ECS does not know it");
    } else {
      why.append(task.stoppedReason() == null ? "no reason given" : task.stoppedReason());
      for (Container container : task.containers()) {
        if (container.exitCode() != null) {
          why.append("; container ")
              .append(container.name())
              .append(" exited with ")
              .append(container.exitCode());
        }
        if (container.reason() != null) {
          why.append(" (").append(container.reason()).append(')');
        }
      }
    }
    return new BuzzException(
        ErrorCode.UNAVAILABLE, "HComb task " + arn + " stopped before it served: " + why);
  }

  private Endpoint endpoint(String ip) {
    return Endpoint.newBuilder().setHost(ip).setPort(config.port()).build();
  }

  /** The task's private IPv4 address: its ENI attachment's, or its container's. */
  static Optional<String> privateIp(Task task) {
    for (Attachment attachment : task.attachments()) {
      for (KeyValuePair detail : attachment.details()) {
        if ("privateIPv4Address".equals(detail.name()) && detail.value() != null) {
          return Optional.of(detail.value());
        }
      }
    }
    for (Container container : task.containers()) {
      for (NetworkInterface eni : container.networkInterfaces()) {
        if (eni.privateIpv4Address() != null) {
          return Optional.of(eni.privateIpv4Address());
        }
      }
    }
    return Optional.empty();
  }

  /** An ECS call as a Vert.x future on this manager's context, its failure in one clear line. */
  private <T> Future<T> ecsCall(String what, java.util.concurrent.CompletableFuture<T> call) {
    return Future.fromCompletionStage(call, context)
        .recover(failure -> Future.failedFuture(translate(failure, what)));
  }

  private BuzzException translate(Throwable failure, String what) {
    Optional<BuzzException> common = AwsErrors.common(failure, what);
    if (common.isPresent()) {
      return common.get();
    }
    Throwable cause = AwsErrors.unwrap(failure);
    String message = cause.getMessage() == null ? cause.toString() : cause.getMessage();
    if (cause instanceof ClusterNotFoundException) {
      return new BuzzException(
          ErrorCode.INVALID_CONFIG,
          what + ": the ECS cluster " + config.cluster() + " does not exist",
          cause);
    }
    if (cause instanceof EcsException ecsError
        && ecsError.statusCode() == 400
        && message.toLowerCase(java.util.Locale.ROOT).replace(" ", "").contains("taskdefinition")) {
      return new BuzzException(
          ErrorCode.INVALID_CONFIG,
          what + ": the task definition " + config.taskDefinition() + " does not exist",
          cause);
    }
    return new BuzzException(ErrorCode.UNAVAILABLE, what + ": " + message, cause);
  }

  /** HComb tasks stop themselves when idle; closing only stops asking ECS. */
  @Override
  public void close() {}
}
