package io.buzz.hcomb;

import io.buzz.error.BuzzException;
import io.buzz.kernels.memory.Allocators;
import io.buzz.metrics.ComponentMetrics;
import io.buzz.metrics.MetricsEndpoint;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.RootAllocator;

/**
 * The HComb container's entry point (a Fargate task, or a child process of the ECS twin): serves
 * one HComb until it has been idle for its idle-shutdown time, then exits with status 0, so the
 * task stops and stops costing; the Fuse's HComb manager starts another for the next query. SIGTERM
 * (ECS {@code StopTask}) stops it the same way, failing the queries still registered with
 * UNAVAILABLE.
 *
 * <p>Settings come from the environment ({@link HCombSettings}); a wrong one ends the process with
 * status 2 and one line naming it.
 */
public final class HCombMain {
  /**
   * The JVM flags of the HComb's heap, wherever it runs (its container image, the ECS twin's
   * process), besides {@code -XX:MaxRAMPercentage=40}: the heap is committed and touched at start,
   * in transparent huge pages where the kernel offers them. A merge of 1,000 streams otherwise
   * spends much of its time in the page faults of a growing heap ({@code make bench --sections
   * hcomb}, 100,000 groups per stream: 133 MB/s before, 359 MB/s pre-touched), and a Fargate task's
   * memory is reserved anyway. Huge pages make the touching ~3x faster (6 GB in 4 s instead of 15 s
   * on the 2-core machine). Where the kernel has none the JVM falls back to small pages, its
   * warning saying so off ({@code -Xlog:pagesize=off}): the HComb's output stays its own.
   */
  public static final List<String> HEAP_FLAGS =
      List.of(
          "-XX:InitialRAMPercentage=40",
          "-XX:+AlwaysPreTouch",
          "-XX:+UseTransparentHugePages",
          "-Xlog:pagesize=off");

  private HCombMain() {}

  public static void main(String[] args) throws InterruptedException {
    HCombSettings settings;
    try {
      settings = HCombSettings.from(System.getenv());
    } catch (BuzzException e) {
      System.err.println("buzz-hcomb: " + e.getMessage());
      System.exit(2);
      return;
    }
    ComponentMetrics metrics = ComponentMetrics.create("hcomb");
    Vertx vertx = metrics.newVertx(new VertxOptions());
    RootAllocator allocator = Allocators.root();
    metrics
        .bindEventLoops(vertx)
        .bindArrow(allocator)
        .bindArrowPool(Allocators.pool()::pooledBytes, Allocators.pool()::reusedBlocks);
    HCombVerticle hcomb = new HCombVerticle(settings.hcomb(), allocator, metrics.registry());
    CountDownLatch idle = new CountDownLatch(1);
    hcomb.onIdleShutdown(idle::countDown);
    Runtime.getRuntime().addShutdownHook(new Thread(idle::countDown, "buzz-hcomb-shutdown"));
    try {
      String deployment = vertx.deployVerticle(hcomb).await(60, TimeUnit.SECONDS);
      if (settings.metricsPort() >= 0) {
        vertx
            .deployVerticle(
                new MetricsEndpoint(metrics, settings.hcomb().host(), settings.metricsPort()))
            .await(60, TimeUnit.SECONDS);
      }
      System.out.println(
          "buzz-hcomb "
              + hcomb.hcombId()
              + " listening on "
              + settings.hcomb().host()
              + ":"
              + hcomb.endpoint().getPort()
              + " (idle shutdown after "
              + settings.hcomb().idleShutdown().toSeconds()
              + " s)");
      idle.await();
      vertx.undeploy(deployment).await(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      System.err.println("buzz-hcomb: " + BuzzException.wrap(e).getMessage());
      System.exit(1);
    } finally {
      try {
        vertx.close().await(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        // exiting anyway
      }
    }
    System.out.println("buzz-hcomb " + hcomb.hcombId() + " stopped");
    System.exit(0);
  }
}
