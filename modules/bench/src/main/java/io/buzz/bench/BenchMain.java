package io.buzz.bench;

import io.buzz.datagen.TaxiDataSpec;
import io.buzz.datagen.WideDataSpec;
import io.buzz.local.s3.S3LatencyModel;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bin/buzz-bench} (and {@code make bench}): measures Buzz on the embedded local stack — the
 * latency suite side by side with DuckDB, a load sweep, the Fuse's fan-out — and writes a JSON
 * report and an SVG chart. Exit codes: 0 done; 1 a query failed or Buzz and DuckDB disagreed; 2 bad
 * options.
 */
@Command(
    name = "buzz-bench",
    mixinStandardHelpOptions = true,
    version = "buzz-bench 0.1.0",
    sortOptions = false,
    description = {
      "Benchmarks Buzz on the embedded local stack against DuckDB on the same files.",
      "Defaults: full run (17M rows, 10 repetitions, load 1,4,16,64 x 15 s, fan-out 10,000);"
          + " --quick: about a minute (1.5M rows, 3 repetitions, load 1,4,16 x 3 s, fan-out"
          + " 1,000). Explicit options override either."
    })
public final class BenchMain implements Callable<Integer> {
  @Option(names = "--quick", description = "small data, few repetitions, short load levels")
  boolean quick;

  @Option(
      names = "--rows",
      paramLabel = "N",
      description = "taxi rows (17000000, ~250 MB; quick 1500000)")
  Long rows;

  @Option(
      names = "--wide-rows",
      paramLabel = "N",
      description = "rows of the wide table, 107 columns in 8 files (2000000; quick 400000)")
  Long wideRows;

  @Option(names = "--days", paramLabel = "D", description = "daily partitions, one file each (31)")
  Integer days;

  @Option(
      names = "--row-group-rows",
      paramLabel = "R",
      description = "rows per Parquet row group (122880)")
  Integer rowGroupRows;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description = "where data sets are generated and reused (data/bench)")
  Path dataDir = Path.of("data", "bench");

  @Option(
      names = "--results-dir",
      paramLabel = "DIR",
      description = "where the JSON report and SVG chart go (bench-results)")
  Path resultsDir = Path.of("bench-results");

  @Option(
      names = "--sections",
      paramLabel = "LIST",
      split = ",",
      description = "any of latency,load,fanout,hcomb,scale,aws,wide (all)")
  List<String> sections;

  @Option(names = "--no-duckdb", description = "skip the DuckDB side of the latency suite")
  boolean noDuckDb;

  @Option(
      names = "--warmup",
      paramLabel = "N",
      description = "untimed runs per query before measuring (2; quick 1)")
  Integer warmups;

  @Option(
      names = "--warmup-seconds",
      paramLabel = "S",
      description =
          "untimed Buzz runs of the whole suite, an equal share of the time per query, first: at"
              + " least S seconds (60; quick 5)")
  Double warmupSeconds;

  @Option(
      names = "--warmup-max-seconds",
      paramLabel = "S",
      description =
          "the warm-up goes on past --warmup-seconds until the JIT is quiet (under 2% of a core"
              + " over 10 s), at most this long (300; quick: no longer than --warmup-seconds)")
  Double warmupMaxSeconds;

  @Option(
      names = "--repetitions",
      paramLabel = "N",
      description = "timed runs per query, each engine (10; quick 3)")
  Integer repetitions;

  @Option(
      names = "--duckdb-threads",
      paramLabel = "N",
      description = "DuckDB threads (the number of cores, like Buzz's compute pools)")
  Integer duckDbThreads;

  @Option(
      names = "--lambda-concurrency",
      paramLabel = "N",
      description =
          "local Lambda endpoint's concurrent HBee invocations (1000, like AWS's default)")
  Integer lambdaConcurrency;

  @Option(
      names = "--load-levels",
      paramLabel = "LIST",
      split = ",",
      description = "concurrent clients per level (1,4,16,64; quick 1,4,16)")
  List<Integer> loadLevels;

  @Option(
      names = "--load-seconds",
      paramLabel = "S",
      description = "seconds of submissions per load level (15; quick 3)")
  Double loadSeconds;

  @Option(
      names = "--load-queries",
      paramLabel = "LIST",
      split = ",",
      description = "suite queries the load clients cycle through (all seven)")
  List<String> loadQueries;

  @Option(
      names = "--queries",
      paramLabel = "LIST",
      split = ",",
      description =
          "only these queries of the latency and wide suites and shapes of the hcomb section (all),"
              + " e.g. to profile one; the wide section then skips its decode table")
  List<String> onlyQueries;

  @Option(
      names = "--s3-latency",
      paramLabel = "SPEC",
      description =
          "latency and load sections read the taxi table from S3 with S3's latency: off,"
              + " realistic (20-60 ms first byte, 1%% 10x tail, 90 MB/s, 5,500 GET/s per prefix)"
              + " or realistic,key=value,... (off)")
  String s3Latency;

  @Option(
      names = "--fanout-tasks",
      paramLabel = "N",
      description = "tiny files, so no-op HBee tasks, of the fan-out query (10000; quick 1000)")
  Integer fanOutTasks;

  @Option(
      names = "--fanout-in-flight",
      paramLabel = "N",
      description =
          "Fuse invocations in flight = Lambda endpoint concurrency for the fan-out (1000)")
  Integer fanOutInFlight;

  @Option(
      names = "--fanout-runs",
      paramLabel = "N",
      description = "timed fan-out queries after the warm-up (3; quick 1)")
  Integer fanOutRuns;

  @Option(
      names = "--fanout-compare",
      paramLabel = "OPTIONS",
      description =
          "JVM options of a second Fuse process measured against the first in the fan-out"
              + " section, their queries alternating (e.g. \"-XX:+UseG1GC\": a collector named replaces"
              + " the Fuse's parallel one;"
              + " --classpath-prefix=JARS runs other builds of Buzz's classes;"
              + " --lambda-tls has it invoke the Lambda twin over HTTPS)")
  String fanOutCompare;

  @Option(
      names = "--hcomb-streams",
      paramLabel = "N",
      description = "concurrent HBee streams into one HComb in the hcomb section (1000; quick 200)")
  Integer hcombStreams;

  @Option(
      names = "--hcomb-runs",
      paramLabel = "N",
      description = "queries per stream shape in the hcomb section, median reported (3; quick 1)")
  Integer hcombRuns;

  @Option(names = "--timeout", paramLabel = "S", description = "deadline of each query (300)")
  Integer timeoutSeconds;

  @Option(
      names = "--aws-environments",
      paramLabel = "N",
      description =
          "Lambda-twin execution environments in the aws section (1: each cold start gets the"
              + " machine's cores, as each Lambda environment gets its own)")
  Integer awsEnvironments;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns the exit code (for tests). */
  public static int run(String... args) {
    CommandLine line = new CommandLine(new BenchMain());
    line.setExecutionExceptionHandler(
        (exception, commandLine, parseResult) -> {
          if (exception instanceof IllegalArgumentException) {
            commandLine.getErr().println("buzz-bench: " + exception.getMessage());
            return 2;
          }
          commandLine.getErr().println("buzz-bench: " + exception);
          exception.printStackTrace(commandLine.getErr());
          return 1;
        });
    return line.execute(args);
  }

  @Override
  public Integer call() {
    BenchConfig config = config();
    BenchRun.Output output = new BenchRun(config, new Progress(System.err)).run(System.out);
    BenchResults results = output.results();
    boolean fanOutFailed =
        results
                .fanOut()
                .map(
                    f ->
                        f.error().isPresent()
                            || f.fuseProcess().map(p -> p.error().isPresent()).orElse(false))
                .orElse(false)
            || results.aws().map(a -> a.error().isPresent()).orElse(false)
            || results.hcomb().map(h -> !h.ok()).orElse(false)
            || results.scale().map(s -> s.error().isPresent()).orElse(false);
    if (!results.answersAgree() || results.failedQueries() > 0 || fanOutFailed) {
      System.err.println(
          "buzz-bench: some queries failed or Buzz and DuckDB disagreed (see above)");
      return 1;
    }
    return 0;
  }

  BenchConfig config() {
    int cores = Runtime.getRuntime().availableProcessors();
    TaxiDataSpec data =
        new TaxiDataSpec(
            or(rows, quick ? 1_500_000L : 17_000_000L),
            or(days, 31),
            LocalDate.of(2009, 1, 1),
            or(rowGroupRows, 122_880));
    Set<BenchConfig.Section> chosen = EnumSet.noneOf(BenchConfig.Section.class);
    if (sections == null) {
      chosen.addAll(EnumSet.allOf(BenchConfig.Section.class));
    } else {
      for (String s : sections) {
        chosen.add(BenchConfig.Section.parse(s));
      }
      if (chosen.contains(BenchConfig.Section.SCALE)) {
        // the projection uses their rates
        chosen.add(BenchConfig.Section.FANOUT);
        chosen.add(BenchConfig.Section.HCOMB);
      }
    }
    List<String> queries = loadQueries;
    if (queries == null) {
      queries = new ArrayList<>();
      for (BenchQuery q : BenchSuite.queries(data)) {
        queries.add(q.name());
      }
    }
    return new BenchConfig(
        quick,
        data,
        dataDir,
        resultsDir,
        chosen,
        !noDuckDb,
        or(warmups, quick ? 1 : 2),
        warmUp(),
        or(repetitions, quick ? 3 : 10),
        or(duckDbThreads, cores),
        or(lambdaConcurrency, 1000),
        or(loadLevels, quick ? List.of(1, 4, 16) : List.of(1, 4, 16, 64)),
        Duration.ofMillis(Math.round(1000 * or(loadSeconds, quick ? 3.0 : 15.0))),
        queries,
        or(fanOutTasks, quick ? 1_000 : 10_000),
        or(fanOutInFlight, 1000),
        or(fanOutRuns, quick ? 1 : 3),
        or(hcombStreams, quick ? 200 : 1000),
        or(hcombRuns, quick ? 1 : 3),
        Duration.ofSeconds(or(timeoutSeconds, 300)),
        or(awsEnvironments, 1),
        new WideDataSpec(
            or(wideRows, quick ? 400_000L : WideDataSpec.DEFAULT.rows()),
            WideDataSpec.DEFAULT.files(),
            or(rowGroupRows, WideDataSpec.DEFAULT.rowsPerRowGroup())),
        or(onlyQueries, List.of()),
        S3LatencyModel.parse(or(s3Latency, "off")),
        fanOutCompare == null || fanOutCompare.isBlank()
            ? List.of()
            : List.of(fanOutCompare.trim().split("\\s+")));
  }

  private WarmUp warmUp() {
    return WarmUp.fromOptions(warmupSeconds, warmupMaxSeconds, quick);
  }

  private static <T> T or(T value, T fallback) {
    return value == null ? fallback : value;
  }
}
