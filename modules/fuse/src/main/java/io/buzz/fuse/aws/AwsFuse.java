package io.buzz.fuse.aws;

import static java.util.Objects.requireNonNull;

import io.buzz.fuse.FuseConfig;
import io.buzz.fuse.FuseServices;
import io.buzz.fuse.catalog.Catalogs;
import io.buzz.fuse.catalog.ObjectLister;
import io.buzz.fuse.catalog.delta.DeltaTables;
import io.buzz.fuse.hcomb.FargateHCombManager;
import io.buzz.fuse.invoke.LambdaHBeeInvoker;
import io.buzz.fuse.invoke.LambdaInvokerConfig;
import io.buzz.fuse.metrics.FuseMetrics;
import io.buzz.fuse.query.InvocationBudget;
import io.buzz.grpc.GrpcLimits;
import io.buzz.kernels.memory.Allocators;
import io.buzz.metrics.ComponentMetrics;
import io.buzz.plan.sql.QueryPlanner;
import io.buzz.storage.io.ByteSources;
import io.buzz.storage.io.S3ClientConfig;
import io.buzz.storage.io.S3Clients;
import io.buzz.storage.io.S3ReadOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.grpc.client.GrpcClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsAsyncClient;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/**
 * The Fuse wired to AWS: HBees invoked on Lambda ({@link LambdaHBeeInvoker}), HCombs run as Fargate
 * tasks ({@link FargateHCombManager}), catalogs and results on S3 — every client the AWS SDK's
 * async one, pointed at AWS or, through {@link AwsSettings#endpoints()}, at the twins.
 *
 * <pre>
 *   FuseHandler (Lambda) ─┐                 ┌─▶ LambdaAsyncClient ─▶ HBee function × N
 *   FuseServer (gRPC)  ───┼─▶ FuseServices ─┼─▶ EcsAsyncClient ────▶ HComb task (Fargate)
 *   buzz serve --aws   ───┘                 └─▶ S3AsyncClient ─────▶ catalogs, results
 * </pre>
 *
 * <p>Nothing here depends on the HBee or HComb code: on AWS they are other processes. {@link
 * #close} stops what {@link #start} built, in reverse order; call both off the event loop.
 */
public final class AwsFuse implements AutoCloseable {
  private final AwsSettings settings;
  private final ComponentMetrics metrics;
  private final Vertx vertx;
  private final BufferAllocator allocator;
  private final S3AsyncClient s3;
  private final FuseServices services;
  private final List<AutoCloseable> closing;

  private AwsFuse(
      AwsSettings settings,
      ComponentMetrics metrics,
      Vertx vertx,
      BufferAllocator allocator,
      S3AsyncClient s3,
      FuseServices services,
      List<AutoCloseable> closing) {
    this.settings = settings;
    this.metrics = metrics;
    this.vertx = vertx;
    this.allocator = allocator;
    this.s3 = s3;
    this.services = services;
    this.closing = closing;
  }

  /** The credentials the settings name: a profile, or the SDK's default chain. */
  public static AwsCredentialsProvider credentials(AwsSettings settings) {
    return settings
        .profile()
        .<AwsCredentialsProvider>map(ProfileCredentialsProvider::create)
        .orElseGet(() -> DefaultCredentialsProvider.builder().build());
  }

  /**
   * The Fuse's event loops: one per core, where Vert.x would start two. Each invocation's SDK work
   * starts on the next loop in turn and its outcome comes back to the query's ({@link
   * LambdaHBeeInvoker}); with more loops than cores, those hops are thread switches. Fan-out bench,
   * 10,000-task queries on two cores, ten alternating pairs: two loops took 0.853 of four loops'
   * CPU per invocation; one loop 0.919 of two (no hops at all, but one core for everything).
   */
  static int eventLoops() {
    return Runtime.getRuntime().availableProcessors();
  }

  /**
   * Builds the Fuse's services. No AWS call is made yet: missing credentials or a wrong region are
   * reported by the first query, in one line ({@link AwsErrors}).
   *
   * @param fuse the Fuse's own limits; its HBee concurrency and cost model come from {@code
   *     settings}
   */
  public static AwsFuse start(
      AwsSettings settings, AwsCredentialsProvider credentials, FuseConfig fuse) {
    requireNonNull(settings, "settings is null");
    requireNonNull(credentials, "credentials is null");
    List<AutoCloseable> closing = new ArrayList<>();
    ComponentMetrics metrics = ComponentMetrics.create("fuse");
    closing.add(metrics);
    Vertx vertx = metrics.newVertx(new VertxOptions().setEventLoopPoolSize(eventLoops()));
    closing.add(() -> vertx.close().await(10, TimeUnit.SECONDS));
    RootAllocator allocator = Allocators.root();
    closing.add(allocator);
    metrics
        .bindEventLoops(vertx)
        .bindArrow(allocator)
        .bindArrowPool(Allocators.pool()::pooledBytes, Allocators.pool()::reusedBlocks);
    try {
      // One event loop group for the ECS client, closed after it with a short quiet period: the
      // SDK hands the release of just-closed connections to these loops, and a group that is
      // already gone makes Netty log the rejection as a warning.
      @SuppressWarnings("deprecation")
      io.netty.channel.EventLoopGroup sdkLoops = new io.netty.channel.nio.NioEventLoopGroup(2);
      closing.add(
          () ->
              sdkLoops
                  .shutdownGracefully(200, 3000, TimeUnit.MILLISECONDS)
                  .awaitUninterruptibly(4000));
      S3ClientConfig s3Config = S3ClientConfig.aws(settings.region());
      s3Config = settings.endpoints().s3().map(s3Config::withEndpoint).orElse(s3Config);
      S3AsyncClient s3 = S3Clients.create(s3Config, credentials);
      closing.add(s3);
      LambdaHBeeInvoker invoker =
          new LambdaHBeeInvoker(
              vertx,
              new LambdaInvokerConfig(
                  settings.hbeeFunction(),
                  settings.region(),
                  settings.endpoints().lambda(),
                  settings.hbeeConcurrency(),
                  settings.invocationTimeout(),
                  credentials));
      closing.add(invoker);
      var ecsBuilder =
          EcsAsyncClient.builder()
              .region(Region.of(settings.region()))
              .credentialsProvider(credentials)
              .overrideConfiguration(
                  o ->
                      o.apiCallTimeout(java.time.Duration.ofSeconds(30))
                          .apiCallAttemptTimeout(java.time.Duration.ofSeconds(10)))
              .httpClientBuilder(
                  NettyNioAsyncHttpClient.builder()
                      .maxConcurrency(16)
                      .eventLoopGroup(
                          software.amazon.awssdk.http.nio.netty.SdkEventLoopGroup.create(
                              sdkLoops)));
      settings.endpoints().ecs().ifPresent(ecsBuilder::endpointOverride);
      EcsAsyncClient ecs = ecsBuilder.build();
      closing.add(ecs);
      GrpcClient hcombClient = GrpcClient.client(vertx, GrpcLimits.clientOptions());
      closing.add(() -> hcombClient.close().await(10, TimeUnit.SECONDS));
      FargateHCombManager hcombs =
          new FargateHCombManager(vertx, ecs, hcombClient, settings.fargate());
      closing.add(hcombs);
      FuseConfig config =
          fuse.withHBeeConcurrency(settings.hbeeConcurrency())
              .withPacking(
                  fuse.packing()
                      .withParallelism(
                          Math.min(settings.hbeeConcurrency(), fuse.dispatch().maxInFlight())))
              .withCost(settings.cost());
      FuseMetrics meters = new FuseMetrics(metrics.registry());
      InvocationBudget invocations = new InvocationBudget(config.hbeeConcurrency());
      meters.bindBudget(invocations);
      QueryPlanner planner = new QueryPlanner(config.cachedPlans());
      meters.bindPlanner(planner);
      ByteSources byteSources = new ByteSources(vertx, s3, S3ReadOptions.DEFAULTS);
      FuseServices services =
          new FuseServices(
              vertx,
              planner,
              new Catalogs(
                  new ObjectLister(vertx, s3),
                  byteSources,
                  new DeltaTables(vertx, s3, metrics.registry())),
              hcombs,
              hcombClient,
              meters.meter(invoker),
              allocator,
              config,
              meters,
              invocations);
      return new AwsFuse(settings, metrics, vertx, allocator, s3, services, closing);
    } catch (RuntimeException e) {
      closeAll(closing);
      throw e;
    }
  }

  public FuseServices services() {
    return services;
  }

  public AwsSettings settings() {
    return settings;
  }

  public ComponentMetrics metrics() {
    return metrics;
  }

  public Vertx vertx() {
    return vertx;
  }

  /** The S3 client of catalogs and results. */
  public S3AsyncClient s3() {
    return s3;
  }

  /**
   * Warms the planner (Calcite's first plan costs seconds) and the Delta reader (Kernel's first
   * read half a second) on this thread.
   */
  public void warmUp() {
    services.planner().warmUp();
    services.catalogs().warmUp();
  }

  @Override
  public void close() {
    closeAll(closing);
  }

  private static void closeAll(List<AutoCloseable> resources) {
    for (int i = resources.size() - 1; i >= 0; i--) {
      try {
        resources.get(i).close();
      } catch (Exception e) {
        System.getLogger(AwsFuse.class.getName())
            .log(System.Logger.Level.DEBUG, "closing the AWS Fuse: " + e);
      }
    }
  }
}
