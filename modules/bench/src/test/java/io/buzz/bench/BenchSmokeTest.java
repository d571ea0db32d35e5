package io.buzz.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the whole harness once on tiny settings — every section, through the command line — and
 * checks that its report and chart are there and make sense. It checks the instrument, not Buzz's
 * speed: no timing is asserted.
 */
class BenchSmokeTest {
  @TempDir Path temp;

  @Test
  void tinyRunWritesReportAndChart() throws Exception {
    Path results = temp.resolve("results");
    int exit =
        BenchMain.run(
            "--quick",
            "--rows=20000",
            "--wide-rows=16000",
            "--days=4",
            "--warmup=0",
            "--warmup-seconds=0.5",
            "--repetitions=1",
            "--load-levels=1,2",
            "--load-seconds=1",
            "--fanout-tasks=200",
            "--fanout-in-flight=64",
            "--fanout-runs=1",
            "--fanout-compare=-XX:+UseSerialGC -Dbuzz.bench.compared=true --lambda-tls",
            "--hcomb-streams=50",
            "--aws-environments=1",
            "--timeout=60",
            "--data-dir=" + temp.resolve("data"),
            "--results-dir=" + results);
    assertThat(exit).isZero();

    JsonObject json =
        new JsonObject(Files.readString(results.resolve("latest.json"), StandardCharsets.UTF_8));
    assertThat(json.getString("format")).isEqualTo("buzz-bench/1");
    assertThat(json.getJsonObject("machine").getInteger("cores")).isPositive();
    assertThat(json.getJsonObject("config").getLong("rows")).isEqualTo(20_000);
    assertThat(json.getJsonObject("data").getInteger("files")).isEqualTo(4);
    assertThat(json.getJsonObject("data").getLong("bytes")).isPositive();

    JsonArray latency = json.getJsonArray("latency");
    assertThat(latency).hasSize(7);
    for (int i = 0; i < latency.size(); i++) {
      JsonObject query = latency.getJsonObject(i);
      String name = query.getString("name");
      assertThat(query.containsKey("error")).as(name + ": " + query.getString("error")).isFalse();
      assertThat(query.getBoolean("answers_agree"))
          .as(name + ": " + query.getString("difference"))
          .isTrue();
      assertThat(query.getJsonObject("buzz_ms").getInteger("count")).as(name).isEqualTo(1);
      assertThat(query.getJsonObject("buzz_ms").getDouble("median")).as(name).isPositive();
      assertThat(query.getJsonObject("duckdb_ms").getDouble("median")).as(name).isPositive();
      assertThat(query.getDouble("ratio")).as(name).isPositive();
      JsonObject statistics = query.getJsonObject("buzz_statistics");
      assertThat(statistics.getLong("files_selected")).as(name).isPositive();
      assertThat(statistics.getLong("rows_scanned")).as(name).isPositive();
      assertThat(statistics.getInteger("hbee_tasks")).as(name).isPositive();
    }
    assertThat(json.getDouble("geometric_mean_ratio")).isPositive();
    assertThat(json.getBoolean("answers_agree")).isTrue();

    JsonArray load = json.getJsonArray("load");
    assertThat(load).hasSize(2);
    for (int i = 0; i < load.size(); i++) {
      JsonObject level = load.getJsonObject(i);
      assertThat(level.getInteger("clients")).isEqualTo(i + 1);
      assertThat(level.getLong("completed")).isPositive();
      assertThat(level.getLong("failed")).as(level.encode()).isZero();
      assertThat(level.getDouble("throughput_qps")).isPositive();
      assertThat(level.getJsonObject("latency_ms").getDouble("p99")).isPositive();
    }

    JsonObject fanOut = json.getJsonObject("fanout");
    assertThat(fanOut.containsKey("error")).as(fanOut.getString("error")).isFalse();
    assertThat(fanOut.getInteger("tasks")).isEqualTo(200);
    assertThat(fanOut.getInteger("fuse_in_flight")).isEqualTo(64);
    assertThat(fanOut.getInteger("lambda_concurrency")).isEqualTo(64);
    assertThat(fanOut.getLong("invocations_handled")).isGreaterThanOrEqualTo(200);
    assertThat(fanOut.getJsonArray("runs")).hasSize(1);
    assertThat(fanOut.getDouble("invocations_per_second_median")).isPositive();
    assertThat(fanOut.getJsonArray("runs").getJsonObject(0).getDouble("last_commit_to_result_ms"))
        .as("the Fuse heard the last commit before the result was out")
        .isPositive();
    // The same query with the Fuse in a process of its own, its CPU time measured apart.
    JsonObject fuseProcess = fanOut.getJsonObject("fuse_process");
    assertThat(fuseProcess.containsKey("error")).as(fuseProcess.getString("error")).isFalse();
    assertThat(fuseProcess.getJsonArray("runs")).hasSize(1);
    JsonObject ownRun = fuseProcess.getJsonArray("runs").getJsonObject(0);
    assertThat(ownRun.getDouble("fuse_cpu_us_per_task")).isPositive();
    // Its kernel time (Linux's /proc) and its JIT's time (reported by the process) are known.
    assertThat(ownRun.getDouble("fuse_kernel_us_per_task")).isNotNegative();
    assertThat(ownRun.getDouble("fuse_jit_us_per_task")).isNotNegative();
    assertThat(ownRun.getDouble("hcomb_cpu_us_per_task")).isPositive();
    assertThat(ownRun.getDouble("invocations_per_second")).isPositive();
    // A second Fuse with other JVM options, its queries alternating with the first's; it invokes
    // its Lambda twin over HTTPS.
    JsonObject compared = fuseProcess.getJsonObject("compared");
    assertThat(compared.getJsonArray("jvm_options"))
        .containsExactly("-XX:+UseSerialGC", "-Dbuzz.bench.compared=true", "--lambda-tls");
    assertThat(compared.getJsonArray("runs")).hasSize(1);
    assertThat(compared.getJsonArray("runs").getJsonObject(0).getDouble("fuse_cpu_us_per_task"))
        .isPositive();
    assertThat(compared.getDouble("fuse_cpu_ratio_median")).isPositive();

    // The HComb at scale: every shape merged (its answer checked by the bench), the memory drill
    // refused with the HComb's limit error.
    JsonObject hcomb = json.getJsonObject("hcomb");
    assertThat(hcomb.getInteger("streams")).isEqualTo(50);
    JsonArray shapes = hcomb.getJsonArray("shapes");
    assertThat(shapes).hasSize(HCombScaleBench.shapes().size());
    for (int i = 0; i < shapes.size(); i++) {
      JsonObject shape = shapes.getJsonObject(i);
      assertThat(shape.getBoolean("ok")).as(shape.encode()).isTrue();
      if (shape.getLong("memory_limit_bytes") > 0) {
        assertThat(shape.getString("error")).contains("memory", "limit");
      } else {
        assertThat(shape.getLong("rows_merged")).as(shape.encode()).isPositive();
        assertThat(shape.getDouble("megabytes_per_second")).as(shape.encode()).isPositive();
      }
    }
    // rows_64k again with the HComb in a process of its own, its CPU time measured apart.
    JsonObject hcombProcess = hcomb.getJsonObject("hcomb_process");
    assertThat(hcombProcess.containsKey("error")).as(hcombProcess.getString("error")).isFalse();
    assertThat(hcombProcess.getLong("bytes_in")).isPositive();
    assertThat(hcombProcess.getDouble("hcomb_mb_per_cpu_second")).isPositive();

    // The projection: one HBee's rate measured under the S3 model, six projected scans.
    JsonObject scale = json.getJsonObject("scale");
    assertThat(scale.containsKey("error")).as(scale.getString("error")).isFalse();
    assertThat(scale.getJsonObject("hbee").getDouble("megabytes_per_second")).isPositive();
    assertThat(scale.getJsonArray("scans")).hasSize(6);
    assertThat(scale.getJsonArray("assumptions")).isNotEmpty();
    // A partitioned table listed flat, by folder and both at once: each finds every file.
    JsonObject listing = scale.getJsonObject("listing");
    assertThat(listing.containsKey("error")).as(listing.getString("error")).isFalse();
    assertThat(listing.getJsonArray("runs")).hasSize(3);
    for (int i = 0; i < 3; i++) {
      assertThat(listing.getJsonArray("runs").getJsonObject(i).getInteger("files"))
          .isEqualTo(ListingBench.PARTITIONS * ListingBench.FILES_PER_PARTITION);
    }
    for (int i = 0; i < 6; i++) {
      JsonObject scan = scale.getJsonArray("scans").getJsonObject(i);
      assertThat(scan.getDouble("wall_seconds")).as(scan.encode()).isPositive();
      assertThat(scan.getDouble("total_usd")).as(scan.encode()).isPositive();
    }

    JsonObject aws = json.getJsonObject("aws_twins");
    assertThat(aws.containsKey("error")).as(aws.getString("error")).isFalse();
    JsonArray coldStarts = aws.getJsonArray("cold_starts");
    assertThat(coldStarts.size()).isGreaterThanOrEqualTo(3);
    for (int i = 0; i < coldStarts.size(); i++) {
      JsonObject variant = coldStarts.getJsonObject(i);
      assertThat(variant.getInteger("environments")).as(variant.encode()).isEqualTo(1);
      assertThat(variant.getDouble("process_to_ready_ms_median")).isPositive();
      assertThat(variant.getDouble("first_invocation_ms_median")).isPositive();
    }
    assertThat(aws.getJsonObject("fanout").getInteger("tasks")).isEqualTo(200);
    assertThat(
            latency
                .getJsonObject(0)
                .getJsonObject("buzz_statistics")
                .getDouble("aws_cost_usd_median"))
        .isPositive();

    JsonObject wide = json.getJsonObject("wide");
    assertThat(wide.getJsonObject("data").getInteger("files")).isEqualTo(8);
    JsonArray wideQueries = wide.getJsonArray("queries");
    assertThat(wideQueries).hasSize(13);
    for (int i = 0; i < wideQueries.size(); i++) {
      JsonObject query = wideQueries.getJsonObject(i);
      String name = query.getString("name");
      assertThat(query.containsKey("error")).as(name + ": " + query.getString("error")).isFalse();
      assertThat(query.getBoolean("answers_agree"))
          .as(name + ": " + query.getString("difference"))
          .isTrue();
    }
    JsonArray decode = wide.getJsonArray("decode");
    assertThat(decode).hasSize(6);
    for (int i = 0; i < decode.size(); i++) {
      JsonObject figure = decode.getJsonObject(i);
      assertThat(figure.getLong("rows")).as(figure.encode()).isEqualTo(16_000);
      assertThat(figure.getDouble("buzz_mb_per_s")).as(figure.encode()).isPositive();
      assertThat(figure.getDouble("duckdb_mb_per_s")).as(figure.encode()).isPositive();
    }

    String svg = Files.readString(results.resolve("latest.svg"), StandardCharsets.UTF_8);
    assertThat(svg).startsWith("<svg").contains("</svg>");
    assertThat(svg).contains("Latency vs concurrent clients", "geometric mean", "count_distinct");
    try (var files = Files.list(results)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .anyMatch(n -> n.matches("bench-\\d{8}-\\d{6}\\.json"))
          .anyMatch(n -> n.matches("bench-\\d{8}-\\d{6}\\.svg"));
    }
  }

  @Test
  void theLatencySuiteReadsS3BehindTheLatencyTwin(@TempDir Path temp) throws Exception {
    Path results = temp.resolve("results");
    int exit =
        BenchMain.run(
            "--quick",
            "--sections=latency",
            "--queries=seed,count_distinct",
            "--s3-latency=realistic,first-byte=1-3,bandwidth=500,seed=2",
            "--rows=20000",
            "--days=4",
            "--warmup=0",
            "--warmup-seconds=0",
            "--repetitions=1",
            "--timeout=60",
            "--data-dir=" + temp.resolve("data"),
            "--results-dir=" + results);
    assertThat(exit).isZero();
    JsonObject json =
        new JsonObject(Files.readString(results.resolve("latest.json"), StandardCharsets.UTF_8));
    assertThat(json.getJsonObject("config").getString("s3_latency")).contains("first byte 1-3 ms");
    JsonArray latency = json.getJsonArray("latency");
    assertThat(latency).hasSize(2);
    for (int i = 0; i < latency.size(); i++) {
      JsonObject query = latency.getJsonObject(i);
      assertThat(query.containsKey("error")).as(query.getString("error")).isFalse();
      assertThat(query.getBoolean("answers_agree")).as(query.getString("difference")).isTrue();
      JsonObject statistics = query.getJsonObject("buzz_statistics");
      assertThat(statistics.getLong("io_requests")).isPositive();
      assertThat(statistics.getDouble("hbee_task_ms_median")).isPositive();
      assertThat(statistics.containsKey("hbee_first_byte_ms_median")).isTrue();
    }
  }

  @Test
  void unknownQueryNamesAndBadLatencySpecsAreBadOptions(@TempDir Path temp) {
    assertThat(BenchMain.run("--queries=nope", "--data-dir=" + temp)).isEqualTo(2);
    assertThat(BenchMain.run("--s3-latency=slow", "--data-dir=" + temp)).isEqualTo(2);
  }
}
