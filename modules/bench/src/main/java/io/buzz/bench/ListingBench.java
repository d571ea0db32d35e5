package io.buzz.bench;

import static java.util.Objects.requireNonNull;

import io.buzz.fuse.catalog.ListedObject;
import io.buzz.fuse.catalog.ObjectLister;
import io.buzz.fuse.catalog.TableLocation;
import io.buzz.local.s3.S3LatencyModel;
import io.buzz.local.s3.S3LatencyProxy;
import io.buzz.storage.io.S3ClientConfig;
import io.buzz.storage.io.S3Clients;
import io.buzz.testing.EmbeddedS3;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/**
 * Listing a Hive-partitioned Static table on S3 under the latency model: {@link #PARTITIONS}
 * partitions of {@link #FILES_PER_PARTITION} (empty) files, listed by the Fuse's {@link
 * ObjectLister} flat (pages one after the other), by folder (folders in parallel) and both at once
 * as the Fuse does. The listing is what a query over such a table waits for before its first
 * invocation.
 */
final class ListingBench {
  static final int PARTITIONS = 10;
  static final int FILES_PER_PARTITION = 1_000;
  private static final String BUCKET = "listing";
  private static final int RUNS = 3;

  /** One strategy: median wall time of {@link #RUNS} listings and LIST requests per listing. */
  record StrategyRun(String strategy, double medianMillis, double requests, int files) {}

  record ListingReport(
      int partitions, int filesPerPartition, List<StrategyRun> runs, Optional<String> error) {}

  private final Progress progress;

  ListingBench(Progress progress) {
    this.progress = requireNonNull(progress, "progress is null");
  }

  ListingReport run(S3LatencyModel model) {
    Vertx vertx = BenchVertx.create();
    try (EmbeddedS3 server = new EmbeddedS3()) {
      server.createBucket(BUCKET);
      fill(server.client());
      S3LatencyProxy proxy = new S3LatencyProxy(model, server.endpoint());
      vertx.deployVerticle(proxy).await(30, TimeUnit.SECONDS);
      S3ClientConfig config =
          S3ClientConfig.compatible(
              proxy.endpoint(), "us-east-1", server.accessKeyId(), server.secretAccessKey());
      List<StrategyRun> runs = new ArrayList<>();
      try (S3AsyncClient client = S3Clients.create(config)) {
        // The Fuse's race last, after the JIT compiled what both of its listings run.
        for (ObjectLister.Strategy strategy :
            List.of(
                ObjectLister.Strategy.FLAT,
                ObjectLister.Strategy.BY_FOLDER,
                ObjectLister.Strategy.RACE)) {
          runs.add(measure(vertx, client, proxy, strategy));
        }
      }
      return new ListingReport(PARTITIONS, FILES_PER_PARTITION, runs, Optional.empty());
    } catch (Exception e) {
      String error = e.getClass().getSimpleName() + ": " + e.getMessage();
      progress.say("listing FAILED: %s", error);
      return new ListingReport(PARTITIONS, FILES_PER_PARTITION, List.of(), Optional.of(error));
    } finally {
      vertx.close();
    }
  }

  private static void fill(S3AsyncClient client) {
    for (int p = 0; p < PARTITIONS; p++) {
      List<CompletableFuture<?>> puts = new ArrayList<>();
      for (int f = 0; f < FILES_PER_PARTITION; f++) {
        String key = String.format("table/day=%02d/part-%05d.parquet", p, f);
        puts.add(client.putObject(b -> b.bucket(BUCKET).key(key), AsyncRequestBody.empty()));
      }
      CompletableFuture.allOf(puts.toArray(CompletableFuture[]::new)).join();
    }
  }

  private StrategyRun measure(
      Vertx vertx, S3AsyncClient client, S3LatencyProxy proxy, ObjectLister.Strategy strategy)
      throws Exception {
    ObjectLister lister = new ObjectLister(vertx, client, ObjectLister.DEFAULT_PAGE_SIZE, strategy);
    TableLocation location = new TableLocation.S3(BUCKET, "table/");
    lister.list(location).await(60, TimeUnit.SECONDS); // warm-up
    double[] millis = new double[RUNS];
    long requestsBefore = proxy.figures().requests();
    int files = 0;
    for (int i = 0; i < RUNS; i++) {
      long start = System.nanoTime();
      List<ListedObject> listed = lister.list(location).await(60, TimeUnit.SECONDS);
      millis[i] = (System.nanoTime() - start) / 1e6;
      files = listed.size();
    }
    double requests = (proxy.figures().requests() - requestsBefore) / (double) RUNS;
    java.util.Arrays.sort(millis);
    StrategyRun run =
        new StrategyRun(strategy.name().toLowerCase(), millis[RUNS / 2], requests, files);
    progress.say(
        "listing %,d files in %d partitions %s: %.0f ms, %.0f LIST requests",
        files, PARTITIONS, run.strategy(), run.medianMillis(), run.requests());
    return run;
  }
}
