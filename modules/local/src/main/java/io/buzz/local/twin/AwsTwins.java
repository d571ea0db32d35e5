package io.buzz.local.twin;

import static java.util.Objects.requireNonNull;

import io.buzz.config.Settings;
import io.buzz.fuse.aws.AwsSettings;
import io.buzz.hbee.HBeeFunction;
import io.buzz.local.Packages;
import io.buzz.local.ecs.EcsTwin;
import io.buzz.local.ecs.EcsTwinConfig;
import io.buzz.local.ecs.TaskDefinitionSpec;
import io.buzz.local.lambda.FunctionBackend;
import io.buzz.local.lambda.InProcessBackend;
import io.buzz.local.lambda.LocalLambdaConfig;
import io.buzz.local.lambda.LocalLambdaService;
import io.buzz.local.lambda.ProcessBackend;
import io.buzz.local.lambda.ProcessFunctionConfig;
import io.vertx.core.Vertx;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The AWS services Buzz uses, as twins on this machine, so the AWS code path runs unchanged and
 * offline: the Lambda twin (Invoke API + Runtime API, the HBee zip in JVM processes of its own),
 * the ECS twin (the HComb distribution as Fargate-like processes) and an S3-compatible server the
 * caller provides. {@link #settings()} are the AWS settings that point the Fuse at them.
 *
 * <pre>
 *   AwsFuse ─LambdaAsyncClient─▶ Lambda twin ─Runtime API─▶ java … AWSLambda HBeeHandler (× N)
 *           ─EcsAsyncClient───▶ ECS twin ──────spawn──────▶ java … HCombMain on 127.a.b.n:7001
 *           ─S3AsyncClient────▶ S3-compatible server ◀──── HBees' ranged GETs
 * </pre>
 */
public final class AwsTwins implements AutoCloseable {
  public static final String REGION = "us-east-1";
  public static final String HBEE_FUNCTION = "buzz-hbee";
  public static final String CLUSTER = "buzz";
  public static final String HCOMB_FAMILY = "buzz-hcomb";
  public static final int HCOMB_PORT = 7001;

  private final Config config;
  private final Vertx vertx;
  private final FunctionBackend lambdaBackend;
  private final LocalLambdaService lambda;
  private final EcsTwin ecs;
  private final TaskDefinitionSpec hcombDefinition;

  /**
   * What the twins run with.
   *
   * @param s3Endpoint the S3-compatible server holding the data (and results)
   * @param accessKeyId the keys every twin accepts and the S3 server knows
   * @param secretAccessKey its secret
   * @param workDirectory logs of the environments and tasks go below it
   * @param lambdaConcurrency execution environments at most (429 beyond)
   * @param hbeeTimeout the HBee function's timeout
   * @param hcombIdleShutdown after how long without a query an HComb process exits
   * @param hbeeJvmFlags the JVM flags of the HBee environments ({@link
   *     ProcessFunctionConfig#MANAGED_RUNTIME_FLAGS} by default)
   * @param hcombTaskMemoryMb the memory of an HComb task, its heap 40% of it committed at start
   *     (2,048 MB by default, light enough for tests; the deployment's default is 8,192)
   * @param lambdaTls the certificate the Lambda twin serves HTTPS with, as Lambda does; plain HTTP
   *     without (the default)
   */
  public record Config(
      URI s3Endpoint,
      String accessKeyId,
      String secretAccessKey,
      Path workDirectory,
      int lambdaConcurrency,
      Duration hbeeTimeout,
      Duration hcombIdleShutdown,
      java.util.List<String> hbeeJvmFlags,
      int hcombTaskMemoryMb,
      java.util.Optional<LoopbackTls> lambdaTls) {
    public Config {
      requireNonNull(lambdaTls, "lambdaTls is null");
      hbeeJvmFlags = java.util.List.copyOf(hbeeJvmFlags);
      requireNonNull(s3Endpoint, "s3Endpoint is null");
      requireNonNull(accessKeyId, "accessKeyId is null");
      requireNonNull(secretAccessKey, "secretAccessKey is null");
      requireNonNull(workDirectory, "workDirectory is null");
      requireNonNull(hbeeTimeout, "hbeeTimeout is null");
      requireNonNull(hcombIdleShutdown, "hcombIdleShutdown is null");
      if (hcombTaskMemoryMb < 512) {
        throw new IllegalArgumentException("hcombTaskMemoryMb must be at least 512");
      }
    }

    /** 8 environments, a 60 s HBee timeout, HCombs of 2 GB idle for 10 minutes. */
    public static Config of(URI s3Endpoint, String accessKeyId, String secret, Path workDirectory) {
      return new Config(
          s3Endpoint,
          accessKeyId,
          secret,
          workDirectory,
          8,
          Duration.ofSeconds(60),
          Duration.ofMinutes(10),
          ProcessFunctionConfig.MANAGED_RUNTIME_FLAGS,
          2048,
          java.util.Optional.empty());
    }

    public Config withHBeeJvmFlags(java.util.List<String> flags) {
      return new Config(
          s3Endpoint,
          accessKeyId,
          secretAccessKey,
          workDirectory,
          lambdaConcurrency,
          hbeeTimeout,
          hcombIdleShutdown,
          flags,
          hcombTaskMemoryMb,
          lambdaTls);
    }

    public Config withLambdaConcurrency(int environments) {
      return new Config(
          s3Endpoint,
          accessKeyId,
          secretAccessKey,
          workDirectory,
          environments,
          hbeeTimeout,
          hcombIdleShutdown,
          hbeeJvmFlags,
          hcombTaskMemoryMb,
          lambdaTls);
    }

    public Config withHBeeTimeout(Duration timeout) {
      return new Config(
          s3Endpoint,
          accessKeyId,
          secretAccessKey,
          workDirectory,
          lambdaConcurrency,
          timeout,
          hcombIdleShutdown,
          hbeeJvmFlags,
          hcombTaskMemoryMb,
          lambdaTls);
    }

    public Config withHCombIdleShutdown(Duration idle) {
      return new Config(
          s3Endpoint,
          accessKeyId,
          secretAccessKey,
          workDirectory,
          lambdaConcurrency,
          hbeeTimeout,
          idle,
          hbeeJvmFlags,
          hcombTaskMemoryMb,
          lambdaTls);
    }

    /** The Lambda twin serves HTTPS with {@code tls}'s certificate. */
    public Config withLambdaTls(LoopbackTls tls) {
      return new Config(
          s3Endpoint,
          accessKeyId,
          secretAccessKey,
          workDirectory,
          lambdaConcurrency,
          hbeeTimeout,
          hcombIdleShutdown,
          hbeeJvmFlags,
          hcombTaskMemoryMb,
          java.util.Optional.of(tls));
    }

    public Config withHCombTaskMemoryMb(int megabytes) {
      return new Config(
          s3Endpoint,
          accessKeyId,
          secretAccessKey,
          workDirectory,
          lambdaConcurrency,
          hbeeTimeout,
          hcombIdleShutdown,
          hbeeJvmFlags,
          megabytes,
          lambdaTls);
    }
  }

  private AwsTwins(
      Config config,
      Vertx vertx,
      FunctionBackend lambdaBackend,
      LocalLambdaService lambda,
      EcsTwin ecs,
      TaskDefinitionSpec hcombDefinition) {
    this.hcombDefinition = hcombDefinition;
    this.config = config;
    this.vertx = vertx;
    this.lambdaBackend = lambdaBackend;
    this.lambda = lambda;
    this.ecs = ecs;
  }

  /** Starts the twins on a Vert.x instance of their own; blocks until they listen. */
  public static AwsTwins start(Config config) {
    requireNonNull(config, "config is null");
    return start(
        config,
        vertx -> {
          Map<String, String> hbeeEnv = new HashMap<>();
          hbeeEnv.put("AWS_REGION", REGION);
          hbeeEnv.put("AWS_ACCESS_KEY_ID", config.accessKeyId());
          hbeeEnv.put("AWS_SECRET_ACCESS_KEY", config.secretAccessKey());
          hbeeEnv.put("BUZZ_S3_ENDPOINT", config.s3Endpoint().toString());
          // As the deployment sets it on the function: Arrow needs java.nio opened, and its
          // bounds checks are off.
          hbeeEnv.put(
              "JAVA_TOOL_OPTIONS",
              "--add-opens=java.base/java.nio=ALL-UNNAMED -Darrow.enable_unsafe_memory_access=true");
          return new ProcessBackend(
              vertx,
              ProcessFunctionConfig.hbee(
                      HBEE_FUNCTION,
                      Packages.hbeeZip(),
                      hbeeEnv,
                      config.workDirectory().resolve("lambda-logs"))
                  .withTimeout(config.hbeeTimeout())
                  .withMemoryMb(1024)
                  .withJvmFlags(config.hbeeJvmFlags()));
        });
  }

  /**
   * The same twins, with the HBee function run in this process instead of execution environments:
   * for a Fuse measured in a process of its own against HBees that cost it nothing to host (the
   * bench's synthetic HBees). {@link #lambdaBackend()} is unavailable.
   */
  public static AwsTwins startWithFunction(Config config, HBeeFunction hbees) {
    requireNonNull(config, "config is null");
    requireNonNull(hbees, "hbees is null");
    return start(config, vertx -> new InProcessBackend(hbees));
  }

  private static AwsTwins start(Config config, Function<Vertx, FunctionBackend> hbeeBackend) {
    Vertx vertx = Vertx.vertx();
    try {
      FunctionBackend backend = hbeeBackend.apply(vertx);
      LocalLambdaConfig plain =
          new LocalLambdaConfig("127.0.0.1", 0, HBEE_FUNCTION, config.lambdaConcurrency());
      LocalLambdaService lambda =
          new LocalLambdaService(
              config.lambdaTls().map(tls -> plain.withTls(tls.keyCertOptions())).orElse(plain),
              backend);
      await(vertx.deployVerticle(lambda));
      Map<String, String> hcombEnv = new HashMap<>();
      hcombEnv.put("BUZZ_HCOMB_PORT", Integer.toString(HCOMB_PORT));
      hcombEnv.put("BUZZ_HCOMB_METRICS_PORT", "-1");
      hcombEnv.put("BUZZ_HCOMB_IDLE_SHUTDOWN", config.hcombIdleShutdown().toMillis() + "ms");
      hcombEnv.put("BUZZ_HCOMB_QUERY_MEMORY_MB", "512");
      TaskDefinitionSpec hcomb =
          TaskDefinitionSpec.hcomb(
              HCOMB_FAMILY, Packages.hcombDist(), hcombEnv, config.hcombTaskMemoryMb());
      EcsTwin ecs =
          new EcsTwin(
              EcsTwinConfig.of(
                  CLUSTER,
                  config.accessKeyId(),
                  config.workDirectory().resolve("ecs-logs"),
                  hcomb));
      await(vertx.deployVerticle(ecs));
      return new AwsTwins(config, vertx, backend, lambda, ecs, hcomb);
    } catch (RuntimeException e) {
      vertx.close();
      throw e;
    }
  }

  /**
   * The AWS settings of a Fuse that uses these twins: the region, the endpoint overrides, the
   * cluster, task definition and (pretend) network of the ECS twin.
   */
  public Settings settings() {
    return Settings.empty()
        .with(AwsSettings.REGION, REGION, "the twins")
        .with(AwsSettings.HBEE_FUNCTION, HBEE_FUNCTION, "the twins")
        .with(AwsSettings.CLUSTER, CLUSTER, "the twins")
        .with(AwsSettings.TASK_DEFINITION, HCOMB_FAMILY, "the twins")
        .with(AwsSettings.SUBNETS, "subnet-twin", "the twins")
        .with(AwsSettings.SECURITY_GROUPS, "sg-twin", "the twins")
        .with(AwsSettings.HCOMB_PORT, Integer.toString(HCOMB_PORT), "the twins")
        .with(AwsSettings.START_TIMEOUT, "60s", "the twins")
        .with(
            AwsSettings.HBEE_CONCURRENCY, Integer.toString(config.lambdaConcurrency()), "the twins")
        .with(AwsSettings.LAMBDA_ENDPOINT, lambda.endpoint(), "the twins")
        .with(AwsSettings.ECS_ENDPOINT, ecs.endpoint(), "the twins")
        .with(AwsSettings.S3_ENDPOINT, config.s3Endpoint().toString(), "the twins");
  }

  /** Credentials the twins and the S3 server accept. */
  public AwsCredentialsProvider credentials() {
    return StaticCredentialsProvider.create(
        AwsBasicCredentials.create(config.accessKeyId(), config.secretAccessKey()));
  }

  /** The HComb's task definition in the ECS twin, to register variants of it. */
  public TaskDefinitionSpec hcombDefinition() {
    return hcombDefinition;
  }

  /** The HBee environments' processes; unavailable when the HBees run in this process. */
  public ProcessBackend lambdaBackend() {
    if (lambdaBackend instanceof ProcessBackend processes) {
      return processes;
    }
    throw new IllegalStateException("these twins run the HBee function in this process");
  }

  public LocalLambdaService lambda() {
    return lambda;
  }

  public EcsTwin ecs() {
    return ecs;
  }

  /** Stops the twins and every process they started. */
  @Override
  public void close() {
    await(vertx.close());
  }

  private static <T> T await(io.vertx.core.Future<T> future) {
    try {
      return future.await(60, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("the AWS twins did not start or stop within 60 s", e);
    }
  }
}
