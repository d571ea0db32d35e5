package io.buzz.fuse.aws;

import static java.util.Objects.requireNonNull;

import io.buzz.config.Settings;
import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import io.buzz.fuse.cost.CostModel;
import io.buzz.fuse.hcomb.FargateConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Buzz's AWS settings: a properties file ({@code --aws-config FILE}, or {@code
 * ~/.buzz/aws.properties}), then environment variables ({@code buzz.aws.region} → {@code
 * BUZZ_AWS_REGION}), validated at start-up with messages that name the setting. The README's "Buzz
 * on AWS" section lists every setting; {@link #NAMES} is the list.
 *
 * @param region where the functions, the cluster and the results bucket are
 * @param profile a named profile of {@code ~/.aws/config} for credentials; empty: the default chain
 * @param hbeeFunction the HBee Lambda function (name, ARN or alias ARN)
 * @param fuseFunction the Fuse Lambda function, invoked by {@code buzz query --aws}
 * @param hbeeConcurrency HBee invocations in flight over all queries (the function's reserved
 *     concurrency)
 * @param invocationTimeout longest one HBee invocation may take (the function's timeout + margin)
 * @param fargate the HComb tasks: cluster, task definition, network
 * @param results where results too large for a Lambda response go ({@code s3://bucket/prefix/})
 * @param endpoints endpoint overrides of the services (twins, LocalStack, VPC endpoints)
 * @param cost prices and sizes (HBee memory, HComb vCPUs and memory) of the cost estimate
 */
public record AwsSettings(
    String region,
    Optional<String> profile,
    String hbeeFunction,
    String fuseFunction,
    int hbeeConcurrency,
    Duration invocationTimeout,
    FargateConfig fargate,
    Optional<URI> results,
    Endpoints endpoints,
    CostModel cost) {

  /** Endpoint overrides; empty means the service's public endpoint in the region. */
  public record Endpoints(Optional<URI> lambda, Optional<URI> ecs, Optional<URI> s3) {
    public Endpoints {
      requireNonNull(lambda, "lambda is null");
      requireNonNull(ecs, "ecs is null");
      requireNonNull(s3, "s3 is null");
    }
  }

  public static final String REGION = "buzz.aws.region";
  public static final String PROFILE = "buzz.aws.profile";
  public static final String HBEE_FUNCTION = "buzz.aws.hbee.function";
  public static final String FUSE_FUNCTION = "buzz.aws.fuse.function";
  public static final String HBEE_MEMORY_MB = "buzz.aws.hbee.memory.mb";
  public static final String HBEE_CONCURRENCY = "buzz.aws.hbee.concurrency";
  public static final String INVOCATION_TIMEOUT = "buzz.aws.hbee.invocation.timeout";
  public static final String CLUSTER = "buzz.aws.hcomb.cluster";
  public static final String TASK_DEFINITION = "buzz.aws.hcomb.task.definition";
  public static final String SUBNETS = "buzz.aws.hcomb.subnets";
  public static final String SECURITY_GROUPS = "buzz.aws.hcomb.security.groups";
  public static final String ASSIGN_PUBLIC_IP = "buzz.aws.hcomb.assign.public.ip";
  public static final String HCOMB_PORT = "buzz.aws.hcomb.port";
  public static final String STARTED_BY = "buzz.aws.hcomb.started.by";
  public static final String START_TIMEOUT = "buzz.aws.hcomb.start.timeout";
  public static final String HCOMB_VCPU = "buzz.aws.hcomb.vcpu";
  public static final String HCOMB_MEMORY_GB = "buzz.aws.hcomb.memory.gb";
  public static final String RESULTS = "buzz.aws.results.location";
  public static final String LAMBDA_ENDPOINT = "buzz.aws.endpoint.lambda";
  public static final String ECS_ENDPOINT = "buzz.aws.endpoint.ecs";
  public static final String S3_ENDPOINT = "buzz.aws.endpoint.s3";

  /** Every setting's name, prices included. */
  public static final List<String> NAMES =
      List.of(
          REGION,
          PROFILE,
          HBEE_FUNCTION,
          FUSE_FUNCTION,
          HBEE_MEMORY_MB,
          HBEE_CONCURRENCY,
          INVOCATION_TIMEOUT,
          CLUSTER,
          TASK_DEFINITION,
          SUBNETS,
          SECURITY_GROUPS,
          ASSIGN_PUBLIC_IP,
          HCOMB_PORT,
          STARTED_BY,
          START_TIMEOUT,
          HCOMB_VCPU,
          HCOMB_MEMORY_GB,
          RESULTS,
          LAMBDA_ENDPOINT,
          ECS_ENDPOINT,
          S3_ENDPOINT,
          CostModel.LAMBDA_GB_SECOND,
          CostModel.LAMBDA_REQUEST,
          CostModel.S3_GET,
          CostModel.FARGATE_VCPU_HOUR,
          CostModel.FARGATE_GB_HOUR);

  public AwsSettings {
    requireNonNull(region, "region is null");
    requireNonNull(profile, "profile is null");
    requireNonNull(hbeeFunction, "hbeeFunction is null");
    requireNonNull(fuseFunction, "fuseFunction is null");
    requireNonNull(invocationTimeout, "invocationTimeout is null");
    requireNonNull(fargate, "fargate is null");
    requireNonNull(results, "results is null");
    requireNonNull(endpoints, "endpoints is null");
    requireNonNull(cost, "cost is null");
  }

  /**
   * Reads the settings: {@code file} if given, then the environment. What the Fuse needs (the
   * cluster, task definition and subnets) is required only when {@code forFuse}; the CLI's {@code
   * query --aws} needs the region and the Fuse function alone.
   *
   * @throws BuzzException INVALID_CONFIG naming the first setting that is missing or wrong, or any
   *     unknown setting in the file (a typo would otherwise be ignored)
   */
  public static AwsSettings load(
      Optional<Path> file, Map<String, String> environment, boolean forFuse) {
    Settings settings = Settings.empty();
    if (file.isPresent()) {
      settings = settings.withFile(file.get());
      List<String> unknown = settings.unknown(NAMES);
      if (!unknown.isEmpty()) {
        throw new BuzzException(
            ErrorCode.INVALID_CONFIG,
            "unknown AWS setting " + String.join(", ", unknown) + "; known: " + NAMES);
      }
    }
    settings = settings.withEnvironment(environment, NAMES);
    // The SDK's own variable is the usual way to name a region.
    if (settings.optional(REGION).isEmpty() && environment.get("AWS_REGION") != null) {
      settings =
          settings.with(REGION, environment.get("AWS_REGION"), "environment variable AWS_REGION");
    }
    return from(settings, forFuse);
  }

  /** The settings {@code settings} describe; see {@link #load}. */
  public static AwsSettings from(Settings settings, boolean forFuse) {
    String region = settings.required(REGION);
    if (!region.matches("[a-z]{2}(-[a-z]+)+-\\d")) {
      throw settings.wrong(REGION, "is not an AWS region name (e.g. us-east-1)");
    }
    FargateConfig fargate =
        new FargateConfig(
            forFuse ? settings.required(CLUSTER) : settings.string(CLUSTER, "buzz"),
            forFuse
                ? settings.required(TASK_DEFINITION)
                : settings.string(TASK_DEFINITION, "buzz-hcomb"),
            forFuse ? required(settings, SUBNETS) : List.of("unused"),
            settings.list(SECURITY_GROUPS),
            settings.bool(ASSIGN_PUBLIC_IP, false),
            settings.integer(HCOMB_PORT, 7001, 1, 65535),
            startedBy(settings),
            settings.duration(START_TIMEOUT, Duration.ofMinutes(3)),
            Duration.ofSeconds(2));
    Optional<URI> results = settings.optional(RESULTS).map(text -> resultsLocation(settings, text));
    return new AwsSettings(
        region,
        settings.optional(PROFILE),
        settings.string(HBEE_FUNCTION, "buzz-hbee"),
        settings.string(FUSE_FUNCTION, "buzz-fuse"),
        settings.integer(HBEE_CONCURRENCY, 1000, 1, 100_000),
        settings.duration(INVOCATION_TIMEOUT, Duration.ofMinutes(5)),
        fargate,
        results,
        new Endpoints(
            settings.endpoint(LAMBDA_ENDPOINT),
            settings.endpoint(ECS_ENDPOINT),
            settings.endpoint(S3_ENDPOINT)),
        CostModel.from(
            settings,
            settings.integer(HBEE_MEMORY_MB, 1769, 128, 10240),
            positive(settings, HCOMB_VCPU, 2),
            positive(settings, HCOMB_MEMORY_GB, 8)));
  }

  private static double positive(Settings settings, String name, double defaultValue) {
    double value = settings.decimal(name, defaultValue);
    if (value <= 0) {
      throw settings.wrong(name, "must be positive");
    }
    return value;
  }

  private static List<String> required(Settings settings, String name) {
    List<String> items = settings.list(name);
    if (items.isEmpty()) {
      settings.required(name); // throws, naming it
    }
    return items;
  }

  private static String startedBy(Settings settings) {
    String value = settings.string(STARTED_BY, "buzz");
    if (value.length() > 36 || !value.matches("[A-Za-z0-9_-]+")) {
      throw settings.wrong(STARTED_BY, "must be 1 to 36 letters, digits, '-' or '_'");
    }
    return value;
  }

  private static URI resultsLocation(Settings settings, String text) {
    if (!text.startsWith("s3://") || text.length() <= "s3://".length()) {
      throw settings.wrong(RESULTS, "must be an s3://bucket/prefix/ location");
    }
    return URI.create(text.endsWith("/") ? text : text + "/");
  }
}
