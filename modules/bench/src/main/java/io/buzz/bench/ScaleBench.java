package io.buzz.bench;

import static java.util.Objects.requireNonNull;

import io.buzz.fuse.client.QueryClient;
import io.buzz.fuse.cost.CostModel;
import io.buzz.fuse.query.TaskPacking;
import io.buzz.local.LocalStack;
import io.buzz.local.LocalStackConfig;
import io.buzz.local.s3.S3LatencyModel;
import io.buzz.local.s3.S3LatencyProxy;
import io.buzz.protocol.query.Statistics;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * The scale section: measures one HBee's scan rate under the S3 latency model — the taxi suite's
 * {@code multi_agg} over the whole table packed into a single task, read from the S3 twin — and
 * projects, with the fan-out and HComb sections' rates, the wall time and cost of 100 GB and 1 TB
 * scans with 100, 1,000 and 3,000 HBees ({@link ScaleProjection}).
 */
final class ScaleBench {
  /** The query whose single task is timed: a full-table scan with six aggregates. */
  static final String QUERY = "multi_agg";

  /**
   * A fresh HBee environment's first invocation, initialization included: the middle of the 1.1–1.6
   * s measured with {@code --sections aws} (README, "The AWS path, offline").
   */
  static final double COLD_START_MILLIS = 1_400;

  /** The file size a large table is written in. */
  static final long FILE_BYTES = 256L << 20;

  /**
   * What the HBee measurement found.
   *
   * @param firstByteMillis the mean first-byte delay the S3 twin added to a request
   * @param ioWaitMillis the task's time waiting for S3 with nothing to decode
   * @param decodeMillis of the task's time, decoding Parquet
   * @param computeMillis of the task's time, running the plan's operators
   */
  record HBeeRate(
      double megabytesPerSecond,
      long bytesPerTask,
      double taskMillis,
      double firstByteMillis,
      double bytesPerGet,
      String s3Model,
      long ioWaitMillis,
      long decodeMillis,
      long computeMillis) {}

  /** The section's outcome: the measurement and the projection, or why there is none. */
  /**
   * @param listing a partitioned table's listing under the same S3 model ({@link ListingBench})
   */
  record ScaleReport(
      Optional<HBeeRate> hbee,
      Optional<ScaleProjection> projection,
      List<ScaleProjection.Scan> scans,
      Optional<String> error,
      Optional<ListingBench.ListingReport> listing) {}

  private final BenchConfig config;
  private final Progress progress;

  ScaleBench(BenchConfig config, Progress progress) {
    this.config = requireNonNull(config, "config is null");
    this.progress = requireNonNull(progress, "progress is null");
  }

  ScaleReport run(
      Optional<FanOutBench.FanOutReport> fanOut, Optional<HCombScaleBench.HCombScaleReport> hcomb) {
    try {
      HBeeRate rate = measureHBee();
      double invocations =
          fanOut
              .flatMap(FanOutBench.FanOutReport::median)
              .map(FanOutBench.FanOutRun::invocationsPerSecond)
              .orElseThrow(() -> new IllegalStateException("the fan-out section measured nothing"));
      HCombScaleBench.ShapeRun small =
          hcomb.stream()
              .flatMap(h -> h.runs().stream())
              .filter(r -> r.shape().id().equals("groups_1k") && r.error().isEmpty())
              .findFirst()
              .orElseThrow(
                  () -> new IllegalStateException("the hcomb section's groups_1k shape failed"));
      CostModel us = CostModel.US_EAST_1;
      // A task decodes and aggregates on one thread at a time (its I/O on the event loop): the
      // rate is one core's, as a 1,769 MB Lambda (one vCPU) has.
      CostModel cost =
          new CostModel(
              us.lambdaGbSecond(),
              us.lambdaRequest(),
              us.s3GetRequest(),
              us.fargateVcpuHour(),
              us.fargateGbHour(),
              1_769,
              us.hcombVcpu(),
              us.hcombMemoryGb());
      ScaleProjection projection =
          new ScaleProjection(
              rate.megabytesPerSecond(),
              rate.firstByteMillis(),
              rate.bytesPerGet(),
              invocations,
              small.openToResultMillis() / small.streams(),
              small.lastEndToResultMillis(),
              COLD_START_MILLIS,
              FILE_BYTES,
              cost);
      return new ScaleReport(
          Optional.of(rate),
          Optional.of(projection),
          projection.table(),
          Optional.empty(),
          Optional.of(new ListingBench(progress).run(model())));
    } catch (RuntimeException e) {
      String error = e.getClass().getSimpleName() + ": " + e.getMessage();
      progress.say("scale FAILED: %s", error);
      return new ScaleReport(
          Optional.empty(), Optional.empty(), List.of(), Optional.of(error), Optional.empty());
    }
  }

  private S3LatencyModel model() {
    return config.s3Latency().isOff() ? S3LatencyModel.realistic(7) : config.s3Latency();
  }

  private HBeeRate measureHBee() {
    S3LatencyModel model = model();
    BenchQuery query =
        BenchSuite.queries(config.data()).stream()
            .filter(q -> q.name().equals(QUERY))
            .findFirst()
            .orElseThrow();
    LocalStackConfig defaults = LocalStackConfig.defaults();
    Vertx vertx = BenchVertx.create();
    try (S3BenchTwin s3 = S3BenchTwin.start(vertx, model, config.tableDir())) {
      LocalStackConfig stackConfig =
          defaults
              .withFuse(
                  defaults
                      .fuse()
                      .withQueryTimeout(config.queryTimeout())
                      // every file in one task: the rate of one HBee
                      .withPacking(new TaskPacking(1, Long.MAX_VALUE / 2, 0, 100_000)))
              .withS3(s3.clientConfig());
      String json = query.buzzJson(S3BenchTwin.tableUri(config.tableDir()));
      try (LocalStack stack = LocalStack.start(vertx, stackConfig);
          QueryClient client = new QueryClient(vertx, defaults.host(), stack.port());
          BufferAllocator allocator = new RootAllocator()) {
        BuzzRunner runner = new BuzzRunner(client, allocator, config.queryTimeout());
        for (int i = 0; i < Math.max(1, config.warmups()); i++) {
          runner.run(json);
        }
        S3LatencyProxy.Figures before = s3.proxy().figures();
        List<Statistics> runs = new ArrayList<>();
        for (int i = 0; i < Math.max(3, Math.min(config.repetitions(), 5)); i++) {
          Statistics s = runner.run(json).statistics();
          if (s.getHbeeTasks() != 1) {
            throw new IllegalStateException(
                "the scan rate needs one HBee task, the query had " + s.getHbeeTasks());
          }
          runs.add(s);
        }
        S3LatencyProxy.Figures after = s3.proxy().figures();
        double firstByteMillis =
            (after.delayMillis() - before.delayMillis())
                / Math.max(1, after.requests() - before.requests());
        runs.sort((a, b) -> Long.compare(a.getHbeeMaxMillis(), b.getHbeeMaxMillis()));
        Statistics median = runs.get((runs.size() - 1) / 2);
        double taskMillis = Math.max(1, median.getHbeeMaxMillis());
        HBeeRate rate =
            new HBeeRate(
                median.getBytesRead() / 1e6 / (taskMillis / 1000),
                median.getBytesRead(),
                taskMillis,
                firstByteMillis,
                median.getBytesRead() / (double) Math.max(1, median.getIoRequests()),
                model.describe(),
                median.getHbeeIoWaitMillis(),
                median.getHbeeDecodeMillis(),
                median.getHbeeComputeMillis());
        progress.say(
            "scale: one HBee read %.1f MB in %.0f ms under the S3 model: %.0f MB/s (decoding %d"
                + " ms, operators %d ms, waiting for S3 with nothing to decode %d ms)",
            rate.bytesPerTask() / 1e6,
            rate.taskMillis(),
            rate.megabytesPerSecond(),
            rate.decodeMillis(),
            rate.computeMillis(),
            rate.ioWaitMillis());
        return rate;
      }
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("measuring one HBee's scan rate: " + e.getMessage(), e);
    } finally {
      BenchVertx.close(vertx, progress);
    }
  }
}
