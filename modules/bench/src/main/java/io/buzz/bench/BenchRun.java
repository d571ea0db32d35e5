package io.buzz.bench;

import static java.util.Objects.requireNonNull;

import io.buzz.datagen.WideDataGenerator;
import io.buzz.fuse.client.QueryClient;
import io.buzz.local.LocalStack;
import io.buzz.local.LocalStackConfig;
import io.buzz.local.s3.S3LatencyProxy;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * One bench run, section by section:
 *
 * <pre>
 *   data (generate or reuse) ─▶ local stack ─▶ latency suite (Buzz ⇄ DuckDB, interleaved)
 *        ─▶ load sweep ─▶ stop ─▶ fan-out (its own stack, no-op HBees)
 *        ─▶ AWS twins (cold starts, process fan-out) ─▶ JSON + SVG + tables
 * </pre>
 */
final class BenchRun {
  private static final DateTimeFormatter FILE_STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  private final BenchConfig config;
  private final Progress progress;

  BenchRun(BenchConfig config, Progress progress) {
    this.config = requireNonNull(config, "config is null");
    this.progress = requireNonNull(progress, "progress is null");
  }

  /** Where a run's report went. */
  record Output(BenchResults results, Path json, Path chart) {}

  Output run(PrintStream stdout) {
    Instant started = Instant.now();
    MachineInfo machine = MachineInfo.current();
    progress.say(
        "%d cores, load average %.1f, max heap %d MB",
        machine.cores(), machine.loadAverageAtStart(), machine.jvmMaxHeapBytes() >> 20);
    List<BenchQuery> suite = BenchSuite.queries(config.data());
    checkQueryNames(suite, WideSuite.queries(config.wide()));
    boolean needsTable =
        config.runs(BenchConfig.Section.LATENCY) || config.runs(BenchConfig.Section.LOAD);
    BenchResults.DataInfo data =
        needsTable || config.runs(BenchConfig.Section.AWS) || config.runs(BenchConfig.Section.SCALE)
            ? data()
            : noData();
    Optional<BenchResults.DataInfo> wideData =
        config.runs(BenchConfig.Section.WIDE) ? Optional.of(wideData()) : Optional.empty();
    List<QueryReport> latency = List.of();
    List<LoadSweep.LoadLevel> load = List.of();
    Optional<String> duckDbVersion = Optional.empty();
    Optional<BenchResults.WideReport> wide = Optional.empty();
    if (needsTable || wideData.isPresent()) {
      StackSections sections = stackSections(suite);
      latency = sections.latency();
      load = sections.load();
      duckDbVersion = sections.duckDbVersion();
      if (wideData.isPresent()) {
        // A run of chosen queries (e.g. to profile one) skips the decode table.
        List<DecodeBench.DecodeFigure> decode =
            config.onlyQueries().isEmpty()
                ? new DecodeBench(config.wideDir(), config.quick() ? 2 : 3, progress).run()
                : List.of();
        wide = Optional.of(new BenchResults.WideReport(wideData.get(), sections.wide(), decode));
      }
    }
    Optional<FanOutBench.FanOutReport> fanOut = Optional.empty();
    if (config.runs(BenchConfig.Section.FANOUT)) {
      fanOut = Optional.of(new FanOutBench(config, progress).run());
    }
    Optional<HCombScaleBench.HCombScaleReport> hcomb = Optional.empty();
    if (config.runs(BenchConfig.Section.HCOMB)) {
      hcomb = Optional.of(new HCombScaleBench(config, progress).run());
    }
    Optional<ScaleBench.ScaleReport> scale = Optional.empty();
    if (config.runs(BenchConfig.Section.SCALE)) {
      scale = Optional.of(new ScaleBench(config, progress).run(fanOut, hcomb));
    }
    Optional<AwsTwinBench.AwsTwinReport> aws = Optional.empty();
    if (config.runs(BenchConfig.Section.AWS)) {
      aws = Optional.of(new AwsTwinBench(config, progress).run());
    }
    BenchResults results =
        new BenchResults(
            config,
            machine,
            gitCommit(),
            started,
            Instant.now(),
            MachineInfo.loadAverage(),
            data,
            duckDbVersion,
            latency,
            load,
            fanOut,
            hcomb,
            scale,
            aws,
            wide);
    Output output = write(results);
    ConsoleReport.print(results, stdout);
    stdout.printf("%nresults: %s%nchart:   %s%n", output.json(), output.chart());
    stdout.flush();
    return output;
  }

  private BenchResults.DataInfo data() {
    return dataSet(
        "data",
        config.tableDir(),
        config.data().describe(),
        config.data().rows(),
        config.data().days(),
        () -> BenchData.taxi(config.tableDir(), config.data()));
  }

  private BenchResults.DataInfo wideData() {
    return dataSet(
        "wide data",
        config.wideDir(),
        config.wide().describe(),
        config.wide().rows(),
        0,
        () -> WideDataGenerator.generate(config.wideDir(), config.wide()));
  }

  /** Generates a data set unless it is there ({@code generate} says which) and describes it. */
  private BenchResults.DataInfo dataSet(
      String label,
      Path dir,
      String description,
      long rows,
      int days,
      java.util.function.BooleanSupplier generate) {
    progress.say("%s: %s (%s)", label, dir, description);
    long start = System.nanoTime();
    boolean generated = generate.getAsBoolean();
    double seconds = generated ? (System.nanoTime() - start) / 1e9 : 0;
    BenchData.TableSize size = BenchData.size(dir);
    progress.say(
        "%s: %s %d files, %.1f MB%s",
        label,
        generated ? "generated" : "reusing",
        size.files(),
        size.bytes() / 1e6,
        generated ? String.format(" in %.1f s", seconds) : "");
    return new BenchResults.DataInfo(
        dir.toAbsolutePath().toString(), rows, days, size.files(), size.bytes(), seconds);
  }

  /** The taxi table on S3 behind the latency twin (--s3-latency). */
  private S3BenchTwin startS3(Vertx vertx) {
    progress.say(
        "S3 twin: %s; copying %s into it", config.s3Latency().describe(), config.tableDir());
    try {
      return S3BenchTwin.start(vertx, config.s3Latency(), config.tableDir());
    } catch (Exception e) {
      throw new IllegalStateException("starting the bench's S3 twin: " + e.getMessage(), e);
    }
  }

  private void closeS3(S3BenchTwin s3) {
    if (s3 == null) {
      return;
    }
    try {
      s3.close();
    } catch (Exception e) {
      progress.say("S3 twin did not stop cleanly: %s", e.getMessage());
    }
  }

  /** Fails with the names there are when {@code --queries} names a query of neither suite. */
  private void checkQueryNames(List<BenchQuery> latency, List<BenchQuery> wide) {
    List<String> known = new ArrayList<>();
    latency.forEach(q -> known.add(q.name()));
    wide.forEach(q -> known.add(q.name()));
    HCombScaleBench.shapes().forEach(shape -> known.add(shape.id()));
    for (String name : config.onlyQueries()) {
      if (!known.contains(name)) {
        throw new IllegalArgumentException(
            "--queries: no suite query named '" + name + "'; expected any of " + known);
      }
    }
  }

  /** The suite's queries that {@code --queries} chose (all when it is absent). */
  private List<BenchQuery> chosen(List<BenchQuery> queries) {
    if (config.onlyQueries().isEmpty()) {
      return queries;
    }
    return queries.stream().filter(q -> config.onlyQueries().contains(q.name())).toList();
  }

  /** Runs {@code queries} over the table in {@code dir}, beside DuckDB unless it is off. */
  private List<QueryReport> suite(BuzzRunner buzz, Path dir, String uri, List<BenchQuery> queries)
      throws SQLException {
    Optional<DuckDbPeer> duckDb =
        config.duckDb()
            ? Optional.of(new DuckDbPeer(dir, config.duckDbThreads()))
            : Optional.empty();
    try {
      return new LatencySuite(
              buzz, duckDb, uri, config.warmups(), config.warmUp(), config.repetitions(), progress)
          .run(queries);
    } finally {
      if (duckDb.isPresent()) {
        duckDb.get().close();
      }
    }
  }

  private BenchResults.DataInfo noData() {
    return new BenchResults.DataInfo("", 0, 0, 0, 0, 0);
  }

  private record StackSections(
      List<QueryReport> latency,
      List<LoadSweep.LoadLevel> load,
      Optional<String> duckDbVersion,
      List<QueryReport> wide) {}

  /** The latency suite and the load sweep, on one local stack. */
  private StackSections stackSections(List<BenchQuery> suite) {
    LocalStackConfig defaults = LocalStackConfig.defaults();
    LocalStackConfig stackConfig =
        defaults
            .withFuse(defaults.fuse().withQueryTimeout(config.queryTimeout()))
            .withLambdaConcurrency(config.lambdaConcurrency());
    String tableUri = config.tableDir().toAbsolutePath().toUri().toString();
    Vertx stackVertx = BenchVertx.create();
    Vertx clientVertx = BenchVertx.create();
    List<QueryReport> latency = List.of();
    List<LoadSweep.LoadLevel> load = List.of();
    Optional<String> duckDbVersion = Optional.empty();
    List<QueryReport> wide = List.of();
    S3BenchTwin s3 = null;
    if (!config.s3Latency().isOff()
        && (config.runs(BenchConfig.Section.LATENCY) || config.runs(BenchConfig.Section.LOAD))) {
      s3 = startS3(stackVertx);
      stackConfig = stackConfig.withS3(s3.clientConfig());
      tableUri = S3BenchTwin.tableUri(config.tableDir());
    }
    progress.say("starting the local stack (Lambda concurrency %d)", config.lambdaConcurrency());
    try (LocalStack stack = LocalStack.start(stackVertx, stackConfig);
        QueryClient client = new QueryClient(clientVertx, defaults.host(), stack.port());
        BufferAllocator allocator = new RootAllocator()) {
      BuzzRunner buzz = new BuzzRunner(client, allocator, config.queryTimeout());
      if (config.runs(BenchConfig.Section.LATENCY)) {
        latency = suite(buzz, config.tableDir(), tableUri, chosen(suite));
      }
      if (config.runs(BenchConfig.Section.WIDE)) {
        wide =
            suite(
                buzz,
                config.wideDir(),
                config.wideDir().toAbsolutePath().toUri().toString(),
                chosen(WideSuite.queries(config.wide())));
      }
      if (config.duckDb()
          && (config.runs(BenchConfig.Section.LATENCY) || config.runs(BenchConfig.Section.WIDE))) {
        duckDbVersion = Optional.of(DuckDbPeer.engineVersion());
      }
      if (config.runs(BenchConfig.Section.LOAD)) {
        Map<String, BenchQuery> byName =
            suite.stream().collect(Collectors.toMap(BenchQuery::name, Function.identity()));
        List<String> jsons = new ArrayList<>();
        for (String name : config.loadQueries()) {
          BenchQuery query = byName.get(name);
          if (query == null) {
            throw new IllegalArgumentException(
                "--load-queries: no suite query named '"
                    + name
                    + "'; expected one of "
                    + byName.keySet());
          }
          jsons.add(query.buzzJson(tableUri));
        }
        if (!config.runs(BenchConfig.Section.LATENCY)) {
          progress.say("warming up: each load query once");
          for (String json : jsons) {
            buzz.run(json);
          }
        }
        load =
            new LoadSweep(clientVertx, buzz, progress)
                .run(config.loadLevels(), config.loadDuration(), jsons);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("DuckDB: " + e.getMessage(), e);
    } finally {
      BenchVertx.close(clientVertx, progress);
      if (s3 != null) {
        S3LatencyProxy.Figures f = s3.proxy().figures();
        progress.say(
            "S3 twin: %d requests (%d throttled, %d given up), %.1f MB, first-byte delays %.1f s"
                + " in all",
            f.requests(), f.throttled(), f.abandoned(), f.bodyBytes() / 1e6, f.delayMillis() / 1e3);
      }
      BenchVertx.close(stackVertx, progress);
      closeS3(s3);
    }
    return new StackSections(latency, load, duckDbVersion, wide);
  }

  private Output write(BenchResults results) {
    try {
      Files.createDirectories(config.resultsDir());
      String stamp = FILE_STAMP.format(results.startedAt());
      Path json = config.resultsDir().resolve("bench-" + stamp + ".json");
      Path chart = config.resultsDir().resolve("bench-" + stamp + ".svg");
      Files.writeString(
          json, ResultsJson.of(results).encodePrettily() + "\n", StandardCharsets.UTF_8);
      Files.writeString(chart, SvgChart.render(results), StandardCharsets.UTF_8);
      Files.copy(
          json, config.resultsDir().resolve("latest.json"), StandardCopyOption.REPLACE_EXISTING);
      Files.copy(
          chart, config.resultsDir().resolve("latest.svg"), StandardCopyOption.REPLACE_EXISTING);
      return new Output(results, json, chart);
    } catch (IOException e) {
      throw new UncheckedIOException("writing results to " + config.resultsDir(), e);
    }
  }

  /** The working tree's commit, best effort (absent outside a git checkout). */
  private static Optional<String> gitCommit() {
    try {
      Process git =
          new ProcessBuilder("git", "rev-parse", "--short=12", "HEAD")
              .redirectErrorStream(true)
              .start();
      if (!git.waitFor(5, TimeUnit.SECONDS)) {
        git.destroy();
        return Optional.empty();
      }
      String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      return git.exitValue() == 0 && !out.isEmpty() ? Optional.of(out) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}
