package io.buzz.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The machine-readable report: one JSON object with the machine, the configuration, timestamps and
 * every number. Times are milliseconds, sizes bytes; absent values are left out.
 */
final class ResultsJson {
  private ResultsJson() {}

  static JsonObject of(BenchResults r) {
    JsonObject json =
        new JsonObject()
            .put("format", "buzz-bench/1")
            .put("started_at", r.startedAt().toString())
            .put("finished_at", r.finishedAt().toString())
            .put(
                "elapsed_seconds",
                (r.finishedAt().toEpochMilli() - r.startedAt().toEpochMilli()) / 1000.0)
            .put("machine", machine(r))
            .put("config", config(r.config()))
            .put("data", data(r.data()));
    r.gitCommit().ifPresent(c -> json.put("git_commit", c));
    r.duckDbVersion().ifPresent(v -> json.put("duckdb_version", v));
    JsonArray latency = new JsonArray();
    for (QueryReport q : r.latency()) {
      latency.add(query(q));
    }
    json.put("latency", latency);
    r.geometricMeanRatio().ifPresent(g -> json.put("geometric_mean_ratio", g));
    json.put("answers_agree", r.answersAgree());
    JsonArray load = new JsonArray();
    for (LoadSweep.LoadLevel level : r.load()) {
      load.add(level(level));
    }
    json.put("load", load);
    r.fanOut().ifPresent(f -> json.put("fanout", fanOut(f)));
    r.hcomb().ifPresent(h -> json.put("hcomb", hcomb(h)));
    r.scale().ifPresent(s -> json.put("scale", scale(s)));
    r.aws().ifPresent(a -> json.put("aws_twins", aws(a)));
    r.wide().ifPresent(w -> json.put("wide", wide(w)));
    return json;
  }

  private static JsonObject wide(BenchResults.WideReport w) {
    JsonArray queries = new JsonArray();
    for (QueryReport q : w.queries()) {
      queries.add(query(q));
    }
    JsonArray decode = new JsonArray();
    for (DecodeBench.DecodeFigure d : w.decode()) {
      decode.add(
          new JsonObject()
              .put("columns", d.columnSet())
              .put("column_count", d.columns())
              .put("rows", d.rows())
              .put("parquet_bytes", d.parquetBytes())
              .put("buzz_seconds", d.buzzSeconds())
              .put("duckdb_seconds", d.duckDbSeconds())
              .put("buzz_mb_per_s", d.buzzMegabytesPerSecond())
              .put("duckdb_mb_per_s", d.duckDbMegabytesPerSecond())
              .put("buzz_rows_per_s", d.buzzRowsPerSecond())
              .put("duckdb_rows_per_s", d.duckDbRowsPerSecond()));
    }
    JsonObject json =
        new JsonObject().put("data", data(w.data())).put("queries", queries).put("decode", decode);
    w.geometricMeanRatio().ifPresent(g -> json.put("geometric_mean_ratio", g));
    return json;
  }

  private static JsonObject machine(BenchResults r) {
    MachineInfo m = r.machine();
    JsonObject json =
        new JsonObject()
            .put("os", m.os())
            .put("arch", m.arch())
            .put("cores", m.cores())
            .put("jvm_max_heap_bytes", m.jvmMaxHeapBytes())
            .put("java", m.java())
            .put("jvm", m.jvm())
            .put("load_average_at_start", m.loadAverageAtStart())
            .put("load_average_at_end", r.loadAverageAtEnd());
    m.cpuModel().ifPresent(c -> json.put("cpu_model", c));
    m.memoryBytes().ifPresent(b -> json.put("memory_bytes", b));
    return json;
  }

  private static JsonObject config(BenchConfig c) {
    JsonArray sections = new JsonArray();
    for (BenchConfig.Section s : BenchConfig.Section.values()) {
      if (c.runs(s)) {
        sections.add(s.label());
      }
    }
    return new JsonObject()
        .put("quick", c.quick())
        .put("rows", c.data().rows())
        .put("days", c.data().days())
        .put("first_day", c.data().firstDay().toString())
        .put("row_group_rows", c.data().rowsPerRowGroup())
        .put("sections", sections)
        .put("duckdb", c.duckDb())
        .put("warmups", c.warmups())
        .put("warmup_seconds", c.warmUp().minimum().toMillis() / 1000.0)
        .put("warmup_max_seconds", c.warmUp().maximum().toMillis() / 1000.0)
        .put("warmup_quiet_jit_share", c.warmUp().quietShare())
        .put("repetitions", c.repetitions())
        .put("duckdb_threads", c.duckDbThreads())
        .put("lambda_concurrency", c.lambdaConcurrency())
        .put("load_levels", new JsonArray(c.loadLevels()))
        .put("load_seconds", c.loadDuration().toMillis() / 1000.0)
        .put("load_queries", new JsonArray(c.loadQueries()))
        .put("s3_latency", c.s3Latency().describe())
        .put("fanout_tasks", c.fanOutTasks())
        .put("fanout_in_flight", c.fanOutInFlight())
        .put("fanout_runs", c.fanOutRuns())
        .put("hcomb_streams", c.hcombStreams())
        .put("hcomb_runs", c.hcombRuns())
        .put("query_timeout_seconds", c.queryTimeout().toSeconds());
  }

  private static JsonObject data(BenchResults.DataInfo d) {
    return new JsonObject()
        .put("path", d.path())
        .put("rows", d.rows())
        .put("days", d.days())
        .put("files", d.files())
        .put("bytes", d.bytes())
        .put("generated_seconds", d.generatedSeconds());
  }

  private static JsonObject query(QueryReport q) {
    QueryReport.BuzzFigures f = q.figures();
    JsonObject json =
        new JsonObject()
            .put("name", q.query().name())
            .put("description", q.query().description())
            .put("hbee_sql", q.query().hbeeSql())
            .put("hcomb_sql", q.query().hcombSql())
            .put("buzz_ms", latencies(q.buzz()))
            .put("result_rows", q.resultRows())
            .put(
                "buzz_statistics",
                new JsonObject()
                    .put("files_listed", f.filesListed())
                    .put("files_selected", f.filesSelected())
                    .put("bytes_listed", f.bytesListed())
                    .put("bytes_read", f.bytesRead())
                    .put("io_requests", f.ioRequests())
                    .put("rows_scanned", f.rowsScanned())
                    .put("rows_shuffled", f.rowsShuffled())
                    .put("hbee_tasks", f.hbeeTasks())
                    .put("server_total_ms_median", f.serverTotalMillis())
                    .put("planning_ms_median", f.planningMillis())
                    .put("catalog_ms_median", f.catalogMillis())
                    .put("hbee_phase_ms_median", f.hbeePhaseMillis())
                    .put("hbee_slowest_ms_median", f.hbeeSlowestMillis())
                    .put("hbee_task_ms_median", f.hbeeMedianMillis())
                    .put("hbee_io_wait_ms_median", f.ioWaitMillis())
                    .put("hbee_first_byte_ms_median", f.firstByteMedianMillis())
                    .put("merge_ms_median", f.mergeMillis())
                    .put("retries", f.retries())
                    .put("aws_cost_usd_median", f.costUsd())
                    .put("lambda_gb_seconds_median", f.lambdaGbSeconds())
                    .put("hcomb_seconds_median", f.hcombSeconds())
                    .put("aws_cost_usd_per_tb", f.costPerTerabyteUsd()));
    q.query().partitionFilter().ifPresent(p -> json.put("partition_filter", p));
    q.duckDb().ifPresent(d -> json.put("duckdb_ms", latencies(d)));
    q.ratio().ifPresent(x -> json.put("ratio", x));
    q.answersAgree().ifPresent(a -> json.put("answers_agree", a));
    q.difference().ifPresent(d -> json.put("difference", d));
    q.error().ifPresent(e -> json.put("error", e));
    if (!Double.isNaN(q.timedJitSeconds())) {
      json.put("jit_seconds_during_timed_runs", q.timedJitSeconds());
    }
    return json;
  }

  private static JsonObject latencies(Latencies l) {
    return new JsonObject()
        .put("count", l.count())
        .put("min", l.min())
        .put("median", l.median())
        .put("p95", l.p95())
        .put("p99", l.p99())
        .put("max", l.max());
  }

  private static JsonObject level(LoadSweep.LoadLevel level) {
    JsonArray errors = new JsonArray();
    for (LoadSweep.ErrorKind e : level.errors()) {
      errors.add(
          new JsonObject()
              .put("kind", e.kind())
              .put("count", e.count())
              .put("first_message", e.firstMessage()));
    }
    return new JsonObject()
        .put("clients", level.clients())
        .put("seconds", level.seconds())
        .put("completed", level.completed())
        .put("failed", level.failed())
        .put("throughput_qps", level.throughput())
        .put("latency_ms", latencies(level.latencies()))
        .put("errors", errors);
  }

  private static JsonObject fanOut(FanOutBench.FanOutReport f) {
    JsonArray runs = new JsonArray();
    for (FanOutBench.FanOutRun run : f.runs()) {
      runs.add(
          new JsonObject()
              .put("wall_ms", run.wallMillis())
              .put("hbee_phase_ms", run.hbeePhaseMillis())
              .put("catalog_ms", run.catalogMillis())
              .put("planning_ms", run.planningMillis())
              .put("server_total_ms", run.serverTotalMillis())
              .put("retries", run.retries())
              .put("invocations_per_second", run.invocationsPerSecond())
              .put("to_first_invocation_ms", run.toFirstInvocationMillis())
              .put("process_cpu_us_per_task", run.cpuMicrosPerInvocation())
              .put("heap_bytes_per_task", run.heapBytesPerTask())
              .put("last_commit_to_result_ms", run.afterLastCommitMillis()));
    }
    JsonObject json =
        new JsonObject()
            .put("tasks", f.tasks())
            .put("fuse_in_flight", f.inFlight())
            .put("lambda_concurrency", f.lambdaConcurrency())
            .put("lambda_http_connections", f.httpConnections())
            .put("invocations_handled", f.invocationsHandled())
            .put("runs", runs);
    Optional<FanOutBench.FanOutRun> median = f.median();
    median.ifPresent(m -> json.put("invocations_per_second_median", m.invocationsPerSecond()));
    f.liveHeapBytesPerTask().ifPresent(b -> json.put("live_heap_bytes_per_task", b));
    f.fuseProcess().ifPresent(p -> json.put("fuse_process", fuseProcess(p)));
    f.error().ifPresent(e -> json.put("error", e));
    return json;
  }

  private static JsonObject fuseProcess(FuseProcessFanOut.Report p) {
    JsonObject json = new JsonObject().put("tasks", p.tasks()).put("runs", fuseRuns(p.runs()));
    p.median().ifPresent(m -> json.put("fuse_cpu_us_per_task_median", m.fuseCpuMicros()));
    p.compared()
        .ifPresent(
            c ->
                json.put(
                    "compared",
                    new JsonObject()
                        .put("jvm_options", new JsonArray(new ArrayList<Object>(c.options())))
                        .put("runs", fuseRuns(c.runs()))
                        .put("fuse_cpu_ratio_median", c.medianCpuRatio(p.runs()))));
    p.error().ifPresent(e -> json.put("error", e));
    return json;
  }

  private static JsonArray fuseRuns(List<FuseProcessFanOut.Run> runs) {
    JsonArray array = new JsonArray();
    for (FuseProcessFanOut.Run run : runs) {
      array.add(
          new JsonObject()
              .put("hbee_phase_ms", run.hbeePhaseMillis())
              .put("invocations_per_second", run.invocationsPerSecond())
              .put("fuse_cpu_us_per_task", run.fuseCpuMicros())
              .put("fuse_invocations_per_core_second", run.fuseInvocationsPerCoreSecond())
              .put("fuse_kernel_us_per_task", run.fuseKernelMicros())
              .put("fuse_jit_us_per_task", run.fuseJitMicros())
              .put("hcomb_cpu_us_per_task", run.hcombCpuMicros())
              .put("twin_cpu_us_per_task", run.twinCpuMicros()));
    }
    return array;
  }

  private static JsonObject hcomb(HCombScaleBench.HCombScaleReport h) {
    JsonArray shapes = new JsonArray();
    for (HCombScaleBench.ShapeRun run : h.runs()) {
      JsonObject shape =
          new JsonObject()
              .put("shape", run.shape().name())
              .put("groups_per_stream", run.shape().groups())
              .put("rows_per_stream", run.shape().rows())
              .put("shared_keys", run.shape().sharedKeys())
              .put("memory_limit_bytes", run.shape().memoryLimitBytes(h.streams()))
              .put("ok", run.ok());
      if (run.error().isPresent()) {
        shape.put("error", run.error().get());
      } else {
        shape
            .put("bytes_merged", run.bytesMerged())
            .put("rows_merged", run.rowsMerged())
            .put("megabytes_per_second", run.megabytesPerSecond())
            .put("rows_per_second", run.rowsPerSecond())
            .put("open_to_result_ms", run.openToResultMillis())
            .put("last_end_to_result_ms", run.lastEndToResultMillis())
            .put("merge_ms", run.mergeMicros() / 1000.0)
            .put("merge_thread_megabytes_per_second", run.mergeMegabytesPerSecond())
            .put("finish_ms", run.finishMicros() / 1000.0)
            .put("peak_state_bytes", run.peakStateBytes())
            .put("result_groups", run.resultGroups());
      }
      shapes.add(shape.put("heap_peak_bytes", run.heapPeakBytes()));
    }
    JsonObject json =
        new JsonObject()
            .put("streams", h.streams())
            .put("runs_per_shape", h.runsPerShape())
            .put("shapes", shapes);
    h.ownProcess()
        .ifPresent(
            p -> {
              JsonObject own =
                  new JsonObject()
                      .put("shape", p.shape())
                      .put("bytes_in", p.bytes())
                      .put("wall_ms", p.wallMillis())
                      .put("mb_per_second", p.megabytesPerSecond())
                      .put("hcomb_cpu_ms", p.hcombCpuMillis())
                      .put("hcomb_mb_per_cpu_second", p.megabytesPerHCombCpuSecond())
                      .put("sender_cpu_ms", p.senderCpuMillis());
              p.error().ifPresent(e -> own.put("error", e));
              json.put("hcomb_process", own);
            });
    return json;
  }

  private static JsonObject listing(ListingBench.ListingReport l) {
    JsonArray runs = new JsonArray();
    for (ListingBench.StrategyRun run : l.runs()) {
      runs.add(
          new JsonObject()
              .put("strategy", run.strategy())
              .put("median_ms", run.medianMillis())
              .put("list_requests", run.requests())
              .put("files", run.files()));
    }
    JsonObject json =
        new JsonObject()
            .put("partitions", l.partitions())
            .put("files_per_partition", l.filesPerPartition())
            .put("runs", runs);
    l.error().ifPresent(e -> json.put("error", e));
    return json;
  }

  private static JsonObject scale(ScaleBench.ScaleReport s) {
    JsonObject json = new JsonObject();
    s.error().ifPresent(e -> json.put("error", e));
    s.listing().ifPresent(l -> json.put("listing", listing(l)));
    s.hbee()
        .ifPresent(
            h ->
                json.put(
                    "hbee",
                    new JsonObject()
                        .put("megabytes_per_second", h.megabytesPerSecond())
                        .put("bytes_per_task", h.bytesPerTask())
                        .put("task_ms", h.taskMillis())
                        .put("first_byte_ms", h.firstByteMillis())
                        .put("bytes_per_get", h.bytesPerGet())
                        .put("s3_model", h.s3Model())
                        .put("io_wait_ms", h.ioWaitMillis())
                        .put("decode_ms", h.decodeMillis())
                        .put("compute_ms", h.computeMillis())));
    s.projection().ifPresent(p -> json.put("assumptions", new JsonArray(p.assumptions())));
    JsonArray scans = new JsonArray();
    for (ScaleProjection.Scan scan : s.scans()) {
      scans.add(
          new JsonObject()
              .put("scan_bytes", scan.scanBytes())
              .put("hbees", scan.hbees())
              .put("task_seconds", scan.taskSeconds())
              .put("wall_seconds", scan.wallSeconds())
              .put("lambda_usd", scan.lambdaUsd())
              .put("s3_usd", scan.s3Usd())
              .put("hcomb_usd", scan.hcombUsd())
              .put("total_usd", scan.totalUsd())
              .put("athena_usd", scan.athenaUsd())
              .put("over_lambda_limit", scan.overLambdaLimit()));
    }
    return json.put("scans", scans);
  }

  private static JsonObject aws(AwsTwinBench.AwsTwinReport a) {
    JsonArray variants = new JsonArray();
    for (AwsTwinBench.ColdStartVariant v : a.variants()) {
      variants.add(
          new JsonObject()
              .put("jvm", v.name())
              .put("flags", new JsonArray(v.flags()))
              .put("environments", v.environments())
              .put("process_to_ready_ms_median", v.processToReadyMillis())
              .put("first_invocation_ms_median", v.firstInvocationMillis())
              .put("first_invocation_init_ms_median", v.initMillis())
              .put("process_to_first_request_ms_median", v.toFirstRequestMillis())
              .put("cold_query_ms", v.coldQueryMillis())
              .put("warm_query_ms_median", v.warmQueryMillis())
              .put("cold_extra_ms", v.extraMillis()));
    }
    JsonObject json = new JsonObject().put("cold_starts", variants);
    a.fanOut()
        .ifPresent(
            f ->
                json.put(
                    "fanout",
                    new JsonObject()
                        .put("tasks", f.tasks())
                        .put("environments", f.environments())
                        .put("process_invocations_per_second", f.processInvocationsPerSecond())
                        .put(
                            "in_process_invocations_per_second",
                            f.inProcessInvocationsPerSecond())));
    a.error().ifPresent(e -> json.put("error", e));
    return json;
  }
}
