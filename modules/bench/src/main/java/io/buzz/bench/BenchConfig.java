package io.buzz.bench;

import static java.util.Objects.requireNonNull;

import io.buzz.datagen.TaxiDataSpec;
import io.buzz.datagen.WideDataSpec;
import io.buzz.local.s3.S3LatencyModel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Everything one bench run does, resolved from the command line ({@code --quick} picks the smaller
 * defaults; explicit options win).
 *
 * @param data the taxi data set to generate or reuse
 * @param dataRoot folder holding the data sets (one sub-folder per size) and the fan-out table
 * @param resultsDir where the JSON report and the chart go
 * @param sections which of {@link Section} to run
 * @param duckDb whether DuckDB runs side by side in the latency suite
 * @param warmups untimed runs of each query before measuring (and of the fan-out)
 * @param warmUp how long untimed Buzz runs of a whole suite, an equal share of time per query, go
 *     on before any query is timed: a minimum, then until the JIT is quiet (compiling a warm
 *     server's paths takes hundreds of short queries, the AWS SDK's thousands of invocations)
 * @param repetitions timed runs of each query (Buzz and DuckDB each)
 * @param duckDbThreads DuckDB's {@code SET threads}; the number of cores, like Buzz's compute pools
 * @param lambdaConcurrency the local Lambda endpoint's concurrent invocations for the latency and
 *     load sections
 * @param loadLevels concurrent clients of each load level
 * @param loadDuration how long each load level submits queries
 * @param loadQueries names of the suite queries the load clients cycle through
 * @param fanOutTasks files, and so HBee tasks, of the fan-out query
 * @param fanOutInFlight the Fuse's invocations in flight per query in the fan-out section; the
 *     local Lambda endpoint's concurrency is set to the same, so the Fuse is never throttled
 * @param fanOutRuns timed fan-out queries
 * @param hcombStreams concurrent HBee streams into one HComb in the {@link Section#HCOMB} section
 * @param hcombRuns queries per stream shape in the {@link Section#HCOMB} section (the median is
 *     reported)
 * @param queryTimeout deadline of every query
 * @param wide the wide table of the {@link Section#WIDE} section
 * @param onlyQueries names of the latency and wide suites' queries to run; empty runs them all
 * @param s3Latency when not off, the latency and load sections read the taxi table from an
 *     S3-compatible server behind the S3 latency twin (DuckDB still reads the local files)
 * @param fanOutCompare JVM options of a second Fuse process the fan-out section measures against
 *     the first, their queries alternating ({@link FuseProcessFanOut}); empty for none. {@code
 *     --classpath-prefix=PATH} puts PATH (jars, folders, ':'-separated) first on its class path
 */
public record BenchConfig(
    boolean quick,
    TaxiDataSpec data,
    Path dataRoot,
    Path resultsDir,
    Set<Section> sections,
    boolean duckDb,
    int warmups,
    WarmUp warmUp,
    int repetitions,
    int duckDbThreads,
    int lambdaConcurrency,
    List<Integer> loadLevels,
    Duration loadDuration,
    List<String> loadQueries,
    int fanOutTasks,
    int fanOutInFlight,
    int fanOutRuns,
    int hcombStreams,
    int hcombRuns,
    Duration queryTimeout,
    int awsEnvironments,
    WideDataSpec wide,
    List<String> onlyQueries,
    S3LatencyModel s3Latency,
    List<String> fanOutCompare) {

  /** The parts of a run. */
  public enum Section {
    /** The latency suite, each query side by side with DuckDB (unless {@code --no-duckdb}). */
    LATENCY("latency"),
    /** The concurrency sweep. */
    LOAD("load"),
    /** The Fuse dispatching many no-op HBees. */
    FANOUT("fanout"),
    /** Many HBee streams into one HComb at once, from a few groups per stream to 100,000. */
    HCOMB("hcomb"),
    /**
     * One HBee's scan rate under the S3 model and, with the fan-out and hcomb sections (which it
     * runs too), the projected time and cost of 100 GB and 1 TB scans.
     */
    SCALE("scale"),
    /** The AWS code path on the twins: HBee cold starts, fan-out through process environments. */
    AWS("aws"),
    /** The wide table: its query suite beside DuckDB, and decode throughput per core. */
    WIDE("wide");

    private final String label;

    Section(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }

    public static Section parse(String label) {
      for (Section section : values()) {
        if (section.label.equalsIgnoreCase(label.strip())) {
          return section;
        }
      }
      throw new IllegalArgumentException(
          "unknown section '"
              + label
              + "'; expected latency, load, fanout, hcomb, scale, aws or wide");
    }
  }

  public BenchConfig {
    requireNonNull(data, "data is null");
    requireNonNull(dataRoot, "dataRoot is null");
    requireNonNull(resultsDir, "resultsDir is null");
    requireNonNull(wide, "wide is null");
    sections = Set.copyOf(sections);
    loadLevels = List.copyOf(loadLevels);
    loadQueries = List.copyOf(loadQueries);
    onlyQueries = List.copyOf(onlyQueries);
    requireNonNull(s3Latency, "s3Latency is null");
    if (repetitions < 1) {
      throw new IllegalArgumentException("--repetitions must be at least 1");
    }
    requireNonNull(warmUp, "warmUp is null");
    if (warmups < 0) {
      throw new IllegalArgumentException("--warmup must not be negative");
    }
    if (duckDbThreads < 1) {
      throw new IllegalArgumentException("--duckdb-threads must be at least 1");
    }
    for (int level : loadLevels) {
      if (level < 1) {
        throw new IllegalArgumentException("--load-levels must be positive, got " + level);
      }
    }
    if (awsEnvironments < 1) {
      throw new IllegalArgumentException("--aws-environments must be at least 1");
    }
    if (fanOutTasks < 1 || fanOutInFlight < 1 || fanOutRuns < 1) {
      throw new IllegalArgumentException("--fanout-tasks, --fanout-in-flight must be at least 1");
    }
    if (hcombStreams < 1 || hcombRuns < 1) {
      throw new IllegalArgumentException("--hcomb-streams and --hcomb-runs must be at least 1");
    }
  }

  public boolean runs(Section section) {
    return sections.contains(section);
  }

  /** Where the taxi data set of {@link #data} lives: one folder per size, so sizes coexist. */
  public Path tableDir() {
    return dataRoot.resolve("taxi-" + data.rows() + "-rows-" + data.days() + "-days");
  }

  /** Where the wide table of {@link #wide} lives. */
  public Path wideDir() {
    return dataRoot.resolve("wide-" + wide.rows() + "-rows-" + wide.files() + "-files");
  }

  /** Where the fan-out's table of tiny files lives. */
  public Path fanOutDir() {
    return tinyTableDir(fanOutTasks);
  }

  /** Where a table of {@code files} tiny files lives (one HBee task each). */
  public Path tinyTableDir(int files) {
    return dataRoot.resolve("fanout-" + files + "-files");
  }
}
