package io.buzz.cli;

import io.buzz.cli.format.FormatOptions;
import io.buzz.cli.format.ResultFormat;
import io.buzz.cli.format.parquet.ParquetOptions;
import io.buzz.error.BuzzException;
import io.buzz.error.ErrorCode;
import io.buzz.local.LocalStack;
import io.buzz.local.LocalStackConfig;
import io.vertx.core.Vertx;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * What the commands that run a query share: where it runs (the embedded local stack, {@code
 * --server} or {@code --aws}), how its result is written, its deadline, and the error handling. A
 * subclass says where the query comes from ({@link #queryJson}).
 */
abstract class RunCommand implements Callable<Integer> {
  @Option(names = "--server", paramLabel = "HOST:PORT", description = "a running Buzz query API")
  String server;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description =
          "table, csv (RFC 4180), text (tab-separated lines, no header), json, arrow (Arrow IPC"
              + " stream) or parquet; default table (text for EXPLAIN)")
  String format;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description =
          "write the result to FILE (replaced only once the result is complete) instead of"
              + " standard output")
  Path output;

  @Option(
      names = "--max-width",
      paramLabel = "N",
      description =
          "table: the most characters per line, 0 for no limit; default on a terminal $COLUMNS,"
              + " else "
              + FormatOptions.DEFAULT_MAX_WIDTH
              + ", elsewhere no limit")
  Integer maxWidth;

  @Option(
      names = "--row-group-rows",
      paramLabel = "N",
      description = "parquet: rows per row group (fewer when 64 MiB fill first); default 131072")
  Integer rowGroupRows;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      defaultValue = "600",
      description = "give up after this many seconds; default ${DEFAULT-VALUE}")
  long timeoutSeconds;

  @Option(names = "--quiet", description = "do not print statistics")
  boolean quiet;

  @picocli.CommandLine.Mixin AwsOptions aws = new AwsOptions();

  @picocli.CommandLine.Mixin S3Options s3 = new S3Options();

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @ParentCommand BuzzCli cli;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    try {
      ResultFormat resultFormat = ResultFormat.parse(format != null ? format : defaultFormat());
      if (timeoutSeconds < 1) {
        throw BuzzException.badQuery("--timeout must be at least 1 second");
      }
      FormatOptions options = formatOptions(cli.environment());
      if (aws.aws && server != null) {
        throw BuzzException.badQuery("--aws and --server exclude each other");
      }
      String[] hostPort = server == null ? null : hostAndPort(server);
      String json = queryJson();
      if (aws.aws || server != null) {
        s3.givenOption()
            .ifPresent(
                option -> {
                  throw new BuzzException(
                      ErrorCode.INVALID_CONFIG,
                      option
                          + " applies to the local engine; with "
                          + (aws.aws ? "--aws" : "--server")
                          + " the server's own S3 settings apply");
                });
      }
      try (ResultOutput out =
          output == null
              ? ResultOutput.toStandardOutput(cli.standardOutput(), resultFormat, options)
              : ResultOutput.toFile(output, resultFormat, options)) {
        ResultPrinter printer =
            new ResultPrinter(
                out,
                quiet || !wantsStatistics() ? null : err,
                Duration.ofSeconds(timeoutSeconds),
                new ProgressLine(
                    err, !quiet && wantsStatistics() && ProgressLine.wanted(cli.environment())));
        if (BuzzCli.ownsProcess()) {
          cancelOnInterrupt(printer, err);
        }
        if (aws.aws) {
          return runOnAws(printer, json);
        }
        if (hostPort == null) {
          LocalStackConfig config =
              LocalStackConfig.defaults().withS3(s3.resolve(cli.environment()));
          try (LocalStack stack = LocalStack.start(config)) {
            return printer.run(stack.vertx(), "127.0.0.1", stack.port(), json);
          }
        }
        Vertx vertx = Vertx.vertx();
        try {
          return printer.run(vertx, hostPort[0], Integer.parseInt(hostPort[1]), json);
        } finally {
          vertx.close().await(10, TimeUnit.SECONDS);
        }
      }
    } catch (BuzzException e) {
      err.println("buzz: " + BuzzCli.oneLine(e.getMessage()));
      return e.code().exitCode();
    } catch (IllegalArgumentException e) {
      err.println("buzz: " + BuzzCli.oneLine(e.getMessage()));
      return 2;
    } catch (java.util.concurrent.TimeoutException e) {
      return 0; // closing the client's Vert.x took long; the result is complete
    }
  }

  /**
   * Ctrl-C (or SIGTERM) while a query runs cancels it on the server, says so and exits with 130, as
   * a shell does for an interrupted command. The JVM runs this hook on its way out; after a query
   * has ended it does nothing.
   */
  private static void cancelOnInterrupt(ResultPrinter printer, PrintWriter err) {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  if (printer.cancelRunning(Duration.ofSeconds(2))) {
                    err.println("buzz: query cancelled");
                    err.flush();
                    Runtime.getRuntime().halt(130);
                  }
                },
                "buzz-interrupt"));
  }

  /** Runs the query on the deployed Fuse function and prints its result as a local one. */
  private int runOnAws(ResultPrinter printer, String json) {
    io.buzz.fuse.aws.AwsSettings settings = aws.load(cli.environment(), false);
    try (org.apache.arrow.memory.BufferAllocator allocator =
            new org.apache.arrow.memory.RootAllocator();
        io.buzz.fuse.aws.FuseFunctionClient client =
            new io.buzz.fuse.aws.FuseFunctionClient(
                settings, io.buzz.fuse.aws.AwsFuse.credentials(settings));
        io.buzz.fuse.client.QueryResult result =
            client.query(json, Duration.ofSeconds(timeoutSeconds), allocator)) {
      return printer.print(result);
    }
  }

  /** {@code host:port}, {@code [v6::addr]:port}; BAD_QUERY naming the option otherwise. */
  static String[] hostAndPort(String server) {
    int colon = server.lastIndexOf(':');
    String host = colon <= 0 ? "" : server.substring(0, colon);
    String port = colon < 0 ? "" : server.substring(colon + 1);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    boolean numeric = !port.isEmpty() && port.chars().allMatch(Character::isDigit);
    if (host.isEmpty() || !numeric || port.length() > 5 || Integer.parseInt(port) > 65535) {
      throw BuzzException.badQuery("--server must be HOST:PORT, got '" + server + "'");
    }
    return new String[] {host, port};
  }

  /** The format without {@code --format}. */
  String defaultFormat() {
    return "table";
  }

  /** Whether the query's statistics are worth printing (they are unless {@code --quiet}). */
  boolean wantsStatistics() {
    return true;
  }

  /**
   * The query's JSON, with relative local catalog paths made absolute.
   *
   * @throws BuzzException BAD_QUERY when the query cannot be read or built
   */
  abstract String queryJson();

  /**
   * The formats' options from the command line. Without {@code --max-width} a table for a terminal
   * is as wide as {@code COLUMNS} in {@code environment} says (shells set it, but export it only
   * when asked), and a table for a file or a pipe as wide as it is.
   */
  FormatOptions formatOptions(Map<String, String> environment) {
    boolean forTerminal = output == null && cli.standardOutput().terminal();
    int width = maxWidth != null ? maxWidth : forTerminal ? defaultMaxWidth(environment) : 0;
    if (width < 0) {
      throw BuzzException.badQuery("--max-width must not be negative, got " + width);
    }
    ParquetOptions parquet = ParquetOptions.DEFAULTS;
    if (rowGroupRows != null) {
      if (rowGroupRows < 1) {
        throw BuzzException.badQuery("--row-group-rows must be at least 1, got " + rowGroupRows);
      }
      parquet = parquet.withRowGroupRows(rowGroupRows);
    }
    return new FormatOptions(width, parquet);
  }

  /** {@code COLUMNS} when it is a positive number, else {@link FormatOptions#DEFAULT_MAX_WIDTH}. */
  static int defaultMaxWidth(Map<String, String> environment) {
    String columns = environment.get("COLUMNS");
    if (columns != null && columns.matches("[0-9]{1,5}") && Integer.parseInt(columns) > 0) {
      return Integer.parseInt(columns);
    }
    return FormatOptions.DEFAULT_MAX_WIDTH;
  }
}
